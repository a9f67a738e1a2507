from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import neo4j
import pytest

from graph_service.api.app import create_app
from graph_service.ingest.loader import load_borough
from graph_service.ingest.synthetic import Borough, generate_borough
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection, wipe_graph


@pytest.fixture(scope="module")
def borough(session_driver: neo4j.Driver, queries: QueryLibrary) -> Borough:
    """A small seeded borough shared by a module's API tests."""
    wipe_graph(session_driver)
    seeded = generate_borough(800, seed=5)
    load_borough(session_driver, queries, seeded)
    return seeded


@pytest.fixture
async def client(
    neo4j_connection: Neo4jConnection, borough: Borough
) -> AsyncIterator[httpx.AsyncClient]:
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    app = create_app(settings, driver=driver)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await driver.close()


class GraphQLResult:
    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        self.body: dict[str, Any] = response.json()
        self.data: dict[str, Any] = self.body.get("data") or {}
        self.errors: list[dict[str, Any]] = self.body.get("errors") or []
        self.extensions: dict[str, Any] = self.body.get("extensions") or {}


async def gql(client: httpx.AsyncClient, query: str, **variables: Any) -> GraphQLResult:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    return GraphQLResult(response)
