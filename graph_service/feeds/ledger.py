"""What an import remembers about rows it has read: each record id's first line in its
file (a record sent twice in one file is an error), and the records a dry run would have
created (later files may name them). Kept in a private temporary SQLite database, so the
importer's memory does not grow with the size of its files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

__all__ = ["RecordLedger"]

_CHUNK = 500  # SQLite's variable limit, with room to spare


class RecordLedger:
    def __init__(self) -> None:
        # "" names a temporary database on disk, removed when it is closed.
        self._db = sqlite3.connect("")
        self._db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE seen (file TEXT, record TEXT, line INTEGER,"
            " PRIMARY KEY (file, record)) WITHOUT ROWID;"
            "CREATE TABLE created (key TEXT PRIMARY KEY) WITHOUT ROWID;"
        )

    def first_lines(self, file: str, rows: Sequence[tuple[str, int]]) -> dict[str, int]:
        """Record these (record id, line) pairs of a file; return, for each id the file
        had already given, the line it was first given on."""
        found: dict[str, int] = {}
        ids = [record for record, _ in rows]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(
                    f"SELECT record, line FROM seen WHERE file = ? AND record IN ({marks})",  # noqa: S608 (placeholders only)
                    [file, *chunk],
                )
            )
        self._db.executemany(
            "INSERT OR IGNORE INTO seen VALUES (?, ?, ?)",
            ((file, record, line) for record, line in rows if record not in found),
        )
        return found

    def add_created(self, keys: Iterable[str]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO created VALUES (?)", ((k,) for k in keys))

    def created(self, keys: Sequence[str]) -> set[str]:
        """Which of these records a dry run would have created."""
        found: set[str] = set()
        for start in range(0, len(keys), _CHUNK):
            chunk = list(keys[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key FROM created WHERE key IN ({marks})", chunk)  # noqa: S608
            found.update(key for (key,) in rows)
        return found

    def close(self) -> None:
        self._db.close()
