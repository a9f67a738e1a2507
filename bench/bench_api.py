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

import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.harness import bench_graph, cpu_probe, machine_description, served_api
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import generate_borough

CLIENTS = 8
PACED_RATE = 150  # the throughput target, offered by the same 8 clients
PACED = Path(__file__).with_name("paced.lua")
NETWORK = """query($id: ID!) { familyNetwork(personId: $id, depth: 2) {
  people { id fullName age hazards { id kind } } nodes { id kind label }
  edges { id type source target kind fromDate toDate } hazards { id } } }"""
SEARCH = """query($s: String!) { people(search: $s, first: 20) {
  edges { score node { id fullName dateOfBirth hazards { id } } } } }"""


_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
local bodies = {}
for line in io.lines("%s") do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, "/graphql", nil, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%.3f %%.3f %%.3f %%.3f\\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
"""


def drive(url: str, bodies: list[dict[str, object]], seconds: int, token: str) -> dict[str, float]:
    """Drive the API with wrk (C, so the load generator barely competes for the CPU): each
    client sends its next request as soon as the last is answered, so this is saturation."""
    with tempfile.TemporaryDirectory() as tmp:
        lines = _bodies_file(Path(tmp), bodies)
        script = Path(tmp) / "bench.lua"
        script.write_text(_WRK_SCRIPT % (token, lines), encoding="utf-8")
        return _result(
            ["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--latency", "-s", str(script), url]
        )


def drive_paced(
    url: str, bodies: list[dict[str, object]], seconds: int, token: str, rate: float
) -> dict[str, float]:
    """The same clients sending `rate` requests a second between them, on a schedule;
    latency counts from when a request was due (see paced.lua)."""
    with tempfile.TemporaryDirectory() as tmp:
        lines = _bodies_file(Path(tmp), bodies)
        return _result(
            [
                "wrk",
                f"-t{CLIENTS}",
                f"-c{CLIENTS}",
                f"-d{seconds + 2}s",
                "-s",
                str(PACED),
                url,
                "--",
                token,
                str(lines),
                str(rate),
                str(CLIENTS),
                str(seconds),
            ]
        )


def _bodies_file(directory: Path, bodies: list[dict[str, object]]) -> Path:
    lines = directory / "bodies.jsonl"
    lines.write_text("\n".join(json.dumps(b) for b in bodies) + "\n", encoding="utf-8")
    return lines


def _result(command: list[str]) -> dict[str, float]:
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    fields = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    requests, errors, _, p50, p95, p99, rate = (float(f) for f in fields)
    return {
        "requests": requests,
        "errors": errors,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "rate": rate,
    }


def report(name: str, r: dict[str, float], probe: tuple[float, float]) -> None:
    print(
        f"| {name} | {r['requests']:.0f} | {CLIENTS} | {r['p50']:.1f} | {r['p95']:.1f} | "
        f"{r['p99']:.1f} | {r['rate']:.0f} | {r['errors']:.0f} | {probe[0]:.0f} / "
        f"{probe[1]:.0f} |",
        flush=True,
    )


def probed(run: Callable[[], dict[str, float]]) -> tuple[dict[str, float], tuple[float, float]]:
    """A run with the machine's speed measured just before and just after it."""
    before = cpu_probe()
    result = run()
    return result, (before, cpu_probe())


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
        with served_api(neo4j_env, workers) as (url, token):
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
