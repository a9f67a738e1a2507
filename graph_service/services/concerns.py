"""Concerns: the list a practitioner pages through (filtered within what the reader may
reach, before paging, so need to know never empties a page), recording one, closing one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_service.model import rules
from graph_service.model.errors import InvalidRequest, check, check_choice
from graph_service.model.rules import ProblemKind
from graph_service.model.taxonomy import (
    SENSITIVE_CODES,
    ConcernCode,
    ConcernStatus,
    Severity,
    is_concern_code,
)
from graph_service.model.think_family import Trigger, TriggerKind
from graph_service.services.alerts import Alerting, raise_alerts
from graph_service.services.reader import Reader
from graph_service.services.writing import (
    Kind,
    Ref,
    Writer,
    idempotent,
    lookup,
    new_id,
    provenance,
    text,
)
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.views.records import Concern

__all__ = [
    "ConcernFilter",
    "NewConcern",
    "close_concern",
    "concern_code",
    "concern_props",
    "concerns",
    "record_concern",
]

_SENSITIVE = sorted(SENSITIVE_CODES)  # the query's parameter, built once


@dataclass(frozen=True)
class ConcernFilter:
    code: str | None = None
    status: str | None = None
    agency_id: str | None = None
    raised_from: date | None = None
    raised_to: date | None = None
    person_id: str | None = None


@dataclass(frozen=True)
class NewConcern:
    """A concern about a person or (exclusively) a household."""

    code: str
    raised_on: date
    raised_by_agency_id: str
    source_record_id: str
    person_id: str | None = None
    household_id: str | None = None
    severity: Severity = Severity.MEDIUM
    description: str | None = None


async def concerns(
    gateway: GraphGateway, asked: ConcernFilter, reader: Reader, offset: int, limit: int
) -> list[Concern]:
    """Newest first. A code filter finds no concern whose code the reader may not see."""
    if asked.code is not None and not is_concern_code(asked.code):
        raise InvalidRequest("code", f"{asked.code!r} is not in the concern taxonomy")
    check_choice("status", asked.status, ConcernStatus)
    if asked.raised_from and asked.raised_to and asked.raised_from > asked.raised_to:
        raise InvalidRequest("raisedTo", "must not be before raisedFrom")
    rows = await gateway.read(
        # One person's: from the person, not a scan of every concern in the borough.
        "concerns_of_person" if asked.person_id else "concerns_filtered",
        code=asked.code,
        status=asked.status,
        agencyId=asked.agency_id,
        raisedFrom=asked.raised_from,
        raisedTo=asked.raised_to,
        personId=asked.person_id,
        offset=offset,
        limit=limit,
        scopeAgency=reader.scope_agency,
        sensitiveCodes=_SENSITIVE,
    )
    return [Concern.of(row["concern"]) for row in rows]


async def record_concern(
    gateway: GraphGateway,
    writer: Writer,
    new: NewConcern,
    key: str | None = None,
    alerting: Alerting | None = None,
) -> Concern:
    """Record a concern, with a current code from the taxonomy, raised by an agency; with
    `alerting`, the Think Family alerts it calls for are raised in the same write."""
    if (new.person_id is None) == (new.household_id is None):
        raise InvalidRequest("personId", "give exactly one of personId or householdId")
    props = concern_props(new, writer.today)
    agency = new.raised_by_agency_id
    subject = (
        Ref(Kind.PERSON, "personId", [new.person_id])
        if new.person_id
        else Ref(Kind.HOUSEHOLD, "householdId", [str(new.household_id)])
    )

    async def work(tx: WriteTransaction) -> str:
        await lookup(tx, writer, subject, Ref(Kind.AGENCY, "raisedByAgencyId", [agency]))
        rows = await tx.run(
            "concern_record",
            id=new_id("C"),
            props=props,
            agencyId=agency,
            personId=new.person_id,
            householdId=new.household_id,
            subjectRelationshipId=new_id("R"),
            raisedByRelationshipId=new_id("R"),
            relationshipProps={"from_date": new.raised_on, **provenance(agency, None)},
        )
        concern_id = str(rows[0]["id"])
        if alerting is not None and new.person_id is not None:
            severity = Severity(new.severity)
            trigger = Trigger(
                TriggerKind.CONCERN,
                concern_id,
                new.person_id,
                code=props["code"],
                severity=severity,
                recorded_on=new.raised_on,
            )
            await raise_alerts(tx, trigger, alerting, writer.today, raised_by=agency)
        return concern_id

    concern_id = await idempotent(gateway, writer, key, "recordConcern", new, work)
    return await _concern(gateway, concern_id)


async def close_concern(
    gateway: GraphGateway, writer: Writer, concern_id: str, closed_on: date, outcome: str
) -> Concern:
    """Close a concern that no longer applies, saying why; the analyses stop counting it."""
    check(rules.future_date_problem(closed_on, "closedOn", writer.today))
    why = text("outcome", outcome)

    async def work(tx: WriteTransaction) -> str:
        row = await lookup(tx, writer, Ref(Kind.CONCERN, "id", [concern_id]))
        concern = row["concerns"][0]
        if concern["status"] == "closed":
            raise InvalidRequest(
                "id", f"concern {concern_id} is already closed", ProblemKind.ALREADY_ENDED
            )
        check(rules.date_range_problem(concern.get("raised_on"), closed_on, "raisedOn", "closedOn"))
        await tx.run(
            "concern_close",
            id=concern_id,
            closedOn=closed_on,
            closed="closed",
            outcome=why,
            closedBy=writer.user,
        )
        return concern_id

    await gateway.write(work)
    return await _concern(gateway, concern_id)


def concern_props(new: NewConcern, today: date) -> dict[str, Any]:
    """A new open concern's properties, checked by the rules."""
    code = concern_code(new.code)
    check(rules.future_date_problem(new.raised_on, "raisedOn", today))
    return {
        "code": code.value,
        "status": "open",
        "raised_on": new.raised_on,
        "severity": Severity(new.severity).value,
        "description": text("description", new.description, required=False),
        **provenance(new.raised_by_agency_id, text("sourceRecordId", new.source_record_id)),
    }


def concern_code(value: str) -> ConcernCode:
    """A current code of the taxonomy (case and spaces forgiven)."""
    try:
        code = ConcernCode(value.strip().upper())
    except ValueError:
        raise InvalidRequest(
            "code", f"{value!r} is not in the concern taxonomy", ProblemKind.INVALID_CODE
        ) from None
    if code.info.deprecated:
        raise InvalidRequest(
            "code", f"{code.value} is deprecated: {code.label}", ProblemKind.INVALID_CODE
        )
    return code


async def _concern(gateway: GraphGateway, concern_id: str) -> Concern:
    rows = await gateway.read("concern_by_id", id=concern_id)
    return Concern.of(dict(rows[0]["concern"]))
