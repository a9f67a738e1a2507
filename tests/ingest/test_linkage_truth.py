"""The borough as record linkage reads it: every record, where its agency has them, and
the pairs that are one person."""

from __future__ import annotations

from graph_service.ingest.linkage_truth import person_records, true_matches
from graph_service.ingest.synthetic import generate_borough


def test_every_record_is_read_with_its_current_address_and_the_truth_is_kept() -> None:
    borough = generate_borough(2000, seed=8)
    records = {r.id: r for r in person_records(borough)}
    assert len(records) == len(borough.nodes["Person"])
    truth = true_matches(borough)
    assert len(truth) == len(borough.duplicate_pairs) > 0
    for pair in truth:
        assert all(records[r].postcode for r in pair)  # the agency's address for each
    assert sum(1 for r in records.values() if r.postcode is None) < 0.05 * len(records)


def test_each_record_knows_whom_it_is_recorded_as_related_to() -> None:
    borough = generate_borough(2000, seed=8)
    records = {r.id: r for r in person_records(borough)}
    parents = borough.relationships["Person:PARENT_OF:Person"]
    assert parents
    for row in parents:
        assert row["end"] in records[row["start"]].relatives
        assert row["start"] in records[row["end"]].relatives
    duplicates = {duplicate for _, duplicate in borough.duplicate_pairs}
    assert all(not records[d].relatives for d in duplicates)  # an agency's copy: none
