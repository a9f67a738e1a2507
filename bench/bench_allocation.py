"""Allocation benchmark: a queue of 500 unallocated cases across 100 workers.

Run: `.venv/bin/python bench/bench_allocation.py [people]` (default 100000).
The borough is seeded into a fresh local Neo4j (or a NEO4J_URI already holding that many
people). The queue is the 500 oldest unallocated children's social care cases; the workers
are the first 100 of that agency by id (and, in a second row, all of them). Each plan is timed end
to end (four reads from Neo4j, complexity, hard rules, min-cost flow, explanations), after
one warm-up run, five times; the table gives the median and the slowest.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

import neo4j

from bench.harness import bench_graph, machine_description
from graph_service.allocation.planner import AllocationRequest, QueuePlan, plan_allocation
from graph_service.ingest.loader import count_graph, load_borough
from graph_service.ingest.synthetic import REFERENCE_DATE, generate_borough
from graph_service.model.allocation_weights import AllocationPreferences, ComplexityWeights
from graph_service.model.taxonomy import AgencyKind
from graph_service.store.gateway import GraphGateway
from graph_service.store.queries import QueryLibrary

QUEUE, WORKERS, RUNS = 500, 100, 5


async def timed_plans(
    env: dict[str, str], queries: QueryLibrary, request: AllocationRequest
) -> tuple[list[float], QueuePlan]:
    auth = (env["NEO4J_USER"], env["NEO4J_PASSWORD"])
    async with neo4j.AsyncGraphDatabase.driver(env["NEO4J_URI"], auth=auth) as driver:
        gateway = GraphGateway(driver, queries, "neo4j")
        weights, prefs = ComplexityWeights(), AllocationPreferences()
        result = await plan_allocation(gateway.read, request, weights, prefs)  # warm-up
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            result = await plan_allocation(gateway.read, request, weights, prefs)
            times.append(time.perf_counter() - started)
    return times, result


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"machine: {machine_description()}")
    print(
        "| people | queue | workers | allocated | unallocatable | over capacity | rounds "
        "| median s | slowest s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with bench_graph() as (driver, queries, env):
        borough = generate_borough(people, seed=1)
        if count_graph(driver, queries).people != people:
            load_borough(driver, queries, borough)
        agency = borough.agencies_of(AgencyKind.CHILDRENS_SOCIAL_CARE)[0]
        records, _, _ = driver.execute_query(
            queries["allocation_queue"], open="open", agencyId=agency, limit=QUEUE
        )
        cases = tuple(r["id"] for r in records)
        records, _, _ = driver.execute_query(
            queries["allocation_workers"],
            asOf=REFERENCE_DATE,
            workerIds=None,
            agencyIds=[agency],
            includeAmhps=False,
            amhp="amhp",
            open="open",
            workerLimit=2000,
        )
        everyone = tuple(r["worker"]["id"] for r in records)
        for workers in (everyone[:WORKERS], None):
            request = AllocationRequest(REFERENCE_DATE, case_ids=cases, worker_ids=workers)
            times, result = asyncio.run(timed_plans(env, queries, request))
            plan = result.plan
            allocated = sum(len(a.group.cases) for a in plan.assignments if a.worker)
            over = sum(1 for load in plan.loads if load.after > load.limit)
            print(
                f"| {people:,} | {len(cases)} | {len(plan.loads)} | {allocated} "
                f"| {len(cases) - allocated} | {over} | {plan.rounds} "
                f"| {statistics.median(times):.2f} | {max(times):.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
