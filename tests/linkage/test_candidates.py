"""A new record scored against the few candidates blocking found, with the population's
name frequencies: as the whole-population index scores it, at a fraction of the memory."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from graph_service.ingest.linkage_truth import person_records
from graph_service.ingest.synthetic import generate_borough
from graph_service.linkage.candidates import CandidateScorer, name_frequencies
from graph_service.linkage.index import RecordIndex
from graph_service.linkage.records import PersonRecord
from graph_service.linkage.scoring import load_model

BORN = date(1985, 6, 14)


def test_name_frequencies_are_shares_of_the_cleaned_names() -> None:
    shares = name_frequencies([("Sean", "O'Brien"), ("sean", "Smith"), ("Amy", "Smith")])
    assert shares["given_name"] == {"sean": pytest.approx(2 / 3), "amy": pytest.approx(1 / 3)}
    assert shares["family_name"] == {"o brien": pytest.approx(1 / 3), "smith": pytest.approx(2 / 3)}


def test_the_arriving_record_is_always_left_and_the_best_comes_first() -> None:
    scorer = CandidateScorer(load_model(), name_frequencies([("Daniel", "Ridley")] * 10))
    arriving = PersonRecord("P-new", "Danny", "Ridley", BORN, "male", "NB2 4QL", "1 Quarry Lane")
    same = PersonRecord("P-1", "Daniel", "Ridley", BORN, "male", "NB2 4QL", "1 Quarry Lane")
    cousin = PersonRecord("P-2", "Daniel", "Ridley", date(1985, 6, 15), "male", None, None)
    pairs = scorer.score(arriving, [cousin, arriving, same], threshold=-50)
    assert [p.right_id for p in pairs] == ["P-1", "P-2"]  # never against itself
    assert all(p.left_id == "P-new" for p in pairs)
    assert pairs[0].match_weight > pairs[1].match_weight
    assert scorer.score(arriving, [], threshold=-50) == []
    # Replayed (the SQL is written once per threshold), and at a higher threshold, fewer.
    assert scorer.score(arriving, [cousin, same], threshold=-50) == pairs
    above = scorer.score(arriving, [cousin, same], threshold=pairs[1].match_weight + 0.01)
    assert above == pairs[:1]


def test_a_candidate_recorded_as_related_to_the_arriving_record_is_not_scored() -> None:
    scorer = CandidateScorer(load_model(), name_frequencies([("Daniel", "Ridley")] * 10))
    arriving = PersonRecord("P-new", "Daniel", "Ridley", BORN, "male", "NB2 4QL", "1 Quarry Lane")
    father = PersonRecord(
        "P-1", "Daniel", "Ridley", date(1961, 2, 1), "male", "NB2 4QL", "1 Quarry Lane"
    )
    assert [p.right_id for p in scorer.score(arriving, [father], threshold=-50)] == ["P-1"]
    parent = replace(father, relatives=frozenset({"P-new"}))
    assert scorer.score(arriving, [parent], threshold=-50) == []
    child = replace(arriving, relatives=frozenset({"P-1"}))
    assert scorer.score(child, [father], threshold=-50) == []


def test_a_common_name_agreeing_is_weaker_evidence_than_a_rare_one() -> None:
    common = [("Mohammed", "Khan")] * 50 + [("Zebedee", "Quill")]
    scorer = CandidateScorer(load_model(), name_frequencies(common))

    def weight(given: str, family: str) -> float:
        a = PersonRecord("P-a", given, family, BORN, "male")
        b = PersonRecord("P-b", given, family, BORN, "male")
        [pair] = scorer.score(a, [b], threshold=-50)
        return pair.match_weight

    assert weight("Zebedee", "Quill") > weight("Mohammed", "Khan")


def test_candidates_score_as_the_whole_population_index_does() -> None:
    borough = generate_borough(2000, seed=11)
    records = person_records(borough)
    originals = {duplicate: original for original, duplicate in borough.duplicate_pairs}
    indexed = [r for r in records if r.id not in originals]
    index = RecordIndex(load_model(), indexed)
    scorer = CandidateScorer(
        load_model(), name_frequencies((r.given_name, r.family_name) for r in indexed)
    )
    by_id = {r.id: r for r in records}
    compared = 0
    for duplicate, original in list(originals.items())[:10]:
        [expected] = [
            p for p in index.score([by_id[duplicate]], threshold=-50) if p.right_id == original
        ] or [None]
        found = scorer.score(by_id[duplicate], [by_id[original]], threshold=-50)
        if expected is None:
            assert found == []  # no blocking rule pairs them either way
        else:
            assert found[0].match_weight == pytest.approx(expected.match_weight, abs=0.05)
            compared += 1
    assert compared >= 5
