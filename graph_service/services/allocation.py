"""Allocation: how complex a case is, who should take the queue (one plan, every
suggestion explained), and allocating a case under the hard rules, checked inside the
write with the case and the worker locked."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graph_service.allocation.decision import AllocationDecision, allocation_decision
from graph_service.allocation.planner import (
    AllocationRequest,
    PlanError,
    QueuePlan,
    case_complexity,
    plan_allocation,
)
from graph_service.allocation.report import plan_rows, plan_settings
from graph_service.analytics.report import AnalysisResult
from graph_service.model import rules
from graph_service.model.allocation_weights import AllocationPreferences, ComplexityWeights
from graph_service.model.errors import InvalidRequest, NotFound, check
from graph_service.model.rules import ProblemKind
from graph_service.services.analysis_cache import AnalysisCache, kept
from graph_service.services.cases import case as case_by_id
from graph_service.services.cases import written
from graph_service.services.people import people_by_id
from graph_service.services.reader import Reader
from graph_service.services.writing import Kind, Ref, Writer, lookup, new_id, provenance, text
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.store.values import Row
from graph_service.views.allocation import AllocationPlan, CaseComplexity
from graph_service.views.records import AllocationRecord, Case, Person, Worker

MAX_HISTORY = 200

__all__ = [
    "MAX_HISTORY",
    "Allocation",
    "AllocationBoard",
    "AllocationHistory",
    "AllocationRequest",
    "allocate_case",
    "allocation_board",
    "allocation_history",
    "allocation_plan",
    "complexity",
    "plan_report",
    "queue_plan",
]


async def complexity(
    gateway: GraphGateway, reader: Reader, case_id: str, on: date, weights: ComplexityWeights
) -> CaseComplexity | None:
    """How complex a case is on a date, factor by factor; None when there is no such case."""
    found = await case_complexity(gateway.read, case_id, on, weights)
    if found is None:
        return None
    reader.consulted(found.people)
    return CaseComplexity.of(found, on)


async def queue_plan(
    gateway: GraphGateway,
    request: AllocationRequest,
    weights: ComplexityWeights,
    prefs: AllocationPreferences,
    cache: AnalysisCache | None = None,
) -> QueuePlan:
    """One optimal plan for the cases asked about (named, or the oldest queued); with a
    cache, kept until the case data changes (an allocation changes it)."""

    async def compute() -> QueuePlan:
        try:
            return await plan_allocation(gateway.read, request, weights, prefs)
        except PlanError as error:
            raise InvalidRequest(error.field, error.problem) from None

    return await kept(cache, gateway, ("queue plan", request, weights, prefs), compute)


async def allocation_plan(
    gateway: GraphGateway,
    reader: Reader,
    request: AllocationRequest,
    weights: ComplexityWeights,
    prefs: AllocationPreferences,
    cache: AnalysisCache | None = None,
) -> AllocationPlan:
    """The plan as shown: the queued cases' families, whose facts it gives as reasons, are
    consulted; the caseloads it weighed count only as numbers. (Views are built afresh
    for each reader from the kept plan: need to know changes them.)"""
    result = await queue_plan(gateway, request, weights, prefs, cache)
    for each in result.complexity.values():
        reader.consulted(each.people)
    return AllocationPlan.of(result)


async def plan_report(
    gateway: GraphGateway,
    request: AllocationRequest,
    weights: ComplexityWeights,
    prefs: AllocationPreferences,
) -> AnalysisResult[dict[str, Any]]:
    """The plan as rows for a table, CSV or JSON, with the settings it was made under."""
    result = await queue_plan(gateway, request, weights, prefs)
    computed = datetime.now().astimezone()
    settings = plan_settings(weights, prefs)
    return AnalysisResult("allocation plan", result.as_of, computed, settings, plan_rows(result))


@dataclass(frozen=True)
class Allocation:
    """A practitioner's choice of worker for an open case, from a date. `reason` is needed
    when it departs from the suggestion, `reallocation_reason` when the case has a worker."""

    case_id: str
    worker_id: str
    from_date: date
    suggested_worker_id: str | None = None
    reason: str | None = None
    reallocation_reason: str | None = None
    allocated_by: str | None = None  # if given, it must be the writer: it is recorded anyway


async def allocate_case(
    gateway: GraphGateway,
    writer: Writer,
    chosen: Allocation,
    weights: ComplexityWeights,
    prefs: AllocationPreferences,
) -> Case:
    """Allocate the case, recording who decided and whether the suggestion was followed.
    The hard rules always apply, checked after the locks so no other allocation can change
    a caseload between check and write."""
    check(rules.future_date_problem(chosen.from_date, "fromDate", writer.today))
    if chosen.allocated_by is not None and chosen.allocated_by.strip() != writer.user:
        raise InvalidRequest(
            "allocatedBy",
            f"is recorded from your sign-in ({writer.user}); it cannot be someone else",
        )
    chosen = dataclasses.replace(
        chosen,
        reason=text("reason", chosen.reason, required=False),
        reallocation_reason=text("reallocationReason", chosen.reallocation_reason, required=False),
    )
    case, worker = chosen.case_id, chosen.worker_id

    async def work(tx: WriteTransaction) -> str:
        ids = (Ref(Kind.CASE, "caseId", [case]), Ref(Kind.WORKER, "workerId", [worker]))
        row = await lookup(tx, writer, *ids)
        if row["cases"][0]["status"] != "open":
            raise InvalidRequest("caseId", f"case {case} is closed", ProblemKind.ALREADY_ENDED)
        [held] = await tx.run("allocation_lock", caseId=case, workerId=worker)
        _check_dates(held, chosen)
        decision = await _decide(tx, writer, chosen, weights, prefs)
        if not decision.followed and chosen.reason is None:
            raise InvalidRequest(
                "reason", f"give a reason: the suggestion was {decision.suggested}"
            )
        agency = row["cases"][0].get("source_agency")
        record = {
            "from_date": chosen.from_date,
            "allocated_by": writer.user,
            "allocated_at": datetime.now(UTC),
            "followed_suggestion": decision.followed,
            "suggested_worker_id": decision.suggested_id,
            "override_reason": chosen.reason,
            "reallocation_reason": chosen.reallocation_reason,
            "complexity_score": decision.complexity.score,
            "complexity_band": decision.complexity.band.value,
        }
        await tx.run(
            "case_allocate",
            caseId=case,
            workerId=worker,
            fromDate=chosen.from_date,
            id=new_id("R"),
            props={**record, **provenance(agency, None)},
            involvementProps={
                "from_date": chosen.from_date,
                "role": "allocated worker",
                **provenance(agency, None),
            },
        )
        return case

    await gateway.write(work)
    return await written(gateway, case)


async def _decide(
    tx: WriteTransaction,
    writer: Writer,
    chosen: Allocation,
    weights: ComplexityWeights,
    prefs: AllocationPreferences,
) -> AllocationDecision:
    """The hard rules and the suggestion, read inside the allocating transaction."""
    try:
        decision = await allocation_decision(
            tx.run,
            chosen.case_id,
            chosen.worker_id,
            writer.today,
            chosen.suggested_worker_id,
            weights,
            prefs,
        )
    except PlanError as error:
        field = {"caseIds": "caseId", "workerIds": "workerId"}.get(error.field, error.field)
        if error.missing_id is not None:
            raise NotFound(field, error.missing_id, error.problem) from None
        raise InvalidRequest(field, error.problem, ProblemKind.ALREADY_ENDED) from None
    writer.reach.consulted(decision.complexity.people)
    if decision.problem is not None:
        field, message = decision.problem
        raise InvalidRequest(field, message, ProblemKind.RULE_BROKEN)
    return decision


def _check_dates(held: Row, chosen: Allocation) -> None:
    """An allocation starts within the case's life, after the one it replaces; replacing
    one takes a stated reason."""
    opened, current = held.get("opened_on"), held.get("current")
    if opened is not None and chosen.from_date < opened:
        raise InvalidRequest(
            "fromDate",
            f"must not be before the case opened on {opened}",
            ProblemKind.INVALID_DATE_RANGE,
        )
    if current is None:
        return
    if chosen.reallocation_reason is None:
        raise InvalidRequest(
            "reallocationReason",
            f"the case is allocated to {current['worker_id']} "
            f"from {current['from_date']}: give a reason to reallocate it",
        )
    if chosen.from_date < current["from_date"]:
        raise InvalidRequest(
            "fromDate",
            f"must not be before the current allocation began on {current['from_date']}",
            ProblemKind.INVALID_DATE_RANGE,
        )


@dataclass(frozen=True)
class AllocationHistory:
    """One allocation of a case: to whom, from and until when, and how it was decided."""

    record: AllocationRecord
    worker: Worker
    to_date: date | None


async def allocation_history(gateway: GraphGateway, case_id: str) -> list[AllocationHistory]:
    """Every allocation the case has had, oldest first."""
    rows = await gateway.read("case_allocations", id=case_id, limit=MAX_HISTORY)
    return [
        AllocationHistory(
            AllocationRecord.of(row["allocation"]),
            Worker.of(row["worker"]),
            row["allocation"].get("to_date"),
        )
        for row in rows
    ]


@dataclass
class AllocationBoard:
    """The unallocated queue as a senior practitioner allocates it: the plan, each case
    (kind, opened, subjects) and the people the cases are about (vetted before named)."""

    plan: AllocationPlan
    cases: list[Case]
    people: list[Person]


async def allocation_board(
    gateway: GraphGateway,
    reader: Reader,
    request: AllocationRequest,
    weights: ComplexityWeights,
    prefs: AllocationPreferences,
    cache: AnalysisCache | None = None,
) -> AllocationBoard:
    plan = await allocation_plan(gateway, reader, request, weights, prefs, cache)
    wanted = [str(c) for suggestion in plan.suggestions for c in suggestion.case_ids]
    found = await asyncio.gather(*(case_by_id(gateway, c) for c in wanted))
    queued = [c for c in found if c is not None]
    subjects = sorted({s for c in queued for s in c.subject_ids})
    people = [p for p in await people_by_id(gateway, subjects, request.on) if p is not None]
    return AllocationBoard(plan, queued, people)
