"""Hazards: warnings to visiting staff about a person or an address, and their reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_service.model import rules
from graph_service.model.errors import InvalidRequest, check
from graph_service.model.rules import ProblemKind
from graph_service.model.taxonomy import HazardKind
from graph_service.model.think_family import Trigger, TriggerKind
from graph_service.services.alerts import Alerting, raise_alerts
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
from graph_service.views.records import Hazard

__all__ = ["NewHazard", "add_hazard", "hazard_props", "review_hazard"]


@dataclass(frozen=True)
class NewHazard:
    """A hazard of a person or (exclusively) of an address."""

    kind: HazardKind
    description: str
    recorded_on: date
    review_on: date
    source_agency_id: str
    person_id: str | None = None
    address_id: str | None = None


async def add_hazard(
    gateway: GraphGateway,
    writer: Writer,
    new: NewHazard,
    key: str | None = None,
    alerting: Alerting | None = None,
) -> Hazard:
    """Add a hazard warning, with the date it is next to be reviewed; with `alerting`, the
    Think Family alerts it calls for are raised in the same write."""
    if (new.person_id is None) == (new.address_id is None):
        raise InvalidRequest("personId", "give exactly one of personId or addressId")
    agency, hazard_id = new.source_agency_id, new_id("HZ")
    props = hazard_props(new, writer.today, hazard_id)
    subject = (
        Ref(Kind.PERSON, "personId", [new.person_id])
        if new.person_id
        else Ref(Kind.ADDRESS, "addressId", [str(new.address_id)])
    )

    async def work(tx: WriteTransaction) -> str:
        await lookup(tx, writer, subject, Ref(Kind.AGENCY, "sourceAgencyId", [agency]))
        rows = await tx.run(
            "hazard_add",
            id=hazard_id,
            props=props,
            personId=new.person_id,
            addressId=new.address_id,
            relationshipId=new_id("R"),
            relationshipProps={"from_date": new.recorded_on, **provenance(agency, None)},
        )
        if alerting is not None:
            trigger = Trigger(
                TriggerKind.HAZARD, hazard_id, new.person_id, recorded_on=new.recorded_on
            )
            await raise_alerts(
                tx, trigger, alerting, writer.today, address_id=new.address_id, raised_by=agency
            )
        return str(rows[0]["id"])

    result_id = await idempotent(gateway, writer, key, "addHazard", new, work)
    return await _hazard(gateway, result_id, writer.today)


def hazard_props(new: NewHazard, today: date, record_id: str) -> dict[str, Any]:
    """A hazard's properties, checked by the rules; `record_id`, the agency's own."""
    check(rules.date_range_problem(new.recorded_on, new.review_on, "recordedOn", "reviewOn"))
    check(rules.future_date_problem(new.recorded_on, "recordedOn", today))
    return {
        "kind": HazardKind(new.kind).value,
        "recorded_on": new.recorded_on,
        "review_on": new.review_on,
        "description": text("description", new.description),
        **provenance(new.source_agency_id, record_id),
    }


async def review_hazard(
    gateway: GraphGateway, writer: Writer, hazard_id: str, review_on: date, description: str | None
) -> Hazard:
    """Record a review of a hazard (today) and when it is next due."""
    today = writer.today
    if review_on < today:
        raise InvalidRequest(
            "reviewOn", f"reviewOn {review_on} is in the past", ProblemKind.INVALID_DATE_RANGE
        )
    said = text("description", description, required=False)

    async def work(tx: WriteTransaction) -> str:
        await lookup(tx, writer, Ref(Kind.HAZARD, "id", [hazard_id]))
        await tx.run(
            "hazard_review", id=hazard_id, reviewOn=review_on, reviewedOn=today, description=said
        )
        return hazard_id

    await gateway.write(work)
    return await _hazard(gateway, hazard_id, today)


async def _hazard(gateway: GraphGateway, hazard_id: str, on: date) -> Hazard:
    rows = await gateway.read("hazard_by_id", id=hazard_id)
    return Hazard.of(dict(rows[0]["hazard"]), on)
