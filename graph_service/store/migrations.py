"""Ordered, idempotent schema migrations from `schema/NNN_name.cypher`.

Each applied version is recorded in the graph as a `SchemaMigration` node with the
checksum of its file, so a migration runs once and a file edited after it ran is
refused rather than silently diverging.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import neo4j

from graph_service.store.queries import QueryLibrary

__all__ = ["Migration", "MigrationError", "apply_migrations", "discover_migrations"]

_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.cypher$")


class MigrationError(RuntimeError):
    """The schema directory or the recorded history is inconsistent."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    checksum: str


def discover_migrations(schema_dir: Path) -> list[Migration]:
    migrations: list[Migration] = []
    for path in sorted(schema_dir.glob("*.cypher")):
        match = _FILE.match(path.name)
        if match is None:
            raise MigrationError(f"{path.name}: migration files are named NNN_name.cypher")
        text = path.read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        statements = tuple(s.strip() for s in body.split(";") if s.strip())
        checksum = hashlib.sha256(text.encode()).hexdigest()
        migrations.append(Migration(int(match.group(1)), match.group(2), statements, checksum))
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migration files share a version in {schema_dir}")
    return migrations


def apply_migrations(
    driver: neo4j.Driver, schema_dir: Path, queries: QueryLibrary, database: str = "neo4j"
) -> list[Migration]:
    """Apply what has not been applied yet, in order; return what was applied now."""
    migrations = discover_migrations(schema_dir)
    records, _, _ = driver.execute_query(queries["migration_history"], database_=database)
    applied = {r["version"]: r["checksum"] for r in records}
    newly: list[Migration] = []
    for migration in migrations:
        if migration.version in applied:
            if applied[migration.version] != migration.checksum:
                raise MigrationError(
                    f"migration {migration.version:03d}_{migration.name} was changed after it "
                    "was applied; add a new migration instead of editing an applied one"
                )
            continue
        with driver.session(database=database) as session:
            for statement in migration.statements:
                # Schema statements cannot share a transaction with writes: run each alone.
                session.run(statement).consume()  # type: ignore[arg-type,unused-ignore]
        driver.execute_query(
            queries["migration_record"],
            version=migration.version,
            name=migration.name,
            checksum=migration.checksum,
            database_=database,
        )
        newly.append(migration)
    return newly
