"""Views of case complexity and allocation plans, each suggestion with its reasons."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from graph_service.allocation.complexity import Complexity
from graph_service.allocation.planner import QueuePlan
from graph_service.allocation.solver import Alternative, Assignment, WorkerLoad
from graph_service.views.records import Worker

__all__ = [
    "AllocationAlternative",
    "AllocationPlan",
    "AllocationSuggestion",
    "CaseComplexity",
    "ComplexityFactor",
    "Unallocatable",
    "WorkerCaseload",
]


@strawberry.type(description="One thing about the family that makes the case more complex.")
class ComplexityFactor:
    name: str
    count: int
    weight: float
    contribution: float
    evidence: list[str]


@strawberry.type(description="How complex a case is, every factor listed with its weight.")
class CaseComplexity:
    case_id: strawberry.ID
    as_of: date
    score: float
    band: str
    caseload_weight: float = strawberry.field(
        description="What the case counts for in a worker's caseload."
    )
    factors: list[ComplexityFactor]

    @classmethod
    def of(cls, complexity: Complexity, on: date) -> CaseComplexity:
        return cls(
            case_id=strawberry.ID(complexity.case_id),
            as_of=on,
            score=complexity.score,
            band=complexity.band.value,
            caseload_weight=complexity.caseload_weight,
            factors=[
                ComplexityFactor(
                    name=f.name,
                    count=f.count,
                    weight=f.weight,
                    contribution=f.contribution,
                    evidence=f.evidence,
                )
                for f in complexity.factors
            ],
        )


@strawberry.type(description="The next-best worker and why the plan chose another.")
class AllocationAlternative:
    worker: Worker
    cost: int
    reasons: list[str]
    why_not_chosen: str

    @classmethod
    def of(cls, alternative: Alternative) -> AllocationAlternative:
        return cls(
            worker=Worker.of(alternative.worker.details),
            cost=alternative.cost,
            reasons=alternative.reasons,
            why_not_chosen=alternative.why_not,
        )


@strawberry.type(description="The hard rule that left a case without a worker.")
class Unallocatable:
    rule: str
    statement: str
    explanation: str


@strawberry.type(description="The proposed worker for one family's cases, or why there is none.")
class AllocationSuggestion:
    case_ids: list[strawberry.ID] = strawberry.field(
        description="Cases allocated together: one family's cases at one agency."
    )
    complexity: list[CaseComplexity]
    worker: Worker | None
    cost: int | None = strawberry.field(description="Per caseload unit; lower is better.")
    reasons: list[str]
    runner_up: AllocationAlternative | None
    unallocatable: Unallocatable | None

    @classmethod
    def of(cls, a: Assignment, on: date) -> AllocationSuggestion:
        blocked = a.blocked_by
        return cls(
            case_ids=[strawberry.ID(c) for c in a.group.case_ids],
            complexity=[CaseComplexity.of(c, on) for c in a.group.complexities],
            worker=Worker.of(a.worker.details) if a.worker else None,
            cost=a.cost,
            reasons=a.reasons,
            runner_up=AllocationAlternative.of(a.runner_up) if a.runner_up else None,
            unallocatable=Unallocatable(
                rule=blocked.rule.value,
                statement=blocked.rule.statement,
                explanation=blocked.explanation,
            )
            if blocked
            else None,
        )


@strawberry.type(description="A worker's caseload (complexity-weighted) before and after the plan.")
class WorkerCaseload:
    worker: Worker
    before: float
    after: float
    limit: int

    @classmethod
    def of(cls, load: WorkerLoad) -> WorkerCaseload:
        return cls(
            worker=Worker.of(load.worker.details),
            before=load.before,
            after=load.after,
            limit=load.limit,
        )


@strawberry.type(description="A whole queue allocated at once, optimally under the hard rules.")
class AllocationPlan:
    as_of: date
    computed_at: datetime
    method: str
    allocated: int
    unallocatable: int
    suggestions: list[AllocationSuggestion]
    caseloads: list[WorkerCaseload] = strawberry.field(
        description="Every worker considered, by caseload after the plan, fullest first."
    )

    @classmethod
    def of(cls, result: QueuePlan) -> AllocationPlan:
        plan, on = result.plan, result.as_of
        suggestions = [AllocationSuggestion.of(a, on) for a in plan.assignments]
        loads = sorted(plan.loads, key=lambda w: (-w.after / max(w.limit, 1), w.worker.id))
        return cls(
            as_of=on,
            computed_at=result.computed_at,
            method=plan.method,
            allocated=sum(len(s.case_ids) for s in suggestions if s.worker),
            unallocatable=sum(len(s.case_ids) for s in suggestions if not s.worker),
            suggestions=suggestions,
            caseloads=[WorkerCaseload.of(w) for w in loads],
        )
