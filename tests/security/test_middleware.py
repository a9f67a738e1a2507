"""Requests for case-network data need a valid bearer token; the refusal says why."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from graph_service.api.app import create_app
from graph_service.config import Mode
from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from graph_service.security.tokens import Principal, TokenKeys, issue_token, new_secret
from graph_service.store.graph import async_driver
from tests.conftest import TEST_TOKEN_SECRET, Neo4jConnection

QUERY = {"query": "{ agencies(first: 1) { edges { node { id } } } }"}


@pytest.fixture
async def anonymous(neo4j_connection: Neo4jConnection) -> AsyncIterator[httpx.AsyncClient]:
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    app = create_app(settings, driver=driver)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await driver.close()


def _token(secret: str = TEST_TOKEN_SECRET, age: timedelta = timedelta(0)) -> str:
    keys = TokenKeys(secret, "graph-service", "graph-service-api")
    principal = Principal("test.user", Role.MASH_PRACTITIONER)
    return issue_token(keys, principal, timedelta(hours=1), now=datetime.now(UTC) - age)


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (None, "no bearer token"),
        ("Basic dXNlcjpwYXNz", "must be 'Bearer <token>'"),
        (f"Bearer {_token(secret=new_secret())}", "signature is not valid"),
        (f"Bearer {_token(age=timedelta(hours=2))}", "expired"),
        ("Bearer not-a-token", "not a valid signed token"),
    ],
)
async def test_graphql_and_maps_refuse_without_a_valid_token(
    anonymous: httpx.AsyncClient, header: str | None, problem: str
) -> None:
    headers = {"Authorization": header} if header else {}
    for response in (
        await anonymous.post("/graphql", json=QUERY, headers=headers),
        await anonymous.get("/maps/person/P0000001", headers=headers),
    ):
        assert response.status_code == 401
        assert problem in response.json()["errors"][0]["message"]
        assert response.headers["www-authenticate"].startswith("Bearer")


async def test_assets_and_the_ide_page_stay_open(anonymous: httpx.AsyncClient) -> None:
    assert (await anonymous.get("/static/maps/map.css")).status_code == 200
    ide = await anonymous.get("/graphql", headers={"accept": "text/html"})
    assert ide.status_code == 200
    assert (await anonymous.get("/graphql", params={"query": "{ __typename }"})).status_code == 401


async def test_a_valid_token_is_let_through(client: httpx.AsyncClient, borough: Borough) -> None:
    response = await client.post("/graphql", json=QUERY)
    assert response.status_code == 200 and response.json()["data"]["agencies"]["edges"]


def test_production_refuses_to_start_without_token_keys(neo4j_connection: Neo4jConnection) -> None:
    settings = neo4j_connection.settings().model_copy(
        update={"mode": Mode.PRODUCTION, "token_secret": None}
    )
    with pytest.raises(ValueError, match="GRAPH_SERVICE_TOKEN_SECRET"):
        create_app(settings)


async def test_a_browser_signs_in_once_for_the_maps(
    anonymous: httpx.AsyncClient, borough: Borough
) -> None:
    person = borough.nodes["Person"][0]["id"]
    page = f"/maps/person/{person}"
    sent = await anonymous.get(page, headers={"accept": "text/html"})
    # A person is sent to the practitioner sign-in; a token holder may paste it at /login.
    assert sent.status_code == 303 and sent.headers["location"].startswith("/sign-in?next=")
    form = await anonymous.get(f"/login?next={page}")
    assert form.status_code == 200 and 'name="token"' in form.text
    refused = await anonymous.post("/login", data={"token": "nonsense", "next": page})
    assert refused.status_code == 401 and "token: the token is not a valid" in refused.text
    signed_in = await anonymous.post("/login", data={"token": _token(), "next": page})
    assert signed_in.status_code == 303 and signed_in.headers["location"] == page
    cookie = signed_in.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/maps" in cookie
    assert (await anonymous.get(page)).status_code == 200
    # The cookie opens map pages only: GraphQL still needs the header.
    assert (await anonymous.post("/graphql", json=QUERY)).status_code == 401
    outside = await anonymous.post("/login", data={"token": _token(), "next": "//evil.example"})
    assert outside.headers["location"] == "/maps/"
    landing = await anonymous.get("/maps/")  # where a sign-in without `next` lands
    assert landing.status_code == 200 and 'name="id"' in landing.text
    opened = await anonymous.get("/maps/", params={"id": person})
    assert opened.status_code == 303 and opened.headers["location"] == page
