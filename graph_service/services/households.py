"""Households: reading one (its address, area and current members, each vetted as a
person), recording one, and a person joining one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_service.model import rules
from graph_service.model.errors import check
from graph_service.model.taxonomy import HouseholdKind
from graph_service.services.addresses import lifetime_problem
from graph_service.services.relationships import relationship
from graph_service.services.writing import (
    Kind,
    Ref,
    Writer,
    dated,
    idempotent,
    lookup,
    new_id,
    no_overlap,
    source,
)
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.views.records import HouseholdView, NetworkEdge

__all__ = [
    "Membership",
    "NewHousehold",
    "create_household",
    "household",
    "join_household",
    "membership_props",
]


@dataclass(frozen=True)
class NewHousehold:
    kind: HouseholdKind
    source_agency_id: str
    source_record_id: str
    address_id: str | None = None
    since: date | None = None  # at the address from; today if not given


@dataclass(frozen=True)
class Membership:
    """A person joining a household (a birth, a new partner, a child placed with family)."""

    person_id: str
    household_id: str
    from_date: date
    source_agency_id: str
    source_record_id: str
    to_date: date | None = None


async def household(gateway: GraphGateway, household_id: str) -> HouseholdView | None:
    """None when there is no such household."""
    rows = await gateway.read("household_by_id", id=household_id)
    return HouseholdView.of(rows[0]) if rows else None


async def create_household(
    gateway: GraphGateway, writer: Writer, new: NewHousehold, key: str | None = None
) -> HouseholdView:
    """Record a household, at a known address if given; people then join it."""
    agency, address = new.source_agency_id, new.address_id
    check(rules.future_date_problem(new.since, "since", writer.today))
    provenance = source(agency, new.source_record_id)
    props = {"kind": HouseholdKind(new.kind).value, **provenance}
    located = {"from_date": new.since or writer.today, **provenance}

    async def work(tx: WriteTransaction) -> str:
        await lookup(
            tx,
            writer,
            Ref(Kind.AGENCY, "sourceAgencyId", [agency]),
            Ref(Kind.ADDRESS, "addressId", [address] if address else []),
        )
        rows = await tx.run(
            "household_create",
            id=new_id("H"),
            props=props,
            addressId=address,
            locatedId=new_id("R"),
            locatedProps=located,
        )
        return str(rows[0]["id"])

    household_id = await idempotent(gateway, writer, key, "createHousehold", new, work)
    found = await household(gateway, household_id)
    assert found is not None  # just written in a committed transaction
    return found


async def join_household(
    gateway: GraphGateway, writer: Writer, joining: Membership, key: str | None = None
) -> NetworkEdge:
    """Record a person as a member of a household from a date, within their lifetime."""
    person, household_id = joining.person_id, joining.household_id
    props = membership_props(joining, writer.today)

    async def work(tx: WriteTransaction) -> str:
        row = await lookup(
            tx,
            writer,
            Ref(Kind.PERSON, "personId", [person]),
            Ref(Kind.HOUSEHOLD, "householdId", [household_id]),
            Ref(Kind.AGENCY, "sourceAgencyId", [joining.source_agency_id]),
        )
        check(lifetime_problem(row, joining.from_date, "fromDate"))
        await no_overlap(
            tx, person, household_id, "MEMBER_OF", joining.from_date, joining.to_date, "householdId"
        )
        rows = await tx.run(
            "household_member_record",
            personId=person,
            householdId=household_id,
            id=new_id("R"),
            props=props,
        )
        return str(rows[0]["relationship"]["id"])

    rel_id = await idempotent(gateway, writer, key, "joinHousehold", joining, work)
    return await relationship(gateway, person, rel_id)


def membership_props(joining: Membership, today: date) -> dict[str, Any]:
    """A membership's dates and provenance, checked by the rules."""
    check(rules.date_range_problem(joining.from_date, joining.to_date, "fromDate", "toDate"))
    check(rules.future_date_problem(joining.from_date, "fromDate", today))
    return dated(
        joining.from_date, joining.to_date, joining.source_agency_id, joining.source_record_id
    )
