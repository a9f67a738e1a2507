"""Batched, idempotent bulk loading of rows into the graph with `UNWIND`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import LiteralString

import neo4j

from graph_service.ingest.synthetic import Borough
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import Row

__all__ = [
    "DEFAULT_BATCH",
    "GraphCounts",
    "count_graph",
    "empty_labels",
    "load_borough",
    "load_contacts",
    "load_query_name",
]

Progress = Callable[[int], None]
# Rows per transaction. Measured on 100,000 people (2 cores): 3,000 loaded in 61 to 65 s,
# 10,000 in 69 to 74 s, 1,500 in 69 s; smaller transactions keep the server's
# transaction state small while its JIT compiler shares the cores.
DEFAULT_BATCH = 3_000
INDEX_WAIT_SECONDS = 600


def load_query_name(load: str, *, fresh: bool = False) -> str:
    """`Person:PARENT_OF:Person` -> `ingest_person_parent_of_person` (MERGE), or with
    `fresh`, `ingest_fresh_person_parent_of_person` (CREATE, for labels that were empty)."""
    return ("ingest_fresh_" if fresh else "ingest_") + "_".join(
        part.lower() for part in load.split(":")
    )


def _is_fresh(load: str, empty: frozenset[str]) -> bool:
    """A load whose every label was empty when loading began can only meet rows it wrote
    itself: nothing to merge with, so it creates (about a fifth faster over all)."""
    return all(label in empty for label in load.split(":")[::2])


def _check_unique_ids(load: str, rows: list[Row]) -> None:
    seen: set[object] = set()
    for row in rows:
        if row["id"] in seen:
            raise ValueError(f"{load}: id {row['id']!r} appears more than once in the rows")
        seen.add(row["id"])


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
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> None:
    """Load every node, then every relationship; each batch is one transaction.

    MERGE on stable ids makes a second load of the same borough change nothing; labels
    that were empty when it began are created instead (a run interrupted part way leaves
    them non-empty, so the next run merges). Into an empty graph, the names full-text
    index is built after the load instead of during it. Two lanes of loads run side by
    side so the server's cores and the client's encoding overlap; a deadlock between them
    is retried by the driver.
    """
    lock = threading.Lock()
    empty = empty_labels(driver, queries, database)
    for load, rows in [*borough.nodes.items(), *borough.relationships.items()]:
        if _is_fresh(load, empty):
            _check_unique_ids(load, rows)

    def run_lane(lane: list[tuple[str, list[Row]]]) -> None:
        with driver.session(database=database) as session:
            for load, rows in lane:
                query = queries[load_query_name(load, fresh=_is_fresh(load, empty))]
                for batch in _batches(rows, batch_size):
                    session.execute_write(_write_batch, query, batch)
                    if progress is not None:
                        with lock:
                            progress(len(batch))

    # The case data's version moves before and after (see `api/analysis_cache.py`): results
    # kept from before the load, or computed from part of it, are not served again.
    driver.execute_query(queries["graph_version_bump"], database_=database)
    if "Person" in empty:
        driver.execute_query(queries["ingest_names_index_drop"], database_=database)
    try:
        for phase in (borough.nodes, borough.relationships):
            with ThreadPoolExecutor(max_workers=2) as pool:
                for future in [pool.submit(run_lane, lane) for lane in _lanes(phase)]:
                    future.result()
    finally:
        driver.execute_query(queries["graph_version_bump"], database_=database)
        driver.execute_query(queries["ingest_names_index_create"], database_=database)
    driver.execute_query(
        queries["ingest_await_indexes"], seconds=INDEX_WAIT_SECONDS, database_=database
    )


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


_COUNTED = {
    "Person": "people",
    "Household": "households",
    "Address": "addresses",
    "Agency": "agencies",
    "Worker": "workers",
    "Concern": "concerns",
    "Case": "cases",
    "Hazard": "hazards",
    "Place": "places",
}


def load_contacts(
    driver: neo4j.Driver,
    queries: QueryLibrary,
    rows: list[Row],
    *,
    database: str = "neo4j",
    batch_size: int = 500,
) -> int:
    """Load synthetic contacts (see `ingest.contacts`), a batch per transaction; a second
    load of the same rows changes nothing. How many were new."""
    query = queries["contacts_seed"]
    loaded = 0
    with driver.session(database=database) as session:
        for batch in _batches(rows, batch_size):
            result = session.execute_write(_count_loaded, query, batch)
            loaded += result
    return loaded


def _count_loaded(tx: neo4j.ManagedTransaction, query: LiteralString, rows: list[Row]) -> int:
    record = tx.run(query, rows=rows, limit=len(rows)).single()
    return int(record["loaded"]) if record else 0


def empty_labels(driver: neo4j.Driver, queries: QueryLibrary, database: str) -> frozenset[str]:
    counts = count_graph(driver, queries, database).as_dict()
    return frozenset(label for label, field in _COUNTED.items() if counts[field] == 0)


def count_graph(
    driver: neo4j.Driver, queries: QueryLibrary, database: str = "neo4j"
) -> GraphCounts:
    records, _, _ = driver.execute_query(queries["graph_counts"], database_=database)
    return GraphCounts(**records[0].data())
