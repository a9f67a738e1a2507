"""The MASH front door in the practitioner UI: the queue by time left, recording a
contact, one contact's page (rate, ask agencies, record answers, decide), and the team
managers' dashboard."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from enum import Enum
from urllib.parse import quote

from starlette.responses import RedirectResponse, Response

from graph_service.model.errors import DomainError, InvalidRequest, check_choice
from graph_service.model.mash import MASH_PARTNERS, Rag, ReferrerKind, outcome_case_kind
from graph_service.model.taxonomy import Sex
from graph_service.model.working_hours import LONDON
from graph_service.services import contacts, dashboard
from graph_service.services.contacts import (
    CheckResponse,
    ContactFilter,
    Decision,
    NewContact,
    Rating,
)
from graph_service.services.directory import agencies
from graph_service.services.people import NewPerson, people_by_id
from graph_service.store.gateway import now, today
from graph_service.ui.access import Page, page
from graph_service.ui.forms import form_fields, said
from graph_service.views.mash import Contact
from graph_service.views.records import Agency, Person

__all__ = [
    "QUEUE_PAGE",
    "contact_page",
    "contact_step",
    "dashboard_page",
    "new_contact",
    "new_contact_form",
    "queue_page",
]

QUEUE_PAGE = 200
_STEPS = {
    "assign": "assignContact",
    "rate": "rateContact",
    "ask": "requestAgencyChecks",
    "answer": "recordCheckResponse",
    "decide": "decideContact",
}


async def _people(current: Page, ids: list[str]) -> dict[str, Person]:
    """The contacts' people as the reader may see them, by id (hazards with them)."""
    found = await people_by_id(current.gateway, sorted(set(ids)), today())
    shown = await current.disclosure.vet([p for p in found if p is not None])
    return {str(p.id): p for p in shown}


@page("mashQueuePage")
async def queue_page(current: Page) -> Response:
    settings = current.request.app.state.settings
    rag = current.request.query_params.get("rag") or None
    check_choice("rag", rag, Rag)
    mine = bool(current.request.query_params.get("mine"))
    handler = current.session.principal.user if mine else None
    asked = ContactFilter(rag=Rag(rag) if rag else None, handler=handler)
    found = await contacts.contacts(current.gateway, asked, settings.mash, now(), 0, QUEUE_PAGE)
    shown: list[Contact] = await current.disclosure.vet(found)
    people = await _people(current, [s for c in shown for s in c.subject_ids])
    await current.audited("page mash queue")
    return await current.render(
        "mash_queue.html", title="MASH queue", contacts=shown, people=people, rag=rag, mine=mine
    )


@page("mashQueuePage")
async def new_contact_form(current: Page) -> Response:
    person = current.request.query_params.get("person", "")
    return await _new_form(current, {"people": person})


async def _new_form(
    current: Page, posted: dict[str, str], status: int = 200, **context: object
) -> Response:
    found = await agencies(current.gateway, None, 0, 1000)
    return await current.render(
        "mash_new.html",
        status,
        title="Record a contact",
        posted=posted,
        agencies=found,
        referrers=list(ReferrerKind),
        **context,
    )


@page("mashQueuePage")
async def new_contact(current: Page) -> Response:
    fields = await form_fields(current.request)
    if not current.session.csrf_matches(fields.get("csrf")):
        return await current.expired()
    current.disclosure.authorise("receiveContact")
    people = [p.strip() for p in fields.get("people", "").replace(",", " ").split() if p.strip()]
    await current.attempted("receiveContact", people)
    try:
        new = NewContact(
            received_at=_received_at(fields),
            referrer_kind=ReferrerKind(_chosen("referrerKind", fields, ReferrerKind)),
            person_ids=tuple(people),
            summary=fields.get("summary", ""),
            concern_codes=tuple(fields.get("concernCodes", "").replace(",", " ").split()),
            referrer_agency_id=fields.get("referrerAgencyId") or None,
            referrer_name=fields.get("referrerName") or None,
            handler=current.session.principal.user,
            new_people=_new_person(fields),
        )
        linkage = current.request.app.state.linkage
        contact_id = await contacts.receive_contact(
            current.gateway, current.writer(), new, now(), linkage
        )
    except DomainError as refused:
        return await _new_form(current, fields, 400, errors={refused.field: said(refused)})
    await current.audited(f"receiveContact {contact_id}", "write")
    return RedirectResponse(f"/mash/contacts/{quote(contact_id)}", status_code=303)


def _new_person(fields: dict[str, str]) -> tuple[NewPerson, ...]:
    """Someone not yet recorded, if the form names them: recorded by the agency chosen,
    under a reference of the MASH's own."""
    given, family = fields.get("newGivenName", "").strip(), fields.get("newFamilyName", "").strip()
    if not given and not family:
        return ()
    born = fields.get("newDateOfBirth", "").strip()
    try:
        birth = date.fromisoformat(born) if born else None
    except ValueError:
        raise InvalidRequest("dateOfBirth", "give the date of birth as YYYY-MM-DD") from None
    sex = fields.get("newSex") or Sex.UNKNOWN.value
    check_choice("sex", sex, Sex)
    agency = fields.get("newAgencyId") or fields.get("referrerAgencyId") or ""
    if not agency:
        raise InvalidRequest("sourceAgencyId", "choose the agency that records the new person")
    reference = f"MASH-{uuid.uuid4().hex[:12]}"
    return (NewPerson(given, family, agency, reference, birth, Sex(sex)),)


def _received_at(fields: dict[str, str]) -> datetime:
    """The day and time the form gives, in London; now when left empty."""
    day, clock = fields.get("receivedOn", "").strip(), fields.get("receivedTime", "").strip()
    if not day and not clock:
        return now()
    try:
        return datetime.fromisoformat(f"{day}T{clock or '00:00'}").replace(tzinfo=LONDON)
    except ValueError:
        raise InvalidRequest(
            "receivedOn", "give the date as YYYY-MM-DD and the time as HH:MM"
        ) from None


def _chosen(field: str, fields: dict[str, str], allowed: type[Enum]) -> str:
    """A choice the form must make, one of `allowed`."""
    value = fields.get(field) or ""
    check_choice(field, value, allowed)
    return value


@page("contactPage")
async def contact_page(current: Page) -> Response:
    return await _contact(current, current.request.path_params["id"])


async def _contact(
    current: Page, contact_id: str, status: int = 200, **context: object
) -> Response:
    settings = current.request.app.state.settings
    found = await contacts.contact(current.gateway, contact_id, settings.mash, now())
    shown: Contact | None = await current.disclosure.vet(found)
    if shown is None:
        await current.audited(f"page contact {contact_id}")
        return await current.no_such("contact", contact_id, ("/mash", "Go to the MASH queue"))
    people = await _people(current, shown.subject_ids)
    partners = _partners_first(await agencies(current.gateway, None, 0, 1000))
    await current.audited(f"page contact {contact_id}")
    outcomes = settings.mash.outcomes()
    return await current.render(
        "mash_contact.html",
        status,
        title=f"Contact {contact_id}",
        contact=shown,
        people=people,
        agencies=partners,
        asked={str(c.agency_id) for c in shown.checks},
        unanswered=[c for c in shown.checks if c.responded_at is None],
        outcomes=outcomes,
        opens_case={code for code in outcomes if outcome_case_kind(code)},
        rags=list(Rag),
        done=current.request.query_params.get("done"),
        **context,
    )


def _partners_first(found: list[Agency]) -> list[Agency]:
    """The MASH's core partners first (police, health, schools, housing, adult social
    care), then every other agency, by name."""
    rank = {kind.value: n for n, kind in enumerate(MASH_PARTNERS)}
    return sorted(found, key=lambda agency: (rank.get(agency.kind, len(rank)), agency.name))


@page("contactPage")
async def contact_step(current: Page) -> Response:
    """One step on the contact, checked and written in one transaction; a refusal is
    shown on the contact's page next to the field it names."""
    contact_id = current.request.path_params["id"]
    fields = await form_fields(current.request)
    if not current.session.csrf_matches(fields.get("csrf")):
        return await current.expired()
    step = fields.get("step", "")
    if step not in _STEPS:
        raise InvalidRequest("step", "choose assign, rate, ask, answer or decide")
    current.disclosure.authorise(_STEPS[step])
    await current.attempted(f"{_STEPS[step]} {contact_id}", [])
    try:
        await _take(current, contact_id, step, fields)
    except DomainError as refused:
        errors = {f"{step}-{refused.field}": said(refused)}
        return await _contact(current, contact_id, 400, errors=errors, posted=fields, step=step)
    await current.audited(f"{_STEPS[step]} {contact_id}", "write")
    return RedirectResponse(f"/mash/contacts/{quote(contact_id)}?done={step}", status_code=303)


async def _take(current: Page, contact_id: str, step: str, fields: dict[str, str]) -> None:
    gateway, writer, moment = current.gateway, current.writer(), now()
    if step == "assign":
        await contacts.assign_contact(
            gateway, writer, contact_id, fields.get("handler", ""), moment
        )
    elif step == "rate":
        rag = fields.get("rag", "")
        if rag not in {r.value for r in Rag}:
            raise InvalidRequest("rag", "choose red, amber or green")
        rating = Rating(
            contact_id, Rag(rag), fields.get("rationale", ""), fields.get("reason") or None
        )
        await contacts.rate_contact(gateway, writer, rating, moment)
    elif step == "ask":
        chosen = [name.removeprefix("check-") for name in fields if name.startswith("check-")]
        if not chosen:
            raise InvalidRequest("agencyIds", "choose at least one agency to ask")
        await contacts.request_checks(gateway, writer, contact_id, chosen, moment)
    elif step == "answer":
        answer = CheckResponse(contact_id, fields.get("agencyId", ""), fields.get("response", ""))
        await contacts.record_check_response(gateway, writer, answer, moment)
    else:
        settings = current.request.app.state.settings
        decision = Decision(
            contact_id,
            fields.get("outcome", ""),
            fields.get("rationale", ""),
            case_agency_id=fields.get("caseAgencyId") or None,
            case_id=fields.get("caseId") or None,
        )
        await contacts.decide_contact(gateway, writer, decision, settings.mash, moment)


@page("mashDashboardPage")
async def dashboard_page(current: Page) -> Response:
    settings = current.request.app.state.settings
    days = 28
    since = datetime.combine(today() - timedelta(days=days - 1), datetime.min.time(), LONDON)
    summary = await dashboard.mash_dashboard(current.gateway, settings.mash, since, now())
    await current.audited("page mash dashboard")
    return await current.render("mash_dashboard.html", title="MASH dashboard", summary=summary)
