"""Neo4j out of reach, made explicit: what counts as an outage, and the error that says so."""

from __future__ import annotations

import neo4j.exceptions

__all__ = ["OUTAGES", "DatabaseUnavailableError", "IndexUnavailableError"]

# Failures that say nothing about the request, only that Neo4j cannot be reached now.
OUTAGES = (
    neo4j.exceptions.ServiceUnavailable,
    neo4j.exceptions.SessionExpired,
    OSError,
)


class DatabaseUnavailableError(RuntimeError):
    """Neo4j cannot be reached right now; the request may be retried later."""

    def __init__(
        self,
        message: str = "the case-network database is unavailable; retry shortly",
        code: str = "DATABASE_UNAVAILABLE",
    ) -> None:
        super().__init__(message)
        self.extensions = {"code": code}


class IndexUnavailableError(DatabaseUnavailableError):
    """An index a read needs is not there (it is rebuilt after every bulk load): retry."""

    def __init__(self, index: str) -> None:
        super().__init__(f"the {index} index is being built; retry shortly", "INDEX_UNAVAILABLE")
        self.extensions["index"] = index
