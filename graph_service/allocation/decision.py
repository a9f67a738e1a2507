"""Check one allocation a person has chosen against the hard rules and the suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph_service.allocation.complexity import Complexity
from graph_service.allocation.planner import AllocationRequest, Read, plan_allocation
from graph_service.model.allocation_weights import AllocationPreferences, ComplexityWeights

__all__ = ["AllocationDecision", "allocation_decision"]


@dataclass(frozen=True)
class AllocationDecision:
    complexity: Complexity
    suggested_id: str | None
    suggested: str  # the suggestion in words, for the error asking for a reason
    followed: bool
    problem: tuple[str, str] | None  # (field, message) when a hard rule forbids the choice


async def allocation_decision(
    read: Read,
    case_id: str,
    worker_id: str,
    on: date,
    suggested_id: str | None,
    weights: ComplexityWeights,
    prefs: AllocationPreferences,
) -> AllocationDecision:
    """Raises PlanError when the case or worker does not exist or the case is closed."""
    chosen = await plan_allocation(
        read, AllocationRequest(on, case_ids=(case_id,), worker_ids=(worker_id,)), weights, prefs
    )
    blocked = chosen.plan.assignments[0].blocked_by
    problem = None
    if blocked is not None:
        problem = ("workerId", f"{blocked.rule.statement}: {blocked.explanation}")
    suggested = f"worker {suggested_id}" if suggested_id else "no suggestion"
    if suggested_id is None:
        best = await plan_allocation(
            read, AllocationRequest(on, case_ids=(case_id,)), weights, prefs
        )
        assignment = best.plan.assignments[0]
        if assignment.worker is not None:
            suggested_id = assignment.worker.id
            suggested = f"{assignment.worker.name} ({suggested_id})"
        elif assignment.blocked_by is not None:
            suggested = f"unallocatable ({assignment.blocked_by.explanation})"
    return AllocationDecision(
        complexity=chosen.complexity[case_id],
        suggested_id=suggested_id,
        suggested=suggested,
        followed=suggested_id == worker_id,
        problem=problem,
    )
