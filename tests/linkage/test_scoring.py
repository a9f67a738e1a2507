"""The shipped model on the errors agencies make and the people who only look alike:
each comparison grades what it should, and a reviewer sees each field's weight."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph_service.ingest.linkage_truth import person_records
from graph_service.ingest.synthetic import generate_borough
from graph_service.linkage.records import PersonRecord
from graph_service.linkage.scoring import (
    MODEL_FILE,
    MODEL_VERSION,
    ScoredPair,
    load_model,
    model_for_dialect,
    score_pairs,
)
from graph_service.model.match_bands import Band, LinkThresholds, band_of

BANDS = LinkThresholds()
ORIGINAL = PersonRecord(
    "P1", "William", "Hartley", date(2014, 3, 9), "male", "NB3 7TZ", "12 Mill Road"
)
# A borough around the pair keeps term frequencies and random pairs realistic.
STRANGERS = person_records(generate_borough(3000, seed=2))


@pytest.fixture(scope="module")
def model() -> dict[str, object]:
    return load_model()


def _score(model: dict[str, object], other: PersonRecord) -> ScoredPair:
    pairs = score_pairs(model, [ORIGINAL, other, *STRANGERS], threshold=-40)
    found = [p for p in pairs if {p.left_id, p.right_id} == {ORIGINAL.id, other.id}]
    assert found, "the pair was not blocked together"
    return found[0]


def _like(**change: Any) -> PersonRecord:
    return replace(ORIGINAL, id="P2", **change)


@pytest.mark.parametrize(
    "duplicate",
    [
        _like(given_name="Bill"),
        _like(given_name="Hartley", family_name="William"),
        _like(family_name="Hartley-Smith"),
        _like(family_name="Hratley"),
        _like(date_of_birth=date(2014, 9, 3)),
        _like(date_of_birth=None, given_name="Will"),
    ],
    ids=["nickname", "swapped", "hyphenated", "typo", "transposed", "no birth, nickname"],
)
def test_the_errors_agencies_make_still_score_as_one_person(
    model: dict[str, object], duplicate: PersonRecord
) -> None:
    assert band_of(_score(model, duplicate).match_weight, BANDS) is not Band.NO_LINK


def test_a_twin_and_a_father_of_one_name_are_not_linked_without_review(
    model: dict[str, object],
) -> None:
    twin = _score(model, _like(given_name="Oscar"))
    father = _score(model, _like(date_of_birth=date(1986, 6, 21)))
    assert band_of(twin.match_weight, BANDS) is not Band.AUTO_LINK
    assert band_of(father.match_weight, BANDS) is not Band.AUTO_LINK
    assert twin.field_weights["given_name"] < 0 < twin.field_weights["date_of_birth"]
    assert father.field_weights["date_of_birth"] < 0


def test_records_an_agency_recorded_as_related_are_never_a_pair(
    model: dict[str, object],
) -> None:
    # A father and son of one name at one address: a reviewer could not link them
    # (one is the other's parent), so they are not put to one.
    father = _like(date_of_birth=date(1986, 6, 21))
    assert _score(model, father)
    for left, right in (
        (replace(ORIGINAL, relatives=frozenset({"P2"})), father),
        (ORIGINAL, replace(father, relatives=frozenset({"P1"}))),
    ):
        pairs = score_pairs(model, [left, right, *STRANGERS], threshold=-40)
        assert not [p for p in pairs if {p.left_id, p.right_id} == {"P1", "P2"}]
        assert pairs, "strangers are still paired"


def test_each_field_has_its_weight_and_agreement_outweighs_disagreement(
    model: dict[str, object],
) -> None:
    same = _score(model, _like())
    moved = _score(model, _like(postcode="NB9 1QQ", address_line="4 Kiln Way"))
    assert set(same.field_weights) == {
        "given_name",
        "family_name",
        "date_of_birth",
        "sex",
        "address",
    }
    assert same.field_weights["address"] > 0 > moved.field_weights["address"]
    assert same.match_weight > moved.match_weight
    assert band_of(same.match_weight, BANDS) is Band.AUTO_LINK


def test_the_model_file_is_versioned(tmp_path: Path) -> None:
    document = json.loads(MODEL_FILE.read_text())
    assert (
        document["version"] == MODEL_VERSION
        and document["trained_on"]["synthetic_people"] >= 100_000
    )
    stale = tmp_path / "model.json"
    stale.write_text(json.dumps({**document, "version": 0}))
    with pytest.raises(ValueError, match="version 0"):
        load_model(stale)


def test_the_model_for_another_backend_is_the_same_settings_with_the_trained_parameters() -> None:
    model = load_model()
    again = model_for_dialect(model, "duckdb")
    spark = model_for_dialect(model, "spark")
    assert again["sql_dialect"] == "duckdb" and spark["sql_dialect"] == "spark"
    for rebuilt in (again, spark):
        assert (
            rebuilt["probability_two_random_records_match"]
            == (model["probability_two_random_records_match"])
        )
        for mine, trained in zip(rebuilt["comparisons"], model["comparisons"], strict=True):
            pairs = zip(mine["comparison_levels"], trained["comparison_levels"], strict=True)
            for level, fitted in pairs:
                assert level.get("m_probability") == fitted.get("m_probability")
                assert level.get("u_probability") == fitted.get("u_probability")
    # DuckDB's SQL is the model's own; Spark's is Splink's for Spark (its own functions).
    conditions = [
        level["sql_condition"] for c in again["comparisons"] for level in c["comparison_levels"]
    ]
    assert conditions == [
        level["sql_condition"] for c in model["comparisons"] for level in c["comparison_levels"]
    ]
    spark_sql = str(spark["comparisons"])
    assert "jaro_winkler_similarity" not in spark_sql and "jaro_winkler" in spark_sql
