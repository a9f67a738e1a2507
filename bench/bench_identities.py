"""Identity resolution in the graph: the time a new record's scoring adds to the write
that records it (blocking in Neo4j, Splink on the candidates, the proposals written), and
whether its original is proposed; then the whole graph linked in place.

Run: `.venv/bin/python bench/bench_identities.py [people] [records]` (defaults 100000 and
200). Starts its own Neo4j (or reuses NEO4J_URI, seeding it if its count differs).
Target (issue 22): one new record scored against 100,000 people in p95 <= 150 ms.
"""

from __future__ import annotations

import asyncio
import resource
import sys
import time
from datetime import date

import neo4j

from bench.harness import bench_graph, cpu_probe, machine_description
from graph_service.config import Settings
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import generate_borough
from graph_service.services.identities import Linkage, find_duplicates, link_everyone
from graph_service.services.reader import Reader
from graph_service.services.writing import Writer
from graph_service.store.gateway import GraphGateway
from graph_service.store.queries import QueryLibrary

SEED = 5  # not the model's training seed
WRITER = Writer("bench", "bench\x00bench", Reader(None, True, date(2026, 12, 5)))


def main(people: int, count: int) -> None:
    print(machine_description(), f"; CPU probe {cpu_probe():.0f} ns")
    borough = generate_borough(people, SEED)
    with bench_graph() as (driver, queries, env):
        if count_graph(driver, queries).people != people:
            started = time.perf_counter()
            load_borough(driver, queries, borough)
            print(f"seeded {people:,} people in {time.perf_counter() - started:.0f} s")
        arriving = [duplicate for _, duplicate in borough.duplicate_pairs][:count]
        originals = {duplicate: original for original, duplicate in borough.duplicate_pairs}
        asyncio.run(_measure(env, queries, arriving, originals))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process {peak:.0f} MiB")


async def _measure(
    env: dict[str, str], queries: QueryLibrary, arriving: list[str], originals: dict[str, str]
) -> None:
    auth = (env["NEO4J_USER"], env["NEO4J_PASSWORD"])
    async with neo4j.AsyncGraphDatabase.driver(
        env["NEO4J_URI"], auth=auth, notifications_disabled_classifications=["UNRECOGNIZED"]
    ) as driver:
        gateway = GraphGateway(driver, queries, Settings().neo4j_database)
        linkage = Linkage(Settings().linkage)
        started = time.perf_counter()
        await linkage.scorer(gateway)
        print(f"name frequencies read and scorer built in {time.perf_counter() - started:.1f} s")
        for record in arriving[:10]:  # warm up: the driver's pool, Neo4j's plan cache
            await find_duplicates(gateway, linkage, WRITER, record)
        timings, found = [], 0
        for record in arriving:
            started = time.perf_counter()
            pairs = await find_duplicates(gateway, linkage, WRITER, record)
            timings.append((time.perf_counter() - started) * 1000)
            found += any(p.right_id == originals[record] for p in pairs)
        timings.sort()
        p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95)]
        print(
            f"one record scored and its pairs proposed: p50 {p50:.0f} ms, p95 {p95:.0f} ms "
            f"({len(timings)} records); its original proposed: {found}/{len(arriving)}"
        )
        started = time.perf_counter()
        run = await link_everyone(gateway, linkage, WRITER)
        print(
            f"whole graph linked in place in {time.perf_counter() - started:.1f} s: "
            f"{run.records:,} records, {run.linked} pairs linked, {run.proposed} proposed, "
            f"{run.refused} refused as unsafe"
        )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 200,
    )
