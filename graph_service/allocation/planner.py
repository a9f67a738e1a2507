"""Read a queue's facts from the graph and plan it: the one path the API, CLI and bench share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graph_service.allocation.complexity import Complexity, assess_complexity
from graph_service.allocation.facts import CaseFacts, WorkerFacts
from graph_service.allocation.solver import Plan, group_cases, solve
from graph_service.model.allocation_weights import AllocationPreferences, ComplexityWeights
from graph_service.model.taxonomy import CaseKind, CaseStatus, WorkerCapability

__all__ = ["AllocationRequest", "PlanError", "QueuePlan", "case_complexity", "plan_allocation"]

Read = Callable[..., Awaitable[list[dict[str, Any]]]]
MAX_CASELOAD_CASES = 20_000
MAX_WORKERS = 2_000


class PlanError(ValueError):
    """The request names something that cannot be planned; says which field and why."""

    def __init__(self, field: str, problem: str, missing_id: str | None = None) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
        self.missing_id = missing_id


@dataclass(frozen=True)
class AllocationRequest:
    """Either named cases or the unallocated queue (oldest first, up to `queue_limit`)."""

    on: date
    case_ids: tuple[str, ...] | None = None
    queue_limit: int = 100
    agency_id: str | None = None
    worker_ids: tuple[str, ...] | None = None


@dataclass
class QueuePlan:
    plan: Plan
    complexity: dict[str, Complexity]
    as_of: date
    computed_at: datetime


async def _case_facts(read: Read, case_ids: list[str], on: date) -> list[CaseFacts]:
    rows = await read(
        "allocation_case_facts",
        caseIds=case_ids,
        caseLimit=MAX_CASELOAD_CASES,
        asOf=on,
        open=CaseStatus.OPEN.value,
    )
    return [CaseFacts.of(row) for row in rows]


async def case_complexity(
    read: Read, case_id: str, on: date, weights: ComplexityWeights
) -> Complexity | None:
    facts = await _case_facts(read, [case_id], on)
    return assess_complexity(facts[0], on, weights) if facts else None


async def plan_allocation(
    read: Read,
    request: AllocationRequest,
    weights: ComplexityWeights,
    prefs: AllocationPreferences,
) -> QueuePlan:
    on = request.on
    queue_ids = await _queue_ids(read, request, prefs)
    cases = await _case_facts(read, queue_ids, on)
    missing = sorted(set(queue_ids) - {c.id for c in cases})
    if missing:
        raise PlanError("caseIds", f"no case with id {', '.join(missing[:5])}", missing[0])
    closed = [c.id for c in cases if c.status != CaseStatus.OPEN.value]
    if closed:
        raise PlanError("caseIds", f"case {', '.join(closed[:5])} is closed")
    worker_rows = await read(
        "allocation_workers",
        asOf=on,
        open=CaseStatus.OPEN.value,
        workerIds=list(request.worker_ids) if request.worker_ids is not None else None,
        agencyIds=sorted({c.agency_id for c in cases if c.agency_id}),
        includeAmhps=any(c.kind == CaseKind.MENTAL_HEALTH_ACT.value for c in cases),
        amhp=WorkerCapability.AMHP.value,
        workerLimit=MAX_WORKERS,
    )
    workers = [WorkerFacts.of(row) for row in worker_rows]
    if request.worker_ids is not None:
        unknown = sorted(set(request.worker_ids) - {w.id for w in workers})
        if unknown:
            raise PlanError(
                "workerIds", f"no current worker with id {', '.join(unknown[:5])}", unknown[0]
            )
    complexity = {c.id: assess_complexity(c, on, weights) for c in cases}
    current_load = await _current_load(read, workers, set(queue_ids), on, weights)
    plan = solve(group_cases(cases, complexity), workers, current_load, on, prefs)
    return QueuePlan(plan, complexity, on, datetime.now().astimezone())


async def _queue_ids(
    read: Read, request: AllocationRequest, prefs: AllocationPreferences
) -> list[str]:
    if request.case_ids is not None:
        ids = list(dict.fromkeys(request.case_ids))
        if not 1 <= len(ids) <= prefs.max_queue:
            raise PlanError("caseIds", f"give between 1 and {prefs.max_queue} cases")
        return ids
    if not 1 <= request.queue_limit <= prefs.max_queue:
        raise PlanError("limit", f"must be between 1 and {prefs.max_queue}")
    rows = await read(
        "allocation_queue",
        open=CaseStatus.OPEN.value,
        agencyId=request.agency_id,
        limit=request.queue_limit,
    )
    return [row["id"] for row in rows]


async def _current_load(
    read: Read, workers: list[WorkerFacts], queued: set[str], on: date, weights: ComplexityWeights
) -> dict[str, float]:
    """Each worker's open cases weighted by their complexity (queued cases excluded)."""
    held = sorted({c for w in workers for c in w.open_case_ids} - queued)
    rows = await read(
        "allocation_caseload_facts",
        caseIds=held,
        caseLimit=MAX_CASELOAD_CASES,
        asOf=on,
        open=CaseStatus.OPEN.value,
    )
    weight = {
        row["id"]: assess_complexity(CaseFacts.for_caseload(row), on, weights).caseload_weight
        for row in rows
    }
    return {
        w.id: sum(weight.get(c, 0.0) for c in w.open_case_ids if c not in queued) for w in workers
    }
