"""Whole-borough results kept until the case data changes, computed once however many ask.

An analysis reads the whole borough and takes seconds; paging through its results, or
several practitioners opening the same list, asked for it again each time. A result is
kept under the graph's data version (`graph_version`), which every write of case data
moves in the same transaction (`GraphGateway.write`, the bulk loader), so a kept result is
never older than the data it was computed from. The version is read before the data:
a write landing in between leaves the result under the older version, to be recomputed.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from graph_service.store.gateway import GraphGateway

__all__ = ["AnalysisCache", "kept"]

T = TypeVar("T")


class AnalysisCache:
    """At most `max_entries` results, each for one key at one data version."""

    def __init__(self, max_entries: int = 16) -> None:
        self.max_entries = max_entries
        self.computed = 0
        self._entries: OrderedDict[Hashable, tuple[str, asyncio.Future[Any]]] = OrderedDict()

    async def get(
        self, key: Hashable, version: str | None, compute: Callable[[], Awaitable[T]]
    ) -> T:
        """The result for `key` at `version`, computing it only if none is kept or under way.

        With no version (an emptied graph nothing has written to) nothing is kept. A computation
        that fails is not kept, and every request waiting for it gets its error."""
        if version is None:
            self.computed += 1
            return await compute()
        entry = self._entries.get(key)
        if entry is None or entry[0] != version:
            work = asyncio.ensure_future(self._run(key, version, compute))
            work.add_done_callback(_retrieve)
            entry = (version, work)
            self._entries[key] = entry
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        self._entries.move_to_end(key)
        # Shielded: a client that goes away must not cancel the work others wait for.
        result: T = await asyncio.shield(entry[1])
        return result

    async def _run(self, key: Hashable, version: str, compute: Callable[[], Awaitable[T]]) -> T:
        self.computed += 1
        try:
            return await compute()
        except BaseException:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == version:
                del self._entries[key]
            raise


def _retrieve(work: asyncio.Future[Any]) -> None:
    # Its error reaches whoever waits; with nobody left waiting, asyncio would log it.
    if not work.cancelled():
        work.exception()


async def kept(
    cache: AnalysisCache | None,
    gateway: GraphGateway,
    key: Hashable,
    compute: Callable[[], Awaitable[T]],
) -> T:
    """`cache.get` at the graph's data version now, read before `compute` reads anything;
    without a cache (a one-off run: the command line), simply `compute`."""
    if cache is None:
        return await compute()
    rows = await gateway.read("graph_version")
    return await cache.get(key, rows[0]["version"] if rows else None, compute)
