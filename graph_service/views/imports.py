"""Import runs as administrators see them: who sent which file when, and what it did. A
rejected row is named by line, record id and column; its reason (which may quote what the
row said about someone) stays with the sending agency's report."""

from __future__ import annotations

from datetime import datetime

import strawberry

__all__ = ["ImportCounts", "ImportRun", "RejectedRow"]


@strawberry.type(description="What an import run did with its rows.")
class ImportCounts:
    read: int
    new: int
    changed: int
    unchanged: int
    rejected: int
    withdrawn: int = strawberry.field(description="Of the changed rows, those withdrawn.")


@strawberry.type(description="A row an import rejected: where it is, not what it said.")
class RejectedRow:
    line: int
    record_id: str | None
    field: str


@strawberry.type(description="One file an agency sent, imported (or checked) once.")
class ImportRun:
    id: strawberry.ID
    agency_id: strawberry.ID
    agency_name: str | None
    file: str
    kind: str = strawberry.field(description="The kind of record: people, concerns, …")
    sha256: str
    status: str = strawberry.field(
        description="committed, rejected (nothing written), unchanged or dry_run."
    )
    user: str = strawberry.field(description="Who sent it: a user, or an agency's system.")
    started_at: datetime
    seconds: float
    counts: ImportCounts
    rejected_rows: list[RejectedRow]
