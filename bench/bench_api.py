"""API benchmark: familyNetwork depth 2 and people search under 8 concurrent clients.

Run: `.venv/bin/python bench/bench_api.py [people] [seconds]` (default 100000, 30).
Needs `wrk` (Debian package).
Seeds a fresh local Neo4j with a borough of `people`, serves the API with uvicorn in
its own process (`--workers` from GRAPH_SERVICE_BENCH_WORKERS, default 2), warms up,
then drives it over HTTP with wrk: 8 connections, each request a different person, each
client sending again as soon as it has its answer (saturation). Then the same 8 clients
send 150 requests a second between them on a schedule (wrk with paced.lua), the load the
issue asks to be served, with latency counted from when each request was due.
"""

from __future__ import annotations

import os
import random
import sys
from functools import partial

from bench.harness import bench_graph, machine_description, served_api
from bench.load import CLIENTS, drive, drive_paced, probed
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import generate_borough

PACED_RATE = 150  # the throughput target, offered by the same 8 clients
NETWORK = """query($id: ID!) { familyNetwork(personId: $id, depth: 2) {
  people { id fullName age hazards { id kind } } nodes { id kind label }
  edges { id type source target kind fromDate toDate } hazards { id } } }"""
SEARCH = """query($s: String!) { people(search: $s, first: 20) {
  edges { score node { id fullName dateOfBirth hazards { id } } } } }"""


def report(name: str, r: dict[str, float], probe: tuple[float, float]) -> None:
    print(
        f"| {name} | {r['requests']:.0f} | {CLIENTS} | {r['p50']:.1f} | {r['p95']:.1f} | "
        f"{r['p99']:.1f} | {r['rate']:.0f} | {r['errors']:.0f} | {probe[0]:.0f} / "
        f"{probe[1]:.0f} |",
        flush=True,
    )


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    count = 5000
    workers = os.environ.get("GRAPH_SERVICE_BENCH_WORKERS", "2")
    borough = generate_borough(people, seed=1)
    rng = random.Random(7)
    ids = [row["id"] for row in borough.nodes["Person"]]
    names = [
        f"{row['props']['given_name']} {row['props']['family_name']}"
        for row in borough.nodes["Person"]
    ]
    with bench_graph() as (driver, queries, neo4j_env):
        if count_graph(driver, queries).people != people:  # reuse a seeded NEO4J_URI
            load_borough(driver, queries, borough)
        with served_api(neo4j_env, workers) as (root, token):
            url = f"{root}/graphql"
            network: list[dict[str, object]] = [
                {"query": NETWORK, "variables": {"id": rng.choice(ids)}} for _ in range(count)
            ]
            search: list[dict[str, object]] = [
                {"query": SEARCH, "variables": {"s": rng.choice(names)}} for _ in range(count)
            ]
            drive(url, network + search, 15, token)  # warm-up: JIT, page cache, parser caches
            print(f"machine: {machine_description()}; {people:,} people; uvicorn workers {workers}")
            print(
                "| query | requests | clients | p50 ms | p95 ms | p99 ms | req/s | failures "
                "| probe ns before / after |"
            )
            print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
            report("familyNetwork depth 2", *probed(partial(drive, url, network, seconds, token)))
            report("people search", *probed(partial(drive, url, search, seconds, token)))
            for name, bodies in (("familyNetwork depth 2", network), ("people search", search)):
                paced = probed(partial(drive_paced, url, bodies, seconds, token, PACED_RATE))
                report(f"{name}, paced at {PACED_RATE}/s", *paced)


if __name__ == "__main__":
    main()
