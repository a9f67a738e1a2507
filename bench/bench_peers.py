"""Peer benchmark: the product against @neo4j/graphql and against raw Cypher, in one sitting.

Run: `.venv/bin/python bench/bench_peers.py [people] [seconds] [rounds]` (default 100000,
20, 3). Needs `wrk` and Node.js (`make bench-peers` installs what is missing and runs it).

Three contenders read the same seeded Neo4j:
- the product as it ships: `uvicorn --workers 2`, production mode, a MASH practitioner's
  bearer token, need to know and an audit event on every request;
- @neo4j/graphql 7 on Apollo Server (bench/peers/), the product's walk as a @cypher field
  and @fulltext search over the product's names index, sent the product's Lucene string;
- raw Cypher: the product's own statements through the async driver (bench/raw_cypher.py).
Each answers three hot reads: familyNetwork depth 2, people search and person. wrk drives
the two HTTP servers with 8 connections; the raw contender runs 8 tasks in its own process.

First every contender is warmed up and checked to answer with the same people for the
same ids. Then, for each round, the contenders take turns (the order rotating from round
to round), each read for `seconds`, each run waiting for a quiet machine (the CPU probe
within 30% of the sitting's quietest) and recording the probe. Each round ends with the
product paced at 150 requests a second. Prints each run, then the medians and ratios.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import neo4j

from bench.bench_api import NETWORK, SEARCH
from bench.harness import bench_graph, cpu_probe, machine_description, served_api
from bench.load import CLIENTS, drive, drive_paced
from bench.raw_cypher import DRIVER_OPTIONS, READS, people_read
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import generate_borough
from graph_service.services.people import lucene_name_query
from graph_service.store.local_server import free_port

PEERS = Path(__file__).with_name("peers")
PACED_RATE = 150
QUIET = 1.3  # a run waits until the probe is within 30% of the sitting's quietest
PERSON = "query($id: ID!) { person(id: $id) { id fullName dateOfBirth age hazards { id kind } } }"
_LINKS = "edges { properties { id kind from_date to_date } node { id } }"
PEER_NETWORK = (
    "query($id: ID!, $asOf: String!) { familyNetwork(personId: $id, depth: 2, asOf: $asOf) {"
    " id full_name date_of_birth hazards { id kind } addresses { id hazards { id kind } }"
    f" childrenConnection {{ {_LINKS} }} partnersConnection {{ {_LINKS} }}"
    f" siblingsConnection {{ {_LINKS} }} cares_forConnection {{ {_LINKS} }}"
    f" householdsConnection {{ {_LINKS} }} }} }}"
)
PEER_SEARCH = (
    "query($phrase: String!) { peopleByName(phrase: $phrase, first: 20) { edges { score node {"
    " id full_name date_of_birth hazards { id } addresses { hazards { id } } } } } }"
)
PEER_PERSON = (
    "query($id: ID!) { people(where: { id: { eq: $id } }, limit: 1) {"
    " id full_name date_of_birth hazards { id kind } addresses { hazards { id kind } } } }"
)


@dataclass
class Sitting:
    """What one run of the benchmark measured, and how quiet the machine was."""

    quietest: float
    runs: list[dict[str, Any]] = field(default_factory=list)

    def wait_for_quiet(self, limit: float = 90) -> float:
        """The probe once it is within QUIET of the quietest seen (or after `limit` s)."""
        deadline = time.monotonic() + limit
        while True:
            probe = cpu_probe()
            self.quietest = min(self.quietest, probe)
            if probe <= self.quietest * QUIET or time.monotonic() > deadline:
                return probe
            time.sleep(3)

    def record(self, **run: Any) -> None:
        self.runs.append(run)
        print(
            f"| {run['round']} | {run['contender']} | {run['read']} | {run['rate']:.0f} | "
            f"{run['p50']:.1f} | {run['p95']:.1f} | {run['p99']:.1f} | {run['errors']:.0f} | "
            f"{run['probe']:.0f} |",
            flush=True,
        )


@dataclass(frozen=True)
class Contender:
    name: str
    run: Callable[[str, int], dict[str, float]]  # (read, seconds) -> wrk-style result


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    borough = generate_borough(people, seed=1)
    rng = random.Random(7)
    ids = [row["id"] for row in borough.nodes["Person"]]
    names = [
        f"{r['props']['given_name']} {r['props']['family_name']}" for r in borough.nodes["Person"]
    ]
    values = {
        "network": [rng.choice(ids) for _ in range(5000)],
        "search": [rng.choice(names) for _ in range(5000)],
        "person": [rng.choice(ids) for _ in range(5000)],
    }
    with bench_graph() as (driver, queries, neo4j_env):
        if count_graph(driver, queries).people != people:  # reuse a seeded NEO4J_URI
            load_borough(driver, queries, borough)
        with (
            served_api({**neo4j_env, "GRAPH_SERVICE_MODE": "production"}, "2") as (root, token),
            served_peer(neo4j_env) as peer,
        ):
            contenders = _contenders(f"{root}/graphql", token, peer, neo4j_env, values)
            _check_same_people(f"{root}/graphql", token, peer, neo4j_env, values)
            for contender in contenders:
                for read in READS:
                    contender.run(read, 10)  # warm-up: JIT, page cache, parser caches
            sitting = Sitting(quietest=min(cpu_probe() for _ in range(3)))
            print(f"machine: {machine_description()}; {people:,} people; {CLIENTS} clients")
            for number in range(1, rounds + 1):
                _round(sitting, number, contenders, seconds)
                for read in ("network", "search"):
                    probe = sitting.wait_for_quiet()
                    bodies = _product_bodies(read, values[read])
                    result = drive_paced(f"{root}/graphql", bodies, seconds, token, PACED_RATE)
                    sitting.record(
                        round=number,
                        contender=f"product, paced {PACED_RATE}/s",
                        read=read,
                        probe=probe,
                        **result,
                    )
            _summary(sitting)


def _round(sitting: Sitting, number: int, contenders: list[Contender], seconds: int) -> None:
    """Each contender saturated with each read in turn, the order rotating by round."""
    if number == 1:
        print(
            "| round | contender | read | req/s | p50 ms | p95 ms | p99 ms | failures | probe ns |"
        )
        print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    turn = (number - 1) % len(contenders)
    for contender in contenders[turn:] + contenders[:turn]:
        for read in READS:
            probe = sitting.wait_for_quiet()
            result = contender.run(read, seconds)
            sitting.record(round=number, contender=contender.name, read=read, probe=probe, **result)


def _contenders(
    product: str, token: str, peer: str, env: dict[str, str], values: dict[str, list[str]]
) -> list[Contender]:
    today = date.today().isoformat()
    return [
        Contender(
            "product", lambda read, s: drive(product, _product_bodies(read, values[read]), s, token)
        ),
        Contender(
            "@neo4j/graphql",
            lambda read, s: drive(peer, _peer_bodies(read, values[read], today), s, "-"),
        ),
        Contender("raw Cypher", lambda read, s: _raw(env, read, values[read], s)),
    ]


def _product_bodies(read: str, values: list[str]) -> list[dict[str, object]]:
    if read == "network":
        return [{"query": NETWORK, "variables": {"id": v}} for v in values]
    if read == "person":
        return [{"query": PERSON, "variables": {"id": v}} for v in values]
    return [{"query": SEARCH, "variables": {"s": v}} for v in values]


def _peer_bodies(read: str, values: list[str], today: str) -> list[dict[str, object]]:
    if read == "network":
        return [{"query": PEER_NETWORK, "variables": {"id": v, "asOf": today}} for v in values]
    if read == "person":
        return [{"query": PEER_PERSON, "variables": {"id": v}} for v in values]
    return [{"query": PEER_SEARCH, "variables": {"phrase": lucene_name_query(v)}} for v in values]


def _raw(env: dict[str, str], read: str, values: list[str], seconds: int) -> dict[str, float]:
    job = {
        "uri": env["NEO4J_URI"],
        "user": env["NEO4J_USER"],
        "password": env["NEO4J_PASSWORD"],
        "read": read,
        "values": values,
        "seconds": seconds,
        "clients": CLIENTS,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump(job, file)
        file.flush()
        out = subprocess.run(
            [sys.executable, "-m", "bench.raw_cypher", file.name],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent.parent,
        ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return dict(json.loads(line.removeprefix("RESULT ")))


@contextlib.contextmanager
def served_peer(env: dict[str, str]) -> Iterator[str]:
    """@neo4j/graphql on Apollo Server in its own Node.js process; yields its URL."""
    if not (PEERS / "node_modules").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
            cwd=PEERS,
            check=True,
        )
    port = free_port()
    server = subprocess.Popen(
        ["node", "server.mjs"],
        cwd=PEERS,
        env={**os.environ, **env, "PORT": str(port), "NODE_ENV": "production"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        if not line.startswith("READY"):
            raise RuntimeError("the @neo4j/graphql peer did not start")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _check_same_people(
    product: str, token: str, peer: str, env: dict[str, str], values: dict[str, list[str]]
) -> None:
    """The three contenders answer the same ids with the same people (search: the same
    first page from the product and raw Cypher; the peer's overlap is reported)."""
    today = date.today().isoformat()
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(timeout=30) as client:
        for read in READS:
            sample = values[read][:30]
            product_rows = [
                client.post(product, json=b, headers=headers).json()
                for b in _product_bodies(read, sample)
            ]
            peer_rows = [
                client.post(peer, json=b).json() for b in _peer_bodies(read, sample, today)
            ]
            raw_rows = asyncio.run(_raw_people(env, read, sample))
            same_raw = sum(
                _ids(read, "product", p) == r for p, r in zip(product_rows, raw_rows, strict=True)
            )
            same_peer = sum(
                _ids(read, "product", p) == _ids(read, "peer", q)
                for p, q in zip(product_rows, peer_rows, strict=True)
            )
            print(
                f"same people, {read}: product and raw Cypher {same_raw}/{len(sample)}, "
                f"product and @neo4j/graphql {same_peer}/{len(sample)}"
            )
            if read != "search" and (same_raw != len(sample) or same_peer != len(sample)):
                raise SystemExit(f"the contenders answer {read} with different people")


async def _raw_people(env: dict[str, str], read: str, sample: list[str]) -> list[list[str]]:
    async with neo4j.AsyncGraphDatabase.driver(
        env["NEO4J_URI"], auth=(env["NEO4J_USER"], env["NEO4J_PASSWORD"]), **DRIVER_OPTIONS
    ) as driver:
        return [await people_read(driver, read, v) for v in sample]


def _ids(read: str, contender: str, answer: dict[str, Any]) -> list[str]:
    data = answer["data"]
    if contender == "product":
        if read == "network":
            return sorted(p["id"] for p in data["familyNetwork"]["people"])
        if read == "person":
            return [data["person"]["id"]] if data["person"] else []
        return [e["node"]["id"] for e in data["people"]["edges"]]
    if read == "network":
        return sorted(p["id"] for p in data["familyNetwork"])
    if read == "person":
        return [p["id"] for p in data["people"]]
    return [e["node"]["id"] for e in data["peopleByName"]["edges"]]


def _summary(sitting: Sitting) -> None:
    print("\n| read | contender | median req/s | median p50 ms | median p95 ms | median p99 ms |")
    print("|---|---|---:|---:|---:|---:|")
    medians: dict[tuple[str, str], float] = {}
    for read in READS:
        for name in ("product", "@neo4j/graphql", "raw Cypher", f"product, paced {PACED_RATE}/s"):
            runs = [r for r in sitting.runs if r["read"] == read and r["contender"] == name]
            if not runs:
                continue
            medians[(read, name)] = statistics.median(r["rate"] for r in runs)
            print(
                f"| {read} | {name} | {medians[(read, name)]:.0f} | "
                + " | ".join(
                    f"{statistics.median(r[q] for r in runs):.1f}" for q in ("p50", "p95", "p99")
                )
                + " |"
            )
    print(
        "\n| read | product ÷ @neo4j/graphql, per round | median "
        "| product ÷ raw Cypher, per round | median |"
    )
    print("|---|---|---:|---|---:|")
    for read in READS:
        peer = _ratios(sitting, read, "@neo4j/graphql")
        raw = _ratios(sitting, read, "raw Cypher")
        print(
            f"| {read} | {', '.join(f'{r:.2f}' for r in peer)} | {statistics.median(peer):.2f} | "
            f"{', '.join(f'{r:.2f}' for r in raw)} | {statistics.median(raw):.2f} |"
        )
    probes = [r["probe"] for r in sitting.runs]
    print(
        f"\nprobe ns: quietest {sitting.quietest:.0f}, runs {min(probes):.0f} to {max(probes):.0f}"
    )


def _ratios(sitting: Sitting, read: str, other: str) -> list[float]:
    def rate(number: int, name: str) -> float:
        return next(
            float(r["rate"])
            for r in sitting.runs
            if (r["round"], r["read"], r["contender"]) == (number, read, name)
        )

    rounds = sorted({r["round"] for r in sitting.runs})
    return [rate(n, "product") / rate(n, other) for n in rounds]


if __name__ == "__main__":
    main()
