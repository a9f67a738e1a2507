"""The floor in bench/bench_peers.py: the product's own Cypher sent straight through the
async neo4j driver, with nothing in between (no HTTP, no GraphQL, no authorisation).

Each read is what the product's gateway sends for the same question: an auto-commit
read of the named query, every record received and hydrated. Run by bench_peers in its
own process, so that its Python has a core's worth of time to itself, as the product's
workers do: `python -m bench.raw_cypher JOB.json` prints one RESULT line of JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import neo4j

from graph_service.config import PROJECT_ROOT
from graph_service.services.network import MAX_NETWORK_NODES
from graph_service.services.people import SEARCH_CANDIDATES, lucene_name_query
from graph_service.store.queries import QueryLibrary

__all__ = ["DRIVER_OPTIONS", "READS", "people_read", "saturate"]

READS = ("network", "search", "person")
_QUERIES = QueryLibrary(PROJECT_ROOT / "queries")
# As the product's driver: no warnings about labels a fresh graph has not used yet.
DRIVER_OPTIONS: dict[str, Any] = {"notifications_disabled_classifications": ["UNRECOGNIZED"]}


def _params(read: str, value: str, today: date) -> tuple[str, dict[str, Any]]:
    if read == "network":
        params = {"personId": value, "depth": 2, "asOf": today, "maxNodes": MAX_NETWORK_NODES}
        return "family_network", params
    if read == "person":
        return "person_details", {"ids": [value], "asOf": today}
    return "person_search", {
        "index": "person_names",
        "lucene": lucene_name_query(value),
        "candidates": SEARCH_CANDIDATES,
        "dateOfBirth": None,
        "bornAfter": None,
        "bornOnOrBefore": None,
        "postcode": None,
        "seeProtected": False,
        "offset": 0,
        "limit": 21,
        "asOf": today,
        "scopeAgency": None,
    }


async def _run(driver: neo4j.AsyncDriver, read: str, value: str) -> list[dict[str, Any]]:
    name, params = _params(read, value, date.today())
    async with driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
        result = await session.run(_QUERIES[name], params)
        return [record.data() async for record in result]


async def people_read(driver: neo4j.AsyncDriver, read: str, value: str) -> list[str]:
    """The ids of the people one read answers with, for the same-people check (a
    network's in id order: its order means nothing)."""
    rows = await _run(driver, read, value)
    if read == "network":
        return sorted(p["id"] for p in rows[0]["people"]) if rows else []
    if read == "person":
        return [row["person"]["id"] for row in rows]
    return [m["person"]["id"] for m in rows[0]["matches"][:20]]


async def saturate(job: dict[str, Any]) -> dict[str, float]:
    """`clients` tasks reading in turn through the values for `seconds`, each sending its
    next read as soon as it has the last one's records."""
    values: list[str] = job["values"]
    latencies: list[float] = []
    async with neo4j.AsyncGraphDatabase.driver(
        job["uri"], auth=(job["user"], job["password"]), **DRIVER_OPTIONS
    ) as driver:
        deadline = time.perf_counter() + job["seconds"]

        async def client(start: int) -> None:
            turn = start
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                await _run(driver, job["read"], values[turn % len(values)])
                latencies.append(time.perf_counter() - began)
                turn += job["clients"]

        began = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(job["clients"])))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": 0,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000,
        "p99": latencies[int(len(latencies) * 0.99)] * 1000,
        "rate": len(latencies) / elapsed,
    }


if __name__ == "__main__":
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    print("RESULT " + json.dumps(asyncio.run(saturate(job))), flush=True)
