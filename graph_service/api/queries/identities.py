"""The review queue of possible duplicates, and the decisions taken about a person."""

from __future__ import annotations

import strawberry

from graph_service.api.context import Ctx
from graph_service.services import identities
from graph_service.views.identities import LinkDecision, MatchReview
from graph_service.views.pagination import Connection, page_window

__all__ = ["IdentityQueries"]


@strawberry.type
class IdentityQueries:
    @strawberry.field(
        description="Pairs of records that may be one person, awaiting a reviewer: "
        "strongest evidence first, each with its weight field by field."
    )
    async def match_reviews(
        self,
        info: Ctx,
        person_id: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[MatchReview]:
        window = page_window(first, after)
        context = info.context
        asked = str(person_id) if person_id is not None else None
        reviews = await identities.review_queue(
            context.gateway, context.reader(), asked, window.offset, window.limit
        )
        return Connection.build(reviews, window)

    @strawberry.field(description="Every decision about a person's records, newest first.")
    async def link_decisions(self, info: Ctx, person_id: strawberry.ID) -> list[LinkDecision]:
        return await identities.link_decisions(info.context.gateway, str(person_id))
