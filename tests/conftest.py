"""One real, disposable Neo4j for the whole test session (or the one NEO4J_URI names)."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import LiteralString

import httpx
import neo4j
import pytest
from playwright.sync_api import Browser, sync_playwright
from pydantic import SecretStr

from graph_service.api.app import create_app
from graph_service.config import PROJECT_ROOT, AuditMode, Settings
from graph_service.ingest.loader import load_borough
from graph_service.ingest.synthetic import Borough, generate_borough
from graph_service.security.roles import Role
from graph_service.security.tokens import Principal, TokenKeys, issue_token
from graph_service.store.dates import plain_date_times, plain_dates
from graph_service.store.graph import async_driver
from graph_service.store.local_server import LocalNeo4j, free_port
from graph_service.store.migrations import apply_migrations
from graph_service.store.queries import QueryLibrary

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
TEST_TOKEN_SECRET = "test-only-secret-" + "x" * 32


@dataclass(frozen=True)
class Neo4jConnection:
    uri: str
    user: str
    password: str
    server: LocalNeo4j | None

    def env(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password}

    def settings(self) -> Settings:
        # Events stored before each response, so a test reads them straight after; the
        # journal that production uses has tests of its own (test_audit_journal.py).
        return Settings(
            neo4j_uri=self.uri,
            neo4j_user=self.user,
            neo4j_password=self.password,
            token_secret=SecretStr(TEST_TOKEN_SECRET),
            audit_mode=AuditMode.DIRECT,
        )


def auth_headers(
    role: Role = Role.SENIOR_PRACTITIONER, user: str = "test.user", agency: str | None = None
) -> dict[str, str]:
    """An Authorization header for the app the tests build (signed with the test secret)."""
    keys = TokenKeys(TEST_TOKEN_SECRET, Settings().auth_issuer, Settings().auth_audience)
    token = issue_token(keys, Principal(user, role, agency), timedelta(hours=2))
    return {"Authorization": f"Bearer {token}"}


@contextlib.contextmanager
def served(settings: Settings) -> Iterator[str]:
    """The app on a real uvicorn server in a thread, on a free loopback port."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the API did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


def _cache_dir() -> Path:
    return Settings().cache_dir


def private_server(home: Path, heap: str = "512m", pagecache: str = "64m") -> LocalNeo4j:
    """A server of a test's own (not started), for what the shared one must not suffer:
    stopping, restarting, being killed."""
    return LocalNeo4j(
        home, _cache_dir(), port=free_port(), heap_size=heap, pagecache_size=pagecache
    )


@pytest.fixture(scope="session")
def neo4j_connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jConnection]:
    """NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD when given (its data is wiped!), else our own."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield Neo4jConnection(
            uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"], None
        )
        return
    home = tmp_path_factory.mktemp("neo4j-home")
    server = private_server(home, heap="1g", pagecache="256m")
    server.start(timeout=240, with_parent=True)
    try:
        yield Neo4jConnection(server.uri, "neo4j", server.password(), server)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def queries() -> QueryLibrary:
    return QueryLibrary(PROJECT_ROOT / "queries")


@pytest.fixture(scope="session")
def session_driver(
    neo4j_connection: Neo4jConnection, queries: QueryLibrary
) -> Iterator[neo4j.Driver]:
    auth = (neo4j_connection.user, neo4j_connection.password)
    plain_dates()  # as the service's own drivers do
    plain_date_times()
    with neo4j.GraphDatabase.driver(
        neo4j_connection.uri, auth=auth, notifications_disabled_classifications=["UNRECOGNIZED"]
    ) as d:
        _wipe(d, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS")
        apply_migrations(d, PROJECT_ROOT / "schema", queries)
        yield d


@pytest.fixture
def graph(session_driver: neo4j.Driver) -> neo4j.Driver:
    """The driver, over a graph emptied of everything but its schema history."""
    wipe_graph(session_driver)
    return session_driver


def wipe_graph(driver: neo4j.Driver) -> None:
    _wipe(
        driver, "MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
    )


def _wipe(driver: neo4j.Driver, statement: LiteralString) -> None:
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction: session.run, not execute_query.
    with driver.session() as session:
        session.run(statement).consume()


@pytest.fixture(scope="module")
def borough(session_driver: neo4j.Driver, queries: QueryLibrary) -> Borough:
    """A small seeded borough shared by a module's API tests."""
    wipe_graph(session_driver)
    seeded = generate_borough(800, seed=5)
    load_borough(session_driver, queries, seeded)
    return seeded


@contextlib.asynccontextmanager
async def app_client(
    settings: Settings, headers: dict[str, str] | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client of an app built with these settings, on a driver of its own
    (signed in as a senior practitioner unless `headers` says otherwise)."""
    driver = async_driver(settings)
    app = create_app(settings, driver=driver)
    signed_in = auth_headers() if headers is None else headers
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver", headers=signed_in
        ) as http:
            yield http
    finally:
        await driver.close()


@pytest.fixture
async def client(
    neo4j_connection: Neo4jConnection, borough: Borough
) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(neo4j_connection.settings()) as http:
        yield http


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No background traffic: the machine's network is closed, and the test counts requests.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Module scope: sync Playwright holds an event loop while open, which the async tests of
# other modules must not find running.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: run `make browser`"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
