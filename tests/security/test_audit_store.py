"""The audit store on a real Neo4j: what a stored event holds, and what it refuses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import neo4j
import pytest

from graph_service.config import PROJECT_ROOT
from graph_service.security.audit import AuditEvent
from graph_service.security.audit_store import AuditStore
from graph_service.store.graph import async_driver
from graph_service.store.migrations import discover_migrations
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection


@pytest.fixture
async def store(neo4j_connection: Neo4jConnection) -> AsyncIterator[AuditStore]:
    settings = neo4j_connection.settings()
    async with async_driver(settings) as driver:
        yield AuditStore(driver, QueryLibrary(settings.queries_dir), settings.neo4j_database)


def _event(at: datetime) -> dict[str, object]:
    return AuditEvent(
        user="store.test",
        role="mash_practitioner",
        agency=None,
        operation="query person",
        action="read",
        outcome="allowed",
        person_ids=["P0000001"],
        request_id="r",
        at=at,
    ).properties()


async def test_an_event_keeps_its_instant_as_a_date_time_to_the_microsecond(
    store: AuditStore, session_driver: neo4j.Driver
) -> None:
    at = datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=UTC)
    await store.append([_event(at)])
    records, _, _ = session_driver.execute_query(
        "MATCH (e:AuditEvent {writer: $w}) RETURN e.at AS at, e.at >= $day AS after",
        w=store.writer,
        day=datetime(2026, 11, 23, tzinfo=UTC),
    )
    [record] = records
    assert type(record["at"]) is datetime  # a date-time, not the text it was shipped as
    assert record["at"] == at
    assert record["after"] is True  # so the trail's time filters compare it
    assert (
        await store.trail(
            subject=None,
            user="store.test",
            start=at,
            end=None,
            alerts_only=False,
            offset=0,
            limit=100,
        )
    )[0]["at"] == at


async def test_a_position_in_a_writer_chain_is_held_by_one_event_only(
    store: AuditStore, session_driver: neo4j.Driver
) -> None:
    await store.append([_event(datetime.now(UTC))])
    with pytest.raises(neo4j.exceptions.ConstraintError):
        session_driver.execute_query(
            "CREATE (:AuditEvent {writer: $w, sequence: 1, id: 'AE-copy'})", w=store.writer
        )


def _operators(plan: dict[str, Any]) -> set[str]:
    own = {plan["operatorType"].split("@")[0]}
    return own.union(*map(_operators, plan.get("children", [])))


def test_the_trail_walks_the_time_index_instead_of_every_event(
    session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    params = {"start": None, "end": None, "offset": 0, "limit": 20}
    with session_driver.session() as session:
        plan = session.run("EXPLAIN " + queries["audit_trail"], params).consume().plan
    assert plan is not None
    operators = _operators(plan)
    assert "NodeIndexSeekByRange" in operators and "NodeByLabelScan" not in operators


def test_one_users_trail_seeks_their_events_alone(
    session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    params = {"user": "someone", "start": None, "end": None, "offset": 0, "limit": 20}
    with session_driver.session() as session:
        plan = session.run("EXPLAIN " + queries["audit_trail_by_user"], params).consume().plan
    assert plan is not None
    steps = _details(plan)
    seeks = [details for operator, details in steps if "IndexSeek" in operator]
    assert any("AuditEvent(user, at)" in details for details in seeks), steps
    assert not any("Scan" in operator for operator, _ in steps)
    # In the index's order: only one page is sorted, however many events the user has.
    assert "PartialTop" in _operators(plan) and "Top" not in _operators(plan)


async def test_one_users_trail_holds_their_events_newest_first(store: AuditStore) -> None:
    at = datetime.now(UTC)
    user = f"rare.user.{at.timestamp()}"
    mine = [
        {**_event(at + timedelta(seconds=n)), "user": user, "operation": f"query {n}"}
        for n in range(3)
    ]
    await store.append([mine[0], _event(at), mine[1], _event(at), mine[2]])
    found = await store.trail(
        subject=None, user=user, start=None, end=None, alerts_only=False, offset=0, limit=100
    )
    assert [e["operation"] for e in found] == ["query 2", "query 1", "query 0"]
    window = await store.trail(
        subject=None,
        user=user,
        start=at + timedelta(seconds=1),
        end=at + timedelta(seconds=2),
        alerts_only=False,
        offset=0,
        limit=100,
    )
    assert [e["operation"] for e in window] == ["query 1"]


def _details(plan: Any) -> list[tuple[str, str]]:
    own = (plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", "")))
    return [own, *(d for child in plan.get("children", []) for d in _details(child))]


async def test_alerts_are_labelled_and_reviewed_without_the_other_events(
    store: AuditStore, session_driver: neo4j.Driver
) -> None:
    at = datetime.now(UTC)
    alert = {**_event(at), "break_glass_reason": "child at immediate risk", "alert": True}
    await store.append([_event(at), alert, _event(at)])
    records, _, _ = session_driver.execute_query(
        "MATCH (e:AuditEvent {writer: $w}) RETURN e.sequence AS seq, 'AuditAlert' IN labels(e)"
        " AS labelled ORDER BY seq",
        w=store.writer,
    )
    assert [r["labelled"] for r in records] == [False, True, False]
    found = await store.trail(
        subject=None, user="store.test", start=at, end=None, alerts_only=True, offset=0, limit=100
    )
    assert [e["break_glass_reason"] for e in found] == ["child at immediate risk"]


def test_the_alerts_review_reads_the_alert_label_alone(
    session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    params = {"user": None, "start": None, "end": None, "offset": 0, "limit": 20}
    with session_driver.session() as session:
        plan = session.run("EXPLAIN " + queries["audit_trail_alerts"], params).consume().plan
    assert plan is not None
    scans = [details for operator, details in _details(plan) if "Scan" in operator]
    assert scans and all("AuditAlert" in details for details in scans), scans


def test_the_migration_labels_alerts_stored_before_it(session_driver: neo4j.Driver) -> None:
    [labelling] = next(
        m for m in discover_migrations(PROJECT_ROOT / "schema") if m.name == "audit_alerts_labelled"
    ).statements
    writer = f"migration.test:{datetime.now(UTC).timestamp()}"
    session_driver.execute_query(
        "UNWIND [1, 2] AS n CREATE (:AuditEvent {writer: $w, sequence: n, alert: n = 2})", w=writer
    )
    try:
        with session_driver.session() as session:
            session.run(labelling).consume()  # type: ignore[arg-type]
        records, _, _ = session_driver.execute_query(
            "MATCH (e:AuditEvent {writer: $w}) RETURN e.sequence AS seq, labels(e) AS labels "
            "ORDER BY seq",
            w=writer,
        )
        assert [sorted(r["labels"]) for r in records] == [
            ["AuditEvent"],
            ["AuditAlert", "AuditEvent"],
        ]
    finally:  # events with no head would break the store's chain verification
        session_driver.execute_query("MATCH (e:AuditEvent {writer: $w}) DETACH DELETE e", w=writer)


async def test_a_checkpoint_shows_a_chain_rewritten_cut_back_or_deleted_whole(
    store: AuditStore, session_driver: neo4j.Driver
) -> None:
    await store.append([_event(datetime.now(UTC)) for _ in range(3)])
    checkpoint = {store.writer: (await store.heads())[store.writer]}
    assert checkpoint[store.writer][0] == 3
    assert await store.departures(checkpoint, await store.heads()) == {}

    def run(statement: str) -> None:
        session_driver.execute_query(statement, w=store.writer)

    run("MATCH (e:AuditEvent {writer: $w, sequence: 3}) SET e.hash = 'rewritten'")
    assert await store.departures(checkpoint, await store.heads()) == checkpoint
    run("MATCH (e:AuditEvent {writer: $w, sequence: 3}) DETACH DELETE e")
    run("MATCH (h:AuditHead {id: $w}) SET h.sequence = 2")  # cut back, consistently
    assert await store.departures(checkpoint, await store.heads()) == checkpoint
    run("MATCH (e:AuditEvent {writer: $w}) DETACH DELETE e")
    run("MATCH (h:AuditHead {id: $w}) DETACH DELETE h")  # nothing left to show it
    assert store.writer not in await store.heads()
    assert await store.departures(checkpoint, await store.heads()) == checkpoint
