"""`POST /feeds`: an agency's system sends a file with its API key and follows the import
run; another agency's key neither sees that run nor writes as that agency; administrators
list the runs in GraphQL and on the Imports page."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import neo4j
import pytest
from typer.testing import CliRunner

from graph_service.api.app import create_app
from graph_service.cli import app as cli
from graph_service.security.roles import Role
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import gql
from tests.conftest import Neo4jConnection, auth_headers
from tests.services.feed_support import add_agencies
from tests.ui.conftest import make_user, sign_in

runner = CliRunner()
PEOPLE = """record_id,given_name,family_name,date_of_birth,sex,address_line1,postcode
S-1,Amara,Okafor,2015-03-02,female,12 Mill Lane,NB1 2AB
S-2,Tobi,Okafor,1985-07-19,male,12 Mill Lane,NB1 2AB
"""
RUNS = """query($agency: ID) { importRuns(agencyId: $agency, first: 10) { edges { node {
  id file kind status user sha256 counts { read new rejected } rejectedRows { line field }
} } } }"""


def _key(connection: Neo4jConnection, agency: str) -> str:
    result = runner.invoke(
        cli, ["apikey", "create", "--system", "feeds", "--agency", agency], env=connection.env()
    )
    assert result.exit_code == 0, result.stdout
    return next(line for line in result.stdout.splitlines() if line.startswith("gsk_"))


@pytest.fixture
async def http(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection
) -> AsyncIterator[httpx.AsyncClient]:
    add_agencies(graph)
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    app = create_app(settings, driver=driver)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client
    await app.state.feed_runs.stop()
    await driver.close()


async def _send(
    http: httpx.AsyncClient, key: str, name: str, body: str, **params: str
) -> httpx.Response:
    return await http.post(
        "/feeds",
        params={"file": name, **params},
        content=body.encode(),
        headers={"X-API-Key": key, "content-type": "text/csv"},
    )


async def _finished(http: httpx.AsyncClient, key: str, run_id: str) -> dict[str, Any]:
    for _ in range(200):
        answer = await http.get(f"/feeds/{run_id}", headers={"X-API-Key": key})
        assert answer.status_code == 200, answer.text
        if answer.json()["status"] != "running":
            return answer.json()  # type: ignore[no-any-return]
        await asyncio.sleep(0.05)
    raise AssertionError("the import did not finish")


async def test_a_system_sends_a_file_and_follows_its_run(
    http: httpx.AsyncClient, neo4j_connection: Neo4jConnection, graph: neo4j.Driver
) -> None:
    key = _key(neo4j_connection, "AG-SCHOOL")
    sent = await _send(http, key, "people.csv", PEOPLE)
    assert sent.status_code == 202, sent.text
    run_id = sent.json()["runId"]
    assert sent.headers["location"] == f"/feeds/{run_id}"
    run = await _finished(http, key, run_id)
    assert (run["status"], run["counts"]["new"], run["file"]) == ("committed", 2, "people.csv")
    records, _, _ = graph.execute_query(
        "MATCH (p:Person)-[:KNOWN_TO {reference: 'S-1'}]->(:Agency {id: 'AG-SCHOOL'}) "
        "RETURN p.source_agency AS agency"
    )
    assert [r["agency"] for r in records] == ["AG-SCHOOL"]
    again = await _finished(
        http, key, (await _send(http, key, "people.csv", PEOPLE)).json()["runId"]
    )
    assert again["status"] == "unchanged"


async def test_the_report_names_each_rejected_row_and_nothing_is_written(
    http: httpx.AsyncClient, neo4j_connection: Neo4jConnection, graph: neo4j.Driver
) -> None:
    key = _key(neo4j_connection, "AG-SCHOOL")
    bad = PEOPLE + "S-3,Jo,Bloggs,3 March 2015,male,,\n"
    run = await _finished(http, key, (await _send(http, key, "people.csv", bad)).json()["runId"])
    assert run["status"] == "rejected" and run["counts"]["rejected"] == 1
    report = await http.get(f"/feeds/{run['runId']}/report.csv", headers={"X-API-Key": key})
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/csv")
    assert report.text.splitlines()[1] == (
        "people.csv,4,S-3,date_of_birth,'3 March 2015' is not a date (YYYY-MM-DD)"
    )
    records, _, _ = graph.execute_query("MATCH (p:Person) RETURN count(p) AS n")
    assert records[0]["n"] == 0


async def test_another_agencys_key_neither_sees_the_run_nor_writes_as_that_agency(
    http: httpx.AsyncClient, neo4j_connection: Neo4jConnection, graph: neo4j.Driver
) -> None:
    school, police = _key(neo4j_connection, "AG-SCHOOL"), _key(neo4j_connection, "AG-POLICE")
    run_id = (await _send(http, school, "people.csv", PEOPLE)).json()["runId"]
    await _finished(http, school, run_id)
    for path in (f"/feeds/{run_id}", f"/feeds/{run_id}/report.csv"):
        unseen = await http.get(path, headers={"X-API-Key": police})
        assert unseen.status_code == 404 and unseen.json()["error"]["field"] == "id"
    # The police's key writes as the police: the school's people are not within its reach.
    known = "record_id,person_record_id,person_agency,from_date\nPOL-1,S-2,SCH,2026-01-04\n"
    sent = await _send(http, police, "known_to.csv", known, agency="AG-SCHOOL")
    run = await _finished(http, police, sent.json()["runId"])
    assert run["status"] == "rejected"
    assert run["problems"][0]["reason"] == "no person recorded as 'S-2' by AG-SCHOOL"
    records, _, _ = graph.execute_query(
        "MATCH (:Person)-[k:KNOWN_TO]->(:Agency {id: 'AG-POLICE'}) RETURN count(k) AS n"
    )
    assert records[0]["n"] == 0


async def test_a_feed_needs_an_agency_key_a_named_file_and_true_or_false(
    http: httpx.AsyncClient, neo4j_connection: Neo4jConnection
) -> None:
    key = _key(neo4j_connection, "AG-SCHOOL")
    anonymous = await http.post("/feeds", params={"file": "people.csv"}, content=b"x")
    assert anonymous.status_code == 401
    practitioner = auth_headers(Role.MASH_PRACTITIONER, "mash.user", None)
    no_agency = await http.post(
        "/feeds", params={"file": "people.csv"}, content=PEOPLE.encode(), headers=practitioner
    )
    assert no_agency.status_code == 403 and "agency's API key" in no_agency.text
    unnamed = await _send(http, key, "extract.xlsx", PEOPLE)
    assert unnamed.status_code == 400 and unnamed.json()["error"]["field"] == "file"
    flag = await _send(http, key, "people.csv", PEOPLE, dryRun="maybe")
    assert flag.status_code == 400 and flag.json()["error"]["field"] == "dryRun"


async def test_administrators_list_import_runs_in_graphql_and_on_the_imports_page(
    http: httpx.AsyncClient,
    neo4j_connection: Neo4jConnection,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    key = _key(neo4j_connection, "AG-SCHOOL")
    bad = PEOPLE + "S-3,Jo,Bloggs,2015-02-30,male,,\n"
    await _finished(http, key, (await _send(http, key, "people.csv", bad)).json()["runId"])
    admin = auth_headers(Role.ADMINISTRATOR, "admin.user", None)
    http.headers.update(admin)
    listed = await gql(http, RUNS, agency="AG-SCHOOL")
    assert not listed.errors, listed.errors
    [run] = [edge["node"] for edge in listed.data["importRuns"]["edges"]]
    assert (run["status"], run["kind"], run["user"]) == ("rejected", "people", "system:feeds")
    assert run["counts"] == {"read": 3, "new": 2, "rejected": 1}
    # Where the row is, not what it said about anyone.
    assert run["rejectedRows"] == [{"line": 4, "field": "date_of_birth"}]
    for header in admin:
        del http.headers[header]
    practitioner = auth_headers(Role.MASH_PRACTITIONER, "mash.user", None)
    refused = await http.post("/graphql", json={"query": RUNS}, headers=practitioner)
    assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await sign_in(http, make_user(session_driver, queries, "ui.admin", Role.ADMINISTRATOR))
    page = await http.get("/imports")
    assert page.status_code == 200 and "people.csv" in page.text and "Rejected" in page.text
    assert 'href="/imports"' in page.text


async def test_an_import_that_stops_short_says_so_and_is_audited(
    http: httpx.AsyncClient, graph: neo4j.Driver
) -> None:
    # A system whose agency is not on record: the import cannot begin.
    system = auth_headers(Role.INTEGRATION_SYSTEM, "gone.system", "AG-GONE")
    sent = await http.post(
        "/feeds", params={"file": "people.csv"}, content=PEOPLE.encode(), headers=system
    )
    assert sent.status_code == 202
    run_id = sent.json()["runId"]
    for _ in range(200):
        answer = (await http.get(f"/feeds/{run_id}", headers=system)).json()
        if answer["status"] != "running":
            break
        await asyncio.sleep(0.05)
    assert answer["status"] == "failed" and "send it again" in answer["reason"]
    records, _, _ = graph.execute_query(
        "MATCH (e:AuditEvent {request_id: $id}) RETURN e.outcome AS outcome", id=run_id
    )
    assert [r["outcome"] for r in records] == ["failed"]
