"""A person's family network, a household, a chronology, and the nearest relative."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.api.context import Ctx
from graph_service.services.chronology import chronology
from graph_service.services.households import household
from graph_service.services.nearest_relative import nearest_relative
from graph_service.services.network import family_network
from graph_service.views.nearest_relative import NearestRelative
from graph_service.views.records import ChronologyEvent, FamilyNetwork, HouseholdView

__all__ = ["ChronologyQueries", "FamilyQueries", "NearestRelativeQueries"]


@strawberry.type
class FamilyQueries:
    @strawberry.field(description="The network around a person as it stood on a date.")
    async def family_network(
        self, info: Ctx, person_id: strawberry.ID, depth: int = 2, as_of: date | None = None
    ) -> FamilyNetwork | None:
        on = as_of or info.context.today
        return await family_network(info.context.gateway, str(person_id), depth, on)

    @strawberry.field
    async def household(self, info: Ctx, id: strawberry.ID) -> HouseholdView | None:
        return await household(info.context.gateway, str(id))


@strawberry.type
class NearestRelativeQueries:
    @strawberry.field(description="MHA 1983 s.26 nearest relative of a patient on a date.")
    async def nearest_relative(
        self, info: Ctx, person_id: strawberry.ID, as_of: date | None = None
    ) -> NearestRelative | None:
        on = as_of or info.context.today
        answer = await nearest_relative(info.context.gateway, str(person_id), on)
        return NearestRelative.of(answer) if answer else None


@strawberry.type
class ChronologyQueries:
    @strawberry.field(description="What happened, in date order, each with its source agency.")
    async def chronology(
        self,
        info: Ctx,
        person_id: strawberry.ID | None = None,
        household_id: strawberry.ID | None = None,
        limit: int = 200,
    ) -> list[ChronologyEvent]:
        return await chronology(
            info.context.gateway,
            info.context.reader(),
            str(person_id) if person_id else None,
            str(household_id) if household_id else None,
            limit,
        )
