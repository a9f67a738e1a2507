"""Every hard rule blocks, and each preference raises or lowers the cost with its reason."""

from __future__ import annotations

from graph_service.allocation.complexity import assess_complexity
from graph_service.allocation.facts import CaseFacts
from graph_service.allocation.rules import CaseGroup, HardRule, blocking_rule, preference
from graph_service.model.allocation_weights import AllocationPreferences, ComplexityWeights
from tests.allocation.builders import ON, case, worker

P = AllocationPreferences()


def _group(*cases: CaseFacts) -> CaseGroup:
    return CaseGroup(list(cases), [assess_complexity(c, ON, ComplexityWeights()) for c in cases])


def _complex_case() -> CaseFacts:
    return case("child_protection", children=4, codes=("3B", "4B", "2B"), hazards=2)


def test_mental_health_act_assessment_needs_an_amhp() -> None:
    group = _group(case("mental_health_act", agency="ASC"))
    block = blocking_rule(group, worker("W1", agency="ASC"))
    assert block is not None and block.rule is HardRule.AMHP
    assert blocking_rule(group, worker("W2", agency="ASC", capabilities=("amhp",))) is None


def test_an_amhp_from_another_agency_may_take_a_mental_health_act_assessment() -> None:
    group = _group(case("mental_health_act", agency="ASC"))
    assert blocking_rule(group, worker("W1", agency="MHT", capabilities=("amhp",))) is None


def test_deprivation_of_liberty_needs_a_best_interests_assessor() -> None:
    group = _group(case("deprivation_of_liberty", agency="ASC"))
    block = blocking_rule(group, worker("W1", agency="ASC", capabilities=("amhp",)))
    assert block is not None and block.rule is HardRule.BEST_INTERESTS_ASSESSOR
    bia = worker("W2", agency="ASC", capabilities=("best_interests_assessor",))
    assert blocking_rule(group, bia) is None


def test_the_most_complex_cases_never_go_to_a_worker_in_their_asye() -> None:
    group = _group(_complex_case())
    assert group.is_high
    block = blocking_rule(group, worker("W1", asye=True, years=0))
    assert block is not None and block.rule is HardRule.ASYE
    assert blocking_rule(_group(case()), worker("W1", asye=True, years=0)) is None


def test_a_worker_of_another_agency_is_blocked() -> None:
    block = blocking_rule(_group(case(agency="CSC")), worker("W1", agency="ASC"))
    assert block is not None and block.rule is HardRule.AGENCY


def test_continuity_named_worker_beats_family_worker_beats_stranger() -> None:
    c = case(children=2, subjects=1)
    subject, sibling = c.subject_ids[0], c.family[1].id
    c.workers = {"NAMED": {subject}, "FAMILY": {sibling}}
    group = _group(c)
    named, family, stranger = (
        preference(group, worker(w), ON, P) for w in ("NAMED", "FAMILY", "OTHER")
    )
    assert named.cost < family.cost < stranger.cost
    assert any("named worker" in r for r in named.reasons)
    assert any("works with the family" in r for r in family.reasons)


def test_locality_and_capability_move_the_cost() -> None:
    group = _group(case(locality="North", codes=("3B",)))
    near = preference(group, worker("W1", locality="North"), ON, P)
    far = preference(group, worker("W2", locality="South"), ON, P)
    specialist = preference(group, worker("W3", capabilities=("domestic_abuse",)), ON, P)
    assert far.cost - near.cost == P.other_locality_cost
    assert near.cost - specialist.cost == P.capability_match_bonus
    assert any("Domestic abuse" in r or "domestic" in r.lower() for r in specialist.reasons)


def test_newly_qualified_worker_costs_more_on_a_complex_case() -> None:
    group = _group(_complex_case())
    new = preference(group, worker("W1", years=1), ON, P)
    seasoned = preference(group, worker("W2", years=8), ON, P)
    assert new.cost - seasoned.cost == P.newly_qualified_on_complex_cost
