"""Batched, idempotent bulk loading of rows into the graph with `UNWIND`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import LiteralString

import neo4j

from graph_service.ingest.synthetic import Borough, Row
from graph_service.store.queries import QueryLibrary

__all__ = ["GraphCounts", "count_graph", "load_borough", "load_query_name"]

Progress = Callable[[int], None]


def load_query_name(load: str) -> str:
    """`Person:PARENT_OF:Person` -> `ingest_person_parent_of_person`."""
    return "ingest_" + "_".join(part.lower() for part in load.split(":"))


def _write_batch(tx: neo4j.ManagedTransaction, query: LiteralString, rows: list[Row]) -> None:
    tx.run(query, rows=rows).consume()


def _batches(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def load_borough(
    driver: neo4j.Driver,
    queries: QueryLibrary,
    borough: Borough,
    *,
    database: str = "neo4j",
    batch_size: int = 10_000,
    progress: Progress | None = None,
) -> None:
    """Load every node, then every relationship; each batch is one transaction.

    MERGE on stable ids makes a second load of the same borough change nothing.
    Two lanes of loads run side by side so the server's cores and the client's
    encoding overlap; a deadlock between them is retried by the driver.
    """
    lock = threading.Lock()

    def run_lane(lane: list[tuple[str, list[Row]]]) -> None:
        with driver.session(database=database) as session:
            for load, rows in lane:
                query = queries[load_query_name(load)]
                for batch in _batches(rows, batch_size):
                    session.execute_write(_write_batch, query, batch)
                    if progress is not None:
                        with lock:
                            progress(len(batch))

    for phase in (borough.nodes, borough.relationships):
        with ThreadPoolExecutor(max_workers=2) as pool:
            for future in [pool.submit(run_lane, lane) for lane in _lanes(phase)]:
                future.result()


# Loads that create relationships on the same dense nodes (an agency with tens of
# thousands of clients) must not run at the same time, or they deadlock: they share
# one lane. Every other load goes to whichever lane has less work so far.
_DENSE = frozenset({"Agency", "Worker", "Place"})


def _lanes(phase: dict[str, list[Row]]) -> list[list[tuple[str, list[Row]]]]:
    def touches_dense(load: str) -> bool:
        return any(part in _DENSE for part in load.split(":")[::2]) and ":" in load

    dense = [(load, rows) for load, rows in phase.items() if touches_dense(load)]
    other: list[tuple[str, list[Row]]] = []
    work = [sum(len(rows) for _, rows in dense), 0]
    lanes = [dense, other]
    for load, rows in sorted(phase.items(), key=lambda item: -len(item[1])):
        if not touches_dense(load):
            lighter = 0 if work[0] <= work[1] else 1
            lanes[lighter].append((load, rows))
            work[lighter] += len(rows)
    return [lane for lane in lanes if lane]


@dataclass(frozen=True, slots=True)
class GraphCounts:
    people: int
    households: int
    addresses: int
    agencies: int
    workers: int
    concerns: int
    cases: int
    hazards: int
    places: int
    relationships: int

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


def count_graph(
    driver: neo4j.Driver, queries: QueryLibrary, database: str = "neo4j"
) -> GraphCounts:
    records, _, _ = driver.execute_query(queries["graph_counts"], database_=database)
    return GraphCounts(**records[0].data())
