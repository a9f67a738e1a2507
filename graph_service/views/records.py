"""GraphQL types of the case network, built from the rows the named queries return."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry

from graph_service.model.rules import age_on
from graph_service.model.taxonomy import CaseKind, ConcernCode, HazardKind
from graph_service.model.timescales import (
    Milestone,
    Timescale,
    TimescaleState,
    TimescaleStatus,
    case_timescales,
)
from graph_service.store.gateway import Row

__all__ = [
    "Address",
    "Agency",
    "AgencyInvolvement",
    "AllocationRecord",
    "Case",
    "ChronologyEvent",
    "ChronologyEventKind",
    "Concern",
    "FamilyNetwork",
    "Hazard",
    "Household",
    "HouseholdView",
    "NetworkEdge",
    "NetworkNode",
    "NetworkNodeKind",
    "Person",
    "PossibleDuplicate",
    "Provenance",
    "SourceRecord",
    "Worker",
]


@strawberry.type(description="Where a record came from: the agency and its own record id.")
class Provenance:
    source_agency_id: str | None
    source_record_id: str | None

    @classmethod
    def of(cls, row: Row) -> Provenance:
        return cls(
            source_agency_id=row.get("source_agency"), source_record_id=row.get("source_record_id")
        )


@strawberry.type(description="A warning about risk to visiting staff. Always shown.")
class Hazard:
    id: strawberry.ID
    kind: str
    kind_label: str
    description: str
    recorded_on: date | None
    review_on: date | None
    review_overdue: bool
    person_id: str | None
    address_id: str | None
    provenance: Provenance

    @classmethod
    def of(cls, row: Row, today: date) -> Hazard:
        review_on = row.get("review_on")
        return cls(
            id=strawberry.ID(row["id"]),
            kind=row["kind"],
            kind_label=HazardKind(row["kind"]).label,
            description=row.get("description") or "",
            recorded_on=row.get("recorded_on"),
            review_on=review_on,
            review_overdue=review_on is not None and review_on < today,
            person_id=row.get("person_id"),
            address_id=row.get("address_id"),
            provenance=Provenance.of(row),
        )


@strawberry.type
class Agency:
    id: strawberry.ID
    name: str
    kind: str
    code: str | None = strawberry.field(default=None, description="Its own short code.")

    @classmethod
    def of(cls, row: Row) -> Agency:
        return cls(
            id=strawberry.ID(row["id"]), name=row["name"], kind=row["kind"], code=row.get("code")
        )


@strawberry.type(description="One agency's record of a person, as it sent it.")
class SourceRecord:
    id: strawberry.ID
    person_id: strawberry.ID = strawberry.field(description="The person it is a record of.")
    given_name: str
    family_name: str
    date_of_birth: date | None
    sex: str | None
    provenance: Provenance
    linked_at: datetime | None = strawberry.field(
        description="When it was linked into the person; null for the person's own record."
    )
    address: Address | None = strawberry.field(
        default=None, description="Where this record has them living now (for a reviewer)."
    )

    @classmethod
    def of(cls, row: Row, person_id: str) -> SourceRecord:
        return cls(
            id=strawberry.ID(row["id"]),
            person_id=strawberry.ID(person_id),
            given_name=row["given_name"],
            family_name=row["family_name"],
            date_of_birth=row.get("date_of_birth"),
            sex=row.get("sex"),
            provenance=Provenance.of(row),
            linked_at=row.get("linked_at"),
            address=Address.of(row["address"]) if row.get("address") else None,
        )


@strawberry.type(description="Another person who may be this one: a pair awaiting review.")
class PossibleDuplicate:
    review_id: strawberry.ID
    person_id: strawberry.ID = strawberry.field(description="The other person.")
    band: str = strawberry.field(description="auto_link or review: how strong the match is.")
    match_weight: float = strawberry.field(
        description="log2 of the odds that the two records are one person."
    )

    @classmethod
    def of(cls, row: Row) -> PossibleDuplicate:
        return cls(
            review_id=strawberry.ID(row["review_id"]),
            person_id=strawberry.ID(row["person_id"]),
            band=row["band"],
            match_weight=row["match_weight"],
        )


@strawberry.type
class AgencyInvolvement:
    agency: Agency
    reference: str | None
    since: date | None
    until: date | None

    @classmethod
    def of(cls, row: Row) -> AgencyInvolvement:
        return cls(
            agency=Agency.of(row["agency"]),
            reference=row.get("reference"),
            since=row.get("since"),
            until=row.get("until"),
        )


@strawberry.type
class Worker:
    id: strawberry.ID
    given_name: str
    family_name: str
    role: str
    team: str | None
    locality: str | None
    capabilities: list[str]
    asye: bool
    caseload_limit: int | None

    @classmethod
    def of(cls, row: Row) -> Worker:
        return cls(
            id=strawberry.ID(row["id"]),
            given_name=row["given_name"],
            family_name=row["family_name"],
            role=row["role"],
            team=row.get("team"),
            locality=row.get("locality"),
            capabilities=list(row.get("capabilities") or []),
            asye=bool(row.get("asye")),
            caseload_limit=row.get("caseload_limit"),
        )


@strawberry.type(description="Who allocated a case, when, and whether they followed the plan.")
class AllocationRecord:
    worker_id: strawberry.ID
    from_date: date | None
    allocated_by: str | None
    allocated_at: datetime | None
    suggested_worker_id: strawberry.ID | None
    followed_suggestion: bool | None
    override_reason: str | None
    reallocation_reason: str | None
    complexity_score: float | None
    complexity_band: str | None

    @classmethod
    def of(cls, row: Row) -> AllocationRecord:
        suggested = row.get("suggested_worker_id")
        return cls(
            worker_id=strawberry.ID(row["worker_id"]),
            from_date=row.get("from_date"),
            allocated_by=row.get("allocated_by"),
            allocated_at=row.get("allocated_at"),
            suggested_worker_id=strawberry.ID(suggested) if suggested else None,
            followed_suggestion=row.get("followed_suggestion"),
            override_reason=row.get("override_reason"),
            reallocation_reason=row.get("reallocation_reason"),
            complexity_score=row.get("complexity_score"),
            complexity_band=row.get("complexity_band"),
        )


@strawberry.type
class Case:
    id: strawberry.ID
    kind: str
    status: str
    opened_on: date | None
    closed_on: date | None
    allocated_worker: Worker | None
    allocation: AllocationRecord | None
    subject_ids: list[str]
    provenance: Provenance
    decided_on: date | None = None
    assessment_completed_on: date | None = None
    strategy_discussion_on: date | None = None
    initial_conference_on: date | None = None

    @classmethod
    def of(cls, row: Row) -> Case:
        worker = row.get("worker")
        return cls(
            id=strawberry.ID(row["id"]),
            kind=row["kind"],
            status=row["status"],
            opened_on=row.get("opened_on"),
            closed_on=row.get("closed_on"),
            allocated_worker=Worker.of(worker) if worker else None,
            allocation=AllocationRecord.of(row["allocation"]) if row.get("allocation") else None,
            subject_ids=list(row.get("subject_ids") or []),
            provenance=Provenance.of(row),
            **{milestone.value: row.get(milestone.value) for milestone in Milestone},
        )

    @strawberry.field(
        description="The statutory timescales that apply (Working Together 2023, in working "
        "days in England) and where each stands on a date (today if not given)."
    )
    async def timescales(
        self, info: strawberry.Info, as_of: date | None = None
    ) -> list[CaseTimescale]:
        return [CaseTimescale.of(s) for s in timescales_of(vars(self), as_of or info.context.today)]


def timescales_of(case: Mapping[str, Any], on: date) -> list[TimescaleStatus]:
    """A case's statutory timescales on `on`, from its kind and dates (a row or a `Case`)."""
    milestones = {m: case.get(m.value) for m in Milestone}
    return case_timescales(
        CaseKind(case["kind"]), case.get("opened_on"), case.get("closed_on"), milestones, on
    )


TimescaleView = strawberry.enum(Timescale, name="Timescale")
TimescaleStateView = strawberry.enum(TimescaleState, name="TimescaleState")


@strawberry.type(description="One statutory timescale of a case: the rule, its dates, its state.")
class CaseTimescale:
    timescale: TimescaleView  # type: ignore[valid-type]
    started_on: date
    due_on: date
    done_on: date | None
    state: TimescaleStateView  # type: ignore[valid-type]
    working_days_left: int | None = strawberry.field(
        description="Working days until due, negative once overdue; null once done or closed."
    )
    basis: str = strawberry.field(description="The rule, as Working Together states it.")

    @classmethod
    def of(cls, status: TimescaleStatus) -> CaseTimescale:
        return cls(
            timescale=status.timescale,
            started_on=status.started_on,
            due_on=status.due_on,
            done_on=status.done_on,
            state=status.state,
            working_days_left=status.working_days_left,
            basis=status.basis,
        )


@strawberry.type
class Address:
    id: strawberry.ID
    line1: str | None
    town: str | None
    postcode: str | None
    area: str | None
    since: date | None = None
    protected: bool = strawberry.field(
        default=False,
        description="A protected address (for example a refuge): its details are withheld "
        "unless the request states a break-glass reason.",
    )

    @classmethod
    def of(cls, row: Row) -> Address:
        return cls(
            id=strawberry.ID(row["id"]),
            line1=row.get("line1"),
            town=row.get("town"),
            postcode=row.get("postcode"),
            area=row.get("area"),
            since=row.get("since"),
            protected=bool(row.get("protected")),
        )


@strawberry.type
class Household:
    id: strawberry.ID
    kind: str | None
    area: str | None
    locality: str | None
    address: Address | None
    since: date | None = None

    @classmethod
    def of(cls, row: Row) -> Household:
        address = row.get("address")
        return cls(
            id=strawberry.ID(row["id"]),
            kind=row.get("kind"),
            area=row.get("area"),
            locality=row.get("locality"),
            address=Address.of(address) if address else None,
            since=row.get("since"),
        )


@strawberry.type
class Concern:
    id: strawberry.ID
    code: str
    code_label: str
    headline_problem: int | None
    status: str
    raised_on: date | None
    closed_on: date | None
    severity: str | None
    description: str | None
    raised_by_agency_id: str | None
    subject_id: str | None
    provenance: Provenance
    outcome: str | None = strawberry.field(default=None, description="Why it was closed.")
    closed_by: str | None = strawberry.field(default=None, description="Who closed it.")
    withheld: bool = strawberry.field(
        default=False,
        description="A sensitive category your role has no need to know: code, label and "
        "description are withheld.",
    )

    @classmethod
    def of(cls, row: Row) -> Concern:
        code = ConcernCode(row["code"])
        return cls(
            id=strawberry.ID(row["id"]),
            code=code.value,
            code_label=code.label,
            headline_problem=int(code.headline) if code.headline else None,
            status=row["status"],
            raised_on=row.get("raised_on"),
            closed_on=row.get("closed_on"),
            severity=row.get("severity"),
            description=row.get("description"),
            raised_by_agency_id=row.get("raised_by"),
            subject_id=row.get("subject_id"),
            provenance=Provenance.of(row),
            outcome=row.get("outcome"),
            closed_by=row.get("closed_by"),
        )


@strawberry.type(description="A person, with every hazard on them or where they live.")
class Person:
    id: strawberry.ID
    given_name: str
    family_name: str
    full_name: str
    sex: str | None
    date_of_birth: date | None
    age: int | None = strawberry.field(description="Completed years today (or on asOf).")
    deceased_on: date | None
    hazards: list[Hazard] = strawberry.field(description="Never omitted; empty means none.")
    provenance: Provenance
    awaiting_review: bool = strawberry.field(
        default=False, description="Whether a possible duplicate awaits a reviewer's decision."
    )
    # Households, addresses, agencies and cases: loaded (batched) only when selected.
    links: strawberry.Private[Row | None] = None
    on: strawberry.Private[date | None] = None

    async def _links(self, info: strawberry.Info) -> Row:
        if self.links is None:
            self.links = await info.context.loaders.person_links(self.on).load(str(self.id))
        return self.links

    @strawberry.field(description="Households the person is a member of (on asOf).")
    async def households(self, info: strawberry.Info) -> list[Household]:
        return [Household.of(h) for h in (await self._links(info))["households"]]

    @strawberry.field(description="Addresses the person lives at (on asOf).")
    async def addresses(self, info: strawberry.Info) -> list[Address]:
        return [Address.of(a) for a in (await self._links(info))["addresses"]]

    @strawberry.field(description="Agencies that know the person, with their references.")
    async def known_to(self, info: strawberry.Info) -> list[AgencyInvolvement]:
        return [AgencyInvolvement.of(k) for k in (await self._links(info))["known_to"]]

    @strawberry.field(description="Open cases about the person, with the allocated worker.")
    async def open_cases(self, info: strawberry.Info) -> list[Case]:
        return [Case.of(c) for c in (await self._links(info))["open_cases"]]

    @strawberry.field(
        description="Every agency's record of this person (linked as one), this one first."
    )
    async def records(self, info: strawberry.Info) -> list[SourceRecord]:
        return [SourceRecord.of(r, str(self.id)) for r in (await self._links(info))["records"]]

    @strawberry.field(description="Pairs with other people awaiting a reviewer's decision.")
    async def possible_duplicates(self, info: strawberry.Info) -> list[PossibleDuplicate]:
        return [PossibleDuplicate.of(r) for r in (await self._links(info))["possible_duplicates"]]

    @classmethod
    def of(cls, row: Row, on: date) -> Person:
        person: dict[str, Any] = row["person"]
        hazards = [*row.get("person_hazards", []), *row.get("address_hazards", [])]
        return cls(
            id=strawberry.ID(person["id"]),
            given_name=person["given_name"],
            family_name=person["family_name"],
            full_name=person.get("full_name") or f"{person['given_name']} {person['family_name']}",
            sex=person.get("sex"),
            date_of_birth=person.get("date_of_birth"),
            age=age_on(person.get("date_of_birth"), person.get("deceased_on") or on),
            deceased_on=person.get("deceased_on"),
            hazards=[Hazard.of(h, on) for h in hazards],
            provenance=Provenance.of(person),
            awaiting_review=bool(row.get("awaiting_review")),
            links=row if "known_to" in row else None,
            on=on,
        )


@strawberry.enum
class NetworkNodeKind(Enum):
    PERSON = "person"
    HOUSEHOLD = "household"
    ADDRESS = "address"
    AGENCY = "agency"
    CONCERN = "concern"
    WORKER = "worker"


@strawberry.type
class NetworkNode:
    id: strawberry.ID
    kind: NetworkNodeKind
    label: str
    restricted: strawberry.Private[bool] = False


@strawberry.type(description="A dated, sourced relationship between two nodes of a network.")
class NetworkEdge:
    id: strawberry.ID
    type: str
    source: strawberry.ID
    target: strawberry.ID
    kind: str | None
    parental_responsibility: bool | None
    from_date: date | None
    to_date: date | None
    provenance: Provenance
    restricted: strawberry.Private[bool] = False

    @classmethod
    def of(cls, row: Row) -> NetworkEdge:
        return cls(
            restricted=bool(row.get("restricted")),
            id=strawberry.ID(row["id"]),
            type=row["type"],
            source=strawberry.ID(row["source"]),
            target=strawberry.ID(row["target"]),
            kind=row.get("kind"),
            parental_responsibility=row.get("parental_responsibility"),
            from_date=row.get("from_date"),
            to_date=row.get("to_date"),
            provenance=Provenance.of(row),
        )


@strawberry.type
class FamilyNetwork:
    person_id: strawberry.ID
    as_of: date
    depth: int
    people: list[Person]
    households: list[Household]
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    concerns: list[Concern]
    hazards: list[Hazard] = strawberry.field(description="Every hazard in the network.")
    truncated: bool


@strawberry.enum
class ChronologyEventKind(Enum):
    CONCERN_RAISED = "concern_raised"
    CONCERN_CLOSED = "concern_closed"
    CASE_OPENED = "case_opened"
    CASE_CLOSED = "case_closed"
    CASE_ALLOCATED = "case_allocated"
    REFERRAL_DECISION = "referral_decision"
    ASSESSMENT_COMPLETED = "assessment_completed"
    STRATEGY_DISCUSSION = "strategy_discussion"
    INITIAL_CONFERENCE = "initial_conference"
    RELATIONSHIP_STARTED = "relationship_started"
    RELATIONSHIP_ENDED = "relationship_ended"
    MOVED_IN = "moved_in"
    MOVED_OUT = "moved_out"
    HAZARD_RECORDED = "hazard_recorded"


@strawberry.type
class ChronologyEvent:
    on: date
    kind: ChronologyEventKind
    summary: str
    person_id: str | None
    related_id: str | None
    source_agency_id: str | None
    detail: strawberry.Private[str | None] = None
    restricted: strawberry.Private[bool] = False


@strawberry.type(description="A household and its current members, hazards included.")
class HouseholdView(Household):
    member_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def members(self, info: strawberry.Info) -> list[Person]:
        people = await info.context.loaders.person.load_many(self.member_ids)
        return [person for person in people if person is not None]

    @classmethod
    def of(cls, row: Row) -> HouseholdView:
        base = Household.of(row["household"])
        return cls(**{**vars(base), "member_ids": row["members"]})
