"""Think Family rules on hand-built families: who is alerted, by which rule, and why."""

from __future__ import annotations

from datetime import date

from graph_service.model.mash import Rag
from graph_service.model.taxonomy import Severity
from graph_service.model.think_family import (
    AlertRule,
    AlertSettings,
    Household,
    Neighbour,
    PlannedAlert,
    Trigger,
    TriggerKind,
    planned_alerts,
    worth_checking,
)

ON = date(2026, 12, 4)
ADULT, CHILD = date(1990, 1, 1), date(2016, 1, 1)
SETTINGS = AlertSettings()
HOME = Household("H-home", {"P-dad": ADULT, "P-mum": ADULT, "P-kid": CHILD})


def concern(code: str, severity: Severity = Severity.HIGH, born: date | None = ADULT) -> Trigger:
    return Trigger(TriggerKind.CONCERN, "C-1", "P-dad", born, code, severity)


def by_subject(alerts: list[PlannedAlert]) -> dict[str, PlannedAlert]:
    return {a.subject_id: a for a in alerts}


def test_a_serious_concern_on_an_adult_alerts_the_household_and_partner() -> None:
    partner = Neighbour("P-mum", (HOME,))
    found = by_subject(planned_alerts(concern("3B"), [HOME], [partner], {}, SETTINGS, ON))
    assert set(found) == {"P-mum", "P-kid"}  # never the person it is about
    assert found["P-kid"].reasons == [
        "a high-severity domestic abuse concern about an adult in their household"
    ]
    assert found["P-mum"].reasons == [
        "a high-severity domestic abuse concern about someone they live with",
        "a high-severity domestic abuse concern about their partner",
    ]
    assert {a.rag for a in found.values()} == {Rag.RED}


def test_medium_severity_or_another_category_or_a_child_raises_nothing_by_that_rule() -> None:
    assert planned_alerts(concern("4B", Severity.MEDIUM), [HOME], [], {}, SETTINGS, ON) == []
    assert planned_alerts(concern("16A"), [HOME], [], {}, SETTINGS, ON) == []
    assert planned_alerts(concern("1B", born=date(2012, 1, 1)), [HOME], [], {}, SETTINGS, ON) == []


def test_a_serial_perpetrator_alerts_the_children_of_both_partners_households() -> None:
    first = Household("H-a", {"P-ann": ADULT, "P-a1": CHILD})
    second = Household("H-b", {"P-bea": ADULT, "P-b1": CHILD, "P-b2": date(2005, 1, 1)})
    partners = [Neighbour("P-ann", (first,)), Neighbour("P-bea", (second,))]
    own = Household("H-own", {"P-dad": ADULT})
    # Medium severity: the serious rule does not fire, the partner rule does.
    found = by_subject(
        planned_alerts(concern("3C", Severity.MEDIUM), [own], partners, {}, SETTINGS, ON)
    )
    assert set(found) == {"P-a1", "P-b1"}  # children only: P-b2 is 21
    assert found["P-a1"].rules == [AlertRule.ABUSE_PARTNER_ELSEWHERE.value]
    assert found["P-a1"].rag is Rag.AMBER


def test_a_partner_in_the_same_household_is_not_elsewhere() -> None:
    partner = Neighbour("P-mum", (HOME,))
    found = planned_alerts(concern("3B", Severity.LOW), [HOME], [partner], {}, SETTINGS, ON)
    assert found == []


def test_a_new_hazard_alerts_the_household_and_everyone_at_the_address_with_a_worker() -> None:
    hazard = Trigger(TriggerKind.HAZARD, "HZ-1", "P-dad", ADULT)
    residents = {"P-dad": ["W-1"], "P-lodger": ["W-2"], "P-nobody": []}
    found = by_subject(planned_alerts(hazard, [HOME], [], residents, SETTINGS, ON))
    assert set(found) == {"P-mum", "P-kid", "P-lodger"}
    assert found["P-lodger"].reasons == ["a new hazard at their address"]
    on_address = Trigger(TriggerKind.HAZARD, "HZ-2", None)
    found = by_subject(planned_alerts(on_address, [], [], residents, SETTINGS, ON))
    assert set(found) == {"P-dad", "P-lodger"}


def test_rules_can_be_switched_off_and_categories_chosen() -> None:
    only_hazards = AlertSettings(rules=frozenset({AlertRule.HAZARD_AT_ADDRESS}))
    assert planned_alerts(concern("3B"), [HOME], [], {}, only_hazards, ON) == []
    no_substance = AlertSettings(serious_categories=frozenset({"domestic_abuse"}))
    assert planned_alerts(concern("2B"), [HOME], [], {}, no_substance, ON) == []
    assert planned_alerts(concern("2B"), [HOME], [], {}, SETTINGS, ON) != []


def test_someone_of_unknown_age_is_taken_for_an_adult() -> None:
    assert planned_alerts(concern("4B", born=None), [HOME], [], {}, SETTINGS, ON) != []


def test_a_concern_raised_long_ago_is_history_not_news() -> None:
    old = Trigger(
        TriggerKind.CONCERN, "C-1", "P-dad", ADULT, "3B", Severity.HIGH, date(2026, 11, 5)
    )
    recent = Trigger(
        TriggerKind.CONCERN, "C-1", "P-dad", ADULT, "3B", Severity.HIGH, date(2026, 11, 6)
    )
    assert planned_alerts(old, [HOME], [], {}, SETTINGS, ON) == []  # 29 days before
    assert planned_alerts(recent, [HOME], [], {}, SETTINGS, ON) != []  # 28 days before
    assert not worth_checking(old, SETTINGS, ON) and worth_checking(recent, SETTINGS, ON)
    mild = Trigger(TriggerKind.CONCERN, "C-2", "P-dad", ADULT, "16A", Severity.HIGH, ON)
    assert not worth_checking(mild, SETTINGS, ON)  # no rule could fire: nothing is read
