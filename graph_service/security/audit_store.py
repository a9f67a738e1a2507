"""Where audit events live: Neo4j, in one hash chain per service process, never changed."""

from __future__ import annotations

import os
import secrets
import socket
from datetime import datetime
from typing import Any

import neo4j

from graph_service.security.audit import AuditChain, iso_text, verify_chain
from graph_service.store.outages import OUTAGES, DatabaseUnavailableError
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import native

__all__ = ["AuditStore", "Checkpoint", "new_writer"]

VERIFY_PAGE = 5000
MAX_WRITERS = 100_000
# Where each writer's chain ended when a checkpoint was taken: writer -> (sequence, hash).
Checkpoint = dict[str, tuple[int, str]]


def new_writer() -> str:
    """A name for this process's chain, unique across hosts and restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(6)}"


class AuditStore:
    """Appends hashed events to this process's own chain; reads pages of the trail.

    Each process is a writer with a chain of its own, so appends never wait on another
    process's lock; only this process's single batch writer (AuditLog, or the journal
    shipping for it) extends it, so where the chain ends is known without reading it back.
    """

    def __init__(
        self,
        driver: neo4j.AsyncDriver,
        queries: QueryLibrary,
        database: str,
        writer: str | None = None,
    ) -> None:
        self._driver = driver
        self._queries = queries
        self._database = database
        self.chain = AuditChain(writer or new_writer())

    @property
    def writer(self) -> str:
        return self.chain.writer

    async def append(self, events: list[dict[str, Any]]) -> None:
        """Chain the events onto this process's chain and store them, in one transaction."""
        chained = self.chain.link(events)
        await self.store(self.writer, chained)
        self.chain.advance(chained)  # only once stored

    async def store(self, writer: str, chained: list[dict[str, Any]]) -> int:
        """Store already chained events; those the writer's head has passed are skipped, so
        a batch retried after a commit of unknown outcome is stored once. How many were new.
        """
        # The instant goes as ISO text for Cypher to parse: the driver converts a datetime
        # in Python, and that was most of the client's cost of shipping a batch.
        events = [{**event, "at": iso_text(event["at"])} for event in chained]
        records, _, _ = await self._driver.execute_query(
            self._queries["audit_append"],
            {"writer": writer, "events": events},
            database_=self._database,
        )
        return int(records[0]["appended"]) if records else 0

    async def trail(
        self,
        *,
        subject: str | None,
        user: str | None,
        start: datetime | None,
        end: datetime | None,
        alerts_only: bool,
        offset: int,
        limit: int,
    ) -> list[dict[str, Any]]:
        # Person ids are checked to be plain ids before they get here; quoted, the id is one
        # exact term for the index's whitespace analyzer.
        name, person = (
            ("audit_trail_by_person", f'"{subject}"')
            if subject
            else ("audit_trail_alerts", None)
            if alerts_only
            else ("audit_trail_by_user", None)
            if user is not None
            else ("audit_trail", None)
        )
        if subject:  # the people index is eventually consistent: let it catch up first
            await self._read("audit_index_refresh")
        records = await self._read(
            name,
            subject=person,
            user=user,
            start=start,
            end=end,
            alertsOnly=alerts_only,
            offset=offset,
            limit=limit,
        )
        return [native(record["event"]) for record in records]

    async def verify(self) -> tuple[int, list[str]]:
        """How many events were checked, and every break found in every writer's chain."""
        checked, problems = 0, []
        for head in await self._read("audit_head", limit=MAX_WRITERS):
            writer = str(head["writer"])
            if head["sequence"] == -1:
                problems.append(f"writer {writer}: its events have no head")
            count, found = await self._verify_writer(writer, head["sequence"], head["hash"])
            checked += count
            problems += [f"writer {writer}: {problem}" for problem in found]
        return checked, problems

    async def heads(self) -> Checkpoint:
        """Where each writer's chain ends now: a checkpoint to keep outside Neo4j."""
        records = await self._read("audit_head", limit=MAX_WRITERS)
        return {
            str(r["writer"]): (int(r["sequence"]), str(r["hash"]))
            for r in records
            if r["sequence"] > 0
        }

    async def departures(self, checkpoint: Checkpoint, heads: Checkpoint) -> Checkpoint:
        """The checkpointed chain ends that the store, whose `heads` are given, no longer
        holds: a chain deleted with its head, a head moved back, or a checkpointed event
        replaced. Only a checkpoint kept elsewhere shows these; the chains cannot."""
        departed: Checkpoint = {}
        for writer, (sequence, digest) in checkpoint.items():
            if heads.get(writer, (0, ""))[0] < sequence:
                departed[writer] = (sequence, digest)
                continue
            records = await self._read("audit_chain", writer=writer, after=sequence - 1, limit=1)
            if not records or native(records[0]["event"]).get("hash") != digest:
                departed[writer] = (sequence, digest)
        return departed

    async def _verify_writer(self, writer: str, last: int, last_hash: str) -> tuple[int, list[str]]:
        checked, previous, after = 0, "", 0
        problems: list[str] = []
        while True:
            records = await self._read("audit_chain", writer=writer, after=after, limit=VERIFY_PAGE)
            events = [native(record["event"]) for record in records]
            if not events:
                break
            if events[0]["sequence"] != after + 1:
                problems.append(f"sequence {after + 1} is missing")
            problems += verify_chain(events, previous)
            checked += len(events)
            previous, after = str(events[-1]["hash"]), int(events[-1]["sequence"])
        if last >= 0 and (after != last or previous != last_hash):
            problems.append(f"events after sequence {after} are missing (its head is at {last})")
        return checked, problems

    async def _read(self, name: str, **params: Any) -> list[neo4j.Record]:
        try:
            records, _, _ = await self._driver.execute_query(
                self._queries[name],
                params,
                routing_=neo4j.RoutingControl.READ,
                database_=self._database,
            )
        except OUTAGES as error:
            raise DatabaseUnavailableError from error
        return records
