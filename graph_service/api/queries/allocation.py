"""How complex a case is, and who should take the queue."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from graph_service.api.context import Ctx
from graph_service.model.errors import InvalidRequest
from graph_service.services import allocation
from graph_service.services.allocation import AllocationRequest
from graph_service.views.allocation import AllocationPlan, CaseComplexity

__all__ = ["AllocationQueries", "AllocationQueue"]


@strawberry.enum(description="Which cases to plan when none are named.")
class AllocationQueue(Enum):
    UNALLOCATED = "unallocated"


@strawberry.type
class AllocationQueries:
    @strawberry.field(description="How complex a case is on a date, factor by factor.")
    async def case_complexity(
        self, info: Ctx, case_id: strawberry.ID, as_of: date | None = None
    ) -> CaseComplexity | None:
        context = info.context
        on, weights = as_of or context.today, context.settings.complexity
        return await allocation.complexity(
            context.gateway, context.reader(), str(case_id), on, weights
        )

    @strawberry.field(
        description="Who should take these cases (or the oldest of the unallocated queue): "
        "one optimal plan for all of them, each suggestion with its reasons and runner-up."
    )
    async def allocation_suggestions(
        self,
        info: Ctx,
        case_ids: list[strawberry.ID] | None = None,
        queue: AllocationQueue | None = None,
        agency_id: strawberry.ID | None = None,
        worker_ids: list[strawberry.ID] | None = None,
        limit: int = 100,
        as_of: date | None = None,
    ) -> AllocationPlan:
        if case_ids is not None and queue is not None:
            raise InvalidRequest("caseIds", "give either caseIds or queue, not both")
        if case_ids is None and queue is None:
            raise InvalidRequest("caseIds", "give caseIds or queue: which cases to plan")
        context = info.context
        request = AllocationRequest(
            on=as_of or context.today,
            case_ids=tuple(str(c) for c in case_ids) if case_ids is not None else None,
            queue_limit=limit,
            agency_id=str(agency_id) if agency_id else None,
            worker_ids=tuple(str(w) for w in worker_ids) if worker_ids is not None else None,
        )
        settings = context.settings
        return await allocation.allocation_plan(
            context.gateway,
            context.reader(),
            request,
            settings.complexity,
            settings.allocation,
            context.analyses,
        )
