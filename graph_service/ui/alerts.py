"""The alert inbox: Think Family alerts the reader may see, the escalated ones marked,
acknowledged in bulk with a note."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from graph_service.model.errors import DomainError, InvalidRequest, check_choice
from graph_service.model.think_family import AlertState
from graph_service.services import alerts
from graph_service.services.alerts import MAX_ACKNOWLEDGED, AlertFilter
from graph_service.services.people import people_by_id
from graph_service.store.gateway import now, today
from graph_service.ui.access import Page, page
from graph_service.ui.forms import form_fields, said
from graph_service.views.alerts import Alert

__all__ = ["INBOX_SIZE", "acknowledge", "inbox"]

INBOX_SIZE = 200


@page("alertInboxPage")
async def inbox(current: Page) -> Response:
    return await _inbox(current)


async def _inbox(current: Page, status: int = 200, **context: object) -> Response:
    state = current.request.query_params.get("state") or AlertState.OPEN.value
    check_choice("state", state, AlertState)
    settings = current.request.app.state.settings
    found = await alerts.alerts(
        current.gateway,
        AlertFilter(AlertState(state)),
        current.reader(),
        settings.alerts,
        settings.mash,
        now(),
        0,
        INBOX_SIZE,
    )
    shown: list[Alert] = await current.disclosure.vet(found)
    ids = {a.subject_id for a in shown} | {a.cause_person_id for a in shown if a.cause_person_id}
    people = await people_by_id(current.gateway, sorted(ids), today())
    named = await current.disclosure.vet([p for p in people if p is not None])
    await current.audited("page alerts")
    return await current.render(
        "alerts.html",
        status,
        title="Alerts",
        alerts=shown,
        people={str(p.id): p for p in named},
        state=state,
        states=list(AlertState),
        done=current.request.query_params.get("done"),
        **context,
    )


@page("alertInboxPage")
async def acknowledge(current: Page) -> Response:
    fields = await form_fields(current.request, MAX_ACKNOWLEDGED + 10)  # a page of ticks
    if not current.session.csrf_matches(fields.get("csrf")):
        return await current.expired()
    chosen = [name.removeprefix("alert-") for name in fields if name.startswith("alert-")]
    current.disclosure.authorise("acknowledgeAlerts")
    await current.attempted("acknowledgeAlerts", [])
    try:
        if not chosen:
            raise InvalidRequest("ids", "choose at least one alert to acknowledge")
        done = await alerts.acknowledge_alerts(
            current.gateway, current.writer(), chosen, fields.get("note") or None, now()
        )
    except DomainError as refused:
        return await _inbox(current, 400, errors={"ids": said(refused)})
    await current.audited(f"acknowledgeAlerts {len(done)}", "write")
    return RedirectResponse(f"/alerts?done={len(done)}", status_code=303)
