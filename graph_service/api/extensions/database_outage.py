"""A request that failed because Neo4j (or the audit trail in it) is unreachable: 503."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from graph_service.api.errors import AuditUnavailableError
from graph_service.store.gateway import DatabaseUnavailableError

__all__ = ["DatabaseOutageStatus"]


class DatabaseOutageStatus(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None) or []
        if any(
            isinstance(e.original_error, DatabaseUnavailableError | AuditUnavailableError)
            for e in errors
        ):
            response = getattr(self.execution_context.context, "response", None)
            if response is not None:
                response.status_code = 503
                response.headers["Retry-After"] = "5"
