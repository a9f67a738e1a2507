"""Whole-queue plans on hand-built queues whose optimum is known."""

from __future__ import annotations

from graph_service.allocation.complexity import assess_complexity
from graph_service.allocation.facts import CaseFacts, WorkerFacts
from graph_service.allocation.rules import HardRule, blocking_rule, preference
from graph_service.allocation.solver import Plan, group_cases, solve
from graph_service.model.allocation_weights import AllocationPreferences, ComplexityWeights
from tests.allocation.builders import ON, case, worker

P = AllocationPreferences(load_spread_cost=0)
W = ComplexityWeights()


def _plan(
    cases: list[CaseFacts],
    workers: list[WorkerFacts],
    load: dict[str, float] | None = None,
    prefs: AllocationPreferences = P,
) -> Plan:
    complexity = {c.id: assess_complexity(c, ON, W) for c in cases}
    return solve(group_cases(cases, complexity), workers, load or {}, on=ON, prefs=prefs)


def _chosen(plan: Plan) -> dict[str, str | None]:
    return {
        cid: a.worker.id if a.worker else None for a in plan.assignments for cid in a.group.case_ids
    }


def _greedy(
    cases: list[CaseFacts], workers: list[WorkerFacts], room: dict[str, int]
) -> dict[str, str | None]:
    """Each case in turn takes its cheapest allowed worker with room: what we must beat."""
    complexity = {c.id: assess_complexity(c, ON, W) for c in cases}
    chosen: dict[str, str | None] = {}
    for group in group_cases(cases, complexity):
        allowed = sorted(
            (preference(group, w, ON, P).cost, w.id)
            for w in workers
            if blocking_rule(group, w) is None and room[w.id] >= 1
        )
        pick = allowed[0][1] if allowed else None
        if pick:
            room[pick] -= 1
        chosen.update(dict.fromkeys(group.case_ids, pick))
    return chosen


def test_optimal_plan_allocates_both_where_greedy_strands_the_assessment() -> None:
    care = case("care_act_assessment", agency="ASC", locality="North")
    mha = case("mental_health_act", agency="ASC", locality="South")
    amhp = worker("AMHP", agency="ASC", locality="North", capabilities=("amhp",), limit=1)
    other = worker("OTHER", agency="ASC", locality="South", limit=1)
    greedy = _greedy([care, mha], [amhp, other], {"AMHP": 1, "OTHER": 1})
    assert greedy == {care.id: "AMHP", mha.id: None}
    plan = _plan([care, mha], [amhp, other])
    assert _chosen(plan) == {care.id: "OTHER", mha.id: "AMHP"}


def test_optimal_plan_has_lower_total_cost_than_greedy() -> None:
    # Two cases, two workers in the same locality as case A only; each worker has one place.
    # A slightly prefers W1 (domestic abuse), B strongly prefers W1 (its named worker).
    a = case(codes=("3B",), locality="North")
    b = case(locality="North")
    b.workers = {"W1": {b.subject_ids[0]}}
    w1 = worker("W1", capabilities=("domestic_abuse",), limit=1)
    w2 = worker("W2", limit=1)
    greedy = _greedy([a, b], [w1, w2], {"W1": 1, "W2": 1})
    assert greedy == {a.id: "W1", b.id: "W2"}
    plan = _plan([a, b], [w1, w2])
    assert _chosen(plan) == {a.id: "W2", b.id: "W1"}
    groups = group_cases([a, b], {c.id: assess_complexity(c, ON, W) for c in (a, b)})
    cost = {g.case_ids[0]: {w.id: preference(g, w, ON, P).cost for w in (w1, w2)} for g in groups}
    greedy_cost = sum(cost[c][w] for c, w in greedy.items() if w)
    assert plan.total_cost < greedy_cost * 4  # plan costs are per quarter-case unit
    assert plan.total_cost == (cost[a.id]["W2"] + cost[b.id]["W1"]) * 4


def test_siblings_stay_together_with_one_worker() -> None:
    siblings = [case(household="H-family") for _ in range(3)]
    workers = [worker(f"W{i}", limit=3) for i in range(3)]
    plan = _plan(siblings, workers, prefs=AllocationPreferences())
    assert len(set(_chosen(plan).values())) == 1
    assert len(plan.assignments) == 1 and len(plan.assignments[0].group.case_ids) == 3


def test_nobody_goes_over_capacity_and_the_rest_are_reported_with_the_rule() -> None:
    cases = [case() for _ in range(5)]
    workers = [worker("W1", limit=3), worker("W2", limit=3)]
    plan = _plan(cases, workers, load={"W1": 1.0, "W2": 2.0})
    assert all(load.after <= load.limit for load in plan.loads)
    assert sum(1 for w in _chosen(plan).values() if w) == 3
    stuck = [a for a in plan.assignments if a.worker is None]
    assert len(stuck) == 2
    assert all(a.blocked_by and a.blocked_by.rule is HardRule.CAPACITY for a in stuck)


def test_unallocatable_case_names_the_blocking_rule() -> None:
    plan = _plan(
        [case("deprivation_of_liberty", agency="ASC")],
        [worker("W1", agency="ASC"), worker("W2", agency="ASC")],
    )
    blocked = plan.assignments[0].blocked_by
    assert blocked is not None and blocked.rule is HardRule.BEST_INTERESTS_ASSESSOR
    assert "2 of 2" in blocked.explanation


def test_load_is_spread_when_preferences_tie() -> None:
    cases = [case() for _ in range(4)]
    workers = [worker("W1", limit=10), worker("W2", limit=10)]
    plan = _plan(cases, workers, load={"W1": 6.0, "W2": 2.0}, prefs=AllocationPreferences())
    after = {load.worker.id: load.after for load in plan.loads}
    assert after == {"W1": 6.0, "W2": 6.0}  # every new case goes to the emptier worker


def test_suggestions_come_with_reasons_and_a_runner_up() -> None:
    c = case(locality="North")
    plan = _plan([c], [worker("W1", locality="North"), worker("W2", locality="South")])
    assignment = plan.assignments[0]
    assert assignment.worker is not None and assignment.worker.id == "W1"
    assert "same locality (North)" in assignment.reasons
    assert assignment.runner_up is not None and assignment.runner_up.worker.id == "W2"
    assert assignment.runner_up.cost - (assignment.cost or 0) == P.other_locality_cost


def test_weighted_cases_never_push_a_worker_over_the_limit() -> None:
    heavy = [
        case("child_protection", children=4, codes=("3B", "4B", "2B"), hazards=2) for _ in range(4)
    ]
    workers = [worker("W1", limit=3), worker("W2", limit=2)]
    plan = _plan(heavy, workers)
    assert all(load.after <= load.limit for load in plan.loads)
    assert sum(1 for w in _chosen(plan).values() if w) == 3  # 1.5 each: two fit in 3, one in 2


def test_groups_beyond_the_cheapest_arcs_are_solved_in_later_rounds() -> None:
    cases = [case() for _ in range(6)]
    workers = [worker(f"W{i}", limit=1) for i in range(6)]
    plan = _plan(cases, workers, prefs=AllocationPreferences(candidates_per_case=2))
    assert sorted(w for w in _chosen(plan).values() if w) == [f"W{i}" for i in range(6)]
    assert plan.rounds > 1
