"""The API's one door to Neo4j: named queries only, counted, with outages made explicit."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import neo4j
import neo4j.exceptions

from graph_service.store.outages import OUTAGES as _OUTAGES
from graph_service.store.outages import DatabaseUnavailableError, IndexUnavailableError
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import Row, native

__all__ = [
    "DatabaseUnavailableError",
    "GraphGateway",
    "IndexUnavailableError",
    "Row",
    "native",
    "now",
    "today",
]

T = TypeVar("T")

_MISSING_INDEX = "There is no such fulltext schema index: "


class GraphGateway:
    """Runs named queries for one request and counts them (a guard against N+1)."""

    def __init__(self, driver: neo4j.AsyncDriver, queries: QueryLibrary, database: str) -> None:
        self.driver = driver
        self.queries = queries
        self.database = database
        self.query_count = 0
        self.writes_committed = 0

    async def read(self, name: str, **params: Any) -> list[Row]:
        """The rows of one named read, as plain Python.

        An auto-commit read: one round trip (RUN and PULL), where a managed transaction
        takes two and twice the work on both sides. Reads are not retried; a client may."""
        return await self._read(name, params, in_turns=False)

    async def read_in_turns(self, name: str, **params: Any) -> list[Row]:
        """`read`, for the few reads of a whole borough: after each record other requests
        get their turn, where one read would hold up the event loop for a second or more."""
        return await self._read(name, params, in_turns=True)

    async def _read(self, name: str, params: dict[str, Any], in_turns: bool) -> list[Row]:
        self.query_count += 1
        try:
            async with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                return await _rows(await session.run(self.queries[name], params), in_turns)
        except _OUTAGES as error:
            raise DatabaseUnavailableError from error
        except neo4j.exceptions.ClientError as error:
            message = error.message or ""
            if _MISSING_INDEX in message:
                raise IndexUnavailableError(message.rpartition(_MISSING_INDEX)[2]) from error
            raise

    async def write(
        self, work: Callable[[WriteTransaction], Awaitable[T]], *, versioned: bool = True
    ) -> T:
        """Run `work` in one write transaction: all of it is stored, or none.

        The same transaction moves the case data's version (see `analysis_cache`), unless
        it writes no case data (`versioned=False`: a record of work done, say)."""
        self.query_count += 1

        async def unit(tx: neo4j.AsyncManagedTransaction) -> T:
            writing = WriteTransaction(tx, self.queries)
            done = await work(writing)
            await writing.run_deferred()
            if versioned:
                await (await tx.run(self.queries["graph_version_bump"])).consume()
            return done

        try:
            async with self.driver.session(database=self.database) as session:
                done = await session.execute_write(unit)
            self.writes_committed += 1
            return done
        except _OUTAGES as error:
            raise DatabaseUnavailableError from error


class WriteTransaction:
    """A managed transaction that only speaks named queries."""

    def __init__(self, tx: neo4j.AsyncManagedTransaction, queries: QueryLibrary) -> None:
        self._tx = tx
        self._queries = queries
        self._deferred: dict[str, tuple[str, dict[str, Any]]] = {}

    async def run(self, name: str, **params: Any) -> list[Row]:
        return await _rows(await self._tx.run(self._queries[name], params))

    def defer(self, name: str, **params: Any) -> None:
        """Run a named query once the work is done, still in this transaction (once for
        the same query and parameters, however often deferred)."""
        key = f"{name}\x00{sorted(params.items())!r}"
        self._deferred[key] = (name, params)

    async def run_deferred(self) -> None:
        while self._deferred:
            _, (name, params) = self._deferred.popitem()
            await self.run(name, **params)


async def _rows(result: neo4j.AsyncResult, in_turns: bool = False) -> list[Row]:
    """Every record as a plain dict, converted in one pass; `in_turns`, yielding to other
    tasks after each record."""
    keys = result.keys()
    if not in_turns:
        return [dict(zip(keys, map(native, r.values()), strict=True)) async for r in result]
    rows = []
    async for record in result:
        rows.append(dict(zip(keys, map(native, record.values()), strict=True)))
        await asyncio.sleep(0)
    return rows


def today() -> date:
    return date.today()


def now() -> datetime:
    """This moment, as an aware time."""
    return datetime.now(UTC)
