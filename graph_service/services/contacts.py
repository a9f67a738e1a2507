"""The MASH front door's use cases: receive a contact, rate it, ask agencies what they
know, record their answers, decide; and the queue, ordered by time left.

Every step takes the contact's write lock first, and checks the contact's state inside
that transaction, so two steps never both pass on the same state (two decisions, say).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph_service.model.errors import AlreadyRecorded, InvalidRequest, NotFound, check
from graph_service.model.mash import (
    ContactState,
    MashClocks,
    Rag,
    ReferrerKind,
    check_agency_problem,
    decision_problem,
    moment_problem,
    outcome_case_kind,
    rating_problem,
    referrer_problem,
)
from graph_service.model.rules import ProblemKind
from graph_service.model.taxonomy import CaseStatus
from graph_service.model.timescales import REFERRAL_KINDS, Milestone
from graph_service.model.working_hours import LONDON, utc
from graph_service.services.cases import NewCase, case_props, write_case
from graph_service.services.concerns import concern_code
from graph_service.services.identities import Linkage, find_duplicates
from graph_service.services.people import NewPerson, check_new_person, record_person
from graph_service.services.writing import Kind, Ref, Writer, lookup, new_id, text
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.store.values import Row
from graph_service.views.mash import AgencyCheck, Contact

__all__ = [
    "MAX_CHECKS",
    "MAX_CONTACT_PEOPLE",
    "MAX_QUEUE",
    "CheckResponse",
    "ContactFilter",
    "Decision",
    "NewContact",
    "Rating",
    "assign_contact",
    "contact",
    "contacts",
    "decide_contact",
    "rate_contact",
    "receive_contact",
    "record_check_response",
    "request_checks",
]

MAX_CONTACT_PEOPLE = 20
MAX_CHECKS = 20
MAX_QUEUE = 5000  # open contacts read to order the queue by time left


@dataclass(frozen=True)
class NewContact:
    received_at: datetime
    referrer_kind: ReferrerKind
    person_ids: tuple[str, ...]
    summary: str
    concern_codes: tuple[str, ...] = ()
    referrer_agency_id: str | None = None
    referrer_name: str | None = None
    handler: str | None = None
    new_people: tuple[NewPerson, ...] = ()  # not yet recorded: recorded with the contact


@dataclass(frozen=True)
class Rating:
    contact_id: str
    rag: Rag
    rationale: str
    reason: str | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class CheckResponse:
    contact_id: str
    agency_id: str
    response: str
    at: datetime | None = None


@dataclass(frozen=True)
class Decision:
    contact_id: str
    outcome: str
    rationale: str
    at: datetime | None = None
    case_id: str | None = None  # an open case to link
    case_agency_id: str | None = None  # or the agency whose case the decision opens


@dataclass(frozen=True)
class ContactFilter:
    state: ContactState | None = None
    rag: Rag | None = None
    due_before: datetime | None = None
    handler: str | None = None


async def contact(
    gateway: GraphGateway, contact_id: str, clocks: MashClocks, now: datetime
) -> Contact | None:
    rows = await gateway.read("contact_by_id", id=contact_id)
    return Contact.of(rows[0]["contact"], clocks, now) if rows else None


async def contacts(
    gateway: GraphGateway,
    asked: ContactFilter,
    clocks: MashClocks,
    now: datetime,
    offset: int,
    limit: int,
) -> list[Contact]:
    """Open contacts (received or rated) by time left, the least first; decided ones
    newest first. `due_before` keeps those whose decision is due before then."""
    rag = asked.rag.value if asked.rag else None
    due_before = utc(asked.due_before) if asked.due_before is not None else None
    if asked.state is ContactState.DECIDED:
        # The database pages decided ones, unless a deadline filter must be applied first.
        window = (offset, limit) if due_before is None else (0, MAX_QUEUE)
        rows = await gateway.read(
            "contacts_decided", rag=rag, handler=asked.handler, offset=window[0], limit=window[1]
        )
        found = [Contact.of(r["contact"], clocks, now) for r in rows]
        start = 0 if due_before is None else offset
    else:
        rows = await gateway.read("contacts_open", rag=rag, handler=asked.handler, limit=MAX_QUEUE)
        found = [Contact.of(r["contact"], clocks, now) for r in rows]
        if asked.state is not None:
            found = [c for c in found if c.state == asked.state.value]
        found.sort(key=lambda c: (c.time_left(), c.received_at, str(c.id)))
        start = offset
    if due_before is not None:  # filtered before paging, so a page is never emptied
        found = [c for c in found if c.decision_clock.due_at < due_before]
    return found[start : start + limit]


async def receive_contact(
    gateway: GraphGateway,
    writer: Writer,
    new: NewContact,
    now: datetime,
    linkage: Linkage | None = None,
) -> str:
    """Record a contact about people already recorded and people recorded with it (who,
    with `linkage`, are then scored for possible duplicates, as createPerson scores); its
    id."""
    people = list(dict.fromkeys(new.person_ids))
    if not 1 <= len(people) + len(new.new_people) <= MAX_CONTACT_PEOPLE:
        raise InvalidRequest("personIds", f"give between 1 and {MAX_CONTACT_PEOPLE} people")
    newcomers = [(person, check_new_person(person, writer.today)) for person in new.new_people]
    check(referrer_problem(new.referrer_kind, new.referrer_agency_id, new.referrer_name))
    now, received_at = utc(now), utc(new.received_at)
    if received_at > now:
        raise InvalidRequest(
            "receivedAt", "receivedAt is in the future", ProblemKind.DATE_IN_FUTURE
        )
    props = {
        "received_at": received_at,
        "referrer_kind": new.referrer_kind.value,
        "referrer_name": text("referrerName", new.referrer_name, required=False),
        "referrer_agency_id": new.referrer_agency_id,
        "summary": text("summary", new.summary),
        "concern_codes": [concern_code(c).value for c in dict.fromkeys(new.concern_codes)],
        "handler": text("handler", new.handler, required=False),
        "state": ContactState.RECEIVED.value,
        "recorded_at": now,  # in UTC, as every moment stored
        "recorded_by": writer.user,
    }
    contact_id = new_id("CT")
    refs = [Ref(Kind.PERSON, "personIds", people)] if people else []
    if new.referrer_agency_id:
        refs.append(Ref(Kind.AGENCY, "referrerAgencyId", [new.referrer_agency_id]))

    created: list[str] = []

    async def work(tx: WriteTransaction) -> str:
        await lookup(tx, writer, *refs)
        created[:] = [await record_person(tx, writer, *newcomer) for newcomer in newcomers]
        await tx.run(
            "contact_receive",
            id=contact_id,
            props=props,
            personIds=people + created,
            referrerAgencyId=new.referrer_agency_id,
        )
        return contact_id

    written = await gateway.write(work, versioned=bool(new.new_people))
    if linkage is not None:
        for person_id in created:
            await find_duplicates(gateway, linkage, writer, person_id)
    return written


async def _locked(tx: WriteTransaction, contact_id: str) -> Row:
    rows = await tx.run("contact_lock", id=contact_id)
    if not rows:
        raise NotFound("contactId", contact_id)
    return dict(rows[0]["contact"])


async def _undecided(tx: WriteTransaction, contact_id: str) -> Row:
    """The contact, locked, refused if it is decided already."""
    found = await _locked(tx, contact_id)
    if found["state"] == ContactState.DECIDED.value:
        raise InvalidRequest(
            "contactId", "the contact is decided already", ProblemKind.ALREADY_DECIDED
        )
    return found


def _moment(field: str, at: datetime | None, found: Row, now: datetime) -> datetime:
    """When a step happened (now if not given), in UTC, between receipt and now."""
    now = utc(now)
    moment = utc(at or now)
    check(moment_problem(field, moment, found["received_at"], now))
    return moment


async def assign_contact(
    gateway: GraphGateway, writer: Writer, contact_id: str, handler: str, now: datetime
) -> str:
    """Hand a contact not yet decided to someone to handle (recording who did, and when)."""
    name = text("handler", handler)

    async def work(tx: WriteTransaction) -> str:
        await _undecided(tx, contact_id)
        await tx.run("contact_assign", id=contact_id, handler=name, at=utc(now), by=writer.user)
        return contact_id

    return await gateway.write(work, versioned=False)


async def rate_contact(gateway: GraphGateway, writer: Writer, rating: Rating, now: datetime) -> str:
    """Rate a contact red, amber or green, with a rationale; a re-rating says why."""
    rationale = text("rationale", rating.rationale)
    reason = text("reason", rating.reason, required=False)

    async def work(tx: WriteTransaction) -> str:
        found = await _locked(tx, rating.contact_id)
        decided = found["state"] == ContactState.DECIDED.value
        check(rating_problem(found.get("rag"), decided, reason))
        at = _moment("at", rating.at, found, now)
        props = {"rag": Rag(rating.rag).value, "rationale": rationale, "reason": reason}
        await tx.run(
            "contact_rate", id=rating.contact_id, rating={**props, "at": at, "by": writer.user}
        )
        return rating.contact_id

    return await gateway.write(work, versioned=False)


async def request_checks(
    gateway: GraphGateway, writer: Writer, contact_id: str, agency_ids: list[str], now: datetime
) -> str:
    """Ask each agency once what it knows about the contact's people."""
    agencies = list(dict.fromkeys(agency_ids))
    if not 1 <= len(agencies) <= MAX_CHECKS:
        raise InvalidRequest("agencyIds", f"give between 1 and {MAX_CHECKS} agencies")

    async def work(tx: WriteTransaction) -> str:
        found = await _undecided(tx, contact_id)
        asked = {k["agency_id"]: k["id"] for k in found["asked"]}
        for agency in agencies:
            if agency in asked:
                raise AlreadyRecorded(
                    "agencyIds", asked[agency], f"agency {agency} was asked already"
                )
        await lookup(tx, writer, Ref(Kind.AGENCY, "agencyIds", agencies))
        checks = [_check(agency, writer.user, utc(now)) for agency in agencies]
        await tx.run("contact_checks_request", id=contact_id, checks=checks, limit=MAX_CHECKS)
        return contact_id

    return await gateway.write(work, versioned=False)


def _check(agency: str, user: str, now: datetime) -> dict[str, Any]:
    return {"id": new_id("CK"), "agency_id": agency, "requested_at": now, "requested_by": user}


async def record_check_response(
    gateway: GraphGateway, writer: Writer, answer: CheckResponse, now: datetime
) -> str:
    """Record what an agency asked for a check answered, once; the check's id."""
    response = text("response", answer.response)

    async def work(tx: WriteTransaction) -> str:
        found = await _locked(tx, answer.contact_id)
        asked = {k["agency_id"]: k for k in found["asked"]}
        check(check_agency_problem(asked, answer.agency_id, "agencyId"))
        mine = asked[answer.agency_id]
        if mine.get("responded_at") is not None:
            raise AlreadyRecorded("agencyId", mine["id"], "this agency has answered already")
        at = _moment("at", answer.at, found, now)
        props = {"responded_at": at, "responded_by": writer.user, "response": response}
        rows = await tx.run(
            "contact_check_respond", id=answer.contact_id, agencyId=answer.agency_id, response=props
        )
        return str(rows[0]["id"])

    return await gateway.write(work, versioned=False)


async def decide_contact(
    gateway: GraphGateway, writer: Writer, decision: Decision, clocks: MashClocks, now: datetime
) -> str:
    """Decide a rated contact, once. An outcome that needs a case opens one about the
    contact's people (`caseAgencyId`) or links an open one about one of them (`caseId`);
    a children's case opened so records the decision as its referral decision."""
    rationale = text("rationale", decision.rationale)
    case_kind = outcome_case_kind(decision.outcome)
    if case_kind is None and (decision.case_id or decision.case_agency_id):
        field = "caseId" if decision.case_id else "caseAgencyId"
        raise InvalidRequest(field, f"the outcome {decision.outcome!r} opens no case")
    if case_kind is not None and not (decision.case_id or decision.case_agency_id):
        raise InvalidRequest(
            "caseId", "this outcome needs a case: give caseId (an open case) or caseAgencyId"
        )

    async def work(tx: WriteTransaction) -> str:
        found = await _locked(tx, decision.contact_id)
        decided = found["state"] == ContactState.DECIDED.value
        check(decision_problem(found.get("rag"), decided, decision.outcome, clocks.outcomes()))
        at = _moment("at", decision.at, found, now)
        case_id = await _case_for(tx, writer, decision, found, at) if case_kind else None
        props = {
            "outcome": decision.outcome,
            "decision_rationale": rationale,
            "decided_at": at,
            "decided_by": writer.user,
        }
        await tx.run("contact_decide", id=decision.contact_id, decision=props, caseId=case_id)
        return decision.contact_id

    return await gateway.write(work)


async def _case_for(
    tx: WriteTransaction, writer: Writer, decision: Decision, found: Row, at: datetime
) -> str:
    kind = outcome_case_kind(decision.outcome)
    assert kind is not None
    people = list(found["subject_ids"])
    if decision.case_id:
        row = await lookup(tx, writer, Ref(Kind.CASE, "caseId", [decision.case_id]))
        case = row["cases"][0]
        if case["status"] != CaseStatus.OPEN.value:
            raise InvalidRequest(
                "caseId", f"case {decision.case_id} is closed", ProblemKind.ALREADY_ENDED
            )
        linked = await tx.run("case_by_id", id=decision.case_id)
        if not set(linked[0]["case"]["subject_ids"]) & set(people):
            raise InvalidRequest("caseId", "the case is about none of the contact's people")
        return decision.case_id
    agency = str(decision.case_agency_id)
    await lookup(tx, writer, Ref(Kind.AGENCY, "caseAgencyId", [agency]))
    case_id = new_id("CS")
    new = NewCase(kind, tuple(people), found["received_at"].astimezone(LONDON).date(), agency)
    props = case_props(new, writer.today, case_id)
    if kind in REFERRAL_KINDS:  # the decision is the referral's: its clock stops here
        props[Milestone.DECISION.value] = at.astimezone(LONDON).date()
    await write_case(tx, case_id, props, new)
    return case_id


def check_view(contact_row: Contact, check_id: str) -> AgencyCheck:
    """One check of a contact as read back."""
    return next(c for c in contact_row.checks if str(c.id) == check_id)
