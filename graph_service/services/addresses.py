"""Addresses and moves: a new address (a tenancy, a refuge), and a person moving to one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from graph_service.model import rules
from graph_service.model.errors import AlreadyRecorded, InvalidRequest, check
from graph_service.services.people import normalise_postcode
from graph_service.services.relationships import relationship
from graph_service.services.writing import (
    Kind,
    Ref,
    Writer,
    dated,
    idempotent,
    lookup,
    new_id,
    source,
    text,
)
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.store.values import Row
from graph_service.views.records import Address, NetworkEdge

__all__ = [
    "Move",
    "NewAddress",
    "address_props",
    "create_address",
    "lifetime_problem",
    "record_move",
]


@dataclass(frozen=True)
class NewAddress:
    line1: str
    postcode: str
    source_agency_id: str
    source_record_id: str
    town: str | None = None
    area: str | None = None  # one on record; None: the postcode district's
    protected: bool = False  # a refuge: withheld unless the reader breaks glass


@dataclass(frozen=True)
class Move:
    person_id: str
    address_id: str
    moved_on: date
    source_agency_id: str
    source_record_id: str


async def create_address(
    gateway: GraphGateway, writer: Writer, new: NewAddress, key: str | None = None
) -> Address:
    """Record an address not yet on record; the same line at the postcode is refused."""
    props = address_props(new)
    line1, postcode, agency = props["line1"], props["postcode"], new.source_agency_id
    area = text("area", new.area, required=False) or None

    async def work(tx: WriteTransaction) -> str:
        await lookup(tx, writer, Ref(Kind.AGENCY, "sourceAgencyId", [agency]))
        same = await tx.run(
            "address_same_line",
            postcode=postcode,
            words=line1.lower().split(),
            seeProtected=writer.reach.see_protected,
        )
        if same:
            found = same[0]["id"]
            raise AlreadyRecorded(
                "line1", found, f"{line1}, {postcode} is already recorded as {found}"
            )
        props["area"] = await _area(tx, area, postcode)
        rows = await tx.run("address_create", id=new_id("AD"), props=props)
        return str(rows[0]["id"])

    address_id = await idempotent(gateway, writer, key, "createAddress", new, work)
    rows = await gateway.read("address_by_id", id=address_id)
    return Address.of(dict(rows[0]["address"]))


async def record_move(
    gateway: GraphGateway, writer: Writer, move: Move, key: str | None = None
) -> NetworkEdge:
    """The person lives at the address from the day they moved; the addresses they lived
    at end the day before."""
    person, address = move.person_id, move.address_id
    check(rules.future_date_problem(move.moved_on, "movedOn", writer.today))
    props = dated(move.moved_on, None, move.source_agency_id, move.source_record_id)

    async def work(tx: WriteTransaction) -> str:
        row = await lookup(
            tx,
            writer,
            Ref(Kind.PERSON, "personId", [person]),
            Ref(Kind.ADDRESS, "addressId", [address]),
            Ref(Kind.AGENCY, "sourceAgencyId", [move.source_agency_id]),
        )
        check(lifetime_problem(row, move.moved_on, "movedOn"))
        homes = await tx.run("person_homes_from", personId=person, on=move.moved_on)
        check(rules.move_problem(homes, address, move.moved_on))
        rows = await tx.run(
            "move_record",
            personId=person,
            addressId=address,
            id=new_id("R"),
            props=props,
            movedOn=move.moved_on,
            endedOn=move.moved_on - timedelta(days=1),
            sourceAgencyId=move.source_agency_id,
        )
        return str(rows[0]["relationship"]["id"])

    rel_id = await idempotent(gateway, writer, key, "recordMove", move, work)
    return await relationship(gateway, person, rel_id)


def address_props(new: NewAddress) -> dict[str, Any]:
    """An address's properties: its first line's spacing tidied, its postcode checked."""
    return {
        "line1": " ".join(str(text("line1", new.line1)).split()),
        "town": text("town", new.town, required=False),
        "postcode": normalise_postcode(new.postcode),
        "protected": new.protected,
        **source(new.source_agency_id, new.source_record_id),
    }


def lifetime_problem(lookup_row: Row, on: date, field: str) -> rules.Problem | None:
    """The one person a lookup found was alive on the date."""
    person = lookup_row["people"][0]
    return rules.lifetime_problem(person.get("date_of_birth"), person.get("deceased_on"), on, field)


async def _area(tx: WriteTransaction, area: str | None, postcode: str) -> str | None:
    """The stated area if it is one on record, else the postcode district's."""
    district = postcode.split(" ")[0] + " "
    found = (await tx.run("address_area", area=area, district=district))[0]
    if not found["known"]:
        raise InvalidRequest("area", f"{area!r} is not an area on record")
    return area or found["district_area"]
