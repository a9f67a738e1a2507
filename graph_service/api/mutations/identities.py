"""A reviewer's decisions about who is one person: confirm, reject, un-merge."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.errors import NotFoundError, ValidationError
from graph_service.api.mutations.payloads import Ctx, user_errors
from graph_service.services import identities
from graph_service.views.identities import MatchReview, Unmerged
from graph_service.views.records import Person

__all__ = ["IdentityMutations"]

ConfirmPayload = Annotated[
    Person | NotFoundError | ValidationError, strawberry.union("ConfirmMatchPayload")
]
RejectPayload = Annotated[
    MatchReview | NotFoundError | ValidationError, strawberry.union("RejectMatchPayload")
]
UnmergePayload = Annotated[
    Unmerged | NotFoundError | ValidationError, strawberry.union("UnmergeRecordPayload")
]


@strawberry.type
class IdentityMutations:
    @strawberry.mutation(
        description="The pair's records are one person: link them. Refused, with the "
        "reason, when they must not be (related to each other, overlapping child "
        "protection plans, ruled two people before)."
    )
    @user_errors
    async def confirm_match(
        self, info: Ctx, review_id: strawberry.ID, reason: str
    ) -> ConfirmPayload:
        context = info.context
        return await identities.confirm_match(
            context.gateway, context.writer(), str(review_id), reason
        )

    @strawberry.mutation(description="The pair is two people: never proposed again.")
    @user_errors
    async def reject_match(self, info: Ctx, review_id: strawberry.ID, reason: str) -> RejectPayload:
        context = info.context
        return await identities.reject_match(
            context.gateway, context.writer(), str(review_id), reason
        )

    @strawberry.mutation(
        description="Take a record out of the person it was linked into; it is its own "
        "person again, with everything its agency recorded."
    )
    @user_errors
    async def unmerge_record(
        self, info: Ctx, record_id: strawberry.ID, reason: str
    ) -> UnmergePayload:
        context = info.context
        return await identities.unmerge_record(
            context.gateway, context.writer(), str(record_id), reason
        )
