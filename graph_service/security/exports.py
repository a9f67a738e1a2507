"""Exports from the command line are audited like API reads, attributed to the OS user.

The CLI reads the graph with the database's own credentials, so it has no token; its
event names the operating-system account and the role `local_operator`. Nothing is
written out unless the event is stored first.
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Iterable
from typing import Any

from graph_service.config import Settings
from graph_service.model.evidence import Fact, people_in
from graph_service.security.audit import AuditEvent
from graph_service.security.audit_store import AuditStore
from graph_service.security.disclosure import is_person_id
from graph_service.store.graph import async_driver, run_to_completion
from graph_service.store.queries import QueryLibrary

__all__ = ["LOCAL_OPERATOR", "audit_export", "local_user", "person_ids_in"]

LOCAL_OPERATOR = "local_operator"


def person_ids_in(value: Any) -> list[str]:
    """Every person id anywhere in rows of plain data (dicts, lists, strings) and in the
    typed facts of their evidence."""
    found: dict[str, None] = {}

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            for inner in item.values():
                walk(inner)
        elif isinstance(item, list | tuple | set):
            for inner in item:
                walk(inner)
        elif isinstance(item, Fact):
            walk(list(people_in([item])))
        elif is_person_id(item):
            found[str(item)] = None

    walk(value)
    return list(found)


def local_user() -> str:
    """Who runs the command line, as the audit trail and API keys record them."""
    return f"os:{getpass.getuser()}"


def audit_export(settings: Settings, operation: str, person_ids: Iterable[str]) -> None:
    event = AuditEvent(
        user=local_user(),
        role=LOCAL_OPERATOR,
        agency=None,
        operation=f"export {operation}",
        action="read",
        outcome="allowed",
        person_ids=list(dict.fromkeys(person_ids)),
        request_id=uuid.uuid4().hex,
    )

    async def store() -> None:
        async with async_driver(settings) as driver:
            audit = AuditStore(driver, QueryLibrary(settings.queries_dir), settings.neo4j_database)
            await audit.append([event.properties()])

    run_to_completion(store)
