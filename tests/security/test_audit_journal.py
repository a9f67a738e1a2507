"""The audit journal: durable before the response, shipped to a real Neo4j, never lost."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import neo4j
import pytest
from typer.testing import CliRunner

from graph_service.api.app import create_app
from graph_service.cli import app as cli
from graph_service.config import AuditMode
from graph_service.ingest.synthetic import Borough
from graph_service.security.audit import AuditChain, AuditEvent, AuditLog
from graph_service.security.audit_journal import (
    SUFFIX,
    AuditBacklogError,
    AuditJournal,
    read_journal,
)
from graph_service.security.audit_store import AuditStore, new_writer
from graph_service.security.roles import Role
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary
from tests.conftest import PROJECT_ROOT, Neo4jConnection, auth_headers

LONG = 3600.0  # no background shipment during the test unless it asks for one


def _event(person: str = "P0000001") -> dict[str, object]:
    return AuditEvent(
        user="journal.test",
        role="mash_practitioner",
        agency=None,
        operation="query person",
        action="read",
        outcome="allowed",
        person_ids=[person],
        request_id="r",
    ).properties()


@pytest.fixture
async def store(neo4j_connection: Neo4jConnection) -> AsyncIterator[AuditStore]:
    settings = neo4j_connection.settings()
    async with async_driver(settings) as driver:
        yield AuditStore(driver, QueryLibrary(settings.queries_dir), settings.neo4j_database)


def _journal(directory: Path, store: AuditStore, **options: float) -> AuditJournal:
    chain = AuditChain(new_writer())
    return AuditJournal(directory, chain, store.store, **{"interval": LONG, **options})


def _stored(driver: neo4j.Driver, writer: str) -> list[int]:
    records, _, _ = driver.execute_query(
        "MATCH (e:AuditEvent {writer: $w}) RETURN e.sequence AS s ORDER BY s", w=writer
    )
    return [record["s"] for record in records]


async def test_an_event_is_on_disk_before_append_returns_and_in_neo4j_once_shipped(
    tmp_path: Path, store: AuditStore, session_driver: neo4j.Driver
) -> None:
    journal = _journal(tmp_path, store)
    await journal.append([_event("P0000001"), _event("P0000002")])
    on_disk = read_journal(journal.path)
    assert [e["sequence"] for e in on_disk] == [1, 2]
    assert [e["person_ids"] for e in on_disk] == [["P0000001"], ["P0000002"]]
    assert _stored(session_driver, journal.chain.writer) == []  # not shipped yet
    await journal.flush()
    assert _stored(session_driver, journal.chain.writer) == [1, 2]
    assert journal.path.read_bytes() == b""  # all shipped: the journal is emptied
    await journal.append([_event()])
    await journal.close()
    assert _stored(session_driver, journal.chain.writer) == [1, 2, 3]
    assert not journal.path.exists()
    checked, problems = await store.verify()
    assert checked >= 3 and not [p for p in problems if journal.chain.writer in p]


async def test_events_are_shipped_in_the_background(
    tmp_path: Path, store: AuditStore, session_driver: neo4j.Driver
) -> None:
    journal = _journal(tmp_path, store, interval=0.05)
    log = AuditLog(journal.append, journal.flush)
    await asyncio.gather(
        *(
            log.record(
                AuditEvent(
                    user="u",
                    role="r",
                    agency=None,
                    operation="q",
                    action="read",
                    outcome="allowed",
                    person_ids=[f"P{i:07d}"],
                    request_id="r",
                )
            )
            for i in range(30)
        )
    )
    for _ in range(100):
        if len(_stored(session_driver, journal.chain.writer)) == 30:
            break
        await asyncio.sleep(0.05)
    assert _stored(session_driver, journal.chain.writer) == list(range(1, 31))
    await journal.close()


async def test_a_retried_batch_is_stored_once(
    store: AuditStore, session_driver: neo4j.Driver
) -> None:
    chain = AuditChain(new_writer())
    batch = chain.link([_event(), _event()])
    assert await store.store(chain.writer, batch) == 2
    assert await store.store(chain.writer, batch) == 0  # the first commit's outcome was lost
    assert _stored(session_driver, chain.writer) == [1, 2]


_DIES = """
import asyncio, os, signal, sys
from pathlib import Path
from graph_service.security.audit import AuditChain, AuditEvent
from graph_service.security.audit_journal import AuditJournal

async def never(writer, events):
    raise ConnectionError("the store is never reached before this process dies")

async def main():
    journal = AuditJournal(Path(sys.argv[1]), AuditChain(sys.argv[2]), never, interval=3600)
    for person in ("P0000001", "P0000002", "P0000003"):
        await journal.append([AuditEvent(user="dies", role="r", agency=None, operation="q",
            action="read", outcome="allowed", person_ids=[person], request_id="r").properties()])
    print("journalled", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


def _die_after_journalling(directory: Path) -> str:
    """A process that journals three events and is killed before shipping them."""
    writer = new_writer()
    dead = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_DIES), str(directory), writer],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )
    assert dead.returncode == -signal.SIGKILL and "journalled" in dead.stdout, dead.stderr
    return writer


async def test_the_app_ships_journals_left_by_dead_processes_when_it_starts(
    tmp_path: Path, neo4j_connection: Neo4jConnection, session_driver: neo4j.Driver
) -> None:
    writer = _die_after_journalling(tmp_path)
    settings = neo4j_connection.settings().model_copy(
        update={"audit_mode": AuditMode.JOURNAL, "audit_journal_dir": tmp_path}
    )
    async with async_driver(settings) as driver:
        app = create_app(settings, driver=driver)
        async with app.router.lifespan_context(app):
            assert _stored(session_driver, writer) == [1, 2, 3]
    assert not list(tmp_path.glob(f"*{SUFFIX}"))


async def test_a_dead_process_journal_is_shipped_by_the_next_one_and_removed(
    tmp_path: Path, store: AuditStore, session_driver: neo4j.Driver
) -> None:
    writer = _die_after_journalling(tmp_path)
    left = list(tmp_path.glob(f"*{SUFFIX}"))
    assert len(left) == 1 and len(read_journal(left[0])) == 3
    assert _stored(session_driver, writer) == []

    survivor = _journal(tmp_path, store)
    await survivor.flush_orphans()
    assert _stored(session_driver, writer) == [1, 2, 3]
    assert not left[0].exists()
    _, problems = await store.verify()
    assert not [p for p in problems if writer in p]


async def test_a_live_process_journal_is_left_to_it(
    tmp_path: Path, store: AuditStore, session_driver: neo4j.Driver
) -> None:
    alive = _journal(tmp_path, store)
    await alive.append([_event()])
    other = _journal(tmp_path, store)
    await other.flush_orphans()
    assert alive.path.exists() and _stored(session_driver, alive.chain.writer) == []
    await alive.close()
    assert _stored(session_driver, alive.chain.writer) == [1]


async def test_a_journal_that_cannot_be_shipped_stays_for_the_next_start(
    tmp_path: Path,
    store: AuditStore,
    neo4j_connection: Neo4jConnection,
    session_driver: neo4j.Driver,
) -> None:
    down = neo4j_connection.settings().model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9"})
    async with async_driver(down) as unreachable:
        away = AuditStore(unreachable, QueryLibrary(down.queries_dir), down.neo4j_database)
        journal = _journal(tmp_path, away)
        await journal.append([_event()])
        with pytest.raises(neo4j.exceptions.ServiceUnavailable):
            await journal.close()
    assert journal.path.exists()  # kept, and no longer locked
    await _journal(tmp_path, store).flush_orphans()
    assert _stored(session_driver, journal.chain.writer) == [1]
    assert not journal.path.exists()


async def test_appends_are_refused_once_too_many_events_wait(
    tmp_path: Path, store: AuditStore
) -> None:
    journal = AuditJournal(
        tmp_path, AuditChain(new_writer()), store.store, interval=LONG, max_backlog=2
    )
    await journal.append([_event(), _event()])
    with pytest.raises(AuditBacklogError):
        await journal.append([_event()])
    await journal.flush()
    await journal.append([_event()])  # room again once shipped
    await journal.close()


@pytest.fixture
async def journalled_app(
    neo4j_connection: Neo4jConnection, borough: Borough, tmp_path: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, Path]]:
    directory = tmp_path / "journal"
    settings = neo4j_connection.settings().model_copy(
        update={
            "audit_mode": AuditMode.JOURNAL,
            "audit_journal_dir": directory,
            "audit_ship_seconds": LONG,
        }
    )
    async with async_driver(settings) as driver:
        app = create_app(settings, driver=driver)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            yield client, directory
        await app.state.audit_journal.close()


async def test_a_read_is_journalled_before_its_answer_and_the_auditor_sees_it(
    journalled_app: tuple[httpx.AsyncClient, Path], borough: Borough
) -> None:
    client, directory = journalled_app
    person = borough.nodes["Person"][3]["id"]
    query = f'{{ person(id: "{person}") {{ id }} }}'
    reader = auth_headers(Role.MASH_PRACTITIONER, "reader.one")
    answer = await client.post("/graphql", json={"query": query}, headers=reader)
    assert answer.json()["data"]["person"]["id"] == person
    [path] = directory.glob(f"*{SUFFIX}")
    [event] = read_journal(path)
    assert (event["user"], event["person_ids"]) == ("reader.one", [person])

    trail = await client.post(
        "/graphql",
        json={
            "query": f"""{{ auditTrail(personId: "{person}")
        {{ edges {{ node {{ user personIds }} }} }} }}"""
        },
        headers=auth_headers(Role.AUDITOR, "auditor.one"),
    )
    users = [e["node"]["user"] for e in trail.json()["data"]["auditTrail"]["edges"]]
    assert "reader.one" in users  # the auditor's read shipped the journal first


async def test_no_data_leaves_when_the_journal_cannot_be_written(
    neo4j_connection: Neo4jConnection, borough: Borough, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the journal directory should be")
    settings = neo4j_connection.settings().model_copy(
        update={"audit_mode": AuditMode.JOURNAL, "audit_journal_dir": blocked}
    )
    async with async_driver(settings) as driver:
        app = create_app(settings, driver=driver)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            person = borough.nodes["Person"][0]["id"]
            answer = await client.post(
                "/graphql",
                json={"query": f'{{ person(id: "{person}") {{ id fullName }} }}'},
                headers=auth_headers(Role.MASH_PRACTITIONER),
            )
    body = answer.json()
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "AUDIT_UNAVAILABLE"
    assert blocked.is_file()


async def test_no_write_runs_when_its_audit_event_cannot_be_journalled(
    neo4j_connection: Neo4jConnection,
    borough: Borough,
    tmp_path: Path,
    session_driver: neo4j.Driver,
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the journal directory should be")
    settings = neo4j_connection.settings().model_copy(
        update={"audit_mode": AuditMode.JOURNAL, "audit_journal_dir": blocked}
    )
    record = f"unjournalled-{tmp_path.name}"
    person = {
        "givenName": "Never",
        "familyName": "Written",
        "dateOfBirth": "1990-01-01",
        "sourceAgencyId": borough.nodes["Agency"][0]["id"],
        "sourceRecordId": record,
    }
    async with async_driver(settings) as driver:
        app = create_app(settings, driver=driver)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            create = "mutation($p: PersonInput!) { createPerson(input: $p) { __typename } }"
            answer = await client.post(
                "/graphql",
                json={"query": create, "variables": {"p": person}},
                headers=auth_headers(Role.SENIOR_PRACTITIONER),
            )
    assert answer.status_code == 503
    assert answer.json()["errors"][0]["extensions"]["code"] == "AUDIT_UNAVAILABLE"
    records, _, _ = session_driver.execute_query(
        "MATCH (p:Person {source_record_id: $r}) RETURN count(p) AS n", r=record
    )
    assert records[0]["n"] == 0


async def test_a_failed_fsync_leaves_no_unacknowledged_event_behind(
    tmp_path: Path, store: AuditStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = _journal(tmp_path, store)
    await journal.append([_event("P0000001")])
    real_fsync = os.fsync

    def failing(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OSError, match="disk full"):
        await journal.append([_event("P0000002")])
    monkeypatch.setattr(os, "fsync", real_fsync)
    await journal.append([_event("P0000003")])
    on_disk = read_journal(journal.path)
    assert [(e["sequence"], e["person_ids"]) for e in on_disk] == [
        (1, ["P0000001"]),
        (2, ["P0000003"]),
    ]
    await journal.close()


async def test_audit_verify_says_how_many_events_still_wait_in_journals(
    tmp_path: Path, store: AuditStore, neo4j_connection: Neo4jConnection
) -> None:
    journal = _journal(tmp_path, store)
    await journal.append([_event(), _event()])
    env = {**neo4j_connection.env(), "GRAPH_SERVICE_AUDIT_JOURNAL_DIR": str(tmp_path)}
    result = await asyncio.to_thread(CliRunner().invoke, cli, ["audit", "verify"], env=env)
    assert "2 event(s) in this host's audit journals are not in Neo4j yet" in result.stdout
    await journal.close()
