"""Wiring need to know into a request: its principal, its Disclosure, its one audit event."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from graph_service.security.audit import AuditEvent, AuditLog, AuditUnavailableError
from graph_service.security.disclosure import NO_ONE, Disclosure, ScopeLookup
from graph_service.security.middleware import principal_of
from graph_service.security.tokens import Principal
from graph_service.store.gateway import GraphGateway

__all__ = [
    "BREAK_GLASS_HEADER",
    "PURPOSE_HEADER",
    "disclosure_for",
    "record_attempt",
    "record_audit",
]

BREAK_GLASS_HEADER = "x-break-glass-reason"
PURPOSE_HEADER = "x-purpose"
SCOPE_LIMIT = 2000


def disclosure_for(
    connection: HTTPConnection, gateway: GraphGateway, break_glass_reason: str | None = None
) -> Disclosure:
    """The request's Disclosure; a map page may state its reason as a query parameter, a
    page's form as `break_glass_reason`."""
    principal = principal_of(connection.scope) or NO_ONE
    reason = (
        break_glass_reason
        or connection.headers.get(BREAK_GLASS_HEADER)
        or connection.query_params.get("breakGlassReason")
    )
    return Disclosure(
        principal,
        break_glass_reason=reason,
        purpose=connection.headers.get(PURPOSE_HEADER),
        scope=_scope_lookup(gateway),
    )


def _scope_lookup(gateway: GraphGateway) -> ScopeLookup:
    async def in_scope(agency_id: str, ids: list[str]) -> set[str]:
        rows = await gateway.read("agency_scope", agencyId=agency_id, ids=ids, limit=SCOPE_LIMIT)
        return set(rows[0]["ids"]) if rows else set()

    return in_scope


async def record_audit(
    audit: AuditLog, disclosure: Disclosure, *, operation: str, action: str, request_id: str
) -> None:
    """Store the request's one audit event, or fail the request: nothing unaudited leaves."""
    if not disclosure.audited:
        return
    outcome = "denied" if disclosure.denied else "withheld" if disclosure.withheld else "allowed"
    await _record(
        audit, disclosure, operation, action, outcome, list(disclosure.people), request_id
    )


async def record_attempt(
    audit: AuditLog,
    disclosure: Disclosure,
    *,
    operation: str,
    person_ids: list[str],
    request_id: str,
) -> None:
    """Store a write's event before it runs (outcome "attempted"), or refuse the write: a
    write that commits and then loses its own event (the process dies, the journal fails)
    is still attributed to who attempted it, on whom."""
    await _record(audit, disclosure, operation, "write", "attempted", person_ids, request_id)


async def _record(
    audit: AuditLog,
    disclosure: Disclosure,
    operation: str,
    action: str,
    outcome: str,
    person_ids: list[str],
    request_id: str,
) -> None:
    principal: Principal = disclosure.principal
    event = AuditEvent(
        user=principal.user,
        role=principal.role.value,
        agency=principal.agency_id,
        operation=operation,
        action=action,
        outcome=outcome,
        person_ids=person_ids,
        request_id=request_id,
        purpose=disclosure.purpose,
        break_glass_reason=disclosure.break_glass_reason if not disclosure.denied else None,
        withheld=disclosure.withheld,
    )
    try:
        await audit.record(event)
    except Exception as error:  # any failure to store: nothing is shown
        raise AuditUnavailableError from error
