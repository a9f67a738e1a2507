"""Analytics benchmark: whole-borough runs and one family's indicators.

Run: `.venv/bin/python bench/bench_analytics.py [people ...]` (default 10000 100000).
Each size is seeded into a fresh local Neo4j (or reuses a NEO4J_URI already holding that
many people); each analysis is timed end to end (read from Neo4j, rules, results),
after one warm-up run; `familyIndicators` is timed over 200 random people.

Then, through the API (uvicorn, one worker): each analysis's first page (computed), its
second page (kept until the data changes), and the latency of familyNetwork requests that
another client sends one after another while the first page is being computed.
"""

from __future__ import annotations

import itertools
import random
import sys
import threading
import time
from datetime import date

import httpx
import neo4j

from bench.harness import bench_graph, machine_description, served_api
from graph_service.analytics.network_rules import family_units
from graph_service.analytics.report import (
    borough_facts,
    child_household_params,
    network_facts,
    network_params,
    run_analysis,
    run_network_analysis,
)
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import REFERENCE_DATE, generate_borough
from graph_service.model.thresholds import Thresholds
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import native


def household_run(driver: neo4j.Driver, queries: QueryLibrary, name: str, on: date) -> int:
    t = Thresholds()
    records, _, _ = driver.execute_query(
        queries["analytics_child_households"], child_household_params(on, None, t)
    )
    return len(run_analysis(name, [native(r.data()) for r in records], on, t).rows)


def network_run(driver: neo4j.Driver, queries: QueryLibrary, name: str, on: date) -> int:
    t = Thresholds()
    params = network_params(on, t)
    links, _, _ = driver.execute_query(queries["analytics_family_links"], params)
    people, _, _ = driver.execute_query(queries["analytics_people_and_concerns"], params)
    facts = borough_facts([r.data() for r in links], [native(r.data()) for r in people])
    return len(run_network_analysis(name, facts, on, t).rows)


def family_indicators(driver: neo4j.Driver, queries: QueryLibrary, person: str, on: date) -> None:
    t = Thresholds()
    params = {**network_params(on, t), "personId": person, "limit": 2000}
    records, _, _ = driver.execute_query(queries["analytics_family_of_person"], params)
    row = native(records[0].data())
    family_units(network_facts(row["links"], row), t, require_children=False)


ANALYSES = {
    "toxicTrio": "flags { childId evidence { text } }",
    "youngCarers": "flags { childId evidence { text } }",
    "multipleDisadvantage": "families { id evidence { text } }",
    "disadvantageClusters": "clusters { id evidence { text } }",
    "riskHubs": "hubs { personId evidence { text } }",
}
NETWORK = """query($id: ID!) { familyNetwork(personId: $id, depth: 2) {
  people { id fullName hazards { id } } edges { id type source target } } }"""


def _post(client: httpx.Client, query: str, **variables: object) -> dict[str, object]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, object] = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body


def _networks(
    url: str, headers: dict[str, str], ids: list[str], done: threading.Event, took: list[float]
) -> None:
    """familyNetwork requests one after another until `done`, each one's latency in `took`."""
    with httpx.Client(base_url=url, headers=headers, timeout=600) as client:
        for person in itertools.cycle(ids):
            if done.is_set():
                return
            started = time.perf_counter()
            _post(client, NETWORK, id=person)
            took.append(time.perf_counter() - started)


def api_runs(neo4j_env: dict[str, str], ids: list[str], people: int) -> None:
    """Each analysis's first and second page through the API, and what others wait meanwhile."""
    print(
        "\n| people | analysis, through the API | first page s | second page ms | "
        "familyNetwork meanwhile: requests, p50 / max ms |"
    )
    print("|---:|---|---:|---:|---|")
    with served_api(neo4j_env, "1") as (url, token):
        headers = {"Authorization": f"Bearer {token}"}
        client = httpx.Client(base_url=url, headers=headers, timeout=600)
        for person in ids[:50]:
            _post(client, NETWORK, id=person)  # warm-up
        for field, selection in ANALYSES.items():
            query = (
                f"query($after: String) {{ {field}(first: 50, after: $after) "
                f"{{ total endCursor {selection} }} }}"
            )
            latencies: list[float] = []
            done = threading.Event()
            probe = threading.Thread(target=_networks, args=(url, headers, ids, done, latencies))
            probe.start()
            started = time.perf_counter()
            first = _post(client, query)["data"][field]  # type: ignore[index]
            first_s = time.perf_counter() - started
            done.set()
            probe.join()
            started = time.perf_counter()
            _post(client, query, after=first["endCursor"])
            second_ms = (time.perf_counter() - started) * 1000
            latencies.sort()
            print(
                f"| {people:,} | {field} | {first_s:.1f} | {second_ms:.0f} | {len(latencies)}, "
                f"{latencies[len(latencies) // 2] * 1000:.0f} / {latencies[-1] * 1000:.0f} |",
                flush=True,
            )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    on = REFERENCE_DATE
    print(f"machine: {machine_description()}")
    print("| people | analysis | results | seconds |")
    print("|---:|---|---:|---:|")
    for people in sizes:
        borough = generate_borough(people, seed=1)
        with bench_graph() as (driver, queries, neo4j_env):
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
            api_runs(neo4j_env, ids, people)


if __name__ == "__main__":
    main()
