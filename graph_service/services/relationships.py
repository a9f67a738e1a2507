"""Relationships between people: recorded typed, dated and sourced, and ended on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from graph_service.model import rules
from graph_service.model.errors import InvalidRequest, NotFound, check
from graph_service.model.rules import ProblemKind
from graph_service.model.taxonomy import ParentKind, PartnerKind, PartnerStatus, SiblingKind
from graph_service.services.writing import (
    Kind,
    Ref,
    Writer,
    dated,
    idempotent,
    lookup,
    new_id,
    no_overlap,
    text,
)
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.views.records import NetworkEdge

__all__ = [
    "KnownTo",
    "NewRelationship",
    "RelationshipType",
    "end_relationship",
    "known_to_props",
    "record_known_to",
    "record_relationship",
    "relationship",
    "relationship_age_problem",
    "relationship_props",
    "sibling_agreement",
]


class RelationshipType(Enum):
    PARENT_OF = "PARENT_OF"
    PARTNER_OF = "PARTNER_OF"
    CARES_FOR = "CARES_FOR"
    ASSOCIATES_WITH = "ASSOCIATES_WITH"
    SIBLING_OF = "SIBLING_OF"  # as schools and health visitors record them


@dataclass(frozen=True)
class NewRelationship:
    type: RelationshipType
    from_person_id: str
    to_person_id: str
    from_date: date
    source_agency_id: str
    source_record_id: str
    to_date: date | None = None
    parent_kind: ParentKind | None = None
    partner_kind: PartnerKind | None = None
    parental_responsibility: bool | None = None
    sibling_kind: SiblingKind | None = None
    partner_status: PartnerStatus | None = None  # a marriage in force, lived apart


async def relationship(gateway: GraphGateway, person_id: str, relationship_id: str) -> NetworkEdge:
    """A relationship of a person's, as recorded (it must exist)."""
    rows = await gateway.read(
        "relationship_by_id", personId=person_id, relationshipId=relationship_id
    )
    return NetworkEdge.of(rows[0]["relationship"])


async def record_relationship(
    gateway: GraphGateway, writer: Writer, new: NewRelationship, key: str | None = None
) -> NetworkEdge:
    """Record a typed, dated, sourced relationship; one overlapping it is refused."""
    a, b = new.from_person_id, new.to_person_id
    props = relationship_props(new, writer.today)

    async def work(tx: WriteTransaction) -> str:
        row = await lookup(
            tx,
            writer,
            Ref(Kind.PERSON, "fromPersonId", [a]),
            Ref(Kind.PERSON, "toPersonId", [b]),
            Ref(Kind.AGENCY, "sourceAgencyId", [new.source_agency_id]),
        )
        births = {p["id"]: p.get("date_of_birth") for p in row["people"]}
        check(relationship_age_problem(new, props, births))
        if new.type is RelationshipType.SIBLING_OF:
            parents = await tx.run("people_parents", ids=[a, b])
            check(sibling_agreement(new, {r["id"]: set(r["parents"]) for r in parents}))
        await no_overlap(tx, a, b, new.type.value, new.from_date, new.to_date, "type")
        rows = await tx.run(
            "relationship_record",
            fromId=a,
            toId=b,
            type=new.type.value,
            id=new_id("R"),
            props=props,
        )
        return str(rows[0]["relationship"]["id"])

    rel_id = await idempotent(gateway, writer, key, "recordRelationship", new, work)
    return await relationship(gateway, a, rel_id)


@dataclass(frozen=True)
class KnownTo:
    """A person known to an agency from a date, under the agency's own reference (its
    young carers service, its school roll): ended with `end_relationship`."""

    person_id: str
    agency_id: str
    reference: str
    from_date: date


async def record_known_to(
    gateway: GraphGateway, writer: Writer, known: KnownTo, key: str | None = None
) -> NetworkEdge:
    """Record that an agency knows a person; a current one for the same agency is refused.
    An agency-scoped writer records only its own agency, about people it already works
    with: declaring that it knows someone never gives it sight of them."""
    props = known_to_props(known, writer.today)
    person, agency = known.person_id, known.agency_id

    async def work(tx: WriteTransaction) -> str:
        await lookup(
            tx,
            writer,
            Ref(Kind.PERSON, "personId", [person]),
            Ref(Kind.AGENCY, "agencyId", [agency]),
        )
        await no_overlap(tx, person, agency, "KNOWN_TO", known.from_date, None, "agencyId")
        rows = await tx.run(
            "known_to_record", personId=person, agencyId=agency, id=new_id("RK"), props=props
        )
        return str(rows[0]["relationship"]["id"])

    rel_id = await idempotent(gateway, writer, key, "recordKnownTo", known, work)
    return await relationship(gateway, person, rel_id)


def known_to_props(known: KnownTo, today: date, to_date: date | None = None) -> dict[str, Any]:
    """A known-to relationship's properties, checked by the rules."""
    check(rules.future_date_problem(known.from_date, "fromDate", today))
    check(rules.date_range_problem(known.from_date, to_date, "fromDate", "toDate"))
    reference = str(text("reference", known.reference))
    return {"reference": reference, **dated(known.from_date, to_date, known.agency_id, reference)}


async def end_relationship(
    gateway: GraphGateway,
    writer: Writer,
    person_id: str,
    relationship_id: str,
    end_date: date,
    source_agency_id: str,
) -> NetworkEdge:
    """End a current relationship of the person's on a date."""
    check(rules.future_date_problem(end_date, "endDate", writer.today))

    async def work(tx: WriteTransaction) -> str:
        await lookup(
            tx,
            writer,
            Ref(Kind.PERSON, "personId", [person_id]),
            Ref(Kind.AGENCY, "sourceAgencyId", [source_agency_id]),
        )
        found = await tx.run(
            "relationship_by_id", personId=person_id, relationshipId=relationship_id
        )
        if not found:
            raise NotFound(
                "relationshipId",
                relationship_id,
                f"relationshipId: {person_id} has no relationship {relationship_id!r}",
            )
        current = found[0]["relationship"]
        if current.get("to_date") is not None:
            raise InvalidRequest(
                "relationshipId",
                f"already ended on {current['to_date']}",
                ProblemKind.ALREADY_ENDED,
            )
        check(rules.date_range_problem(current.get("from_date"), end_date, "fromDate", "endDate"))
        await tx.run(
            "relationship_end",
            personId=person_id,
            relationshipId=relationship_id,
            endDate=end_date,
            sourceAgencyId=source_agency_id,
        )
        return relationship_id

    await gateway.write(work)
    return await relationship(gateway, person_id, relationship_id)


def relationship_age_problem(
    new: NewRelationship, props: dict[str, Any], births: dict[str, date | None]
) -> rules.Problem | None:
    """No child as a partner, and a parent born before their child."""
    if new.type is RelationshipType.PARTNER_OF:
        return rules.partner_age_problem(PartnerKind(props["kind"]), births, new.from_date)
    if new.type is RelationshipType.PARENT_OF:
        return rules.parent_age_problem(births[new.from_person_id], births[new.to_person_id])
    return None


def sibling_agreement(new: NewRelationship, parents: dict[str, set[str]]) -> rules.Problem | None:
    """Siblings recorded directly agree with their parents on record (by person id)."""
    kind = SiblingKind(new.sibling_kind or SiblingKind.FULL)
    mine, theirs = parents.get(new.from_person_id, set()), parents.get(new.to_person_id, set())
    return rules.sibling_problem(kind, mine, theirs)


def relationship_props(new: NewRelationship, today: date) -> dict[str, Any]:
    """A relationship's properties, checked by the rules that need no other record."""
    if new.from_person_id == new.to_person_id:
        raise InvalidRequest(
            "toPersonId",
            "a person cannot have a relationship with themselves",
            ProblemKind.SELF_RELATIONSHIP,
        )
    check(rules.date_range_problem(new.from_date, new.to_date, "fromDate", "toDate"))
    check(rules.future_date_problem(new.from_date, "fromDate", today))
    props = dated(new.from_date, new.to_date, new.source_agency_id, new.source_record_id)
    if new.type is RelationshipType.PARENT_OF:
        if new.parent_kind is None:
            raise InvalidRequest("parentKind", "parentKind is required for PARENT_OF")
        props["kind"] = ParentKind(new.parent_kind).value
        props["parental_responsibility"] = bool(new.parental_responsibility)
    elif new.type is RelationshipType.PARTNER_OF:
        if new.partner_kind is None:
            raise InvalidRequest("partnerKind", "partnerKind is required for PARTNER_OF")
        props["kind"] = PartnerKind(new.partner_kind).value
        props["status"] = _partner_status(props["kind"], new.partner_status)
    elif new.type is RelationshipType.SIBLING_OF:
        if new.sibling_kind is None:
            raise InvalidRequest("siblingKind", "siblingKind is required for SIBLING_OF")
        props["kind"] = SiblingKind(new.sibling_kind).value
    if new.partner_status is not None and new.type is not RelationshipType.PARTNER_OF:
        raise InvalidRequest("partnerStatus", "partnerStatus is for PARTNER_OF only")
    return props


def _partner_status(kind: str, status: PartnerStatus | None) -> str | None:
    """Separated or deserted, for a marriage or civil partnership still in force (a
    divorce ends the relationship: its end date)."""
    if status is None or status is PartnerStatus.TOGETHER:
        return None
    if kind not in (PartnerKind.MARRIED, PartnerKind.CIVIL_PARTNER):
        raise InvalidRequest(
            "partnerStatus", f"{status.value} applies to a marriage or civil partnership"
        )
    return PartnerStatus(status).value
