"""Named Cypher statements, loaded from the `queries/` directory.

Every statement the service runs lives in its own `.cypher` file and takes its
values as parameters; code refers to a statement only by its file name.
"""

from __future__ import annotations

from pathlib import Path
from typing import LiteralString

__all__ = ["QueryLibrary", "UnknownQueryError"]


class UnknownQueryError(KeyError):
    """Code asked for a statement that has no file."""


class QueryLibrary:
    """Read-only mapping from statement name (file stem) to Cypher text."""

    def __init__(self, directory: Path) -> None:
        if not directory.is_dir():
            raise FileNotFoundError(f"queries directory {directory} does not exist")
        self.directory = directory
        self._texts = {
            path.stem: path.read_text(encoding="utf-8").strip()
            for path in sorted(directory.glob("*.cypher"))
        }

    def __getitem__(self, name: str) -> LiteralString:
        try:
            # The text comes from our own files, never from input: it is a literal.
            return self._texts[name]  # type: ignore[return-value,unused-ignore]
        except KeyError:
            raise UnknownQueryError(f"no query named {name!r} in {self.directory}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._texts

    def names(self) -> list[str]:
        return sorted(self._texts)
