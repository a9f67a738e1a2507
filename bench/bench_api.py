"""API benchmark: familyNetwork depth 2 and people search under 8 concurrent clients.

Run: `.venv/bin/python bench/bench_api.py [people] [requests]` (default 100000, 2000).
Seeds a fresh local Neo4j with a borough of `people`, serves the API with uvicorn in
its own process (`--workers` from GRAPH_SERVICE_BENCH_WORKERS, default 2), warms up,
then drives it over HTTP from this process with 8 concurrent clients.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.harness import bench_graph, machine_description
from graph_service.ingest.loader import load_borough
from graph_service.ingest.synthetic import generate_borough
from graph_service.store.local_server import free_port

CLIENTS = 8
NETWORK = """query($id: ID!) { familyNetwork(personId: $id, depth: 2) {
  people { id fullName age hazards { id kind } } nodes { id kind label }
  edges { id type source target kind fromDate toDate } hazards { id } } }"""
SEARCH = """query($s: String!) { people(search: $s, first: 20) {
  edges { score node { id fullName dateOfBirth hazards { id } } } } }"""


async def drive(url: str, requests: list[dict[str, object]]) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    failures = 0
    queue: asyncio.Queue[dict[str, object]] = asyncio.Queue()
    for body in requests:
        queue.put_nowait(body)

    async def client() -> None:
        nonlocal failures
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            while not queue.empty():
                body = queue.get_nowait()
                started = time.perf_counter()
                response = await http.post("/graphql", json=body)
                latencies.append(time.perf_counter() - started)
                failures += response.status_code != 200 or "errors" in response.json()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return latencies, time.perf_counter() - started, failures


def report(name: str, latencies: list[float], elapsed: float, failures: int) -> None:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[int(len(ordered) * 0.95) - 1] * 1000
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000
    print(f"| {name} | {len(ordered)} | {CLIENTS} | {p50:.1f} | {p95:.1f} | {p99:.1f} | "
          f"{len(ordered) / elapsed:.0f} | {failures} |", flush=True)  # fmt: skip


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    workers = os.environ.get("GRAPH_SERVICE_BENCH_WORKERS", "2")
    borough = generate_borough(people, seed=1)
    rng = random.Random(7)
    ids = [row["id"] for row in borough.nodes["Person"]]
    names = [f"{row['props']['given_name']} {row['props']['family_name']}"
             for row in borough.nodes["Person"]]  # fmt: skip
    with bench_graph() as (driver, queries, neo4j_env):
        load_borough(driver, queries, borough)
        port = free_port()
        env = {**os.environ, **neo4j_env}
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "graph_service.api.app:create_app",
             "--port", str(port), "--workers", workers, "--log-level", "warning",
             "--no-access-log"],
            env=env, cwd=Path(__file__).resolve().parents[1],
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(120):
                try:
                    if httpx.get(f"{url}/ready").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.5)
            network = [
                {"query": NETWORK, "variables": {"id": rng.choice(ids)}} for _ in range(count)
            ]
            search = [
                {"query": SEARCH, "variables": {"s": rng.choice(names)}} for _ in range(count)
            ]
            asyncio.run(drive(url, network[: count // 4] + search[: count // 4]))  # warm-up
            print(f"machine: {machine_description()}; {people:,} people; uvicorn workers {workers}")
            print("| query | requests | clients | p50 ms | p95 ms | p99 ms | req/s | failures |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|")
            report("familyNetwork depth 2", *asyncio.run(drive(url, network)))
            report("people search", *asyncio.run(drive(url, search)))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
