"""Map benchmark: a family map page for networks of about 150 people.

Run: `.venv/bin/python bench/bench_maps.py [people]` (default 100000).
Seeds the borough (seed 1) into a fresh local Neo4j, or uses a NEO4J_URI already holding
that many people. The generator's families are small (the largest depth-3 network in a
sample of 1,500 people at 100,000 held 25 people), so the benchmark adds one synthetic
extended family of four generations (149 people, 57 households, 11 hazards) and maps it
from three of its members. Times `GET /maps/person/{id}?depth=3` in-process (the named
query, building the map with pyvis, rendering the page): 20 requests per person after a
warm-up, and separately the Python part alone (build and render from the query's row).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from datetime import date

from bench.harness import bench_graph, in_process_client, machine_description
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import REFERENCE_DATE, Borough, generate_borough
from graph_service.maps.family import family_map
from graph_service.maps.page import render_page
from graph_service.security.roles import Role
from graph_service.services.network import MAX_NETWORK_NODES, build_network
from graph_service.store.values import native

REQUESTS = 20


def _percentile(values: list[float], share: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * share))]


async def _page_times(env: dict[str, str], people: list[str]) -> list[float]:
    times = []
    async with in_process_client(env, Role.SENIOR_PRACTITIONER) as client:
        for person in people:
            url = f"/maps/person/{person}?depth=3&asOf={REFERENCE_DATE.isoformat()}"
            assert (await client.get(url)).status_code == 200
            for _ in range(REQUESTS):
                started = time.perf_counter()
                await client.get(url)
                times.append((time.perf_counter() - started) * 1000)
    return times


def extended_family(agency: str) -> Borough:
    """Great-grandparents, 7 children, 21 grandchildren, 63 great-grandchildren, with
    partners and ex-partners: one network of 149 people within depth 3 of the eldest."""
    family = Borough(seed=0)
    count = iter(range(1, 10_000))

    def person(born: int, sex: str) -> str:
        n = next(count)
        pid = f"XP{n:05d}"
        given = ("Ada", "Ben", "Cara", "Dev", "Ewa", "Finn", "Gail", "Hugo")[n % 8]
        family.nodes["Person"].append(
            {
                "id": pid,
                "props": {
                    "given_name": given,
                    "family_name": "Benchmark",
                    "full_name": f"{given} Benchmark",
                    "name_phonetic": "",
                    "sex": sex,
                    "date_of_birth": date(born, 1 + n % 12, 1 + n % 28),
                    "ordinarily_resident_uk": True,
                    "deceased_on": None,
                    "due_date": None,
                    "source_agency": agency,
                    "source_record_id": f"{agency}/{pid}",
                },
            }
        )
        if n % 17 == 0:
            family.nodes["Hazard"].append(
                {
                    "id": f"XH{n}",
                    "props": {
                        "kind": "violence_to_staff",
                        "description": "bench hazard",
                        "review_on": date(2027, 1, 1),
                        "source_agency": agency,
                    },
                }
            )
            rel("Person:HAS_HAZARD:Hazard", pid, f"XH{n}", {})
        return pid

    def rel(load: str, start: str, end: str, props: dict[str, object]) -> None:
        rid = f"XR{next(count):06d}"
        family.relationships[load].append(
            {
                "id": rid,
                "start": start,
                "end": end,
                "props": {
                    "from_date": date(1990, 1, 1),
                    "to_date": None,
                    "source_agency": agency,
                    "source_record_id": f"{agency}/{rid}",
                    **props,
                },
            }
        )

    def couple(a: str, b: str, kind: str) -> None:
        rel("Person:PARTNER_OF:Person", a, b, {"kind": kind})
        household = f"XHH{next(count):05d}"
        family.nodes["Household"].append(
            {
                "id": household,
                "props": {"kind": "couple_with_children", "area": "Benchmark", "locality": "North"},
            }
        )
        for member in (a, b):
            rel("Person:MEMBER_OF:Household", member, household, {"role": "adult"})

    def descend(parent_a: str, parent_b: str, born: int, children: int, depth: int) -> None:
        for i in range(children):
            child = person(born + i, ("female", "male")[i % 2])
            for parent in (parent_a, parent_b):
                rel(
                    "Person:PARENT_OF:Person",
                    parent,
                    child,
                    {"kind": "birth", "parental_responsibility": True},
                )
            if depth > 0:
                partner = person(born + i, ("male", "female")[i % 2])
                couple(child, partner, ("married", "cohabiting")[i % 2])
                couple(child, person(born + i - 2, ("male", "female")[i % 2]), "ex")
                descend(child, partner, born + 24, 3, depth - 1)

    elder_a, elder_b = person(1948, "female"), person(1946, "male")
    couple(elder_a, elder_b, "married")
    descend(elder_a, elder_b, 1972, 7, 2)
    return family


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"machine: {machine_description()}")
    with bench_graph() as (driver, queries, env):
        borough = generate_borough(size, seed=1)
        if count_graph(driver, queries).people != size:
            load_borough(driver, queries, borough)
        family = extended_family(borough.nodes["Agency"][0]["id"])
        load_borough(driver, queries, family)
        chosen, rows = [], []
        for person in [family.nodes["Person"][i]["id"] for i in (0, 2, 5)]:
            records, _, _ = driver.execute_query(
                queries["family_network"],
                personId=person,
                depth=3,
                asOf=REFERENCE_DATE,
                maxNodes=MAX_NETWORK_NODES,
            )
            row = native(records[0].data())
            chosen.append(person)
            rows.append(row)
        python_ms = []
        for row in rows:
            for _ in range(REQUESTS):
                started = time.perf_counter()
                render_page(family_map(build_network(row, 3, REFERENCE_DATE)))
                python_ms.append((time.perf_counter() - started) * 1000)
        page_ms = asyncio.run(_page_times(env, chosen))
    sizes = [len(r["people"]) for r in rows]
    print(f"people per map: {sizes}")
    print("| people | what | maps | p50 ms | p95 ms | max ms |")
    print("|---:|---|---:|---:|---:|---:|")
    for what, ms in (
        ("GET /maps/person (query, build, render)", page_ms),
        ("build and render only", python_ms),
    ):
        print(
            f"| {size:,} | {what} | {len(rows)} | {statistics.median(ms):.0f} "
            f"| {_percentile(ms, 0.95):.0f} | {max(ms):.0f} |"
        )


if __name__ == "__main__":
    main()
