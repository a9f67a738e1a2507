"""Statutory timescales benchmark: the cases with a step in a given state, borough-wide.

Run: `.venv/bin/python bench/bench_timescales.py [people]` (default 100000).
Seeds the borough (seed 1) into a fresh local Neo4j, or uses a NEO4J_URI already holding
that many people (seeded by this version of the generator, which dates the steps of its
referrals). Times `cases(timescale: STATE, first: 50)` in-process through the ASGI app for
three states: 6 requests each, the first to warm up.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

from bench.harness import bench_graph, in_process_client, machine_description
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import REFERENCE_DATE, generate_borough
from graph_service.security.roles import Role

QUERY = """query($state: TimescaleState!, $on: Date) {
  cases(timescale: $state, asOf: $on, first: 50) {
    edges { node { id kind timescales(asOf: $on) { timescale state dueOn workingDaysLeft } } }
    pageInfo { hasNextPage } } }"""
STATES = ("OVERDUE", "DUE", "MET_LATE")
REQUESTS = 6


async def timings(env: dict[str, str]) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    async with in_process_client(env, Role.MASH_PRACTITIONER) as client:
        for state in STATES:
            variables = {"state": state, "on": REFERENCE_DATE.isoformat()}
            found[state] = []
            for _ in range(REQUESTS):
                started = time.perf_counter()
                response = await client.post(
                    "/graphql", json={"query": QUERY, "variables": variables}
                )
                found[state].append((time.perf_counter() - started) * 1000)
                assert "errors" not in response.json(), response.text
    return found


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with bench_graph() as (driver, queries, env):
        if count_graph(driver, queries).people != people:
            load_borough(driver, queries, generate_borough(people, seed=1))
        found = asyncio.run(timings(env))
    print(f"machine: {machine_description()}; {people:,} people")
    print("| state | median ms | worst ms (after the first) |")
    print("|---|---:|---:|")
    for state, times in found.items():
        print(f"| {state} | {statistics.median(times[1:]):.0f} | {max(times[1:]):.0f} |")


if __name__ == "__main__":
    main()
