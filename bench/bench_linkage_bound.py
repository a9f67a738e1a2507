"""How well the fields linkage compares can tell duplicates from strangers, whatever the
parameters: the shipped model's comparisons weighed by m counted from the borough's
ground truth (which no model trained without labels has), against the shipped model.

For each: the auto-link band (the best-weighted pairs while at most 1 in 1,000 is false),
the recall of the auto-link and review bands together when the review band holds at most
2% of records, and the review band that recall 0.99 would take.

Run: `.venv/bin/python bench/bench_linkage_bound.py [people] [seed]` (defaults 100000 and
5). No Neo4j.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from typing import Any

from bench.harness import cpu_probe, machine_description
from graph_service.ingest.linkage_truth import person_records, true_matches
from graph_service.ingest.synthetic import generate_borough
from graph_service.linkage.records import recorded_apart
from graph_service.linkage.scoring import TERM_FREQUENCY_COLUMNS, linker_for, load_model

__all__ = ["main"]

FLOOR = -40.0  # every pair blocking finds, however unlike
REVIEW_SHARE = 0.02
RECALL = 0.99


def main(people: int, seed: int) -> None:
    print(machine_description(), f"; CPU probe {cpu_probe():.0f} ns")
    borough = generate_borough(people, seed)
    records = person_records(borough)
    truth = true_matches(borough)
    model = load_model()
    by_id = {r.id: r for r in records}
    rows = [
        row
        for row in linker_for(model, records)
        .inference.predict(threshold_match_weight=FLOOR)
        .as_record_list()
        if not recorded_apart(by_id[row["unique_id_l"]], by_id[row["unique_id_r"]])
    ]
    for row in rows:
        row["true"] = frozenset((row["unique_id_l"], row["unique_id_r"])) in truth
    blocked = sum(row["true"] for row in rows)
    print(f"{people:,} records (seed {seed}), {len(truth):,} true pairs, {blocked:,} blocked")
    labelled = _labelled_weights(model, rows)
    for name, weight in (
        ("shipped model", lambda row: float(row["match_weight"])),
        ("m from the labels", labelled),
    ):
        ranked = sorted(((weight(r), r) for r in rows), key=lambda pair: -pair[0])
        print(f"{name}: {_bands(ranked, len(truth), len(records))}")


def _labelled_weights(model: dict[str, Any], rows: list[dict[str, Any]]) -> Any:
    """Each pair's weight with every level's m the share of true pairs at that level (a
    half added to each count) and the model's u and term frequency adjustments."""
    prior = model["probability_two_random_records_match"]
    base = math.log2(prior / (1 - prior))
    bits: dict[tuple[str, int], float] = {}
    names = [c["output_column_name"] for c in model["comparisons"]]
    for comparison in model["comparisons"]:
        name = comparison["output_column_name"]
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        seen = Counter(r[f"gamma_{name}"] for r in rows if r["true"])
        total = sum(n for gamma, n in seen.items() if gamma >= 0) + 0.5 * len(levels)
        for index, level in enumerate(levels):
            gamma = len(levels) - 1 - index  # Splink numbers the levels from the last
            m = (seen[gamma] + 0.5) / total
            bits[(name, gamma)] = math.log2(m / level["u_probability"])

    def weight(row: dict[str, Any]) -> float:
        adjust = sum(float(row.get(f"mw_tf_adj_{c}") or 0) for c in TERM_FREQUENCY_COLUMNS)
        return base + adjust + sum(bits.get((n, row[f"gamma_{n}"]), 0.0) for n in names)

    return weight


def _bands(ranked: list[tuple[float, dict[str, Any]]], true_pairs: int, records: int) -> str:
    found = false = auto = auto_true = auto_false = 0
    for index, (_, row) in enumerate(ranked, 1):
        found += row["true"]
        false += not row["true"]
        if false <= index / 1000:
            auto, auto_true, auto_false = index, found, false
    found, reviewed, at_share = auto_true, set(), None
    for _, row in ranked[auto:]:
        reviewed |= {row["unique_id_l"], row["unique_id_r"]}
        if at_share is None and len(reviewed) > REVIEW_SHARE * records:
            at_share = found / true_pairs
        found += row["true"]
        if found >= RECALL * true_pairs:
            break
    needed = (
        f"{len(reviewed) / records:.1%} of records"
        if found >= RECALL * true_pairs
        else "out of reach (blocking misses too many)"
    )
    return (
        f"auto-link {auto_true}/{auto_false}; recall with a review band of at most "
        f"{REVIEW_SHARE:.0%} {at_share if at_share is not None else found / true_pairs:.4f}; "
        f"recall {RECALL} takes a review band of {needed}"
    )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 5,
    )
