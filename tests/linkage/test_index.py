"""A new record is scored against everyone already recorded, not against itself."""

from __future__ import annotations

from graph_service.ingest.linkage_truth import person_records
from graph_service.ingest.synthetic import generate_borough
from graph_service.linkage.index import RecordIndex
from graph_service.linkage.scoring import load_model


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
