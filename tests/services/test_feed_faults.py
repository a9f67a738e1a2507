"""A `kill -9` of the importer, or of Neo4j, part way through a large file: the graph is
as it was before, never part written; a re-run then imports the file, leaving exactly the
graph a clean import leaves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import neo4j

from graph_service.config import PROJECT_ROOT
from graph_service.store.migrations import apply_migrations
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection, private_server, wipe_graph
from tests.services.feed_support import add_agencies, graph_hash

ROWS = 30_000
CLI = str(Path(sys.executable).with_name("graph-service"))
# Into the file's transaction: as it opens, a second in, and well in.
KILL_AFTER = (0.0, 1.0, 2.5)


def _large_file(path: Path) -> Path:
    with path.open("w") as out:
        out.write("record_id,given_name,family_name,date_of_birth,sex,address_line1,postcode\n")
        for n in range(ROWS):
            out.write(
                f"K-{n},Kim,Faultline{n % 211},19{n % 90 + 10}-0{n % 9 + 1}-1{n % 9},female,"
                f"{n % 150 + 1} Kill Street,NB{n % 9 + 1} {n % 9 + 1}KL\n"
            )
    return path


def _importer(connection: Neo4jConnection, path: Path) -> subprocess.Popen[bytes]:
    return _import(connection.env(), path)


def _import(neo4j_env: dict[str, str], path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [CLI, "ingest", str(path), "--agency", "SCH", "--no-scoring"],
        env={**os.environ, **neo4j_env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _writing(driver: neo4j.Driver) -> bool:
    """Whether the importer's transaction is writing people now."""
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery STARTS WITH "
        "'// Write the people records' RETURN count(*) AS n"
    )
    return bool(records[0]["n"])


def _kill_while_writing(
    driver: neo4j.Driver, importer: subprocess.Popen[bytes], after: float
) -> None:
    _await_writing(driver, importer)
    time.sleep(after)
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait()


def _await_writing(driver: neo4j.Driver, importer: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while not _writing(driver):
        assert importer.poll() is None, "the importer finished before it could be killed"
        assert time.monotonic() < deadline, "the importer never began writing"
        time.sleep(0.02)


def test_a_killed_import_leaves_nothing_and_a_rerun_completes_it(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    path = _large_file(tmp_path / "people.csv")
    add_agencies(graph)
    assert _importer(neo4j_connection, path).wait() == 0
    clean = graph_hash(graph)

    wipe_graph(graph)
    add_agencies(graph)
    before = graph_hash(graph)
    for after in KILL_AFTER:
        _kill_while_writing(graph, _importer(neo4j_connection, path), after)
        assert graph_hash(graph) == before, f"killed {after} s in: the graph was changed"
    assert _importer(neo4j_connection, path).wait() == 0
    assert graph_hash(graph) == clean


def test_neo4j_killed_mid_import_keeps_none_of_it_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    server = private_server(tmp_path / "neo4j", heap="1g", pagecache="128m")
    server.start(timeout=240)
    try:
        env = {"NEO4J_URI": server.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password()}
        path = _large_file(tmp_path / "people.csv")
        with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", server.password())) as driver:
            apply_migrations(
                driver, PROJECT_ROOT / "schema", QueryLibrary(PROJECT_ROOT / "queries")
            )
            add_agencies(driver)
            before = graph_hash(driver)
            importer = _import(env, path)
            _await_writing(driver, importer)
            time.sleep(1.0)
            pid = server.status().pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
        assert importer.wait(timeout=180) != 0, "the importer said it succeeded"

        server.start(timeout=240)  # Neo4j recovers from its transaction log
        with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", server.password())) as driver:
            assert graph_hash(driver) == before, "the killed import left part of the file"
            assert _import(env, path).wait(timeout=300) == 0
            people, _, _ = driver.execute_query("MATCH (p:Person) RETURN count(p) AS n")
        assert people[0]["n"] == ROWS
    finally:
        server.stop()
