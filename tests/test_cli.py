from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import neo4j
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.linkage.scoring import MODEL_VERSION
from graph_service.store.local_server import free_port
from tests.conftest import Neo4jConnection

runner = CliRunner()


def test_seed_reports_what_the_graph_then_holds(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection
) -> None:
    result = runner.invoke(
        app, ["seed", "--people", "400", "--seed", "2"], env=neo4j_connection.env()
    )
    assert result.exit_code == 0, result.output
    records, _, _ = graph.execute_query("MATCH (p:Person) RETURN count(p) AS n")
    assert records[0]["n"] == 400
    assert "people 400" in result.output.replace(",", "")
    again = runner.invoke(
        app, ["seed", "--people", "400", "--seed", "2"], env=neo4j_connection.env()
    )
    assert again.exit_code == 0
    records, _, _ = graph.execute_query("MATCH (p:Person) RETURN count(p) AS n")
    assert records[0]["n"] == 400


def test_counts_and_migrate(graph: neo4j.Driver, neo4j_connection: Neo4jConnection) -> None:
    migrate = runner.invoke(app, ["db", "migrate"], env=neo4j_connection.env())
    assert migrate.exit_code == 0 and "schema up to date" in migrate.output
    counts = runner.invoke(app, ["counts"], env=neo4j_connection.env())
    assert counts.exit_code == 0 and "people" in counts.output


def test_unreachable_database_is_one_clear_line() -> None:
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{free_port()}", "NEO4J_PASSWORD": "x" * 12}
    result = runner.invoke(app, ["counts"], env=env)
    assert result.exit_code == 1
    assert "cannot reach Neo4j" in result.output
    assert "Traceback" not in result.output


def test_seed_as_feeds_writes_each_agencys_extract_and_imports_it(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    args = ["seed", "--people", "400", "--seed", "2", "--as-feeds", str(tmp_path)]
    result = runner.invoke(app, args, env=neo4j_connection.env())
    assert result.exit_code == 0, result.output
    assert "0 rows rejected" in result.output
    people_files = sorted(tmp_path.glob("*/people.csv"))
    assert len(people_files) > 1  # each agency sends its own people
    records, _, _ = graph.execute_query(
        "MATCH (p:Person|LinkedRecord) RETURN count(p) AS n, "
        "count { MATCH (f:FeedRecord) } AS sent, count { MATCH (r:ImportRun) } AS runs"
    )
    assert records[0]["n"] == 400 and records[0]["sent"] > 400
    assert records[0]["runs"] == len(list(tmp_path.glob("*/*.csv")))
    ingest = runner.invoke(app, ["ingest", str(tmp_path)], env=neo4j_connection.env())
    assert ingest.exit_code == 0, ingest.output
    assert "0 new people scored" in ingest.output  # sent again: nothing new


def test_ingest_names_what_is_wrong_with_its_arguments(
    neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text("record_id\n")
    no_agency = runner.invoke(app, ["ingest", str(people)], env=neo4j_connection.env())
    assert no_agency.exit_code == 1 and "--agency" in no_agency.output
    wrong = tmp_path / "extract.csv"
    wrong.write_text("record_id\n")
    unnamed = runner.invoke(
        app, ["ingest", str(wrong), "--agency", "X"], env=neo4j_connection.env()
    )
    assert unnamed.exit_code == 1 and "named after its kind of record" in unnamed.output


def test_bad_seed_size_names_the_option() -> None:
    result = runner.invoke(app, ["seed", "--people", "3"])
    assert result.exit_code == 2
    assert "--people" in result.output


def test_serve_starts_the_workers_asked_for_and_each_answers(
    neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    port = free_port()
    env = {**os.environ, **neo4j_connection.env(), "XDG_DATA_HOME": str(tmp_path)}
    command = [
        str(Path(sys.executable).parent / "graph-service"),
        "serve",
        "--port",
        str(port),
        "--workers",
        "2",
    ]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert server.stdout is not None
        output: list[str] = []
        while sum("Application startup complete" in line for line in output) < 2:
            line = server.stdout.readline()
            assert line, "".join(output)  # the server exited before both workers started
            output.append(line)
        started = {
            line.split("[")[1].split("]")[0] for line in output if "Started server process" in line
        }
        assert len(started) == 2 and "2 workers" in "".join(output)
        ready = [httpx.get(f"http://127.0.0.1:{port}/ready", timeout=10) for _ in range(4)]
        assert all(response.status_code == 200 for response in ready)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def test_workers_must_be_at_least_one() -> None:
    result = runner.invoke(app, ["serve", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output


USER_CREATE = ("user", "create", "--user", "cli.u", "--role", "partner_agency")


def _create_user(env: dict[str, str], agency: str, password: str) -> Any:
    return runner.invoke(
        app,
        [*USER_CREATE, "--agency", agency, "--password-stdin"],
        input=f"{password}\n",
        env=env,
    )


def test_a_local_user_is_created_with_a_hashed_password_and_can_sign_in(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection
) -> None:
    from graph_service.security.passwords import verify_password

    env = neo4j_connection.env()
    graph.execute_query("MERGE (:Agency {id: 'AG900', name: 'Test school', kind: 'school'})")
    weak = _create_user(env, "AG900", "short")
    assert weak.exit_code != 0 and "password: must be at least 12 characters" in weak.output
    unknown = _create_user(env, "AG999", "a long enough password")
    assert unknown.exit_code != 0 and "no agency 'AG999'" in unknown.output
    made = _create_user(env, "AG900", "a long enough password")
    assert made.exit_code == 0, made.output
    records, _, _ = graph.execute_query("MATCH (u:LocalUser {user: 'cli.u'}) RETURN u {.*} AS u")
    stored = records[0]["u"]
    assert stored["role"] == "partner_agency" and stored["agency"] == "AG900"
    assert "a long enough password" not in str(stored)
    assert verify_password(stored["password_hash"], "a long enough password")


def test_demo_users_are_printed_for_each_role_people_sign_in_with(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection
) -> None:
    graph.execute_query("MERGE (:Agency {id: 'AG900', name: 'Test school', kind: 'school'})")
    result = runner.invoke(app, ["user", "demo"], env={**neo4j_connection.env(), "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for user in (
        "demo-mash-practitioner",
        "demo-senior-practitioner",
        "demo-partner-agency",
        "demo-auditor",
        "demo-administrator",
    ):
        assert user in result.output
    assert "integration" not in result.output  # a system signs in with an API key


def test_linkage_accuracy_reports_the_bands_against_the_truth() -> None:
    result = runner.invoke(app, ["linkage", "accuracy", "--people", "2000", "--seed", "6"])
    assert result.exit_code == 0, result.output
    assert "auto_precision" in result.output and "recall_with_review" in result.output


def test_linkage_train_writes_the_model_where_told(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    result = runner.invoke(
        app, ["linkage", "train", "--people", "3000", "--seed", "2", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f'"version": {MODEL_VERSION}' in out.read_text()
