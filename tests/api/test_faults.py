"""Bad input and faults get clear answers: never a 500, a masked 'Unexpected error', a
traceback in the log or the text a user searched for (issue 19)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from datetime import date

import httpx
import neo4j
import pytest

from graph_service.config import PROJECT_ROOT
from graph_service.ingest.synthetic import Borough
from graph_service.security.api_keys import new_api_key
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import ClientFor, GraphQLResult, gql
from tests.api.test_quality import TcpProxy
from tests.conftest import Neo4jConnection, app_client, auth_headers

SEARCH = "query($s: String!) { people(search: $s) { edges { node { id } } } }"


@pytest.fixture
async def fragile(
    neo4j_connection: Neo4jConnection, borough: Borough, session_driver: neo4j.Driver
) -> AsyncIterator[tuple[httpx.AsyncClient, TcpProxy, str]]:
    """An app whose Neo4j can be cut off, and an API key it has not checked yet."""
    key = new_api_key()
    session_driver.execute_query(
        QueryLibrary(PROJECT_ROOT / "queries")["api_key_create"],
        id=key.key_id,
        hash=key.secret_hash,
        system="feed",
        agencyId=borough.nodes["Agency"][0]["id"],
        createdBy="test",
    )
    proxy = TcpProxy(int(neo4j_connection.uri.rsplit(":", 1)[1]))
    await proxy.start()
    settings = neo4j_connection.settings().model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}", "retry_seconds": 0.5}
    )
    async with app_client(settings, headers={}) as http:
        yield http, proxy, key.key
    await proxy.stop()


async def test_checks_that_need_neo4j_while_it_is_down_answer_503_with_retry_after(
    fragile: tuple[httpx.AsyncClient, TcpProxy, str],
) -> None:
    http, proxy, key = fragile
    await proxy.stop()
    by_key = await http.post(
        "/graphql", json={"query": "{ agencies { edges { cursor } } }"}, headers={"X-API-Key": key}
    )
    trail = await http.post(
        "/graphql",
        json={"query": "{ auditTrail(alertsOnly: true) { edges { node { id } } } }"},
        headers=auth_headers(Role.AUDITOR, "auditor.user"),
    )
    for response in (by_key, trail):
        assert response.status_code == 503, response.text
        assert int(response.headers["retry-after"]) > 0
        assert response.json()["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"


async def test_deeply_nested_variables_are_a_400(client: httpx.AsyncClient) -> None:
    nested = '{"a":' * 5000 + '"x"' + "}" * 5000
    body = json.dumps({"query": SEARCH, "variables": {"s": "smith", "extra": "HERE"}})
    body = body.replace('"HERE"', nested)
    response = await client.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "nested" in response.json()["errors"][0]["message"]


async def test_a_search_longer_than_its_limit_names_the_field_and_the_limit(
    client: httpx.AsyncClient,
) -> None:
    result = await gql(client, SEARCH, s="a" * 201)
    error = result.errors[0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "search"}
    assert "200" in error["message"]


async def test_an_unknown_enum_value_names_the_value_and_the_allowed_ones(
    client: httpx.AsyncClient,
) -> None:
    query = "query($q: AllocationQueue) { allocationSuggestions(queue: $q) { allocated } }"
    result = await gql(client, query, q="EVERYONE")
    error = result.errors[0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "EVERYONE" in error["message"] and "UNALLOCATED" in error["message"]


async def test_a_date_in_the_wrong_format_says_what_the_format_is(
    client: httpx.AsyncClient,
) -> None:
    variable = await gql(
        client, "query($d: Date) { toxicTrio(asOf: $d) { total } }", d="04/12/2026"
    )
    literal = await gql(client, '{ toxicTrio(asOf: "4 Dec 2026") { total } }')
    for result in (variable, literal):
        assert "YYYY-MM-DD" in result.errors[0]["message"], result.body
        assert result.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_requests_without_valid_credentials_are_rate_limited_by_address(
    neo4j_connection: Neo4jConnection,
) -> None:
    settings = neo4j_connection.settings().model_copy(
        update={"rate_limit_per_minute": 60, "rate_limit_burst": 5}
    )
    async with app_client(settings, headers={}) as http:
        codes = [
            (
                await http.post(
                    "/graphql",
                    json={"query": "{ __typename }"},
                    headers={"Authorization": f"Bearer forged-{n}"},
                )
            ).status_code
            for n in range(8)
        ]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}


async def test_auditors_may_read_agencies_and_workers(app_for: ClientFor) -> None:
    async with app_for(Role.AUDITOR) as auditor:
        result = await gql(
            auditor,
            "{ agencies(first: 2) { edges { node { id } } } "
            "workers(first: 2) { edges { node { id } } } }",
        )
    assert not result.errors, result.errors
    assert len(result.data["agencies"]["edges"]) == 2 and len(result.data["workers"]["edges"]) == 2


GRAPHQL_RESPONSE = "application/graphql-response+json"


async def test_the_graphql_response_media_type_and_its_status_codes(
    client: httpx.AsyncClient,
) -> None:
    accept = {"Accept": f"{GRAPHQL_RESPONSE}, application/json;q=0.9"}
    ok = await client.post(
        "/graphql", json={"query": "{ agencies { edges { cursor } } }"}, headers=accept
    )
    invalid = await client.post("/graphql", json={"query": "{ nothingHere }"}, headers=accept)
    unparsable = await client.post("/graphql", json={"query": "{"}, headers=accept)
    legacy = await client.post("/graphql", json={"query": "{ nothingHere }"})
    assert ok.status_code == 200 and ok.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    for refused in (invalid, unparsable):
        assert refused.status_code == 400
        assert refused.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert legacy.headers["content-type"].startswith("application/json")


async def test_the_log_holds_neither_what_was_searched_for_nor_a_users_traceback(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await gql(client, SEARCH, s="Zebedee Quartermaine")
    await gql(client, "query($d: Date) { toxicTrio(asOf: $d) { total } }", d="not a date")
    await gql(client, '{ familyNetwork(personId: "P1", depth: 9) { depth } }')
    logged = "\n".join(record.getMessage() + str(record.exc_info) for record in caplog.records)
    assert "Zebedee" not in logged and "Quartermaine" not in logged
    assert "Traceback" not in logged and "not a date" not in logged
    assert all(record.exc_info is None for record in caplog.records)


NEAREST = """query($id: ID!, $on: Date) { nearestRelative(personId: $id, asOf: $on) {
  candidates { personId } } }"""
BORN_LATER = """
MATCH (p:Person)-[:PARENT_OF]->(c:Person)
WHERE c.date_of_birth > date('2010-01-01') AND p.date_of_birth < date('1990-01-01')
RETURN p.id AS patient, c.id AS child, c.date_of_birth AS born LIMIT 1"""


async def test_a_nearest_relative_on_a_past_date_considers_only_people_born_by_then(
    client: httpx.AsyncClient, session_driver: neo4j.Driver, borough: Borough
) -> None:
    found = session_driver.execute_query(BORN_LATER).records[0]
    born: date = found["born"]
    before, after = date(born.year - 1, 1, 1), date.today()
    then = await gql(client, NEAREST, id=found["patient"], on=before.isoformat())
    now = await gql(client, NEAREST, id=found["patient"], on=after.isoformat())

    def ids(result: GraphQLResult) -> set[str]:
        return {c["personId"] for c in result.data["nearestRelative"]["candidates"]}

    assert found["child"] in ids(now) and found["child"] not in ids(then)
