"""A local write-ahead journal for the audit trail, shipped to Neo4j in the background.

A request's event is durable (written and fsynced to this process's journal file) before
its response leaves, which costs well under a millisecond; the events then reach Neo4j in
large batches, off the request's path. A process that dies leaves its journal behind,
locked by no one: the next process on the host to start ships what it holds (events its
writer's head has already passed are skipped) and removes it. If the journal cannot be
written, or too many events wait to be shipped, requests are refused rather than served
unaudited.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from graph_service.security.audit import AuditChain

__all__ = ["AuditBacklogError", "AuditJournal", "journalled_events", "read_journal"]

log = logging.getLogger("graph_service.audit")
Store = Callable[[str, list[dict[str, Any]]], Awaitable[int]]
SUFFIX = ".audit.jsonl"
SHIP_BATCH = 500
MAX_RETRY_SECONDS = 30.0


class AuditBacklogError(RuntimeError):
    """Too many events are waiting to reach the audit store: reads stop until they do."""


class AuditJournal:
    """This process's journal file: `append` makes events durable, shipping stores them.

    Args:
        directory: where journals live (one file per process, readable by the owner only).
        chain: this process's chain; events are linked onto it before they are written.
        store: stores chained events for a writer, skipping those already stored.
        interval: seconds between shipments; a shipment takes everything waiting.
        max_backlog: events waiting to be shipped beyond which appends are refused.
    """

    def __init__(
        self,
        directory: Path,
        chain: AuditChain,
        store: Store,
        *,
        interval: float = 0.5,
        max_backlog: int = 50_000,
    ) -> None:
        self.directory = directory
        self.chain = chain
        self._store = store
        self._interval = interval
        self._max_backlog = max_backlog
        self.path = directory / f"{_file_name(chain.writer)}{SUFFIX}"
        self._fd: int | None = None
        self._unshipped: list[dict[str, Any]] = []
        self._write_lock = asyncio.Lock()
        self._ship_lock = asyncio.Lock()
        self._shipper: asyncio.Task[None] | None = None
        self._orphans_left = True

    async def append(self, events: list[dict[str, Any]]) -> None:
        """Chain the events and make them durable; they are shipped later."""
        if len(self._unshipped) >= self._max_backlog:
            raise AuditBacklogError(f"{len(self._unshipped)} audit events await the audit store")
        async with self._write_lock:
            chained = self.chain.link(events)
            lines = b"".join(orjson.dumps(event) + b"\n" for event in chained)
            await asyncio.to_thread(self._write, lines)
            self.chain.advance(chained)
            self._unshipped.extend(chained)
        if self._shipper is None or self._shipper.done():
            self._shipper = asyncio.create_task(self._ship_forever())

    async def flush(self) -> None:
        """Ship everything appended so far now (an auditor's read, a clean shutdown)."""
        async with self._ship_lock:
            await self._ship_all()

    async def flush_orphans(self) -> None:
        """Ship journals that processes which died left behind (at start-up)."""
        self._orphans_left = not await ship_orphans(self.directory, self._store)

    async def close(self) -> None:
        """Ship what is left and let go of the journal; it stays behind if shipping fails."""
        if self._shipper is not None:
            self._shipper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._shipper
        try:
            await self.flush()
        finally:
            if self._fd is not None:
                if not self._unshipped:
                    self.path.unlink(missing_ok=True)
                os.close(self._fd)  # releases the lock
                self._fd = None

    def _write(self, lines: bytes) -> None:
        if self._fd is None:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Locked before it has its journal name, so no other process ever takes it
            # for an orphan; the lock holds while this process lives.
            new = self.path.with_name(f".{self.path.name}.new")
            fd = os.open(new, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_TRUNC, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            new.replace(self.path)
            self._fd = fd
        end = os.lseek(self._fd, 0, os.SEEK_END)
        try:
            os.write(self._fd, lines)
            os.fsync(self._fd)
        except OSError:
            # Unacknowledged events must not stay behind: their sequence numbers are reused.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, end)
            raise

    async def _ship_forever(self) -> None:
        failures = 0
        while self._unshipped or self._orphans_left:
            await asyncio.sleep(min(self._interval * 2**failures, MAX_RETRY_SECONDS))
            try:
                async with self._ship_lock:
                    await self._ship_all()
                if self._orphans_left:
                    self._orphans_left = not await ship_orphans(self.directory, self._store)
                failures = 0
            except Exception as error:  # Neo4j away: the journal holds the events
                failures += 1
                log.warning("%d audit event(s) not yet shipped: %s", len(self._unshipped), error)

    async def _ship_all(self) -> None:
        if not self._unshipped:
            return  # nothing new since the file was last emptied
        while self._unshipped:
            batch = self._unshipped[:SHIP_BATCH]
            await self._store(self.chain.writer, batch)
            del self._unshipped[: len(batch)]
        async with self._write_lock:  # nothing is being written: the file may be emptied
            if not self._unshipped and self._fd is not None:
                await asyncio.to_thread(os.ftruncate, self._fd, 0)


async def ship_orphans(directory: Path, store: Store) -> bool:
    """Ship and remove the journals of processes that died; False if any are left."""
    done = True
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        with _locked(path) as owned:
            if not owned:
                continue  # its process is alive and will ship it
            try:
                await _ship_file(path, store)
            except Exception:
                log.warning("journal %s not yet shipped", path.name, exc_info=True)
                done = False
            else:
                path.unlink(missing_ok=True)
    return done


async def _ship_file(path: Path, store: Store) -> None:
    events = read_journal(path)
    for start in range(0, len(events), SHIP_BATCH):
        batch = events[start : start + SHIP_BATCH]
        appended = await store(str(batch[0]["writer"]), batch)
        log.info("shipped %d audit event(s) left in %s", appended, path.name)


def journalled_events(directory: Path) -> int:
    """How many events the journals in a directory hold (shipped ones are emptied out)."""
    return sum(len(read_journal(path)) for path in directory.glob(f"*{SUFFIX}"))


def read_journal(path: Path) -> list[dict[str, Any]]:
    """The events a journal holds, as they were chained (a torn last line is dropped)."""
    events = []
    for line in path.read_bytes().splitlines():
        try:
            event = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue  # the process died mid-write; that event's request never got an answer
        event["at"] = datetime.fromisoformat(event["at"])
        events.append(event)
    return events


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[bool]:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        yield False
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)


def _file_name(writer: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in writer)
