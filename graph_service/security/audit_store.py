"""Where audit events live: Neo4j, appended under the chain head's lock, never changed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import neo4j

from graph_service.security.audit import chain_hash, verify_chain
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import native

__all__ = ["AuditStore"]

VERIFY_PAGE = 5000


class AuditStore:
    """Appends hashed events in one transaction; reads pages of the trail."""

    def __init__(self, driver: neo4j.AsyncDriver, queries: QueryLibrary, database: str) -> None:
        self._driver = driver
        self._queries = queries
        self._database = database

    async def append(self, events: list[dict[str, Any]]) -> None:
        async with self._driver.session(database=self._database) as session:
            await session.execute_write(self._append, events)

    async def _append(
        self, tx: neo4j.AsyncManagedTransaction, events: list[dict[str, Any]]
    ) -> None:
        head = await (await tx.run(self._queries["audit_head_lock"])).single(strict=True)
        sequence, previous = int(head["sequence"]), str(head["hash"])
        chained = []
        for event in events:
            sequence += 1
            stored = {k: v for k, v in event.items() if v is not None}
            stored |= {"sequence": sequence, "previous_hash": previous}
            previous = stored["hash"] = chain_hash(previous, stored)
            chained.append(stored)
        await (await tx.run(self._queries["audit_append"], events=chained, sequence=sequence,
                            hash=previous)).consume()  # fmt: skip

    async def trail(
        self, *, subject: str | None, user: str | None, start: datetime | None,
        end: datetime | None, alerts_only: bool, offset: int, limit: int,
    ) -> list[dict[str, Any]]:  # fmt: skip
        records, _, _ = await self._driver.execute_query(
            self._queries["audit_trail"],
            {"subject": f"|{subject}|" if subject else None, "user": user, "from": start,
             "to": end, "alertsOnly": alerts_only, "offset": offset, "limit": limit},
            routing_=neo4j.RoutingControl.READ, database_=self._database,
        )  # fmt: skip
        return [native(record["event"]) for record in records]

    async def _head_problems(self, sequence: int, last_hash: str) -> list[str]:
        records, _, _ = await self._driver.execute_query(
            self._queries["audit_head"], routing_=neo4j.RoutingControl.READ,
            database_=self._database)  # fmt: skip
        head = records[0] if records else {"sequence": 0, "hash": ""}
        if head["sequence"] != sequence or head["hash"] != last_hash:
            return [f"events after sequence {sequence} are missing (the chain's head is at "
                    f"{head['sequence']})"]  # fmt: skip
        return []

    async def verify(self) -> tuple[int, list[str]]:
        """How many events were checked, and every break found in the chain."""
        checked, previous, after = 0, "", 0
        problems: list[str] = []
        while True:
            records, _, _ = await self._driver.execute_query(
                self._queries["audit_chain"], {"after": after, "limit": VERIFY_PAGE},
                routing_=neo4j.RoutingControl.READ, database_=self._database,
            )  # fmt: skip
            events = [native(record["event"]) for record in records]
            if not events:
                return checked, problems + await self._head_problems(after, previous)
            if events[0]["sequence"] != after + 1:
                problems.append(f"sequence {after + 1} is missing")
            problems += verify_chain(events, previous)
            checked += len(events)
            previous, after = str(events[-1]["hash"]), int(events[-1]["sequence"])
