"""The MASH front door through the API, served by uvicorn as it ships:

1. the queue of 500 open contacts with their clocks (`contacts(first: 500)`);
2. recording a concern that raises Think Family alerts for 20 people, against the same
   write on a server with the alert rules switched off (requests alternate between the
   two servers, so the machine's noise falls on both alike);
3. acknowledging 500 alerts at once.

Run: `.venv/bin/python bench/bench_mash.py [people] [rounds]` (defaults 20000 and 60).
Starts its own Neo4j (or uses NEO4J_URI: its data is replaced).
Targets (issue 24): the queue p95 <= 300 ms; alerts add <= 100 ms to the write's p95;
500 acknowledged in <= 2 s.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import neo4j

from bench.harness import bench_graph, cpu_probe, machine_description, served_api
from graph_service.ingest.contacts import generate_contacts
from graph_service.ingest.loader import load_borough, load_contacts
from graph_service.ingest.synthetic import generate_borough

QUEUE = """{ contacts(first: 500) { edges { node { id subjectIds rag state atRisk breaches
  decisionClock { dueAt minutesLeft atRisk breached }
  checks { agencyId late clock { dueAt minutesLeft } } } } } }"""
CONCERN = """mutation($person: ID!, $on: Date!) { recordConcern(input: {code: "3B",
  personId: $person, raisedOn: $on, raisedByAgencyId: "AG-BENCH-POLICE", severity: HIGH,
  sourceRecordId: "B-1"}) { __typename } }"""
ACKNOWLEDGE = """mutation($ids: [ID!]!) { acknowledgeAlerts(ids: $ids, note: "bench") {
  __typename ... on AlertsAcknowledged { count } } }"""
TODAY = date.today().isoformat()  # alerts are raised for recent concerns only
# An adult whose household holds 19 children, and a partner: 20 alerted by a concern.
FAMILY = """
MERGE (a:Agency {id: 'AG-BENCH-POLICE'}) SET a.name = 'Bench Police', a.kind = 'police'
MERGE (adult:Person {id: 'P-BENCH-ADULT'}) SET adult.date_of_birth = date('1980-01-01'),
  adult.given_name = 'Bench', adult.family_name = 'Adult'
MERGE (partner:Person {id: 'P-BENCH-PARTNER'}) SET partner.date_of_birth = date('1982-01-01')
MERGE (h:Household {id: 'H-BENCH'})
MERGE (adult)-[:MEMBER_OF {id: 'RB-M0', from_date: date('2010-01-01')}]->(h)
MERGE (adult)-[:PARTNER_OF {id: 'RB-P0', kind: 'married', from_date: date('2005-01-01')}]->(partner)
WITH h
UNWIND range(1, 19) AS n
MERGE (c:Person {id: 'P-BENCH-C' + n}) SET c.date_of_birth = date('2015-01-01')
MERGE (c)-[:MEMBER_OF {id: 'RB-M' + n, from_date: date('2015-01-01')}]->(h)
"""


def main(people: int, rounds: int) -> None:
    print(machine_description(), f"; CPU probe {cpu_probe():.0f} ns")
    borough = generate_borough(people, 7)
    with bench_graph() as (driver, queries, env):
        with driver.session() as session:  # IN TRANSACTIONS needs an auto-commit query
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
        load_borough(driver, queries, borough)
        rows = generate_contacts(borough, datetime.now(UTC), seed=3, days=0, open_today=500)
        load_contacts(driver, queries, rows)
        driver.execute_query(FAMILY)
        print(f"{people:,} people, {len(rows)} open contacts")
        with served_api(env, "1") as (url, token), _quiet_server(env) as (quiet, quiet_token):
            _queue(url, token, rounds)
            _alerts(url, token, quiet, quiet_token, rounds)
            _acknowledge(url, token, driver)
        _check(driver)


@contextlib.contextmanager
def _quiet_server(env: dict[str, str]) -> Iterator[tuple[str, str]]:
    """The same API with every alert rule switched off."""
    saved = os.environ.get("GRAPH_SERVICE_ALERTS_RULES")
    os.environ["GRAPH_SERVICE_ALERTS_RULES"] = "[]"
    try:
        with served_api(env, "1") as served:
            yield served
    finally:
        if saved is None:
            os.environ.pop("GRAPH_SERVICE_ALERTS_RULES", None)
        else:
            os.environ["GRAPH_SERVICE_ALERTS_RULES"] = saved


def _post(client: httpx.Client, query: str, **variables: Any) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    response = client.post("/graphql", json={"query": query, "variables": variables})
    took = (time.perf_counter() - started) * 1000
    body = response.json()
    assert response.status_code == 200 and not body.get("errors"), body
    return took, body["data"]


def _client(url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def _summary(name: str, timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    p50, p95 = statistics.median(timings), timings[int(len(timings) * 0.95) - 1]
    print(f"{name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms ({len(timings)} requests)")
    return p50, p95


def _queue(url: str, token: str, rounds: int) -> None:
    with _client(url, token) as client:
        for _ in range(5):
            _, data = _post(client, QUEUE)
        shown = len(data["contacts"]["edges"])
        _summary(
            f"queue of {shown} open contacts", [_post(client, QUEUE)[0] for _ in range(rounds)]
        )


def _alerts(url: str, token: str, quiet: str, quiet_token: str, rounds: int) -> None:
    with _client(url, token) as loud_client, _client(quiet, quiet_token) as quiet_client:
        for _ in range(5):
            _post(loud_client, CONCERN, person="P-BENCH-ADULT", on=TODAY)
            _post(quiet_client, CONCERN, person="P-BENCH-ADULT", on=TODAY)
        loud, silent = [], []
        for _ in range(rounds):
            loud.append(_post(loud_client, CONCERN, person="P-BENCH-ADULT", on=TODAY)[0])
            silent.append(_post(quiet_client, CONCERN, person="P-BENCH-ADULT", on=TODAY)[0])
    _, with_p95 = _summary("recordConcern raising 20 alerts", loud)
    _, without_p95 = _summary("the same write, alert rules off", silent)
    print(f"alerts add {with_p95 - without_p95:.0f} ms to the p95")


def _acknowledge(url: str, token: str, driver: neo4j.Driver) -> None:
    timings = []
    with _client(url, token) as client:
        for _ in range(3):
            records, _, _ = driver.execute_query(
                "MATCH (a:Alert {state: 'open'}) RETURN a.id AS id LIMIT 500"
            )
            ids = [r["id"] for r in records]
            if len(ids) < 500:
                break  # every 500 acknowledged once already
            took, data = _post(client, ACKNOWLEDGE, ids=ids)
            assert data["acknowledgeAlerts"]["count"] == len(ids) == 500, data
            timings.append(took)
    print("500 alerts acknowledged at once: " + ", ".join(f"{t:.0f} ms" for t in timings))


def _check(driver: neo4j.Driver) -> None:
    records, _, _ = driver.execute_query(
        "MATCH (a:Alert) RETURN count(a) AS alerts, "
        "count { MATCH (:Alert)-[:ACKNOWLEDGED]->() } AS acknowledgements"
    )
    print(
        f"alerts raised {records[0]['alerts']}, acknowledgements {records[0]['acknowledgements']}"
    )


if __name__ == "__main__":
    given = [int(a) for a in sys.argv[1:]]
    main(given[0] if given else 20_000, given[1] if len(given) > 1 else 60)
