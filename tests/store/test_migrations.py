from __future__ import annotations

import shutil
from pathlib import Path

import neo4j
import pytest

from graph_service.config import PROJECT_ROOT
from graph_service.store.migrations import MigrationError, apply_migrations, discover_migrations
from graph_service.store.queries import QueryLibrary

SCHEMA = PROJECT_ROOT / "schema"


def test_migrations_are_recorded_and_run_once(graph: neo4j.Driver, queries: QueryLibrary) -> None:
    assert apply_migrations(graph, SCHEMA, queries) == []  # the session already applied them
    records, _, _ = graph.execute_query(queries["migration_history"])
    assert [r["version"] for r in records] == [m.version for m in discover_migrations(SCHEMA)]


def test_schema_has_unique_ids_fulltext_names_and_filter_indexes(graph: neo4j.Driver) -> None:
    constraints, _, _ = graph.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties")
    unique = {(c["labelsOrTypes"][0], c["properties"][0]) for c in constraints}
    for label in (
        "Person",
        "Household",
        "Address",
        "Agency",
        "Worker",
        "Concern",
        "Case",
        "Hazard",
        "Place",
    ):
        assert (label, "id") in unique
    indexes, _, _ = graph.execute_query("SHOW INDEXES YIELD name, type")
    by_name = {i["name"]: i["type"] for i in indexes}
    assert by_name["person_names"] == "FULLTEXT"
    assert by_name["concern_code"] == "RANGE"
    assert by_name["address_postcode"] == "RANGE"


def test_a_new_migration_is_applied_and_an_edited_one_refused(
    graph: neo4j.Driver, queries: QueryLibrary, tmp_path: Path
) -> None:
    schema = tmp_path / "schema"
    shutil.copytree(SCHEMA, schema)
    extra = schema / "900_test_only.cypher"
    extra.write_text("CREATE INDEX test_only IF NOT EXISTS FOR (n:TestOnly) ON (n.x);\n")
    try:
        assert [m.version for m in apply_migrations(graph, schema, queries)] == [900]
        assert apply_migrations(graph, schema, queries) == []
        extra.write_text("CREATE INDEX test_only_2 IF NOT EXISTS FOR (n:TestOnly) ON (n.y);\n")
        with pytest.raises(MigrationError, match="900_test_only was changed after it was applied"):
            apply_migrations(graph, schema, queries)
    finally:
        graph.execute_query("DROP INDEX test_only IF EXISTS")
        graph.execute_query("MATCH (m:SchemaMigration {version: 900}) DELETE m")


def test_badly_named_migration_is_refused(tmp_path: Path) -> None:
    (tmp_path / "add_things.cypher").write_text("RETURN 1;")
    with pytest.raises(MigrationError, match=r"add_things\.cypher: migration files are named"):
        discover_migrations(tmp_path)
