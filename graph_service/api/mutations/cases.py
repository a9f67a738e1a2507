"""A case's life: opened, its statutory steps, allocated, closed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from graph_service.api.mutations.payloads import CasePayload, Ctx, command, user_errors
from graph_service.model.taxonomy import CaseKind
from graph_service.model.timescales import Milestone
from graph_service.services import allocation, cases
from graph_service.services.allocation import Allocation
from graph_service.services.cases import NewCase

__all__ = ["CaseInput", "CaseMutations"]

CaseKindInput = strawberry.enum(CaseKind, name="CaseKind")
MilestoneInput = strawberry.enum(Milestone, name="CaseMilestone")


@strawberry.input
class CaseInput:
    kind: CaseKindInput  # type: ignore[valid-type]
    person_ids: list[strawberry.ID]
    opened_on: date
    agency_id: strawberry.ID


@strawberry.type
class CaseMutations:
    @strawberry.mutation(description="Open a case about one or more people.")
    @user_errors
    async def open_case(
        self, info: Ctx, input: CaseInput, idempotency_key: str | None = None
    ) -> CasePayload:
        context = info.context
        new = command(NewCase, input, person_ids=tuple(str(p) for p in input.person_ids))
        return await cases.open_case(context.gateway, context.writer(), new, idempotency_key)

    @strawberry.mutation(description="Close a case; its allocation ends the same day.")
    @user_errors
    async def close_case(self, info: Ctx, id: strawberry.ID, closed_on: date) -> CasePayload:
        context = info.context
        return await cases.close_case(context.gateway, context.writer(), str(id), closed_on)

    @strawberry.mutation(
        description="Record when a step of a children's case happened: the "
        "decision on the referral, the assessment, the strategy discussion or "
        "the initial conference (see Case.timescales)."
    )
    @user_errors
    async def record_case_milestone(
        self,
        info: Ctx,
        case_id: strawberry.ID,
        milestone: MilestoneInput,  # type: ignore[valid-type]
        on: date,
    ) -> CasePayload:
        context = info.context
        step = Milestone(milestone)
        return await cases.record_milestone(
            context.gateway, context.writer(), str(case_id), step, on
        )

    @strawberry.mutation(
        description="Allocate an open case to a worker from a date, recording who decided (the "
        "signed-in user) and whether the suggestion was followed (a reason is required when it "
        "was not). The hard rules (agency, AMHP, Best Interests Assessor, ASYE, caseload "
        "limit) always apply, checked inside the write with the case and worker locked. A "
        "case that already has a worker is reallocated only with a reallocationReason."
    )
    @user_errors
    async def allocate_case(
        self,
        info: Ctx,
        case_id: strawberry.ID,
        worker_id: strawberry.ID,
        from_date: date,
        suggested_worker_id: strawberry.ID | None = None,
        reason: str | None = None,
        allocated_by: Annotated[
            str | None,
            strawberry.argument(description="Optional; must be the signed-in user when given."),
        ] = None,
        reallocation_reason: Annotated[
            str | None,
            strawberry.argument(
                description="Why a case that has a worker moves to another (or again to the "
                "same): required then."
            ),
        ] = None,
    ) -> CasePayload:
        context = info.context
        chosen = Allocation(
            str(case_id),
            str(worker_id),
            from_date,
            str(suggested_worker_id) if suggested_worker_id else None,
            reason,
            reallocation_reason,
            allocated_by,
        )
        settings = context.settings
        return await allocation.allocate_case(
            context.gateway, context.writer(), chosen, settings.complexity, settings.allocation
        )
