"""Linking a whole borough in the graph, as `graph-service linkage link` does: the
auto-link band is linked (and only true duplicates), the review band is queued, a second
run changes nothing, and the command line says what it did."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

import neo4j
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.ingest.linkage_truth import person_records, true_matches
from graph_service.ingest.synthetic import Borough
from graph_service.linkage.scoring import load_model, score_pairs
from graph_service.model.match_bands import LinkThresholds
from graph_service.services.identities import Linkage, link_everyone
from graph_service.services.reader import Reader
from graph_service.services.writing import Writer
from graph_service.store.gateway import GraphGateway
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection

WRITER = Writer("linkage test", "test\x00linkage", Reader(None, True, date(2026, 12, 5)))


def _linked_pairs(driver: neo4j.Driver) -> set[frozenset[str]]:
    records, _, _ = driver.execute_query(
        "MATCH (s:LinkedRecord)-[:RECORD_OF]->(p:Person) RETURN s.id AS s, p.id AS p"
    )
    return {frozenset((r["s"], r["p"])) for r in records}


async def test_linking_everyone_links_only_true_duplicates_and_is_idempotent(
    neo4j_connection: Neo4jConnection,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    gateway = GraphGateway(driver, queries, settings.neo4j_database)
    linkage = Linkage(LinkThresholds())
    try:
        first = await link_everyone(gateway, linkage, WRITER)
        linked = _linked_pairs(session_driver)
        second = await link_everyone(gateway, linkage, WRITER)
    finally:
        await driver.close()

    assert first.records == len(borough.nodes["Person"])
    assert first.linked == len(linked) > 0
    assert linked <= true_matches(borough)  # every auto-link is one person
    assert second.linked == 0 and second.records == first.records - first.linked
    assert _linked_pairs(session_driver) == linked
    records, _, _ = session_driver.execute_query(
        "MATCH (d:LinkDecision {kind: 'confirmed'}) RETURN count(d) AS n, "
        "collect(DISTINCT d.decided_by) AS by"
    )
    assert records[0]["n"] == len(linked) and records[0]["by"] == ["linkage test"]


async def test_the_command_line_links_and_says_how_many(
    neo4j_connection: Neo4jConnection, borough: Borough
) -> None:
    env = {**neo4j_connection.env(), "COLUMNS": "200"}
    result = await asyncio.to_thread(CliRunner().invoke, app, ["linkage", "link"], env=env)
    assert result.exit_code == 0, result.output
    assert "records compared" in result.stdout and "pairs linked" in result.stdout


async def test_people_recorded_as_related_are_never_put_to_a_reviewer(
    neo4j_connection: Neo4jConnection,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    # A father who gave his son his own name scores in the review band on name, sex and
    # address; an agency recorded him as the boy's parent, so no reviewer could link them.
    records, _, _ = session_driver.execute_query(
        "MATCH (f:Person)-[:PARENT_OF]->(s:Person) WHERE f.full_name = s.full_name "
        "RETURN f.id AS f, s.id AS s"
    )
    namesakes = {frozenset((r["f"], r["s"])) for r in records}
    unrelated = [replace(r, relatives=frozenset()) for r in person_records(borough)]
    alike = score_pairs(load_model(), unrelated, LinkThresholds().review)
    assert namesakes & {frozenset((p.left_id, p.right_id)) for p in alike}
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    try:
        gateway = GraphGateway(driver, queries, settings.neo4j_database)
        await link_everyone(gateway, Linkage(LinkThresholds()), WRITER)
    finally:
        await driver.close()
    records, _, _ = session_driver.execute_query(
        "MATCH (a)<-[:CANDIDATE]-(:MatchReview)-[:CANDIDATE]->(b) WHERE a.id < b.id "
        "RETURN a.id AS a, b.id AS b"
    )
    proposed = {frozenset((r["a"], r["b"])) for r in records}
    assert proposed and not proposed & namesakes
