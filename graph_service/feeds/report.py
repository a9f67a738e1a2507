"""What an import of one file did, row by row: counts that add up, and every rejected row
named by file, line, record id and field, in plain words. Written as CSV or JSON."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

__all__ = ["Outcome", "RowProblem", "RunCounts", "problems_csv", "problems_json"]

REPORT_COLUMNS = ("file", "line", "record_id", "field", "reason")


class Outcome(StrEnum):
    """What became of a row."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class RowProblem:
    file: str
    line: int
    record_id: str | None
    field: str
    reason: str


@dataclass
class RunCounts:
    """read = new + changed + unchanged + rejected; withdrawn counts the changed rows that
    withdrew a record."""

    read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    withdrawn: int = 0

    def add(self, outcome: Outcome, withdrawn: bool = False, times: int = 1) -> None:
        self.read += times
        setattr(self, outcome.value, getattr(self, outcome.value) + times)
        self.withdrawn += times if withdrawn and outcome is Outcome.CHANGED else 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def problems_csv(problems: Iterable[RowProblem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for problem in problems:
        writer.writerow([getattr(problem, column) or "" for column in REPORT_COLUMNS])
    return out.getvalue()


def problems_json(counts: RunCounts, problems: Iterable[RowProblem]) -> dict[str, Any]:
    return {"counts": counts.as_dict(), "problems": [asdict(p) for p in problems]}
