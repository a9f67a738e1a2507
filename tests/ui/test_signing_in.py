"""Signing in and out of the practitioner UI: sessions, timeouts, CSRF."""

from __future__ import annotations

import asyncio

import httpx
import neo4j
import pytest

from graph_service.ingest.synthetic import Borough
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection, app_client
from tests.ui.conftest import csrf_of, make_user, sign_in


async def test_a_page_without_a_session_sends_you_to_sign_in_and_back(
    visitor: httpx.AsyncClient, borough: Borough
) -> None:
    answer = await visitor.get("/search?name=smith")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=/search%3Fname%3Dsmith"


async def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(
    visitor: httpx.AsyncClient, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    make_user(session_driver, queries, "ui.wrong")
    wrong = await sign_in(visitor, "ui.wrong", "not the password at all")
    unknown = await sign_in(visitor, "ui.nobody", "not the password at all")
    for answer in (wrong, unknown):
        assert answer.status_code == 400
        assert "There is a problem" in answer.text
        assert "The user name or password is not right" in answer.text
        assert "gs_session" not in answer.headers.get("set-cookie", "")


async def test_signing_in_sets_an_http_only_session_and_returns_to_the_page_asked_for(
    visitor: httpx.AsyncClient, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    make_user(session_driver, queries, "ui.in")
    answer = await sign_in(visitor, "ui.in", next_path="/search?name=x")
    assert answer.status_code == 303 and answer.headers["location"] == "/search?name=x"
    cookie = answer.headers["set-cookie"]
    assert "gs_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    home = await visitor.get("/")
    assert home.status_code == 200 and "Signed in as <strong>ui.in</strong>" in home.text


async def test_a_next_page_elsewhere_is_never_followed(
    visitor: httpx.AsyncClient, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    make_user(session_driver, queries, "ui.next")
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        answer = await sign_in(visitor, "ui.next", next_path=elsewhere)
        assert answer.headers["location"] == "/"


async def test_signing_out_needs_the_forms_csrf_token_and_ends_the_session(
    visitor: httpx.AsyncClient, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    make_user(session_driver, queries, "ui.out")
    await sign_in(visitor, "ui.out")
    home = await visitor.get("/")
    token = visitor.cookies["gs_session"]
    forged = await visitor.post("/sign-out", data={"csrf": "not the token"})
    assert forged.status_code == 403 and (await visitor.get("/")).status_code == 200
    out = await visitor.post("/sign-out", data={"csrf": csrf_of(home.text)})
    assert out.status_code == 303 and out.headers["location"].startswith("/signed-out")
    page = await visitor.get(out.headers["location"])
    assert "You have signed out." in page.text
    visitor.cookies.set("gs_session", token)  # the old cookie, kept by someone
    again = await visitor.get("/")
    assert again.status_code == 303 and "/signed-out" in again.headers["location"]


async def test_an_idle_session_ends_with_a_page_that_says_why(
    neo4j_connection: Neo4jConnection, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    make_user(session_driver, queries, "ui.idle")
    brief = neo4j_connection.settings().model_copy(update={"session_idle_minutes": 0.005})
    async with app_client(brief, headers={}) as visitor:
        await sign_in(visitor, "ui.idle")
        assert (await visitor.get("/")).status_code == 200
        await asyncio.sleep(0.5)
        ended = await visitor.get("/")
        assert ended.status_code == 303
        assert ended.headers["location"].startswith("/signed-out?why=idle")
        page = await visitor.get(ended.headers["location"])
        assert "had not used the service for a while" in page.text
        assert 'href="/sign-in?next=' in page.text


async def test_a_session_ends_at_its_time_limit_however_busy(
    neo4j_connection: Neo4jConnection, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    make_user(session_driver, queries, "ui.long")
    brief = neo4j_connection.settings().model_copy(update={"session_absolute_hours": 0.0002})
    async with app_client(brief, headers={}) as visitor:
        await sign_in(visitor, "ui.long")
        await asyncio.sleep(0.8)
        ended = await visitor.get("/")
        assert ended.headers["location"].startswith("/signed-out?why=absolute")
        page = await visitor.get(ended.headers["location"])
        assert "reached its time limit" in page.text


async def test_a_sign_in_posted_from_elsewhere_signs_nobody_in(
    visitor: httpx.AsyncClient, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    """Login CSRF: another site's form, without the token the sign-in page set."""
    make_user(session_driver, queries, "ui.forged")
    fields = {"user": "ui.forged", "password": "correct horse battery", "next": "/"}
    forged = await visitor.post("/sign-in", data={**fields, "sign_in_token": "guessed"})
    assert forged.status_code == 400 and "The sign-in form had expired" in forged.text
    assert "gs_session" not in visitor.cookies


async def test_signing_in_while_the_database_is_down_says_so_plainly(
    neo4j_connection: Neo4jConnection,
) -> None:
    from graph_service.store.local_server import free_port

    down = neo4j_connection.settings().model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"}
    )
    async with app_client(down, headers={}) as visitor:
        answer = await sign_in(visitor, "anyone")
        assert answer.status_code == 503
        assert "cannot reach its database just now: try again in a minute" in answer.text
        page = await visitor.get("/people/P0000001")  # no session: to the sign-in page
        assert page.status_code == 303


async def test_a_page_while_the_database_is_down_says_so_and_what_to_do(
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from graph_service.store.gateway import DatabaseUnavailableError, GraphGateway

    await sign_in(visitor, make_user(session_driver, queries, "ui.outage"))

    async def down(self: GraphGateway, name: str, **params: object) -> object:
        raise DatabaseUnavailableError

    monkeypatch.setattr(GraphGateway, "read", down)
    page = await visitor.get(f"/people/{borough.nodes['Person'][0]['id']}")
    assert page.status_code == 503
    assert "The service is unavailable" in page.text and "Try again in a minute" in page.text
