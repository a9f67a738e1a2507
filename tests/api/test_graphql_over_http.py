"""The GraphQL-over-HTTP specification, checked by the external audit its authors ship
(npm `graphql-http`) against the app served by uvicorn: no failure and no warning."""

from __future__ import annotations

import json
import shutil
import subprocess

from graph_service.config import PROJECT_ROOT
from graph_service.security.roles import Role
from tests.conftest import Neo4jConnection, auth_headers, served

AUDIT = PROJECT_ROOT / "tests" / "api" / "graphql_http"


def test_the_graphql_over_http_audit_passes_with_no_warnings(
    neo4j_connection: Neo4jConnection,
) -> None:
    node = shutil.which("node")
    assert node, "Node.js runs the audit: install nodejs"
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), "run `make install`"
    token = auth_headers(Role.MASH_PRACTITIONER, "audit.user")["Authorization"].split()[1]
    with served(neo4j_connection.settings()) as url:
        run = subprocess.run(
            [node, "audit.mjs", f"{url}/graphql", token],
            cwd=AUDIT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    results = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert len(results) > 40, run.stdout  # the whole audit ran
    failed = [f"{r['status']}: {r['name']}: {r['reason']}" for r in results if r["status"] != "ok"]
    assert failed == [], "\n".join(failed)
