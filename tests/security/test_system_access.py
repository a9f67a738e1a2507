"""Systems with API keys, the rate limit, request limits and the audit chain, end to end."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import neo4j
import pytest
from typer.testing import CliRunner

from graph_service.api.app import create_app
from graph_service.cli import app as cli
from graph_service.ingest.synthetic import Borough
from graph_service.security.audit_checkpoint import read_checkpoint
from graph_service.security.roles import Role
from graph_service.store.graph import async_driver
from tests.conftest import Neo4jConnection, auth_headers

runner = CliRunner()
AGENCIES = "{ agencies(first: 1) { edges { node { id } } } }"
PERSON = '{ person(id: "P0000001") { id } }'


@pytest.fixture
async def http(
    neo4j_connection: Neo4jConnection, borough: Borough
) -> AsyncIterator[httpx.AsyncClient]:
    settings = neo4j_connection.settings().model_copy(
        update={"rate_limit_per_minute": 60, "rate_limit_burst": 3}
    )
    driver = async_driver(settings)
    app = create_app(settings, driver=driver)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client
    await driver.close()


def _cli(connection: Neo4jConnection, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args), env=connection.env())
    failure = repr(result.exception) if result.exit_code and result.exception else ""
    return result.exit_code, result.stdout + result.stderr + failure


async def test_a_system_key_works_as_its_agency_until_revoked(
    http: httpx.AsyncClient, neo4j_connection: Neo4jConnection, borough: Borough
) -> None:
    agency = borough.nodes["Agency"][0]["id"]
    code, output = _cli(
        neo4j_connection, "apikey", "create", "--system", "niche", "--agency", agency
    )
    assert code == 0, output
    key = next(line for line in output.splitlines() if line.startswith("gsk_"))
    assert key.startswith("gsk_")
    answer = await http.post("/graphql", json={"query": AGENCIES}, headers={"X-API-Key": key})
    assert answer.status_code == 200 and answer.json()["data"]["agencies"]["edges"]
    bad = await http.post(
        "/graphql", json={"query": AGENCIES}, headers={"X-API-Key": key[:-4] + "AAAA"}
    )
    assert bad.status_code == 401 and "not known" in bad.json()["errors"][0]["message"]
    key_id = key.split("_")[1]
    assert _cli(neo4j_connection, "apikey", "revoke", key_id)[0] == 0
    fresh = create_app(
        neo4j_connection.settings(), driver=async_driver(neo4j_connection.settings())
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=fresh), base_url="http://testserver"
    ) as again:
        revoked = await again.post(
            "/graphql", json={"query": AGENCIES}, headers={"Authorization": f"ApiKey {key}"}
        )
    assert revoked.status_code == 401 and "revoked" in revoked.json()["errors"][0]["message"]


def test_a_key_for_an_unknown_agency_is_refused(
    neo4j_connection: Neo4jConnection, borough: Borough
) -> None:
    code, output = _cli(neo4j_connection, "apikey", "create", "--system", "x", "--agency", "AG-NO")
    assert code == 1 and "--agency: no agency with id AG-NO" in output


async def test_a_principal_over_its_rate_is_told_when_to_come_back(
    http: httpx.AsyncClient,
) -> None:
    headers = auth_headers(Role.ADMINISTRATOR, "busy.user")
    statuses = [
        (await http.post("/graphql", json={"query": AGENCIES}, headers=headers)) for _ in range(4)
    ]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    assert statuses[-1].headers["retry-after"] == "1"
    other = await http.post(
        "/graphql", json={"query": AGENCIES}, headers=auth_headers(Role.ADMINISTRATOR, "calm.user")
    )
    assert other.status_code == 200


async def test_posts_must_be_json_and_small(http: httpx.AsyncClient) -> None:
    headers = auth_headers(Role.ADMINISTRATOR, "form.user")
    form = await http.post("/graphql", data={"query": AGENCIES}, headers=headers)
    assert form.status_code == 415 and "application/json" in form.json()["errors"][0]["message"]
    huge = await http.post(
        "/graphql", headers=headers, json={"query": AGENCIES, "variables": {"x": "a" * 70_000}}
    )
    assert huge.status_code == 413 and "at most 65536 bytes" in huge.json()["errors"][0]["message"]
    close = 'mutation { closeCase(id: "CS1", closedOn: "2026-01-01") { __typename } }'
    mutation = await http.get("/graphql", headers=headers, params={"query": close})
    assert mutation.status_code in (400, 405)


async def test_the_audit_chain_verifies_and_finds_an_altered_event(
    http: httpx.AsyncClient, neo4j_connection: Neo4jConnection, session_driver: neo4j.Driver
) -> None:
    for user in ("first.reader", "second.reader"):
        headers = auth_headers(Role.MASH_PRACTITIONER, user)
        assert (await http.post("/graphql", json={"query": PERSON}, headers=headers)).is_success
    code, output = await asyncio.to_thread(_cli, neo4j_connection, "audit", "verify")
    assert code == 0 and "audit chain intact" in output, output
    session_driver.execute_query(
        "MATCH (e:AuditEvent {user: 'first.reader'}) SET e.user = 'someone.else'"
    )
    code, output = await asyncio.to_thread(_cli, neo4j_connection, "audit", "verify")
    assert code == 1 and "has been altered" in output
    session_driver.execute_query(
        "MATCH (e:AuditEvent {user: 'someone.else'}) SET e.user = 'first.reader'"
    )
    session_driver.execute_query("MATCH (e:AuditEvent {user: 'second.reader'}) DETACH DELETE e")
    code, output = await asyncio.to_thread(_cli, neo4j_connection, "audit", "verify")
    assert code == 1 and "missing" in output


async def test_verify_with_a_checkpoint_finds_a_chain_deleted_with_its_head(
    http: httpx.AsyncClient,
    neo4j_connection: Neo4jConnection,
    session_driver: neo4j.Driver,
    tmp_path: Path,
) -> None:
    headers = auth_headers(Role.MASH_PRACTITIONER, "checkpointed.reader")
    assert (await http.post("/graphql", json={"query": PERSON}, headers=headers)).is_success
    checkpoint = tmp_path / "audit.checkpoint"
    await asyncio.to_thread(
        _cli, neo4j_connection, "audit", "verify", "--checkpoint", str(checkpoint)
    )
    records, _, _ = session_driver.execute_query(
        "MATCH (e:AuditEvent {user: 'checkpointed.reader'}) RETURN DISTINCT e.writer AS w"
    )
    [writer] = [record["w"] for record in records]
    assert writer in read_checkpoint(checkpoint)
    session_driver.execute_query(  # every event of the writer, and its head: no trace left
        "MATCH (e:AuditEvent {writer: $w}) DETACH DELETE e WITH count(*) AS n "
        "MATCH (h:AuditHead {id: $w}) DETACH DELETE h",
        w=writer,
    )
    for _ in range(2):  # and it is reported again until the file is moved aside
        code, output = await asyncio.to_thread(
            _cli, neo4j_connection, "audit", "verify", "--checkpoint", str(checkpoint)
        )
        assert code == 1 and f"writer {writer}: event" in output and "gone" in output, output
