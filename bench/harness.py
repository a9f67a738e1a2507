"""Shared set-up for benchmarks: a disposable local Neo4j, or the one NEO4J_URI names."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import neo4j
from pydantic import SecretStr

from graph_service.api.app import create_app
from graph_service.config import PROJECT_ROOT, Settings
from graph_service.security.roles import Role
from graph_service.security.tokens import Principal, TokenKeys, issue_token, new_secret
from graph_service.store.local_server import LocalNeo4j, free_port
from graph_service.store.migrations import apply_migrations
from graph_service.store.queries import QueryLibrary

__all__ = ["bench_graph", "cpu_probe", "in_process_client", "machine_description", "served_api"]


@contextlib.contextmanager
def bench_graph(
    heap: str = "2g", pagecache: str = "1g"
) -> Iterator[tuple[neo4j.Driver, QueryLibrary, dict[str, str]]]:
    """Yield a migrated, empty graph and its NEO4J_* settings; the server stops afterwards."""
    queries = QueryLibrary(PROJECT_ROOT / "queries")
    uri = os.environ.get("NEO4J_URI")
    with contextlib.ExitStack() as stack:
        if uri:
            auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
        else:
            home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-neo4j-")))
            server = LocalNeo4j(
                home,
                Settings().cache_dir,
                port=free_port(),
                heap_size=heap,
                pagecache_size=pagecache,
            )
            server.start(timeout=240, with_parent=True)
            stack.callback(server.stop)
            uri, auth = server.uri, ("neo4j", server.password())
        driver = stack.enter_context(
            neo4j.GraphDatabase.driver(
                uri, auth=auth, notifications_disabled_classifications=["UNRECOGNIZED"]
            )
        )
        apply_migrations(driver, PROJECT_ROOT / "schema", queries)
        yield driver, queries, {"NEO4J_URI": uri, "NEO4J_USER": auth[0], "NEO4J_PASSWORD": auth[1]}


def machine_description() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = subprocess.run(["free", "-g"], capture_output=True, text=True, check=False)
    total = memory.stdout.splitlines()[1].split()[1] if memory.returncode == 0 else "?"
    return (
        f"{os.cpu_count()} cores ({cpu}), {total} GiB RAM, Python {platform.python_version()}, "
        "Neo4j 5.26 Community (heap and page cache as stated)"
    )


def cpu_probe() -> float:
    """Nanoseconds for a fixed loop of Python, best of 5: how fast this shared machine is
    right now. On our 2 cores it moves by up to two thirds from one minute to the next, so
    each benchmark row says what the machine gave it."""
    return min(timeit.repeat("sum(range(100))", number=100_000, repeat=5)) / 100_000 * 1e9


@contextlib.contextmanager
def served_api(neo4j_env: dict[str, str], workers: str) -> Iterator[tuple[str, str]]:
    """Serve the API with uvicorn in its own process; yield its URL and a MASH token."""
    secret = new_secret()
    env = {
        **os.environ,
        **neo4j_env,
        "GRAPH_SERVICE_TOKEN_SECRET": secret,
        "GRAPH_SERVICE_RATE_LIMIT_PER_MINUTE": "1e9",
    }
    keys = TokenKeys(secret, Settings().auth_issuer, Settings().auth_audience)
    token = issue_token(keys, Principal("bench", Role.MASH_PRACTITIONER), timedelta(hours=2))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "graph_service.api.app:create_app",
            "--port",
            str(port),
            "--workers",
            workers,
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
        cwd=PROJECT_ROOT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if httpx.get(f"{url}/ready").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        yield url, token
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.asynccontextmanager
async def in_process_client(env: dict[str, str], role: Role) -> AsyncIterator[httpx.AsyncClient]:
    """The API app in this process, started, and a client signed in with `role`."""
    secret = new_secret()
    settings = Settings(
        neo4j_uri=env["NEO4J_URI"],
        neo4j_user=env["NEO4J_USER"],
        neo4j_password=SecretStr(env["NEO4J_PASSWORD"]),
        token_secret=SecretStr(secret),
    )
    keys = TokenKeys(secret, settings.auth_issuer, settings.auth_audience)
    token = issue_token(keys, Principal("bench", role), timedelta(hours=1))
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://bench",
            headers={"Authorization": f"Bearer {token}"},
        ) as client,
    ):
        yield client
