"""Toxic trio and young carers on small hand-built households."""

from __future__ import annotations

from datetime import date

import pytest

from graph_service.analytics.household_rules import toxic_trio, young_carer_candidates
from graph_service.analytics.households import ConcernFact, HouseholdFacts, HouseholdMember
from graph_service.model.thresholds import Thresholds

ON = date(2026, 6, 1)
T = Thresholds()


def _born(age: int, days_before_birthday: int = 10) -> date:
    """A date of birth making someone `age` on ON (their birthday is a few days away)."""
    return date(ON.year - age - 1, ON.month, ON.day + days_before_birthday)


class House:
    def __init__(self) -> None:
        self.facts = HouseholdFacts("H1", "Ashgrove", [])
        self.n = 0

    def member(self, name: str, age: int, **extra: object) -> str:
        self.facts.members.append(HouseholdMember(name, name, _born(age), **extra))  # type: ignore[arg-type]
        return name

    def concern(self, who: str, code: str) -> None:
        self.n += 1
        self.facts.concerns.append(ConcernFact(f"C{self.n}", code, who, date(2026, 1, 1), "Police"))


def _trio_house() -> House:
    house = House()
    house.member("mum", 35)
    house.member("dad", 37)
    house.member("kid", 9)
    house.concern("mum", "3B")
    house.concern("mum", "4B")
    house.concern("dad", "2B")
    return house


def test_toxic_trio_flags_each_child_with_the_evidence() -> None:
    flags = toxic_trio(_trio_house().facts, ON, T)
    assert [f.child.id for f in flags] == ["kid"]
    evidence = flags[0].evidence
    assert {f.what for f in evidence} == {
        "domestic abuse",
        "parental mental ill-health",
        "parental substance misuse",
    }
    abuse = next(f for f in evidence if f.what == "domestic abuse")
    assert [(c.code, c.subject.id if c.subject else None) for c in abuse.concerns] == [
        ("3B", "mum")
    ]
    assert "3B Domestic abuse" in abuse.text()
    assert "on mum, raised by Police on 2026-01-01" in abuse.text()


def test_two_of_three_is_not_the_toxic_trio() -> None:
    house = _trio_house()
    house.facts.concerns = [c for c in house.facts.concerns if c.code != "2B"]
    assert toxic_trio(house.facts, ON, T) == []


def test_toxic_trio_needs_a_child_under_18() -> None:
    house = _trio_house()
    house.facts.members = [m for m in house.facts.members if m.id != "kid"]
    house.member("kid", 18)
    assert toxic_trio(house.facts, ON, T) == []
    house.facts.members[-1] = HouseholdMember("kid", "kid", _born(17))
    assert len(toxic_trio(house.facts, ON, T)) == 1


def test_explicit_young_carer_by_code_or_caring_relationship() -> None:
    house = House()
    house.member("mum", 40)
    house.member("coded", 12)
    house.member("carer", 15, cares_for=("mum",))
    house.concern("coded", "7A")
    found = {c.child.id: c for c in young_carer_candidates(house.facts, ON, T)}
    assert found["coded"].kind == "explicit" and "7A" in str(found["coded"].reasons[0])
    assert found["carer"].kind == "explicit" and "caring for: mum" in str(found["carer"].reasons[0])


def test_hidden_young_carer_scores_and_explains_every_point() -> None:
    house = House()
    house.member("mum", 40)
    house.member("eldest", 14, young_carers_service=False)
    house.member("younger", 8)
    house.concern("mum", "4B")
    house.concern("eldest", "ATT")
    found = {c.child.id: c for c in young_carer_candidates(house.facts, ON, T)}
    eldest, younger = found["eldest"], found["younger"]
    assert eldest.kind == "hidden"
    # care need 2 + only adult has a need 3 + eldest 1 + attendance 2
    assert eldest.score == 8
    assert younger.score == 5
    assert all("[+" in str(reason) for reason in eldest.reasons)
    assert sum(int(str(r).rsplit("[+", 1)[1].rstrip("]")) for r in eldest.reasons) == eldest.score
    assert sum(r.weight or 0 for r in eldest.reasons) == eldest.score


def test_a_second_capable_adult_lowers_the_score() -> None:
    house = House()
    house.member("mum", 40)
    house.member("dad", 42)
    house.member("kid", 10)
    house.concern("mum", "6B")
    (kid,) = young_carer_candidates(house.facts, ON, T)
    assert kid.score == T.weight_care_need
    assert not any("no adult" in r.what for r in kid.reasons)


def test_hidden_carer_ages_are_5_to_17() -> None:
    house = House()
    house.member("gran", 80)
    house.member("toddler", 4)
    house.member("teen", 17)
    house.concern("gran", "ACN")
    found = {c.child.id for c in young_carer_candidates(house.facts, ON, T)}
    assert found == {"teen"}


def test_known_to_young_carers_service_is_shown() -> None:
    house = House()
    house.member("dad", 45)
    house.member("kid", 13, young_carers_service=True)
    house.concern("dad", "2B")
    (kid,) = young_carer_candidates(house.facts, ON, T)
    assert kid.known_to_young_carers_service


def test_thresholds_are_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPH_SERVICE_ANALYTICS_HIDDEN_CARER_MIN_AGE", "8")
    assert Thresholds().hidden_carer_min_age == 8
    house = House()
    house.member("mum", 40)
    house.member("kid", 6)
    house.concern("mum", "4B")
    assert young_carer_candidates(house.facts, ON, Thresholds()) == []
