"""Running imports in tests: agencies to send as, files written to a directory, and the
graph's state as one hash (what a crash must leave either as before or as after)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import neo4j

from graph_service.security.audit import AuditLog
from graph_service.services.feeds import FeedFile, FileImport, ImportOptions, Sender, import_files
from graph_service.services.reader import Reader
from graph_service.services.writing import Writer
from graph_service.store.gateway import GraphGateway

__all__ = ["TODAY", "FeedRunner", "add_agencies", "feed_writer", "graph_hash"]

TODAY = date(2026, 12, 5)
# What differs between two imports of the same files: when, and by which run.
_VOLATILE = {"created_at", "run", "replaced_at", "started_at", "seconds", "line"}
_RUN_LABELS = {"ImportRun", "GraphVersion", "AuditEvent", "AuditHead", "SchemaMigration"}


def add_agencies(driver: neo4j.Driver) -> None:
    driver.execute_query(
        "UNWIND [['AG-SCHOOL', 'SCH', 'school'], ['AG-POLICE', 'POL', 'police']] AS a "
        "MERGE (n:Agency {id: a[0]}) SET n.code = a[1], n.kind = a[2], n.name = a[1]"
    )


def graph_hash(driver: neo4j.Driver) -> str:
    """Every node and relationship with its properties, less the volatile ones."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, "
        "a.id AS a, b.id AS b, labels(a) AS la"
    )
    kept = [
        json.dumps([sorted(n["labels"]), _stable(n["props"])], sort_keys=True, default=str)
        for n in nodes
        if not _RUN_LABELS & set(n["labels"])
    ]
    kept += [
        json.dumps([r["type"], r["a"], r["b"], _stable(r["props"])], sort_keys=True, default=str)
        for r in rels
        if not _RUN_LABELS & set(r["la"])
    ]
    return hashlib.sha256("\n".join(sorted(kept)).encode()).hexdigest()


def _stable(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in _VOLATILE}


def feed_writer(today: date, scope: str | None = None) -> Writer:
    return Writer("feed tester", "test\x00feeds", Reader(scope, True, today))


class FeedRunner:
    """Imports files as the CLI does (an unscoped writer), keeping the audit events."""

    def __init__(self, gateway: GraphGateway, directory: Path) -> None:
        self.gateway = gateway
        self.directory = directory
        self.events: list[dict[str, Any]] = []

    async def _append(self, events: list[dict[str, Any]]) -> None:
        self.events += events

    def write(self, name: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.directory / name
        path.write_text(text, encoding=encoding)
        return path

    async def run(
        self,
        files: Mapping[str, str],
        agency: str = "SCH",
        scope: str | None = None,
        **options: Any,
    ) -> list[FileImport]:
        paths = [FeedFile.at(self.write(name, text)) for name, text in files.items()]
        writer = feed_writer(TODAY, scope)
        sender = Sender("administrator", scope, AuditLog(self._append))
        return await import_files(
            self.gateway, writer, agency, paths, ImportOptions(**options), sender
        )
