from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest

from graph_service.ingest.synthetic import REFERENCE_DATE, Borough, generate_borough
from graph_service.model.taxonomy import (
    AgencyKind,
    ConcernCode,
    HouseholdKind,
    WorkerCapability,
)
from graph_service.model.timescales import REFERRAL_KINDS, Milestone


@pytest.fixture(scope="module")
def borough() -> Borough:
    return generate_borough(20_000, seed=11)


def _people(borough: Borough) -> dict[str, dict[str, object]]:
    return {row["id"]: row["props"] for row in borough.nodes["Person"]}


def _age(born: date) -> int:
    return (
        REFERENCE_DATE.year
        - born.year
        - ((REFERENCE_DATE.month, REFERENCE_DATE.day) < (born.month, born.day))
    )


def test_same_seed_same_borough_other_seed_other_borough() -> None:
    first, again, other = (
        generate_borough(500, 5),
        generate_borough(500, 5),
        generate_borough(500, 6),
    )
    assert first.nodes == again.nodes and first.relationships == again.relationships
    assert first.nodes["Person"] != other.nodes["Person"]


@pytest.mark.parametrize("people", [10, 137, 5000])
def test_exactly_the_requested_number_of_person_records(people: int) -> None:
    assert generate_borough(people, 1).counts()["Person"] == people


def test_too_small_a_borough_is_refused() -> None:
    with pytest.raises(ValueError, match="people must be at least 10, got 3"):
        generate_borough(3, 1)


def test_every_household_composition_appears(borough: Borough) -> None:
    kinds = {row["props"]["kind"] for row in borough.nodes["Household"]}
    assert kinds == {kind.value for kind in HouseholdKind}


def test_every_agency_kind_and_worker_capability_appears(borough: Borough) -> None:
    agencies = {row["props"]["kind"] for row in borough.nodes["Agency"]}
    assert agencies == {kind.value for kind in AgencyKind}
    capabilities = {c for row in borough.nodes["Worker"] for c in row["props"]["capabilities"]}
    for needed in (
        "amhp",
        "best_interests_assessor",
        "domestic_abuse",
        "learning_disability",
        "asye",
    ):
        assert WorkerCapability(needed).value in capabilities
    assert all(row["props"]["caseload_limit"] > 0 for row in borough.nodes["Worker"])


def test_children_live_with_an_adult_and_have_ages_under_18(borough: Borough) -> None:
    people = _people(borough)
    members: dict[str, list[str]] = defaultdict(list)
    for row in borough.relationships["Person:MEMBER_OF:Household"]:
        members[row["end"]].append(row["start"])
    for household, ids in members.items():
        ages = [_age(people[i]["date_of_birth"]) for i in ids]  # type: ignore[arg-type]
        assert max(ages) >= 18, household
        assert min(ages) >= 0


def test_partners_across_households_and_parents_with_responsibility(borough: Borough) -> None:
    partners = Counter(
        row["props"]["kind"] for row in borough.relationships["Person:PARTNER_OF:Person"]
    )
    assert set(partners) == {"married", "civil_partner", "cohabiting", "ex"}
    ex_rows = [
        r for r in borough.relationships["Person:PARTNER_OF:Person"] if r["props"]["kind"] == "ex"
    ]
    assert all(r["props"]["to_date"] is not None for r in ex_rows)
    parents = Counter(
        row["props"]["kind"] for row in borough.relationships["Person:PARENT_OF:Person"]
    )
    assert {"birth", "step"} <= set(parents)
    responsibility = Counter(
        r["props"]["parental_responsibility"]
        for r in borough.relationships["Person:PARENT_OF:Person"]
    )
    assert responsibility[True] > responsibility[False] > 0


def test_concerns_follow_the_national_picture(borough: Borough) -> None:
    codes = Counter(row["props"]["code"] for row in borough.nodes["Concern"])
    cin = Counter({c: n for c, n in codes.items() if ConcernCode(c).info.cin_factor})
    top_two = {code for code, _ in cin.most_common(2)}
    assert top_two == {"4B", "3B"}, cin.most_common(5)


def test_toxic_trio_present_but_rare(borough: Borough) -> None:
    concern_code = {row["id"]: row["props"]["code"] for row in borough.nodes["Concern"]}
    household_of = {
        r["start"]: r["end"] for r in borough.relationships["Person:MEMBER_OF:Household"]
    }
    codes_by_household: dict[str, set[str]] = defaultdict(set)
    for row in borough.relationships["Person:SUBJECT_OF:Concern"]:
        codes_by_household[household_of.get(row["start"], "")].add(concern_code[row["end"]])
    trio = [
        h
        for h, codes in codes_by_household.items()
        if codes & {"3B", "3C"} and "4B" in codes and codes & {"1B", "2B"}
    ]
    families = {
        r["end"]
        for r in borough.relationships["Person:MEMBER_OF:Household"]
        if r["props"]["role"] == "child"
    }
    assert 0 < len(trio) < 0.02 * len(families)


def test_every_relationship_is_dated_and_sourced(borough: Borough) -> None:
    agencies = {row["id"] for row in borough.nodes["Agency"]}
    for rows in borough.relationships.values():
        for row in rows:
            props = row["props"]
            assert isinstance(props["from_date"], date)
            assert props["source_agency"] in agencies
            assert props["source_record_id"].startswith(props["source_agency"] + "/")


def test_duplicates_come_from_another_agency_mostly_spelled_otherwise(borough: Borough) -> None:
    people = _people(borough)
    assert 0.015 * 20_000 <= len(borough.duplicate_pairs) <= 0.02 * 20_000
    spelled_alike = 0
    for original, duplicate in borough.duplicate_pairs:
        a, b = people[original], people[duplicate]
        spelled_alike += (a["given_name"], a["family_name"]) == (b["given_name"], b["family_name"])
        assert a["source_agency"] != b["source_agency"]
        assert a["sex"] == b["sex"]
    # By default 28% are spelled right, and so is a name with no nickname drawn for
    # one: about 45%. The rest carry a nickname, a hyphen, a swap or a slip.
    assert 0.25 < spelled_alike / len(borough.duplicate_pairs) < 0.6


def test_hazards_places_peers_and_carers_exist(borough: Borough) -> None:
    rels = borough.relationship_counts()
    kinds = (
        "HAS_HAZARD",
        "FREQUENTS",
        "ASSOCIATES_WITH",
        "CARES_FOR",
        "KNOWN_TO",
        "INVOLVED_WITH",
        "ALLOCATED_TO",
        "RAISED_BY",
        "LIVES_AT",
        "EMPLOYED_BY",
    )
    for kind in kinds:
        assert rels[kind] > 0, kind
    child_carers = [
        r
        for r in borough.relationships["Person:CARES_FOR:Person"]
        if _age(_people(borough)[r["start"]]["date_of_birth"]) < 18
    ]  # type: ignore[arg-type]
    assert child_carers


def test_referrals_have_dated_steps_in_order_and_other_cases_none(borough: Borough) -> None:
    steps = [m.value for m in Milestone]
    kinds = {k.value for k in REFERRAL_KINDS}
    cases = [c["props"] for c in borough.nodes["Case"]]
    referrals = [p for p in cases if p["kind"] in kinds]
    others = [p for p in cases if p["kind"] not in kinds]
    assert referrals and others and not any(p.get(s) for p in others for s in steps)
    for case in referrals:
        end = case["closed_on"] or REFERENCE_DATE
        dated = [case[s] for s in steps if case.get(s)]
        assert all(case["opened_on"] <= day <= end for day in dated), case
        if case.get("initial_conference_on"):
            assert case["strategy_discussion_on"] <= case["initial_conference_on"]
    decided = sum(bool(p.get("decided_on")) for p in referrals)
    conferences = sum(bool(p.get("initial_conference_on")) for p in referrals)
    assert decided > 0.8 * len(referrals) and conferences > 0  # most decided, some conferences
