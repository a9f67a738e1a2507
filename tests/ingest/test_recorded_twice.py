"""The synthetic borough is honest about duplicates: each carries its agency's facts and
the errors agencies make, some true non-matches look alike, and the truth is kept."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from typing import Any

import pytest

from graph_service.ingest.recorded_twice import (
    DuplicateProfile,
    birth_as_recorded,
    name_as_recorded,
)
from graph_service.ingest.synthetic import Borough, generate_borough
from graph_service.model.nicknames import NICKNAMES

PEOPLE = 20_000


@pytest.fixture(scope="module")
def borough() -> Borough:
    return generate_borough(PEOPLE, seed=11)


def _people(borough: Borough) -> dict[str, dict[str, Any]]:
    return {row["id"]: row["props"] for row in borough.nodes["Person"]}


def test_every_kind_of_error_agencies_make_is_there_in_its_share(borough: Borough) -> None:
    errors = Counter(e for found in borough.duplicate_errors.values() for e in found)
    count = len(borough.duplicate_pairs)
    assert count == len(borough.duplicate_errors) >= 0.015 * PEOPLE
    for kind in (
        "nickname",
        "hyphenated",
        "double_barrelled",
        "swapped",
        "typo",
        "transposed",
        "mistyped",
        "missing",
        "moved",
        "elsewhere",
    ):
        assert errors[kind] > 0, kind
    unreliable_birth = sum(
        1 for found in borough.duplicate_errors.values() if {"mistyped", "missing"} & set(found)
    )
    assert unreliable_birth >= 0.25 * count
    moved = errors["moved"] + errors["elsewhere"]
    assert 0.35 <= moved / count <= 0.65  # the default share is a half
    assert 0.4 <= errors["moved"] / moved <= 0.8  # of those, 0.6 lived there before


def test_each_error_is_what_it_says(borough: Borough) -> None:
    people = _people(borough)
    for original, duplicate in borough.duplicate_pairs:
        a, b = people[original], people[duplicate]
        found = set(borough.duplicate_errors[duplicate])
        if "nickname" in found:
            assert b["given_name"] in NICKNAMES[a["given_name"]]
        if "swapped" in found:
            assert (b["given_name"], b["family_name"]) == (a["family_name"], a["given_name"])
        if "hyphenated" in found:
            assert b["family_name"].startswith(a["family_name"] + "-")
        if "missing" in found:
            assert b["date_of_birth"] is None
        if not {"missing", "mistyped", "transposed"} & found:
            assert b["date_of_birth"] == a["date_of_birth"]
        assert a["sex"] == b["sex"] and a["source_agency"] != b["source_agency"]


def test_a_duplicate_carries_its_agencys_own_facts(borough: Borough) -> None:
    duplicates = {d for _, d in borough.duplicate_pairs}
    references = {
        r["start"]: r["props"]["reference"]
        for r in borough.relationships["Person:KNOWN_TO:Agency"]
        if r["start"] in duplicates
    }
    assert set(references) == duplicates  # its own reference
    homes = {
        r["start"]
        for r in borough.relationships["Person:LIVES_AT:Address"]
        if r["start"] in duplicates
    }
    assert homes == duplicates  # an address as that agency has it
    raised = {
        r["start"]
        for r in borough.relationships["Person:SUBJECT_OF:Concern"]
        if r["start"] in duplicates
    }
    assert len(raised) >= 0.2 * len(duplicates)  # the concerns it raised on its record


def test_a_moved_duplicate_is_at_another_address_than_the_person_now(borough: Borough) -> None:
    lives: dict[str, set[str]] = {}
    for r in borough.relationships["Person:LIVES_AT:Address"]:
        if r["props"].get("to_date") is None:
            lives.setdefault(r["start"], set()).add(r["end"])
    checked = 0
    for original, duplicate in borough.duplicate_pairs:
        moved = {"moved", "elsewhere"} & set(borough.duplicate_errors[duplicate])
        if original in lives and not moved:
            assert lives[duplicate] <= lives[original]
            checked += 1
    assert checked > 0


def test_a_duplicate_at_an_older_address_shows_where_the_person_lived_before(
    borough: Borough,
) -> None:
    current: dict[str, set[str]] = {}
    past: dict[str, set[str]] = {}
    for r in borough.relationships["Person:LIVES_AT:Address"]:
        kept = past if r["props"].get("to_date") else current
        kept.setdefault(r["start"], set()).add(r["end"])
    checked = 0
    for original, duplicate in borough.duplicate_pairs:
        if "moved" in borough.duplicate_errors[duplicate]:
            assert current[duplicate] <= past[original]
            assert not current[duplicate] & current.get(original, set())
            checked += 1
    assert checked > 0


def test_twins_and_a_father_and_son_look_alike_but_are_not_one_person(borough: Borough) -> None:
    people = _people(borough)
    kinds = Counter(kind for _, _, kind in borough.lookalikes)
    assert kinds["twins"] > 0 and kinds["father and son"] > 0
    pairs = {frozenset(p) for p in borough.duplicate_pairs}
    for a, b, kind in borough.lookalikes:
        assert frozenset((a, b)) not in pairs
        x, y = people[a], people[b]
        assert x["family_name"] == y["family_name"]
        if kind == "twins":
            assert x["date_of_birth"] == y["date_of_birth"] and x["full_name"] != y["full_name"]
        else:
            assert x["given_name"] == y["given_name"] and x["date_of_birth"] < y["date_of_birth"]


def test_only_the_lookalikes_share_a_name_with_someone_in_their_household(
    borough: Borough,
) -> None:
    # Parents do not give two children one name: two of one name at one address are the
    # father and son the profile makes, or the linkage ground truth would be wrong.
    people = _people(borough)
    named: dict[tuple[str, str], list[str]] = {}
    for row in borough.relationships["Person:MEMBER_OF:Household"]:
        named.setdefault((row["end"], people[row["start"]]["full_name"]), []).append(row["start"])
    lookalikes = {frozenset((a, b)) for a, b, _ in borough.lookalikes}
    shared = [ids for ids in named.values() if len(ids) > 1]
    assert shared, "the father and son lookalikes share a household and a name"
    assert all(len(ids) == 2 and frozenset(ids) in lookalikes for ids in shared)


def test_the_rate_and_shares_are_the_generators_parameters() -> None:
    none_missing = DuplicateProfile(
        rate=0.05, missing_birth=0.0, mistyped_birth=0.0, transposed_birth=0.0
    )
    borough = generate_borough(4000, seed=3, duplicates=none_missing)
    assert 0.045 * 4000 <= len(borough.duplicate_pairs) <= 0.055 * 4000
    errors = {e for found in borough.duplicate_errors.values() for e in found}
    assert not {"missing", "mistyped", "transposed"} & errors


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rate": 1.5}, "rate"),
        ({"nickname": 0.6, "hyphenated": 0.3, "swapped": 0.2}, "nickname"),
        ({"misspelled": 0.5, "nickname": 0.5, "swapped": 0.1}, "misspelled"),
    ],
)
def test_a_bad_profile_is_refused_naming_the_share(change: dict[str, float], field: str) -> None:
    with pytest.raises(ValueError, match=field):
        DuplicateProfile(**change)


def test_names_and_births_as_another_agency_records_them() -> None:
    rng = random.Random(1)
    everything = DuplicateProfile(nickname=1.0, hyphenated=0, swapped=0, misspelled=0)
    assert name_as_recorded(rng, "William", "Hill", everything)[2] == "nickname"
    swapped = DuplicateProfile(nickname=0, hyphenated=0, swapped=1.0, misspelled=0)
    assert name_as_recorded(rng, "Theo", "Hill", swapped) == ("Hill", "Theo", "swapped")
    missing = DuplicateProfile(transposed_birth=0, mistyped_birth=0, missing_birth=1.0)
    assert birth_as_recorded(rng, date(2015, 3, 4), missing) == (None, "missing")
    transposed = DuplicateProfile(transposed_birth=1.0, mistyped_birth=0, missing_birth=0)
    assert birth_as_recorded(rng, date(2015, 3, 4), transposed) == (date(2015, 4, 3), "transposed")


def test_many_duplicates_are_spelled_right_and_the_share_misspelled_is_a_parameter() -> None:
    rng = random.Random(4)
    right = DuplicateProfile(nickname=0, hyphenated=0, swapped=0, misspelled=0)
    assert name_as_recorded(rng, "Theo", "Hill", right) == ("Theo", "Hill", None)
    wrong = DuplicateProfile(nickname=0, hyphenated=0, swapped=0, misspelled=1.0)
    assert name_as_recorded(rng, "Theo", "Hill", wrong)[2] in {"variant", "typo"}


def test_family_names_are_as_many_as_a_borough_has(borough: Borough) -> None:
    from graph_service.ingest.names import FAMILY_NAMES, RARER_FAMILY_NAMES

    names = Counter(props["family_name"] for props in _people(borough).values())
    rarer = sum(n for name, n in names.items() if name in RARER_FAMILY_NAMES)
    common = sum(n for name, n in names.items() if name in FAMILY_NAMES)
    assert len(names) > 500 and 0.35 < common / (common + rarer) < 0.55
