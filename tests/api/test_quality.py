from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import httpx
import neo4j
import pytest

from graph_service.api import app as app_module
from graph_service.api.app import create_app
from graph_service.api.schema import MAX_ALIASES, MAX_DEPTH, build_schema
from graph_service.config import PROJECT_ROOT, Mode
from graph_service.ingest.synthetic import Borough
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import gql
from tests.conftest import Neo4jConnection, app_client, auth_headers

QUERIES = QueryLibrary(PROJECT_ROOT / "queries")

NESTED = """query($s: String!, $first: Int) { people(search: $s, first: $first) { edges { node {
  id hazards { id } households { id } knownTo { agency { name } } openCases { id } } } } }"""


def test_exported_sdl_matches_the_code() -> None:
    exported = (PROJECT_ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8")
    assert exported == build_schema().as_str() + "\n", "run `graph-service schema export`"


@pytest.mark.parametrize("first", [5, 60])
async def test_query_count_does_not_grow_with_the_page(
    client: httpx.AsyncClient, borough: Borough, first: int
) -> None:
    result = await gql(client, NESTED, s="smith", first=first)
    assert len(result.data["people"]["edges"]) > 1
    # The search (people and their hazards), then one batch of households and agencies.
    assert result.extensions["queryCount"] == 2


async def test_household_members_batched_across_a_network(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    member = borough.relationships["Person:MEMBER_OF:Household"][0]
    query = """query($id: ID!, $h: ID!) { person(id: $id) { id households { id } }
      household(id: $h) { members { id hazards { id } } } }"""
    result = await gql(client, query, id=member["start"], h=member["end"])
    assert result.data["household"]["members"]
    assert result.extensions["queryCount"] <= 4  # details, links, household, members


async def test_limits_on_aliases_and_depth(client: httpx.AsyncClient) -> None:
    aliases = " ".join(f'a{i}: person(id: "x") {{ id }}' for i in range(MAX_ALIASES + 1))
    too_many = await gql(client, "{ " + aliases + " }")
    assert too_many.errors and "aliases" in too_many.errors[0]["message"]
    nested = "id"
    for _ in range(MAX_DEPTH):
        nested = f"households {{ {nested} }}"
    too_deep = await gql(client, '{ person(id: "x") { ' + nested + " } }")
    messages = [e["message"] for e in too_deep.errors]
    assert any("exceeds maximum operation depth" in m for m in messages), messages
    shallow = await gql(client, '{ household(id: "x") { members { households { id } } } }')
    assert not shallow.errors


async def test_mutations_are_refused_over_get(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql",
        params={"query": 'mutation { closeCase(id: "x", closedOn: "2020-01-01") { __typename } }'},
    )
    assert response.status_code in (400, 405)
    read = await client.get(
        "/graphql", params={"query": "{ agencies(first: 1) { edges { cursor } } }"}
    )
    assert read.status_code == 200


async def test_unexpected_errors_are_masked(client: httpx.AsyncClient) -> None:
    # A malformed date is the client's fault and is explained; nothing leaks a stack trace.
    result = await gql(
        client, 'query { familyNetwork(personId: "x", asOf: "not-a-date") { depth } }'
    )
    assert result.errors
    assert "Traceback" not in str(result.body) and "MATCH" not in str(result.body)


async def test_production_mode_hides_introspection_and_the_ide(
    neo4j_connection: Neo4jConnection,
) -> None:
    settings = neo4j_connection.settings().model_copy(update={"mode": Mode.PRODUCTION})
    async with app_client(settings) as http:
        introspection = await gql(http, "{ __schema { types { name } } }")
        assert introspection.errors
        page = await http.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code != 200 or "graphiql" not in page.text.lower()


async def test_development_keeps_introspection_without_the_ide_assets(
    neo4j_connection: Neo4jConnection, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(app_module, "VENDOR", tmp_path / "no-node-modules")
    async with app_client(neo4j_connection.settings()) as http:
        introspection = await gql(http, "{ __schema { queryType { name } } }")
        page = await http.get("/graphql", headers={"accept": "text/html"})
    assert introspection.data["__schema"]["queryType"]["name"] == "Query"
    assert page.status_code == 404  # no IDE without its assets, but the API is whole


class TcpProxy:
    """A loopback TCP forwarder we can cut and restore, to take Neo4j 'down'."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self.server: asyncio.Server | None = None
        self.writers: list[asyncio.StreamWriter] = []

    async def start(self) -> None:
        self.server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.close()
        self.writers.clear()
        await self.server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        self.writers += [writer, up_writer]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


async def test_database_outage_is_a_503_and_the_service_recovers(
    neo4j_connection: Neo4jConnection, borough: Borough
) -> None:
    target = int(neo4j_connection.uri.rsplit(":", 1)[1])
    proxy = TcpProxy(target)
    await proxy.start()
    settings = neo4j_connection.settings().model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}", "retry_seconds": 1.0}
    )
    driver = async_driver(settings)
    app = create_app(settings, driver=driver)
    query = "query($id: ID!) { person(id: $id) { id } }"
    person = borough.nodes["Person"][0]["id"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver", headers=auth_headers()
    ) as http:
        assert (await gql(http, query, id=person)).data["person"]["id"] == person
        await proxy.stop()
        down = await gql(http, query, id=person)
        assert down.status == 503
        assert down.errors[0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
        assert (await http.get("/ready")).status_code == 503
        assert (await http.get("/health")).status_code == 200
        await proxy.start()
        back = await gql(http, query, id=person)
        assert back.status == 200 and back.data["person"]["id"] == person
        assert (await http.get("/ready")).status_code == 200
    await driver.close()
    await proxy.stop()


async def test_search_while_the_names_index_is_rebuilt_is_a_503_naming_it(
    client: httpx.AsyncClient, session_driver: neo4j.Driver
) -> None:
    search = 'query { people(search: "Kit Pupil") { edges { node { id } } } }'
    session_driver.execute_query("DROP INDEX person_names")  # as a first bulk load does
    try:
        rebuilding = await gql(client, search)
    finally:
        session_driver.execute_query(QUERIES["ingest_names_index_create"])
        session_driver.execute_query("CALL db.awaitIndexes(300)")
    assert rebuilding.status == 503
    assert rebuilding.errors[0]["extensions"] == {
        "code": "INDEX_UNAVAILABLE",
        "index": "person_names",
    }
    assert "being built" in rebuilding.errors[0]["message"]
    assert (await gql(client, search)).status == 200


@pytest.mark.parametrize("day", ["0013-02-10", "2400-01-01"])
async def test_dates_out_of_any_record_are_refused_clearly(
    client: httpx.AsyncClient, borough: Borough, day: str
) -> None:
    person = borough.nodes["Person"][0]["id"]
    literal = await gql(
        client, f'{{ familyIndicators(personId: "{person}", asOf: "{day}") {{ problems }} }}'
    )
    variable = await gql(client, "query($d: Date) { toxicTrio(asOf: $d) { total } }", d=day)
    for result in (literal, variable):
        assert result.status == 200 and "dates run from 1880-01-01" in result.errors[0]["message"]
