"""Connections to the graph: credentials resolution and driver construction."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import neo4j

from graph_service.config import Settings
from graph_service.store.dates import plain_date_times, plain_dates
from graph_service.store.local_server import LocalNeo4j

__all__ = [
    "Credentials",
    "async_driver",
    "credentials",
    "driver",
    "local_server",
    "run_to_completion",
]

T = TypeVar("T")

Credentials = tuple[str, str, str]


def local_server(settings: Settings) -> LocalNeo4j:
    """The Docker-free server `graph-service db start` manages."""
    return LocalNeo4j(
        home=settings.state_dir / "neo4j",
        cache_dir=settings.cache_dir,
        port=settings.bolt_port,
        heap_size=settings.heap_size,
        pagecache_size=settings.pagecache_size,
    )


def credentials(settings: Settings) -> Credentials:
    """URI, user and password: from the environment, else from the local server."""
    if settings.neo4j_uri is not None:
        if settings.neo4j_password is None:
            raise ValueError("NEO4J_URI is set but NEO4J_PASSWORD is not")
        return settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password.get_secret_value()
    server = local_server(settings)
    return server.uri, "neo4j", server.password()


# "Unknown label" warnings are expected on an empty graph; the rest are worth seeing.
_QUIET = neo4j.NotificationDisabledClassification.UNRECOGNIZED


def driver(settings: Settings) -> neo4j.Driver:
    plain_dates()
    plain_date_times()
    uri, user, password = credentials(settings)
    return neo4j.GraphDatabase.driver(
        uri, auth=(user, password), notifications_disabled_classifications=[_QUIET]
    )


def async_driver(settings: Settings) -> neo4j.AsyncDriver:
    """The API's driver: it gives up quickly when Neo4j is down, so callers get a clear 503
    instead of a request that hangs while the driver retries."""
    plain_dates()
    plain_date_times()
    uri, user, password = credentials(settings)
    return neo4j.AsyncGraphDatabase.driver(
        uri,
        auth=(user, password),
        notifications_disabled_classifications=[_QUIET],
        max_transaction_retry_time=settings.retry_seconds,
        connection_timeout=settings.retry_seconds,
        connection_acquisition_timeout=settings.retry_seconds * 2,
        max_connection_pool_size=settings.pool_size,
    )


def run_to_completion(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run async work from synchronous code (the command line), on a thread of its own:
    the caller may already be running an event loop (a test, a notebook)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(work())).result()
