"""Allocate a whole queue at once: min-cost flow over the bipartite case-worker graph.

Each family group (one family's cases at one agency) supplies its caseload in quarter-case
units; arcs to the workers it may have (hard rules) cost its preference per unit; each
worker's spare capacity drains to the sink through tiers that cost more as the worker fills
(spreading load); an arc to "unallocated" costs more than any assignment, so as much of the
queue as the rules allow is allocated. Network simplex gives the optimum. A group the flow
splits between workers is fixed to its largest share that fits whole and the rest re-solved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from graph_service.allocation.complexity import Complexity
from graph_service.allocation.facts import CaseFacts, WorkerFacts
from graph_service.allocation.rules import (
    Block,
    CaseGroup,
    HardRule,
    Preference,
    blocking_rule,
    preference,
)
from graph_service.model.allocation_weights import AllocationPreferences

__all__ = [
    "UNITS_PER_CASE",
    "Alternative",
    "Assignment",
    "Plan",
    "WorkerLoad",
    "group_cases",
    "solve",
    "units",
]

UNITS_PER_CASE = 4
_UNALLOCATED = ("unallocated",)
_SINK = ("sink",)
_MAX_ROUNDS = 25


def units(caseload: float) -> int:
    return max(1, round(caseload * UNITS_PER_CASE))


@dataclass(frozen=True)
class Alternative:
    worker: WorkerFacts
    cost: int
    reasons: list[str]
    why_not: str


@dataclass
class Assignment:
    """The plan for one family group: the worker and why, or the rule that blocked it."""

    group: CaseGroup
    worker: WorkerFacts | None = None
    cost: int | None = None
    reasons: list[str] = field(default_factory=list)
    runner_up: Alternative | None = None
    blocked_by: Block | None = None


@dataclass(frozen=True)
class WorkerLoad:
    worker: WorkerFacts
    before: float
    after: float

    @property
    def limit(self) -> int:
        return self.worker.caseload_limit


@dataclass
class Plan:
    assignments: list[Assignment]
    loads: list[WorkerLoad]
    method: str
    rounds: int
    total_cost: int


def group_cases(cases: Iterable[CaseFacts], complexity: dict[str, Complexity]) -> list[CaseGroup]:
    groups: dict[tuple[str, str | None], CaseGroup] = {}
    for case in cases:
        key = (case.family_key, case.agency_id)
        group = groups.setdefault(key, CaseGroup([], []))
        group.cases.append(case)
        group.complexities.append(complexity[case.id])
    return list(groups.values())


def solve(
    groups: list[CaseGroup],
    workers: list[WorkerFacts],
    current_load: dict[str, float],
    on: date,
    prefs: AllocationPreferences,
) -> Plan:
    room = {
        w.id: w.caseload_limit * UNITS_PER_CASE - units_of(current_load.get(w.id, 0.0))
        for w in workers
    }
    options = {id(g): _options(g, workers, on, prefs) for g in groups}
    assignments = {id(g): Assignment(g) for g in groups}
    pending, rounds = [g for g in groups if options[id(g)]], 0
    while pending and rounds < _MAX_ROUNDS:
        rounds += 1
        flows, arcs = _min_cost_flow(pending, options, room, current_load, prefs)
        left = _fix(pending, flows, arcs, options, room, assignments)
        if len(left) == len(pending):
            break  # nothing more can be placed
        pending = left
    added: dict[str, float] = defaultdict(float)
    for a in assignments.values():
        if a.worker is not None:
            added[a.worker.id] += a.group.caseload
    loads = [
        WorkerLoad(w, current_load.get(w.id, 0.0), current_load.get(w.id, 0.0) + added[w.id])
        for w in workers
    ]
    by_worker = {load.worker.id: load for load in loads}
    total = 0
    for group in groups:
        assignment = assignments[id(group)]
        if assignment.worker is not None:
            assignment.runner_up = _runner_up(assignment, options[id(group)], room, by_worker)
        else:
            assignment.blocked_by = _blocked(group, workers)
        total += (assignment.cost or 0) * units(group.caseload)
    method = "min-cost flow (network simplex) over the case-worker graph"
    return Plan(list(assignments.values()), loads, method, rounds, total)


def units_of(caseload: float) -> int:
    return round(caseload * UNITS_PER_CASE)


def _options(
    group: CaseGroup, workers: list[WorkerFacts], on: date, prefs: AllocationPreferences
) -> list[tuple[WorkerFacts, Preference]]:
    """Workers the hard rules allow, cheapest first."""
    allowed = [
        (w, preference(group, w, on, prefs)) for w in workers if blocking_rule(group, w) is None
    ]
    allowed.sort(key=lambda wp: (wp[1].cost, wp[0].id))
    return allowed


def _candidates(
    options: list[tuple[WorkerFacts, Preference]], need: int, room: dict[str, int], limit: int
) -> list[tuple[WorkerFacts, Preference]]:
    """The flow's arcs: the cheapest `limit` workers with room for the whole group, emptiest
    first among equals. A group these cannot take is re-solved with the next ones."""
    fitting = [(w, p) for w, p in options if room[w.id] >= need]
    fitting.sort(key=lambda wp: (wp[1].cost, -room[wp[0].id] / max(wp[0].caseload_limit, 1)))
    return fitting[:limit]


def _min_cost_flow(
    pending: list[CaseGroup],
    options: dict[int, list[tuple[WorkerFacts, Preference]]],
    room: dict[str, int],
    current_load: dict[str, float],
    prefs: AllocationPreferences,
) -> tuple[dict[int, dict[str, int]], dict[int, set[str]]]:
    """The optimal flow for the pending groups, and each group's arcs (worker ids)."""
    graph: nx.DiGraph[tuple[object, ...]] = nx.DiGraph()
    supply = 0
    worst = prefs.base_cost + prefs.other_locality_cost + prefs.newly_qualified_on_complex_cost
    unallocated_cost = 10 * (worst + prefs.load_spread_cost + 1)
    used: dict[str, WorkerFacts] = {}
    arcs: dict[int, set[str]] = {}
    for group in pending:
        need = units(group.caseload)
        supply += need
        node = ("group", id(group))
        graph.add_node(node, demand=-need)
        graph.add_edge(node, _UNALLOCATED, capacity=need, weight=unallocated_cost)
        arcs[id(group)] = set()
        for worker, pref in _candidates(options[id(group)], need, room, prefs.candidates_per_case):
            graph.add_edge(node, ("worker", worker.id), capacity=need, weight=pref.cost)
            used[worker.id] = worker
            arcs[id(group)].add(worker.id)
    for worker in used.values():
        _add_capacity_tiers(graph, worker, room[worker.id], current_load, prefs)
    graph.add_edge(_UNALLOCATED, _SINK, capacity=supply, weight=0)
    graph.add_node(_SINK, demand=supply)
    _, flow = nx.network_simplex(graph)
    flows = {
        id(g): {target[-1]: f for target, f in flow[("group", id(g))].items() if f > 0}
        for g in pending
    }
    return flows, arcs


def _add_capacity_tiers(
    graph: nx.DiGraph[tuple[object, ...]],
    worker: WorkerFacts,
    spare: int,
    current_load: dict[str, float],
    prefs: AllocationPreferences,
) -> None:
    """Spare capacity in one-case tiers; each costs the worker's load share once it is used."""
    limit = max(worker.caseload_limit * UNITS_PER_CASE, 1)
    start = units_of(current_load.get(worker.id, 0.0))
    for offset in range(0, spare, UNITS_PER_CASE):
        tier = ("tier", worker.id, offset)
        size = min(UNITS_PER_CASE, spare - offset)
        share = (start + offset + size) / limit
        graph.add_edge(
            ("worker", worker.id), tier, capacity=size, weight=round(prefs.load_spread_cost * share)
        )
        graph.add_edge(tier, _SINK, capacity=size, weight=0)


def _fix(
    pending: list[CaseGroup],
    flows: dict[int, dict[str, int]],
    arcs: dict[int, set[str]],
    options: dict[int, list[tuple[WorkerFacts, Preference]]],
    room: dict[str, int],
    assignments: dict[int, Assignment],
) -> list[CaseGroup]:
    """Keep every whole assignment; fix split groups to their largest share that still fits;
    a group left unallocated while workers beyond its arcs have room goes round again."""
    left = []
    for group in sorted(pending, key=lambda g: len(flows[id(g)])):
        need = units(group.caseload)
        shares = sorted(flows[id(group)].items(), key=lambda kv: -kv[1])
        if [t for t, _ in shares] == [_UNALLOCATED[0]]:
            if any(
                room[w.id] >= need and w.id not in arcs[id(group)] for w, _ in options[id(group)]
            ):
                left.append(group)
            continue
        target = next((t for t, _ in shares if t != _UNALLOCATED[0] and room[t] >= need), None)
        if target is None:
            left.append(group)
            continue
        worker, pref = next((w, p) for w, p in options[id(group)] if w.id == target)
        room[target] -= need
        assignment = assignments[id(group)]
        assignment.worker, assignment.cost, assignment.reasons = worker, pref.cost, pref.reasons
    return left


def _runner_up(
    assignment: Assignment,
    options: list[tuple[WorkerFacts, Preference]],
    room: dict[str, int],
    loads: dict[str, WorkerLoad],
) -> Alternative | None:
    """The best other worker: one with room after the plan if any, else the best full one."""
    need = units(assignment.group.caseload)
    others = [(w, p) for w, p in options if w.id != (assignment.worker and assignment.worker.id)]
    if not others:
        return None
    worker, pref = next(((w, p) for w, p in others if room[w.id] >= need), others[0])
    load, chosen_cost = loads[worker.id], assignment.cost or 0
    if room[worker.id] < need:
        why = f"no room left after this plan (caseload {load.after:g} of {load.limit})"
    elif pref.cost > chosen_cost:
        why = f"a weaker match: costs {pref.cost - chosen_cost} more per caseload unit"
    else:
        why = (
            f"as good a match; the plan spreads load and keeps room for other cases "
            f"(caseload {load.after:g} of {load.limit})"
        )
    return Alternative(worker, pref.cost, pref.reasons, why)


def _blocked(group: CaseGroup, workers: list[WorkerFacts]) -> Block:
    blocks = [b for w in workers if (b := blocking_rule(group, w)) is not None]
    if len(blocks) == len(workers):
        return _commonest(blocks, len(workers))
    eligible = len(workers) - len(blocks)
    problem = f"all {eligible} eligible worker(s) would go over their caseload limit"
    return Block(HardRule.CAPACITY, problem)


def _commonest(blocks: list[Block], total: int) -> Block:
    if not blocks:
        return Block(HardRule.AGENCY, "there are no workers to allocate to")
    if total == 1:  # one worker was asked about (a chosen allocation): say why not them
        return blocks[0]
    counts: dict[HardRule, int] = defaultdict(int)
    for block in blocks:
        counts[block.rule] += 1
    rule = max(counts, key=lambda r: counts[r])
    return Block(rule, f"{rule.statement}: {counts[rule]} of {total} worker(s) blocked by it")
