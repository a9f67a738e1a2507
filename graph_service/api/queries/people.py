"""A person by id, and people by name."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.api.context import Ctx
from graph_service.services.people import PeopleSearch, search_people
from graph_service.views.pagination import Connection, page_window
from graph_service.views.records import Person

__all__ = ["PeopleQueries"]


@strawberry.type
class PeopleQueries:
    @strawberry.field(description="One person, with every hazard; null when no such id.")
    async def person(self, info: Ctx, id: strawberry.ID) -> Person | None:
        # Through the request's batching loader (services.people.people_by_id), which
        # every person the response names shares.
        return await info.context.loaders.person.load(str(id))

    @strawberry.field(description="People by name, tolerant of spelling; ranked, paginated.")
    async def people(
        self,
        info: Ctx,
        search: str,
        date_of_birth: date | None = None,
        age_from: int | None = None,
        age_to: int | None = None,
        postcode: str | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Person]:
        window = page_window(first, after)
        asked = PeopleSearch(search, date_of_birth, age_from, age_to, postcode)
        context = info.context
        people, scores = await search_people(
            context.gateway, asked, context.reader(), window.offset, window.limit
        )
        for person in people:
            context.loaders.person.prime(str(person.id), person)
        return Connection.build(people, window, scores)
