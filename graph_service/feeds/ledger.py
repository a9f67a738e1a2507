"""What an import remembers about rows it has read: each record id's first line in its
file (a record sent twice in one file is an error), and the records a dry run would have
created (later files may name them). Held in memory up to a bound, then in a private
temporary SQLite database, so the importer's memory does not grow with its files. Safe to
use from more than one thread (the importer reads ahead in a worker thread)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar

__all__ = ["IN_MEMORY", "RecordLedger"]

IN_MEMORY = 200_000  # entries kept in memory (about 30 MiB) before the rest go to disk
_P = ParamSpec("_P")
_T = TypeVar("_T")


def _locked(
    method: Callable[Concatenate[RecordLedger, _P], _T],
) -> Callable[Concatenate[RecordLedger, _P], _T]:
    def under_lock(self: RecordLedger, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        with self._lock:
            return method(self, *args, **kwargs)

    under_lock.__doc__ = method.__doc__
    return under_lock


class RecordLedger:
    def __init__(self, in_memory: int = IN_MEMORY) -> None:
        self._room = in_memory
        self._seen: dict[tuple[str, str], int] = {}
        self._created: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def _disk(self) -> sqlite3.Connection:
        if self._db is None:
            # "" names a temporary database on disk, removed when it is closed.
            self._db = sqlite3.connect("", check_same_thread=False)  # under the lock
            self._db.executescript(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                "CREATE TABLE seen (file TEXT, record TEXT, line INTEGER,"
                " PRIMARY KEY (file, record)) WITHOUT ROWID;"
                "CREATE TABLE created (key TEXT PRIMARY KEY) WITHOUT ROWID;"
                # The ids a lookup asks about: joined, so no statement is ever built.
                "CREATE TEMP TABLE asked (id TEXT PRIMARY KEY) WITHOUT ROWID;"
            )
        return self._db

    def _full(self) -> bool:
        return len(self._seen) + len(self._created) >= self._room

    @_locked
    def first_lines(self, file: str, rows: Sequence[tuple[str, int]]) -> dict[str, int]:
        """Record these (record id, line) pairs of a file; return, for each id the file
        had already given, the line it was first given on."""
        found = {r: self._seen[(file, r)] for r, _ in rows if (file, r) in self._seen}
        if self._db is not None:
            found |= self._on_disk(file, [r for r, _ in rows if r not in found])
        new = [(record, line) for record, line in rows if record not in found]
        if not self._full():
            self._seen.update(((file, record), line) for record, line in new)
        else:
            self._disk().executemany(
                "INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", ((file, r, n) for r, n in new)
            )
        return found

    def _on_disk(self, file: str, ids: list[str]) -> dict[str, int]:
        rows = self._asked(
            "SELECT record, line FROM seen JOIN asked ON record = id WHERE file = ?",
            ids,
            (file,),
        )
        return dict(rows)

    def _asked(self, query: str, ids: Sequence[str], params: tuple[str, ...] = ()) -> list[Any]:
        db = self._disk()
        db.execute("DELETE FROM asked")
        db.executemany("INSERT OR IGNORE INTO asked VALUES (?)", ((i,) for i in ids))
        return db.execute(query, params).fetchall()

    @_locked
    def add_created(self, keys: Iterable[str]) -> None:
        if not self._full():
            self._created.update(keys)
        else:
            rows = ((key,) for key in keys)
            self._disk().executemany("INSERT OR IGNORE INTO created VALUES (?)", rows)

    @_locked
    def created(self, keys: Sequence[str]) -> set[str]:
        """Which of these records a dry run would have created."""
        found = {key for key in keys if key in self._created}
        rest = [key for key in keys if key not in found]
        if self._db is None or not rest:
            return found
        rows = self._asked("SELECT key FROM created JOIN asked ON key = id", rest)
        return found | {key for (key,) in rows}

    @_locked
    def close(self) -> None:
        if self._db is not None:
            self._db.close()
