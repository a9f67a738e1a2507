"""The append-only audit trail: one event per request that touched person data.

Events are written before the response leaves (a request whose event cannot be stored
fails), in group commits: requests arriving while one batch is being written share the
next one. Each event carries the hash of the one before it, so any change to, or removal
of, a stored event breaks the chain, and `graph-service audit verify` finds where.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from graph_service.security.ids import random_hex

__all__ = [
    "AuditChain",
    "AuditEvent",
    "AuditLog",
    "AuditUnavailableError",
    "chain_hash",
    "iso_text",
    "verify_chain",
]

log = logging.getLogger("graph_service.audit")
Append = Callable[[list[dict[str, Any]]], Awaitable[None]]
Flush = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class AuditEvent:
    user: str
    role: str
    agency: str | None
    operation: str
    action: str  # read | write
    outcome: str  # allowed | withheld | denied | failed
    person_ids: list[str]
    request_id: str
    purpose: str | None = None
    break_glass_reason: str | None = None
    withheld: int = 0
    id: str = field(default_factory=lambda: f"AE-{random_hex()}")
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def alert(self) -> bool:
        """Break-glass access is reviewed: the event is also an alert."""
        return self.break_glass_reason is not None

    def properties(self) -> dict[str, Any]:
        # Not dataclasses.asdict: its deep copy was a visible share of every request.
        props = {name: getattr(self, name) for name in _EVENT_FIELDS}
        props["person_ids"] = list(self.person_ids)
        # Space-separated for the full-text index (whitespace analyzer): one term per person.
        props["subjects"] = " ".join(self.person_ids)
        props["alert"] = self.alert
        return props


_EVENT_FIELDS = tuple(f.name for f in fields(AuditEvent))


def chain_hash(previous: str, props: dict[str, Any]) -> str:
    """The hash of an event's stored properties (not its own hash) after the previous one."""
    content = {k: v for k, v in props.items() if k not in ("hash", "previous_hash")}
    canonical = json.dumps(content, sort_keys=True, default=iso_text, separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


class AuditChain:
    """Where one writer's chain ends: links new events onto it, moving on only when told."""

    def __init__(self, writer: str, sequence: int = 0, last_hash: str = "") -> None:
        self.writer = writer
        self.sequence, self.hash = sequence, last_hash

    def link(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The events numbered and hashed after the chain's end (which does not move yet)."""
        sequence, previous, chained = self.sequence, self.hash, []
        for event in events:
            sequence += 1
            stored = {k: v for k, v in event.items() if v is not None}
            stored |= {"writer": self.writer, "sequence": sequence, "previous_hash": previous}
            previous = stored["hash"] = chain_hash(previous, stored)
            chained.append(stored)
        return chained

    def advance(self, chained: list[dict[str, Any]]) -> None:
        """The chain now ends after these events (once they are durable)."""
        if chained:
            self.sequence, self.hash = chained[-1]["sequence"], chained[-1]["hash"]


def verify_chain(events: list[dict[str, Any]], previous: str = "") -> list[str]:
    """Problems found in events read in sequence order (empty: the chain is intact)."""
    problems = []
    expected_sequence = None
    for event in events:
        sequence = event.get("sequence")
        if expected_sequence is not None and sequence != expected_sequence:
            problems.append(f"sequence {expected_sequence} is missing (next is {sequence})")
        if event.get("previous_hash") != previous:
            problems.append(f"event {sequence} does not follow the event before it")
        if chain_hash(previous, event) != event.get("hash"):
            problems.append(f"event {sequence} has been altered")
        previous = str(event.get("hash"))
        expected_sequence = (sequence or 0) + 1
    return problems


def iso_text(value: Any) -> str:
    """How an instant is hashed, journalled and shipped: ISO 8601 text."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class AuditLog:
    """Group-committing writer: `record` returns once the event is durable.

    Args:
        append: makes a batch of events durable (the store, or the local journal).
        flush: brings everything recorded so far into the store, where the trail is read.
    """

    def __init__(self, append: Append, flush: Flush | None = None) -> None:
        self._append = append
        self._flush = flush
        self._pending: list[tuple[AuditEvent, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, event: AuditEvent) -> None:
        stored: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((event, stored))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_batches())
        if event.alert:
            log.warning(
                "break-glass access by %s (%s): %s; people %s",
                event.user,
                event.role,
                event.break_glass_reason,
                ", ".join(event.person_ids[:20]),
            )
        await stored

    async def flush(self) -> None:
        if self._flush is not None:
            await self._flush()

    async def _write_batches(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                await self._append([event.properties() for event, _ in batch])
            except Exception as error:  # every waiting request must hear of it
                for _, stored in batch:
                    if not stored.done():
                        stored.set_exception(error)
            else:
                for _, stored in batch:
                    if not stored.done():
                        stored.set_result(None)


class AuditUnavailableError(RuntimeError):
    """The audit event could not be stored, so nothing read is shown.

    Args:
        write_applied: a write committed before its closing event failed; the caller must
            know not to send it again (unless with its idempotency key).
    """

    def __init__(self, write_applied: bool = False) -> None:
        if write_applied:
            super().__init__(
                "the write was applied, but its audit event could not be stored, "
                "so its result is not shown; do not send it again (with its "
                "idempotency key a retry is safe)"
            )
        else:
            super().__init__(
                "the audit trail could not be written; nothing is shown. Retry shortly"
            )
        self.extensions: dict[str, object] = {"code": "AUDIT_UNAVAILABLE"}
        if write_applied:
            self.extensions["writeApplied"] = True
