"""The synthetic borough as its agencies' extracts: every row is accepted by the import,
and the graph it builds has the borough's records, the same ones a direct load makes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import neo4j

from graph_service.ingest.feed_export import write_feeds
from graph_service.ingest.loader import load_borough
from graph_service.ingest.synthetic import generate_borough
from graph_service.security.audit import AuditLog
from graph_service.services.feeds import Sender, import_agencies
from graph_service.store.gateway import GraphGateway
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection
from tests.services.feed_support import TODAY, feed_writer


async def _discard(_: list[dict[str, object]]) -> None:
    return None


def _labels(driver: neo4j.Driver) -> Counter[str]:
    records, _, _ = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
    )
    return Counter({r["label"]: r["n"] for r in records})


def _types(driver: neo4j.Driver) -> Counter[str]:
    records, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return Counter({r["type"]: r["n"] for r in records})


async def test_the_borough_as_feeds_imports_whole_and_matches_a_direct_load(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection, queries: QueryLibrary, tmp_path: Path
) -> None:
    borough = generate_borough(800, seed=5)
    export = write_feeds(borough, tmp_path)
    agencies = {row["id"] for row in borough.nodes["Agency"]}
    assert {path.parent.name for paths in export.files.values() for path in paths} <= agencies
    load_borough(graph, queries, export.directory)
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    try:
        gateway = GraphGateway(driver, queries, settings.neo4j_database)
        sender = Sender("administrator", None, AuditLog(_discard))
        results = await import_agencies(gateway, feed_writer(TODAY), export.files, sender)
    finally:
        await driver.close()
    load_borough(graph, queries, export.work)

    assert [p for r in results for p in r.problems] == []
    assert sum(r.counts.new for r in results) == export.rows
    labels = _labels(graph)
    for label, count in borough.counts().items():
        assert labels[label] == count, label
    direct = Counter(borough.relationship_counts())
    imported = _types(graph)
    for kind, count in direct.items():
        if kind != "KNOWN_TO":  # the people file says its own agency knows them, once
            assert imported[kind] == count, kind
    assert abs(imported["KNOWN_TO"] - direct["KNOWN_TO"]) <= direct["KNOWN_TO"] // 100
    # The ground truth's people are found under the ids the import gave them.
    original, duplicate = borough.duplicate_pairs[0]
    ids = [export.person_ids[original], export.person_ids[duplicate]]
    records, _, _ = graph.execute_query(
        "MATCH (p:Person) WHERE p.id IN $ids RETURN count(p) AS n", ids=ids
    )
    assert records[0]["n"] == 2
