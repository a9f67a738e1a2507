"""The lists a practitioner pages through: concerns, cases, agencies and workers."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.api.context import Ctx
from graph_service.model.timescales import TimescaleState
from graph_service.services import cases, concerns, directory
from graph_service.services.cases import CaseFilter
from graph_service.services.concerns import ConcernFilter
from graph_service.views.pagination import Connection, page_window
from graph_service.views.records import Agency, Case, Concern, TimescaleStateView, Worker

__all__ = ["CaseQueries", "ConcernQueries", "DirectoryQueries"]


def _id(value: strawberry.ID | None) -> str | None:
    return str(value) if value else None


@strawberry.type
class ConcernQueries:
    @strawberry.field(description="Concerns, filtered; newest first.")
    async def concerns(
        self,
        info: Ctx,
        code: str | None = None,
        status: str | None = None,
        agency_id: strawberry.ID | None = None,
        raised_from: date | None = None,
        raised_to: date | None = None,
        person_id: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Concern]:
        window = page_window(first, after)
        asked = ConcernFilter(code, status, _id(agency_id), raised_from, raised_to, _id(person_id))
        context = info.context
        found = await concerns.concerns(
            context.gateway, asked, context.reader(), window.offset, window.limit
        )
        return Connection.build(found, window)


@strawberry.type
class DirectoryQueries:
    @strawberry.field
    async def agencies(
        self, info: Ctx, kind: str | None = None, first: int = 50, after: str | None = None
    ) -> Connection[Agency]:
        window = page_window(first, after)
        found = await directory.agencies(info.context.gateway, kind, window.offset, window.limit)
        return Connection.build(found, window)

    @strawberry.field
    async def workers(
        self,
        info: Ctx,
        team: str | None = None,
        capability: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Worker]:
        window = page_window(first, after)
        found = await directory.workers(
            info.context.gateway, team, capability, window.offset, window.limit
        )
        return Connection.build(found, window)


@strawberry.type
class CaseQueries:
    @strawberry.field(
        description="Cases matching every filter given, newest first. With `timescale`, the "
        "children's cases with a statutory timescale in that state on `asOf` (today if not "
        "given), the soonest due first: for example every overdue step."
    )
    async def cases(
        self,
        info: Ctx,
        status: str | None = None,
        kind: str | None = None,
        worker_id: strawberry.ID | None = None,
        unallocated: bool | None = None,
        timescale: TimescaleStateView | None = None,  # type: ignore[valid-type]
        as_of: date | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Case]:
        window = page_window(first, after)
        state = TimescaleState(timescale) if timescale is not None else None
        asked = CaseFilter(status, kind, _id(worker_id), unallocated, state, as_of)
        context = info.context
        found = await cases.cases(
            context.gateway, asked, context.reader(), window.offset, window.limit
        )
        return Connection.build(found, window)

    @strawberry.field(description="One case: subjects, worker and how it was allocated.")
    async def case(self, info: Ctx, id: strawberry.ID) -> Case | None:
        return await cases.case(info.context.gateway, str(id))
