"""Signed-in browsers of the practitioner UI, as httpx clients with a cookie jar."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import neo4j
import pytest

from graph_service.security.passwords import hash_password
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection, app_client

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_user(
    driver: neo4j.Driver,
    queries: QueryLibrary,
    user: str,
    role: Role = Role.MASH_PRACTITIONER,
    agency: str | None = None,
) -> str:
    """A local user (password PASSWORD) stored as `graph-service user create` stores one."""
    records, _, _ = driver.execute_query(
        queries["local_user_save"],
        user=user,
        passwordHash=hash_password(PASSWORD),
        role=role.value,
        agency=agency,
    )
    assert records, f"no agency {agency}"
    return user


async def sign_in(
    visitor: httpx.AsyncClient, user: str, password: str = PASSWORD
) -> httpx.Response:
    return await visitor.post("/sign-in", data={"user": user, "password": password, "next": "/"})


def csrf_of(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture
async def visitor(neo4j_connection: Neo4jConnection) -> AsyncIterator[httpx.AsyncClient]:
    """A browser with no credentials but its cookies (the app's settings as in the tests)."""
    async with app_client(neo4j_connection.settings(), headers={}) as http:
        yield http
