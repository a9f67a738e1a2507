"""Signed-in browsers of the practitioner UI, as httpx clients with a cookie jar."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator

import httpx
import neo4j
import pytest

from graph_service.ingest.synthetic import Borough
from graph_service.security.passwords import hash_password
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection, app_client, served

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_user(
    driver: neo4j.Driver,
    queries: QueryLibrary,
    user: str,
    role: Role = Role.MASH_PRACTITIONER,
    agency: str | None = None,
    worker: str | None = None,
) -> str:
    """A local user (password PASSWORD) stored as `graph-service user create` stores one."""
    records, _, _ = driver.execute_query(
        queries["local_user_save"],
        user=user,
        passwordHash=hash_password(PASSWORD),
        role=role.value,
        agency=agency,
        worker=worker,
    )
    assert records, f"no agency {agency} or no worker {worker}"
    return user


async def sign_in(
    visitor: httpx.AsyncClient, user: str, password: str = PASSWORD, next_path: str = "/"
) -> httpx.Response:
    """As a person does: open the sign-in page (its form carries a token), then post it."""
    form = await visitor.get("/sign-in")
    token = re.search(r'name="sign_in_token" value="([^"]+)"', form.text)
    assert token, "the sign-in form carries its token"
    fields = {"user": user, "password": password, "next": next_path}
    return await visitor.post("/sign-in", data={**fields, "sign_in_token": token.group(1)})


def csrf_of(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture
async def visitor(neo4j_connection: Neo4jConnection) -> AsyncIterator[httpx.AsyncClient]:
    """A browser with no credentials but its cookies (the app's settings as in the tests)."""
    async with app_client(neo4j_connection.settings(), headers={}) as http:
        yield http


@pytest.fixture
async def practitioner(
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> httpx.AsyncClient:
    """A MASH practitioner signed in (an AMHP is one too)."""
    await sign_in(visitor, make_user(session_driver, queries, "ui.practitioner"))
    return visitor


@pytest.fixture
async def senior(
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> httpx.AsyncClient:
    """A senior practitioner signed in: allocation too."""
    user = make_user(session_driver, queries, "ui.senior", Role.SENIOR_PRACTITIONER)
    await sign_in(visitor, user)
    return visitor


@pytest.fixture(scope="module")
def server(neo4j_connection: Neo4jConnection, borough: Borough) -> Iterator[str]:
    """The app served on a port of its own, over the module's borough, for Chromium."""
    with served(neo4j_connection.settings()) as url:
        yield url
