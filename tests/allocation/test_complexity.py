"""Case complexity: every factor counted from the family's facts, weighted by configuration."""

from __future__ import annotations

from datetime import timedelta

from graph_service.allocation.complexity import ComplexityBand, assess_complexity
from graph_service.allocation.facts import ConcernRecord
from graph_service.model.allocation_weights import ComplexityWeights
from tests.allocation.builders import ON, case

W = ComplexityWeights()


def _factors(c: object) -> dict[str, float]:
    return {f.name: f.contribution for f in assess_complexity(c, ON, W).factors}  # type: ignore[arg-type]


def test_a_quiet_case_is_low_and_counts_one_case() -> None:
    result = assess_complexity(case(children=1), ON, W)
    assert result.band is ComplexityBand.LOW
    assert result.caseload_weight == W.caseload_low
    assert {f.name for f in result.factors} == {"children in the family"}


def test_toxic_trio_headline_problems_hazards_and_child_protection_add_up() -> None:
    c = case("child_protection", children=3, codes=("3B", "4B", "2B"), hazards=1)
    c.agencies = {"AG1": "Police", "AG2": "School"}
    result = assess_complexity(c, ON, W)
    factors = {f.name: f for f in result.factors}
    assert factors["toxic trio"].contribution == W.toxic_trio
    assert len(factors["toxic trio"].evidence) == 3
    assert factors["headline problems"].count == 3  # domestic abuse, mental health, substances
    assert factors["children in the family"].count == 3
    assert factors["hazards"].contribution == W.per_hazard
    assert factors["legal context: child protection"].contribution == W.child_protection
    assert factors["agencies involved"].evidence == ["Police", "School"]
    assert result.score == sum(f.contribution for f in result.factors)
    assert result.band is ComplexityBand.HIGH
    assert result.caseload_weight == W.caseload_high


def test_two_of_the_trio_is_not_the_trio() -> None:
    assert "toxic trio" not in _factors(case(codes=("3B", "4B")))


def test_recent_concerns_count_only_inside_the_window() -> None:
    c = case()
    c.concerns = [
        ConcernRecord("C-new", "1B", c.family[0].id, ON - timedelta(days=W.recent_days - 1)),
        ConcernRecord("C-old", "1B", c.family[0].id, ON - timedelta(days=W.recent_days + 1)),
    ]
    factor = next(f for f in assess_complexity(c, ON, W).factors if "last" in f.name)
    assert factor.count == 1 and "on" in factor.evidence[0]


def test_legal_context_of_another_open_case_in_the_family_counts() -> None:
    c = case(other_cases={"CS-other": "mental_health_act"})
    assert _factors(c)["legal context: mental health act"] == W.mental_health_act


def test_weights_are_configuration() -> None:
    heavy = ComplexityWeights(per_child=10.0, high_from=9.0)
    result = assess_complexity(case(children=1), ON, heavy)
    assert result.score == 10.0 and result.band is ComplexityBand.HIGH
