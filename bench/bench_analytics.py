"""Analytics benchmark: whole-borough runs and one family's indicators.

Run: `.venv/bin/python bench/bench_analytics.py [people ...]` (default 10000 100000).
Each size is seeded into a fresh local Neo4j (or reuses a NEO4J_URI already holding that
many people); each analysis is timed end to end (read from Neo4j, rules, results),
after one warm-up run; `familyIndicators` is timed over 200 random people.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date

import neo4j

from bench.harness import bench_graph, machine_description
from graph_service.analytics.network_rules import family_units
from graph_service.analytics.report import (
    child_household_params,
    network_facts,
    network_params,
    run_analysis,
    run_network_analysis,
)
from graph_service.analytics.thresholds import Thresholds
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import REFERENCE_DATE, generate_borough
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import native


def household_run(driver: neo4j.Driver, queries: QueryLibrary, name: str, on: date) -> int:
    t = Thresholds()
    records, _, _ = driver.execute_query(queries["analytics_child_households"],
                                         child_household_params(on, None, t))  # fmt: skip
    return len(run_analysis(name, [native(r.data()) for r in records], on, t).rows)


def network_run(driver: neo4j.Driver, queries: QueryLibrary, name: str, on: date) -> int:
    t = Thresholds()
    params = network_params(on, t)
    links, _, _ = driver.execute_query(queries["analytics_family_links"], params)
    people, _, _ = driver.execute_query(queries["analytics_people_and_concerns"], params)
    facts = network_facts(links[0]["links"], native(people[0].data()))
    return len(run_network_analysis(name, facts, on, t).rows)


def family_indicators(driver: neo4j.Driver, queries: QueryLibrary, person: str, on: date) -> None:
    t = Thresholds()
    params = {**network_params(on, t), "personId": person, "limit": 2000}
    records, _, _ = driver.execute_query(queries["analytics_family_of_person"], params)
    row = native(records[0].data())
    family_units(network_facts(row["links"], row), t, require_children=False)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    on = REFERENCE_DATE
    print(f"machine: {machine_description()}")
    print("| people | analysis | results | seconds |")
    print("|---:|---|---:|---:|")
    for people in sizes:
        borough = generate_borough(people, seed=1)
        with bench_graph() as (driver, queries, _):
            if count_graph(driver, queries).people != people:
                load_borough(driver, queries, borough)
            runs = [(n, household_run) for n in ("toxic-trio", "young-carers")] + [
                (n, network_run) for n in ("disadvantage", "clusters", "hubs")
            ]
            for name, run in runs:
                run(driver, queries, name, on)  # warm-up
                started = time.perf_counter()
                results = run(driver, queries, name, on)
                print(
                    f"| {people:,} | {name} | {results:,} | {time.perf_counter() - started:.1f} |",
                    flush=True,
                )
            ids = random.Random(3).sample([r["id"] for r in borough.nodes["Person"]], 200)
            timings = []
            for person in ids:
                started = time.perf_counter()
                family_indicators(driver, queries, person, on)
                timings.append(time.perf_counter() - started)
            timings.sort()
            print(
                f"| {people:,} | familyIndicators (one family) p50 / p95 ms | 200 | "
                f"{timings[100] * 1000:.0f} / {timings[190] * 1000:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
