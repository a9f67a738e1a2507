"""The Docker deployment path: checked as data, since CI has no Docker engine."""

from __future__ import annotations

from typing import Any

import yaml

from graph_service.config import PROJECT_ROOT


def _compose() -> dict[str, Any]:
    return dict(yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text()))


def test_neo4j_service_is_the_lts_community_image_with_a_volume_and_health_check() -> None:
    neo4j = _compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    assert neo4j["environment"]["NEO4J_dbms_usage__report_enabled"] == "false"
    assert all(port.startswith("127.0.0.1:") for port in neo4j["ports"])


def test_app_waits_for_a_healthy_database_and_takes_secrets_from_the_env_file() -> None:
    compose = _compose()
    app = compose["services"]["app"]
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert app["env_file"] == ".env" and app["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert "/ready" in " ".join(app["healthcheck"]["test"])
    assert set(compose["volumes"]) == {"neo4j-data", "neo4j-logs", "audit-journal"}


def test_the_app_keeps_its_audit_journal_on_a_volume_its_user_owns() -> None:
    app = _compose()["services"]["app"]
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    journal = "/var/lib/graph-service/audit-journal"
    assert f"audit-journal:{journal}" in app["volumes"]
    assert f"GRAPH_SERVICE_AUDIT_JOURNAL_DIR={journal}" in dockerfile
    assert "chown -R nobody /var/lib/graph-service" in dockerfile
    assert dockerfile.index("chown") < dockerfile.index("USER nobody")
    example = (PROJECT_ROOT / ".env.example").read_text()
    assert "NEO4J_PASSWORD=" in example and "GRAPH_SERVICE_MODE=production" in example
