"""Reading an agency's extract one row at a time: CSV with a header, or JSON Lines, in
UTF-8 (a byte order mark is tolerated). Files are streamed, never read whole."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO

__all__ = [
    "FeedFormat",
    "FeedLine",
    "FeedUnreadable",
    "feed_format",
    "header",
    "read_feed",
    "sha256_of",
]

_CHUNK = 1 << 20


class FeedFormat(StrEnum):
    CSV = "csv"
    JSON_LINES = "jsonl"


class FeedUnreadable(ValueError):
    """The file as a whole cannot be read: it says where and why."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FeedLine:
    """One row: the line it starts on, its values by column (None where blank or absent),
    or why the line is not a row at all."""

    number: int
    values: dict[str, str | None]
    problem: str | None = None


def feed_format(name: str) -> FeedFormat:
    """The format a file's name says: `.csv`, or `.jsonl` / `.ndjson`."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return FeedFormat.CSV
    if suffix in (".jsonl", ".ndjson"):
        return FeedFormat.JSON_LINES
    raise ValueError(f"{name}: a feed file is .csv or .jsonl (JSON Lines), not {suffix!r}")


def read_feed(path: Path, fmt: FeedFormat | None = None) -> Iterator[FeedLine]:
    """Every row of the file, in order."""
    fmt = fmt or feed_format(path.name)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        try:
            yield from _csv_rows(stream) if fmt is FeedFormat.CSV else _json_rows(stream)
        except UnicodeDecodeError:
            raise FeedUnreadable(_first_bad_line(path), "the line is not UTF-8") from None


def header(path: Path, fmt: FeedFormat | None = None) -> list[str]:
    """A CSV file's columns (JSON Lines has none: each row names its own)."""
    if (fmt or feed_format(path.name)) is not FeedFormat.CSV:
        return []
    with path.open(encoding="utf-8-sig", newline="") as stream:
        try:
            return [column.strip() for column in next(csv.reader(stream), [])]
        except UnicodeDecodeError:
            raise FeedUnreadable(1, "the file is not UTF-8") from None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip()
    return text or None


def _csv_rows(stream: IO[str]) -> Iterator[FeedLine]:
    reader = csv.reader(stream)
    columns = [column.strip() for column in next(reader, [])]
    if not columns or not any(columns):
        raise FeedUnreadable(1, "the file has no header row")
    if len(set(columns)) != len(columns):
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        raise FeedUnreadable(1, f"the header names {', '.join(repeated)} more than once")
    start = reader.line_num + 1
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            start = reader.line_num + 1
            continue  # a blank line is not a row
        if len(cells) != len(columns):
            problem = f"has {len(cells)} cells where the header has {len(columns)}"
            yield FeedLine(start, {}, problem)
        else:
            # Cells are text already: trimmed, and blank is "not given".
            values = {c: v.strip() or None for c, v in zip(columns, cells, strict=True)}
            yield FeedLine(start, values)
        start = reader.line_num + 1


def _json_rows(stream: IO[str]) -> Iterator[FeedLine]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield FeedLine(number, {}, f"is not JSON ({error.msg})")
            continue
        if not isinstance(value, dict):
            yield FeedLine(number, {}, "is not a JSON object")
            continue
        nested = [k for k, v in value.items() if isinstance(v, dict | list)]
        if nested:
            yield FeedLine(number, {}, f"{nested[0]} must be a single value, not a list or object")
            continue
        yield FeedLine(number, {str(k).strip(): _clean(v) for k, v in value.items()})


def _first_bad_line(path: Path) -> int:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
