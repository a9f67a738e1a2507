"""The review queue of possible duplicates, and the decisions taken about a person."""

from __future__ import annotations

import strawberry

from graph_service.api.context import Ctx
from graph_service.model.errors import InvalidRequest
from graph_service.services import identities
from graph_service.views.identities import LinkDecision, MatchReview

__all__ = ["MAX_REVIEWS", "IdentityQueries"]

MAX_REVIEWS = 100


@strawberry.type
class IdentityQueries:
    @strawberry.field(
        description="Pairs of records that may be one person, awaiting a reviewer: "
        "strongest evidence first, each with its weight field by field."
    )
    async def match_reviews(
        self, info: Ctx, person_id: strawberry.ID | None = None, offset: int = 0, limit: int = 20
    ) -> list[MatchReview]:
        if not 1 <= limit <= MAX_REVIEWS:
            raise InvalidRequest("limit", f"must be between 1 and {MAX_REVIEWS}, got {limit}")
        if offset < 0:
            raise InvalidRequest("offset", f"must not be negative, got {offset}")
        context = info.context
        asked = str(person_id) if person_id is not None else None
        return await identities.review_queue(
            context.gateway, context.reader(), asked, offset, limit
        )

    @strawberry.field(description="Every decision about a person's records, newest first.")
    async def link_decisions(self, info: Ctx, person_id: strawberry.ID) -> list[LinkDecision]:
        return await identities.link_decisions(info.context.gateway, str(person_id))
