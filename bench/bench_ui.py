"""Practitioner UI benchmark: server time per page on a seeded borough.

Run: `.venv/bin/python bench/bench_ui.py [people] [sample]` (defaults 100000 and 30).
Seeds the borough (seed 1) into a fresh local Neo4j (or uses a NEO4J_URI already holding
that many people), signs in a senior practitioner, and times in-process (the app's own
work: session, policy, use case, need to know, audit, rendering; no network) each page
for `sample` people picked at random: a search by a misspelled name, the person page,
the chronology, the family map (depth 2), and the allocation board. Every page is
requested once to warm up, then timed. Target (issue 21): p95 <= 150 ms per page.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
import sys
import time
from collections.abc import AsyncIterator

import httpx
import neo4j
from pydantic import SecretStr

from bench.harness import bench_graph, cpu_probe, machine_description
from graph_service.api.app import create_app
from graph_service.config import AuditMode, Settings
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import generate_borough
from graph_service.security.passwords import hash_password
from graph_service.security.tokens import new_secret
from graph_service.store.queries import QueryLibrary

PASSWORD = "a benchmark password"


def _percentile(values: list[float], share: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * share))]


@contextlib.asynccontextmanager
async def _signed_in(env: dict[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        neo4j_uri=env["NEO4J_URI"],
        neo4j_user=env["NEO4J_USER"],
        neo4j_password=SecretStr(env["NEO4J_PASSWORD"]),
        token_secret=SecretStr(new_secret()),
        audit_mode=AuditMode.JOURNAL,
        rate_limit_per_minute=1e9,
    )
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as c,
    ):
        form = (await c.get("/sign-in")).text
        token = form.split('name="sign_in_token" value="', 1)[1].split('"', 1)[0]
        fields = {"user": "bench", "password": PASSWORD, "sign_in_token": token}
        signed = await c.post("/sign-in", data=fields)
        assert signed.status_code == 303, signed.text[:300]
        yield c


def _misspelled(name: str) -> str:
    given, _, family = name.partition(" ")
    return f"{given} {family}{family[-1]}"


async def _time_pages(env: dict[str, str], people: list[tuple[str, str]]) -> dict[str, list[float]]:
    pages: dict[str, list[str]] = {
        "search (misspelled name)": [f"/search?name={_misspelled(n)}" for _, n in people],
        "person": [f"/people/{p}" for p, _ in people],
        "chronology": [f"/people/{p}/chronology" for p, _ in people],
        "family map (depth 2)": [f"/maps/person/{p}?depth=2" for p, _ in people],
        "allocation board": ["/allocation"] * len(people),
    }
    times: dict[str, list[float]] = {}
    async with _signed_in(env) as client:
        for page, urls in pages.items():
            for url in urls[:3]:  # warm up: caches, the JIT, the driver's pool
                answer = await client.get(url, headers={"accept": "text/html"})
                assert answer.status_code == 200, (url, answer.status_code)
            for url in urls:
                started = time.perf_counter()
                answer = await client.get(url, headers={"accept": "text/html"})
                times.setdefault(page, []).append((time.perf_counter() - started) * 1000)
                assert answer.status_code == 200, (url, answer.status_code)
    return times


def _user(driver: neo4j.Driver, queries: QueryLibrary) -> None:
    driver.execute_query(
        queries["local_user_save"],
        user="bench",
        passwordHash=hash_password(PASSWORD),
        role="senior_practitioner",
        agency=None,
        worker=None,
    )


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    print(f"machine: {machine_description()}")
    with bench_graph() as (driver, queries, env):
        borough = generate_borough(size, seed=1)
        if count_graph(driver, queries).people != size:
            load_borough(driver, queries, borough)
        _user(driver, queries)
        people = random.Random(7).sample(
            [(str(p["id"]), str(p["props"]["full_name"])) for p in borough.nodes["Person"]],
            sample,
        )
        probe = cpu_probe()
        times = asyncio.run(_time_pages(env, people))
    print(f"cpu probe: {probe:.0f} ns")
    print("| people | page | requests | p50 ms | p95 ms | max ms |")
    print("|---:|---|---:|---:|---:|---:|")
    for page, ms in times.items():
        print(
            f"| {size:,} | {page} | {len(ms)} | {statistics.median(ms):.0f} "
            f"| {_percentile(ms, 0.95):.0f} | {max(ms):.0f} |"
        )


if __name__ == "__main__":
    main()
