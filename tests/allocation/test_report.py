"""`graph-service allocate`: the plan for the unallocated queue, as a table and as JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.ingest.synthetic import REFERENCE_DATE, Borough
from tests.conftest import Neo4jConnection

runner = CliRunner()


def test_allocate_prints_the_plan_for_the_unallocated_queue(
    borough: Borough, neo4j_connection: Neo4jConnection
) -> None:
    on = REFERENCE_DATE.isoformat()
    env = neo4j_connection.env()
    result = runner.invoke(
        app,
        ["allocate", "--queue", "unallocated", "--limit", "20", "--as-of", on, "--format", "json"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["analysis"] == "allocation plan" and body["as_of"] == on
    assert "complexity_per_hazard" in body["thresholds"]
    rows = body["results"]
    open_unallocated = {
        n["id"] for n in borough.nodes["Case"] if n["props"]["status"] == "open"
    } - {r["start"] for r in borough.relationships["Case:ALLOCATED_TO:Worker"]}
    planned = [c for row in rows for c in row["cases"]]
    assert len(planned) == min(20, len(open_unallocated))
    assert set(planned) <= open_unallocated
    assert all(row["evidence"] for row in rows)
    table = runner.invoke(app, ["allocate", "--limit", "5", "--as-of", on], env=env)
    assert table.exit_code == 0 and "allocation plan" in table.output
    bad = runner.invoke(app, ["allocate", "--limit", "0"], env=env)
    assert bad.exit_code == 1 and "limit" in bad.output
