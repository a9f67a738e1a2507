from __future__ import annotations

import neo4j
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.store.local_server import free_port
from tests.conftest import Neo4jConnection

runner = CliRunner()


def test_seed_reports_what_the_graph_then_holds(
    graph: neo4j.Driver, neo4j_connection: Neo4jConnection
) -> None:
    result = runner.invoke(app, ["seed", "--people", "400", "--seed", "2"],
                           env=neo4j_connection.env())  # fmt: skip
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


def test_bad_seed_size_names_the_option() -> None:
    result = runner.invoke(app, ["seed", "--people", "3"])
    assert result.exit_code == 2
    assert "--people" in result.output
