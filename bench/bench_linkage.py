"""Record linkage benchmark: accuracy against the synthetic borough's ground truth, the
time to link a whole borough, and the time to score one new record against everyone.

Run: `.venv/bin/python bench/bench_linkage.py [people] [new_records]` (defaults 100000 and
200). Uses the shipped model (graph_service/linkage/model.json, trained on another seed)
and the configured bands. No Neo4j: linkage runs on Splink's embedded DuckDB.
Targets (issue 22): auto-link precision >= 0.999, recall of the auto-link and review
bands together >= 0.99, review band <= 2% of records; the borough linked in <= 60 s; one
new record scored in p95 <= 150 ms.
"""

from __future__ import annotations

import resource
import sys
import time
from typing import Any

from bench.harness import cpu_probe, machine_description
from graph_service.config import Settings
from graph_service.ingest.linkage_truth import person_records, true_matches
from graph_service.ingest.synthetic import Borough, generate_borough
from graph_service.linkage.bands import banded
from graph_service.linkage.index import RecordIndex
from graph_service.linkage.records import PersonRecord
from graph_service.linkage.scoring import load_model, score_pairs
from graph_service.services.linkage_model import accuracy_of

SEED = 5  # not the model's training seed


def main(people: int, new_records: int) -> None:
    print(machine_description(), f"; CPU probe {cpu_probe():.0f} ns")
    thresholds = Settings().linkage
    model = load_model()
    borough = generate_borough(people, SEED)
    records = person_records(borough)
    started = time.perf_counter()
    bands = banded(score_pairs(model, records, thresholds.review), thresholds)
    linked = time.perf_counter() - started
    report = accuracy_of(bands, true_matches(borough), len(records)).report()
    print(f"whole borough linked in {linked:.1f} s ({people:,} records; bands {thresholds})")
    for name, value in report.items():
        print(f"  {name}: {value}")
    _incremental(borough, records, model, new_records, thresholds.review)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB")


def _incremental(
    borough: Borough,
    records: list[PersonRecord],
    model: dict[str, Any],
    count: int,
    threshold: float,
) -> None:
    """Index everyone but the duplicates, then score duplicates one at a time, as a write
    will when an agency records someone again."""
    originals = {duplicate: original for original, duplicate in borough.duplicate_pairs}
    existing = [r for r in records if r.id not in originals]
    arriving = [r for r in records if r.id in originals][:count]
    started = time.perf_counter()
    index = RecordIndex(model, existing)
    print(f"index of {len(existing):,} records built in {time.perf_counter() - started:.1f} s")
    timings, found = [], 0
    for record in arriving:
        started = time.perf_counter()
        pairs = index.score([record], threshold)
        timings.append((time.perf_counter() - started) * 1000)
        found += any(originals[record.id] in (p.left_id, p.right_id) for p in pairs)
    timings.sort()
    p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95)]
    print(f"one new record scored: p50 {p50:.0f} ms, p95 {p95:.0f} ms ({len(timings)} records)")
    print(f"  its original proposed (review band or better): {found}/{len(arriving)}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 200,
    )
