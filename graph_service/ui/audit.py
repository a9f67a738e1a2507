"""The audit trail for auditors: who saw or changed whose records, by person, user and
time, and the break-glass alerts to review. Read only."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from starlette.responses import Response

from graph_service.model.errors import InvalidRequest
from graph_service.services.audit_trail import TrailFilter, audit_trail
from graph_service.ui.access import Page, page

__all__ = ["PAGE_SIZE", "audit_page"]

PAGE_SIZE = 50


def _day(name: str, value: str, end: bool = False) -> datetime | None:
    """A day from the form, as the start (or the end) of that day in UTC."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidRequest(name, f"{value!r} is not a date: write it like 2026-03-27") from None
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start + timedelta(days=1) if end else start


@page("auditPage")
async def audit_page(current: Page) -> Response:
    params = current.request.query_params
    values = {k: params.get(k, "").strip() for k in ("person", "user", "from", "to", "alerts")}
    asked = TrailFilter(
        values["person"] or None,
        values["user"] or None,
        _day("from", values["from"]),
        _day("to", values["to"], end=True),
        values["alerts"] == "yes",
    )
    events = []
    if any(values.values()):
        state = current.request.app.state
        events = await audit_trail(state.audit, state.audit_store, asked, 0, PAGE_SIZE)
    await current.audited("page audit trail")
    return await current.render(
        "audit.html",
        title="Audit trail",
        values=values,
        events=events,
        searched=any(values.values()),
    )
