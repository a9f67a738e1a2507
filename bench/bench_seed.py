"""Seed benchmark: generate and load boroughs of 10,000 and 100,000 people.

Run: `.venv/bin/python bench/bench_seed.py [people ...]` (default 10000 100000).
Each size loads into a freshly started, empty Neo4j (heap 2g, page cache 1g), as a
user's first `graph-service seed` would, then loads the same borough again to show
that a second run changes nothing.
"""

from __future__ import annotations

import os
import sys
import time

from bench.harness import bench_graph, machine_description
from graph_service.ingest.loader import DEFAULT_BATCH, count_graph, load_borough
from graph_service.ingest.synthetic import generate_borough

BATCH_SIZE = int(os.environ.get("GRAPH_SERVICE_BENCH_BATCH", str(DEFAULT_BATCH)))


def run(people: int) -> dict[str, float | int]:
    started = time.perf_counter()
    borough = generate_borough(people, seed=1)
    generated = time.perf_counter() - started
    with bench_graph() as (driver, queries, _):
        started = time.perf_counter()
        load_borough(driver, queries, borough, batch_size=BATCH_SIZE)
        loaded = time.perf_counter() - started
        first = count_graph(driver, queries)
        started = time.perf_counter()
        load_borough(driver, queries, borough)
        reloaded = time.perf_counter() - started
        second = count_graph(driver, queries)
    assert first == second, "a second load changed the graph"
    assert first.people == people
    return {
        "people": people,
        "relationships": first.relationships,
        "generate_s": generated,
        "load_s": loaded,
        "reload_s": reloaded,
    }


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 100_000]
    print(f"machine: {machine_description()}")
    print(
        "| people | relationships | generate (s) | first load (s) | total (s) | "
        "people/s | second load, no change (s) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for people in sizes:
        r = run(people)
        total = r["generate_s"] + r["load_s"]
        print(
            f"| {r['people']:,} | {r['relationships']:,} | {r['generate_s']:.1f} | "
            f"{r['load_s']:.1f} | {total:.1f} | {r['people'] / total:,.0f} | "
            f"{r['reload_s']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
