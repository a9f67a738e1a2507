"""A new record is scored against everyone already recorded, not against itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from graph_service.ingest.linkage_truth import person_records
from graph_service.ingest.synthetic import generate_borough
from graph_service.linkage.index import RecordIndex
from graph_service.linkage.records import PersonRecord
from graph_service.linkage.scoring import ScoredPair, load_model


def test_a_duplicate_arriving_is_scored_against_its_original_and_only_the_indexed() -> None:
    borough = generate_borough(3000, seed=9)
    originals = {duplicate: original for original, duplicate in borough.duplicate_pairs}
    records = person_records(borough)
    index = RecordIndex(load_model(), [r for r in records if r.id not in originals])
    arriving = [r for r in records if r.id in originals]
    pairs = index.score(arriving, threshold=0)
    found = {p.left_id: p.right_id for p in pairs if originals.get(p.left_id) == p.right_id}
    assert len(found) >= 0.7 * len(arriving)
    assert all(p.right_id not in originals for p in pairs)  # never against another arrival


def test_each_arrival_is_scored_as_a_fresh_index_would_score_it() -> None:
    # The index writes Splink's SQL once and runs it again on each arrival's table.
    borough = generate_borough(3000, seed=9)
    originals = {duplicate: original for original, duplicate in borough.duplicate_pairs}
    records = person_records(borough)
    indexed = [r for r in records if r.id not in originals]
    arriving = [r for r in records if r.id in originals][:6]
    index = RecordIndex(load_model(), indexed)
    for record in arriving:
        fresh = RecordIndex(load_model(), indexed).score([record], threshold=-10)
        assert sorted(index.score([record], threshold=-10), key=_key) == sorted(fresh, key=_key)
        assert fresh and {p.left_id for p in fresh} == {record.id}


def _key(pair: ScoredPair) -> tuple[str, str]:
    return pair.left_id, pair.right_id


def test_an_arrival_is_not_paired_with_an_indexed_record_it_is_recorded_as_related_to() -> None:
    # As the whole-borough run and the graph's scorer: someone's father is someone else.
    borough = generate_borough(3000, seed=9)
    records = person_records(borough)
    father = PersonRecord(
        "P-f", "Daniel", "Ridley", date(1961, 2, 1), "male", "NB2 4QL", "1 Mill Lane"
    )
    son = replace(father, id="P-s", date_of_birth=date(1990, 5, 3))
    assert RecordIndex(load_model(), [*records, father]).score([son], threshold=-10)
    related = replace(father, relatives=frozenset({"P-s"}))
    assert not RecordIndex(load_model(), [*records, related]).score([son], threshold=-10)
    assert not RecordIndex(load_model(), [*records, father]).score(
        [replace(son, relatives=frozenset({"P-f"}))], threshold=-10
    )
