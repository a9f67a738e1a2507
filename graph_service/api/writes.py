"""Mutations: validate everything, then write atomically, or write nothing and say why."""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum, StrEnum
from typing import Annotated, Any, ParamSpec, TypeVar

import neo4j.exceptions
import strawberry
from strawberry.types import Info

from graph_service.allocation.decision import AllocationDecision, allocation_decision
from graph_service.allocation.planner import PlanError
from graph_service.api.context import RequestContext
from graph_service.api.errors import (
    DuplicateError,
    NotFoundError,
    ValidationCode,
    ValidationError,
)
from graph_service.model import rules
from graph_service.model.names import phonetic_key
from graph_service.model.rules import ProblemKind
from graph_service.model.taxonomy import (
    CaseKind,
    ConcernCode,
    HazardKind,
    HouseholdKind,
    ParentKind,
    PartnerKind,
    Severity,
    Sex,
)
from graph_service.model.timescales import Milestone, milestone_problem
from graph_service.services.errors import InvalidRequest
from graph_service.services.people import normalise_postcode
from graph_service.store.gateway import Row, WriteTransaction
from graph_service.views.records import (
    Address,
    Case,
    Concern,
    Hazard,
    HouseholdView,
    NetworkEdge,
    Person,
)

__all__ = ["Mutation"]

Ctx = Info[RequestContext, None]
P = ParamSpec("P")
R = TypeVar("R")
SexInput = strawberry.enum(Sex, name="Sex")
ParentKindInput = strawberry.enum(ParentKind, name="ParentKind")
PartnerKindInput = strawberry.enum(PartnerKind, name="PartnerKind")
HazardKindInput = strawberry.enum(HazardKind, name="HazardKind")
CaseKindInput = strawberry.enum(CaseKind, name="CaseKind")
HouseholdKindInput = strawberry.enum(HouseholdKind, name="HouseholdKind")
MilestoneInput = strawberry.enum(Milestone, name="CaseMilestone")
SeverityInput = strawberry.enum(Severity, name="Severity")
MAX_TEXT = 2000


@strawberry.enum
class RelationshipType(Enum):
    PARENT_OF = "PARENT_OF"
    PARTNER_OF = "PARTNER_OF"
    CARES_FOR = "CARES_FOR"
    ASSOCIATES_WITH = "ASSOCIATES_WITH"


class Rejected(Exception):
    """Raised inside a write to abandon it (the transaction rolls back) with a user error."""

    def __init__(self, error: NotFoundError | ValidationError | DuplicateError) -> None:
        super().__init__(error.message)
        self.error = error


def invalid(field: str, message: str, code: ValidationCode) -> Rejected:
    return Rejected(ValidationError(message=message, field=field, reason=code))


def _check(problem: rules.Problem | None) -> None:
    """A rule's problem as the API says it: a duplicate, or a validation error by kind."""
    if problem is None:
        return
    if problem.code is ProblemKind.ALREADY_RECORDED:
        raise Rejected(
            DuplicateError(
                message=problem.message, field=problem.field, existing_id=problem.existing_id or ""
            )
        )
    raise invalid(problem.field, problem.message, ValidationCode[problem.code.name])


def _text(field: str, value: str | None, required: bool = True) -> str | None:
    if value is None:
        if required:
            raise invalid(field, f"{field} is required", ValidationCode.INVALID_VALUE)
        return None
    cleaned = value.strip()
    if required and not cleaned:
        raise invalid(field, f"{field} must not be blank", ValidationCode.INVALID_VALUE)
    if len(cleaned) > MAX_TEXT:
        raise invalid(
            field, f"{field} is longer than {MAX_TEXT} characters", ValidationCode.INVALID_VALUE
        )
    return cleaned


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


@strawberry.input
class PersonInput:
    given_name: str
    family_name: str
    date_of_birth: date | None = None
    sex: SexInput = Sex.UNKNOWN  # type: ignore[valid-type]
    deceased_on: date | None = None
    ordinarily_resident_uk: bool = True
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input
class PersonUpdateInput:
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: date | None = None
    sex: SexInput | None = None  # type: ignore[valid-type]
    deceased_on: date | None = strawberry.field(
        default=strawberry.UNSET,
        description="Left out: unchanged. null: clears a date of death recorded in error.",
    )
    ordinarily_resident_uk: bool | None = None


@strawberry.input
class RelationshipInput:
    type: RelationshipType
    from_person_id: strawberry.ID
    to_person_id: strawberry.ID
    parent_kind: ParentKindInput | None = None  # type: ignore[valid-type]
    partner_kind: PartnerKindInput | None = None  # type: ignore[valid-type]
    parental_responsibility: bool | None = None
    from_date: date
    to_date: date | None = None
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input(
    description="A person joining a household (a birth, a new partner, a child "
    "placed with family), from a date."
)
class HouseholdMembershipInput:
    person_id: strawberry.ID
    household_id: strawberry.ID
    from_date: date
    to_date: date | None = None
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input(description="A person moving to a known address on a date.")
class MoveInput:
    person_id: strawberry.ID
    address_id: strawberry.ID
    moved_on: date
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input(description="An address not yet on record: a new tenancy, a refuge.")
class AddressInput:
    line1: str
    town: str | None = None
    postcode: str
    area: str | None = strawberry.field(
        default=None,
        description="The area of the borough the analyses filter by: one already on record. "
        "When not given, the area most addresses in the postcode district are in.",
    )
    protected: bool = strawberry.field(
        default=False,
        description="A refuge or other address whose details are withheld unless the "
        "request states a break-glass reason.",
    )
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input(description="A household not yet on record, at a known address if given.")
class HouseholdInput:
    kind: HouseholdKindInput  # type: ignore[valid-type]
    address_id: strawberry.ID | None = None
    since: date | None = strawberry.field(
        default=None, description="When the household began at the address; today if not given."
    )
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input
class ConcernInput:
    code: str
    person_id: strawberry.ID | None = None
    household_id: strawberry.ID | None = None
    raised_on: date
    raised_by_agency_id: strawberry.ID
    severity: SeverityInput = Severity.MEDIUM  # type: ignore[valid-type]
    description: str | None = None
    source_record_id: str


@strawberry.input
class HazardInput:
    kind: HazardKindInput  # type: ignore[valid-type]
    description: str
    person_id: strawberry.ID | None = None
    address_id: strawberry.ID | None = None
    recorded_on: date
    review_on: date
    source_agency_id: strawberry.ID


@strawberry.input
class CaseInput:
    kind: CaseKindInput  # type: ignore[valid-type]
    person_ids: list[strawberry.ID]
    opened_on: date
    agency_id: strawberry.ID


@strawberry.type(description="A relationship as recorded.")
class RelationshipRecord:
    relationship: NetworkEdge


PersonPayload = Annotated[
    Person | NotFoundError | ValidationError | DuplicateError, strawberry.union("PersonPayload")
]
RelationshipPayload = Annotated[
    RelationshipRecord | NotFoundError | ValidationError | DuplicateError,
    strawberry.union("RelationshipPayload"),
]
ConcernPayload = Annotated[
    Concern | NotFoundError | ValidationError, strawberry.union("ConcernPayload")
]
HazardPayload = Annotated[
    Hazard | NotFoundError | ValidationError, strawberry.union("HazardPayload")
]
AddressPayload = Annotated[
    Address | NotFoundError | ValidationError | DuplicateError, strawberry.union("AddressPayload")
]
HouseholdPayload = Annotated[
    HouseholdView | NotFoundError | ValidationError, strawberry.union("HouseholdPayload")
]
CasePayload = Annotated[Case | NotFoundError | ValidationError, strawberry.union("CasePayload")]


def _caller_key(info: Ctx, key: str) -> str:
    """The key as stored: bound to who sent it, so callers' keys never meet."""
    principal = info.context.disclosure.principal
    owner = f"{principal.role.value}\x00{principal.user}\x00{principal.agency_id or ''}"
    return hashlib.sha256(f"{owner}\x00{key}".encode()).hexdigest()


def _fingerprint(operation: str, request: object) -> str:
    """What a retry must repeat exactly: the operation and its input, canonically."""
    text = json.dumps([operation, vars(request)], sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


def _reach(info: Ctx) -> dict[str, Any]:
    """What a writer can reach. An agency-scoped caller writes only about people in its
    scope (and households with one of them, or none yet), and nobody refers to a protected
    address without breaking glass: to them the rest answers as an unknown id would."""
    disclosure = info.context.disclosure
    return {"scopeAgency": disclosure.scope_agency, "seeProtected": disclosure.break_glass}


class Kind(StrEnum):
    """Kinds of record an input can name, as the lookup query takes their ids."""

    PERSON = "personIds"
    AGENCY = "agencyIds"
    HOUSEHOLD = "householdIds"
    ADDRESS = "addressIds"
    WORKER = "workerIds"
    CASE = "caseIds"
    HAZARD = "hazardIds"
    CONCERN = "concernIds"


@dataclass(frozen=True)
class Ref:
    """Records of one kind that an input names, and the field that named them."""

    kind: Kind
    field: str
    ids: Sequence[str]


async def _lookup(tx: WriteTransaction, reach: dict[str, Any], *refs: Ref) -> Row:
    """Fetch the referenced records; a missing one, or one out of the writer's reach,
    rejects the write naming its field."""
    params: dict[str, list[str]] = {kind.value: [] for kind in Kind}
    fields: dict[tuple[str, str], str] = {}
    for ref in refs:
        params[ref.kind.value] += ref.ids
        for item in ref.ids:
            fields[(ref.kind.value, item)] = ref.field
    row = (await tx.run("entity_lookup", **params, **reach))[0]
    found = {
        Kind.PERSON: {p["id"] for p in row["people"]},
        Kind.AGENCY: set(row["agencies"]),
        Kind.HOUSEHOLD: set(row["households"]),
        Kind.ADDRESS: set(row["addresses"]),
        Kind.WORKER: {w["id"] for w in row["workers"]},
        Kind.CASE: {c["id"] for c in row["cases"]},
        Kind.HAZARD: set(row["hazards"]),
        Kind.CONCERN: {c["id"] for c in row["concerns"]},
    }
    for (key, item), name in fields.items():
        if item not in found[Kind(key)]:
            raise Rejected(
                NotFoundError(
                    message=f"{name}: no record with id {item!r}", field=name, missing_id=item
                )
            )
    return row


async def _idempotent(
    info: Ctx,
    key: str | None,
    operation: str,
    request: object,
    work: Callable[[WriteTransaction], Awaitable[str]],
) -> str:
    """Apply `work` once per idempotency key; return the id of what it wrote.

    A key belongs to its caller (another caller's same key is another key) and to one
    input: used again with a different one, the write is refused and nothing is written."""
    scoped = _caller_key(info, key) if key is not None else None
    fingerprint = _fingerprint(operation, request)

    async def guarded(tx: WriteTransaction) -> str:
        if scoped is not None:
            seen = await tx.run("idempotency_lookup", key=scoped)
            if seen:
                if (seen[0]["operation"], seen[0]["input_hash"]) != (operation, fingerprint):
                    raise invalid(
                        "idempotencyKey",
                        "this key was used for a different request; "
                        "use a new key for a new request",
                        ValidationCode.IDEMPOTENCY_CONFLICT,
                    )
                return str(seen[0]["result_id"])
        result_id = await work(tx)
        if scoped is not None:
            await tx.run(
                "idempotency_record",
                key=scoped,
                operation=operation,
                inputHash=fingerprint,
                resultId=result_id,
            )
        return result_id

    try:
        return await info.context.gateway.write(guarded)
    except neo4j.exceptions.ConstraintError:
        if scoped is None:
            raise
        # Another request with the same key won the race: answer with its result.
        return await info.context.gateway.write(guarded)


def _provenance(agency: str, record: str | None) -> dict[str, Any]:
    return {"source_agency": agency, "source_record_id": record}


def _person_props(
    data: PersonInput | PersonUpdateInput, today: date, partial: bool
) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for field in ("given_name", "family_name"):
        value = getattr(data, field)
        if value is not None or not partial:
            props[field] = _text(_camel(field), value)
    deceased = None if data.deceased_on is strawberry.UNSET else data.deceased_on
    _check(rules.future_date_problem(data.date_of_birth, "dateOfBirth", today))
    _check(rules.future_date_problem(deceased, "deceasedOn", today))
    _check(rules.date_range_problem(data.date_of_birth, deceased, "dateOfBirth", "deceasedOn"))
    for field in ("date_of_birth", "ordinarily_resident_uk"):
        value = getattr(data, field)
        if value is not None or not partial:
            props[field] = value
    if data.deceased_on is not strawberry.UNSET or not partial:
        props["deceased_on"] = deceased  # null clears it (SET += drops null properties)
    if data.sex is not None:
        props["sex"] = Sex(data.sex).value
    return props


def _camel(field: str) -> str:
    head, *rest = field.split("_")
    return head + "".join(word.capitalize() for word in rest)


def _source(agency: str, record: str) -> dict[str, Any]:
    """Where a fact was recorded: the agency, and its own record id (which must not be blank)."""
    return _provenance(str(agency), _text("sourceRecordId", record))


def _dated(start: date, end: date | None, agency: str, record: str) -> dict[str, Any]:
    """A relationship's dates and where it was recorded."""
    return {"from_date": start, "to_date": end, **_source(agency, record)}


def _relationship_props(data: RelationshipInput) -> dict[str, Any]:
    props = _dated(data.from_date, data.to_date, data.source_agency_id, data.source_record_id)
    if data.type is RelationshipType.PARENT_OF:
        if data.parent_kind is None:
            raise invalid(
                "parentKind", "parentKind is required for PARENT_OF", ValidationCode.INVALID_VALUE
            )
        props["kind"] = ParentKind(data.parent_kind).value
        props["parental_responsibility"] = bool(data.parental_responsibility)
    elif data.type is RelationshipType.PARTNER_OF:
        if data.partner_kind is None:
            raise invalid(
                "partnerKind",
                "partnerKind is required for PARTNER_OF",
                ValidationCode.INVALID_VALUE,
            )
        props["kind"] = PartnerKind(data.partner_kind).value
    return props


async def _no_overlap(
    tx: WriteTransaction, a: str, b: str, kind: str, start: date, end: date | None, field: str
) -> None:
    """Reject a relationship of `kind` between a and b whose dates overlap one on record,
    naming `field` as the duplicate."""
    clash = await tx.run(
        "relationship_overlapping", fromId=a, toId=b, type=kind, fromDate=start, toDate=end
    )
    if clash:
        raise Rejected(
            DuplicateError(
                message=f"{a} and {b} already have a {kind} relationship over those dates",
                field=field,
                existing_id=clash[0]["id"],
            )
        )


async def _relationship_result(
    info: Ctx, person_id: str, relationship_id: str
) -> RelationshipRecord:
    rows = await info.context.gateway.read(
        "relationship_by_id", personId=person_id, relationshipId=relationship_id
    )
    return RelationshipRecord(relationship=NetworkEdge.of(rows[0]["relationship"]))


async def _person_result(info: Ctx, person_id: str) -> Person:
    person = await info.context.loaders.person.load(person_id)
    assert person is not None  # just written in a committed transaction
    return person


async def _one(info: Ctx, query: str, key: str, record_id: str) -> Row:
    rows = await info.context.gateway.read(query, id=record_id)
    return dict(rows[0][key])


def _user_errors(handler: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Turn a rejected write into its typed error result."""

    @functools.wraps(handler)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await handler(*args, **kwargs)
        except Rejected as rejected:
            return rejected.error  # type: ignore[return-value]  # each payload union has it

    return wrapper


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Record a person known to an agency.")
    @_user_errors
    async def create_person(
        self, info: Ctx, input: PersonInput, idempotency_key: str | None = None
    ) -> PersonPayload:
        props = _person_props(input, info.context.today, partial=False)
        agency, record = (
            str(input.source_agency_id),
            _text("sourceRecordId", input.source_record_id),
        )
        props |= _provenance(agency, record)
        props["full_name"] = f"{props['given_name']} {props['family_name']}"

        async def work(tx: WriteTransaction) -> str:
            await _lookup(tx, _reach(info), Ref(Kind.AGENCY, "sourceAgencyId", [agency]))
            existing = await tx.run(
                "person_by_source_record", sourceAgencyId=agency, sourceRecordId=record
            )
            if existing:
                raise Rejected(
                    DuplicateError(
                        message=f"{agency} already recorded {record!r} as {existing[0]['id']}",
                        field="sourceRecordId",
                        existing_id=existing[0]["id"],
                    )
                )
            rows = await tx.run(
                "person_create",
                id=_new_id("P"),
                props=_with_phonetic(props),
                agencyId=agency,
                reference=record,
                knownToId=_new_id("RK"),
                since=info.context.today,
            )
            return str(rows[0]["id"])

        person_id = await _idempotent(info, idempotency_key, "createPerson", input, work)
        return await _person_result(info, person_id)

    @strawberry.mutation(description="Correct a person's recorded details.")
    @_user_errors
    async def update_person(
        self, info: Ctx, id: strawberry.ID, input: PersonUpdateInput
    ) -> PersonPayload:
        props = _person_props(input, info.context.today, partial=True)

        async def work(tx: WriteTransaction) -> str:
            row = await _lookup(tx, _reach(info), Ref(Kind.PERSON, "id", [str(id)]))
            current = row["people"][0]
            merged = {**current, **props}
            _check(
                rules.date_range_problem(
                    merged.get("date_of_birth"),
                    merged.get("deceased_on"),
                    "dateOfBirth",
                    "deceasedOn",
                )
            )
            if "given_name" in props or "family_name" in props:
                props["full_name"] = f"{merged['given_name']} {merged['family_name']}"
            await tx.run("person_update", id=str(id), props=_with_phonetic(props))
            return str(id)

        return await _person_result(info, await info.context.gateway.write(work))

    @strawberry.mutation(description="Record a typed, dated, sourced relationship.")
    @_user_errors
    async def record_relationship(
        self, info: Ctx, input: RelationshipInput, idempotency_key: str | None = None
    ) -> RelationshipPayload:
        a, b = str(input.from_person_id), str(input.to_person_id)
        if a == b:
            raise invalid(
                "toPersonId",
                "a person cannot have a relationship with themselves",
                ValidationCode.SELF_RELATIONSHIP,
            )
        _check(rules.date_range_problem(input.from_date, input.to_date, "fromDate", "toDate"))
        _check(rules.future_date_problem(input.from_date, "fromDate", info.context.today))
        props = _relationship_props(input)

        async def work(tx: WriteTransaction) -> str:
            row = await _lookup(
                tx,
                _reach(info),
                Ref(Kind.PERSON, "fromPersonId", [a]),
                Ref(Kind.PERSON, "toPersonId", [b]),
                Ref(Kind.AGENCY, "sourceAgencyId", [str(input.source_agency_id)]),
            )
            births = {p["id"]: p.get("date_of_birth") for p in row["people"]}
            if input.type is RelationshipType.PARTNER_OF:
                kind = PartnerKind(props["kind"])
                _check(rules.partner_age_problem(kind, births, input.from_date))
            if input.type is RelationshipType.PARENT_OF:
                _check(rules.parent_age_problem(births[a], births[b]))
            await _no_overlap(tx, a, b, input.type.value, input.from_date, input.to_date, "type")
            rows = await tx.run(
                "relationship_record",
                fromId=a,
                toId=b,
                type=input.type.value,
                id=_new_id("R"),
                props=props,
            )
            return str(rows[0]["relationship"]["id"])

        rel_id = await _idempotent(info, idempotency_key, "recordRelationship", input, work)
        return await _relationship_result(info, a, rel_id)

    @strawberry.mutation(description="End a relationship on a date.")
    @_user_errors
    async def end_relationship(
        self,
        info: Ctx,
        person_id: strawberry.ID,
        relationship_id: strawberry.ID,
        end_date: date,
        source_agency_id: strawberry.ID,
    ) -> RelationshipPayload:
        _check(rules.future_date_problem(end_date, "endDate", info.context.today))

        async def work(tx: WriteTransaction) -> str:
            await _lookup(
                tx,
                _reach(info),
                Ref(Kind.PERSON, "personId", [str(person_id)]),
                Ref(Kind.AGENCY, "sourceAgencyId", [str(source_agency_id)]),
            )
            found = await tx.run(
                "relationship_by_id", personId=str(person_id), relationshipId=str(relationship_id)
            )
            if not found:
                raise Rejected(
                    NotFoundError(
                        message=f"relationshipId: {person_id} has no relationship "
                        f"{relationship_id!r}",
                        field="relationshipId",
                        missing_id=str(relationship_id),
                    )
                )
            current = found[0]["relationship"]
            if current.get("to_date") is not None:
                raise invalid(
                    "relationshipId",
                    f"already ended on {current['to_date']}",
                    ValidationCode.ALREADY_ENDED,
                )
            _check(
                rules.date_range_problem(current.get("from_date"), end_date, "fromDate", "endDate")
            )
            await tx.run(
                "relationship_end",
                personId=str(person_id),
                relationshipId=str(relationship_id),
                endDate=end_date,
                sourceAgencyId=str(source_agency_id),
            )
            return str(relationship_id)

        await info.context.gateway.write(work)
        return await _relationship_result(info, str(person_id), str(relationship_id))

    @strawberry.mutation(
        description="Record an address not yet on record; a move can then name it."
    )
    @_user_errors
    async def create_address(
        self, info: Ctx, input: AddressInput, idempotency_key: str | None = None
    ) -> AddressPayload:
        line1 = " ".join(str(_text("line1", input.line1)).split())
        postcode, agency = _postcode(input.postcode), str(input.source_agency_id)
        area = _text("area", input.area, required=False) or None
        props = {
            "line1": line1,
            "town": _text("town", input.town, required=False),
            "postcode": postcode,
            "protected": input.protected,
            **_source(agency, input.source_record_id),
        }

        async def work(tx: WriteTransaction) -> str:
            await _lookup(tx, _reach(info), Ref(Kind.AGENCY, "sourceAgencyId", [agency]))
            same = await tx.run(
                "address_same_line",
                postcode=postcode,
                words=line1.lower().split(),
                seeProtected=info.context.disclosure.break_glass,
            )
            if same:
                raise Rejected(
                    DuplicateError(
                        message=f"{line1}, {postcode} is already recorded as {same[0]['id']}",
                        field="line1",
                        existing_id=same[0]["id"],
                    )
                )
            props["area"] = await _area(tx, area, postcode)
            rows = await tx.run("address_create", id=_new_id("AD"), props=props)
            return str(rows[0]["id"])

        address_id = await _idempotent(info, idempotency_key, "createAddress", input, work)
        return Address.of(await _one(info, "address_by_id", "address", address_id))

    @strawberry.mutation(
        description="Record a household not yet on record; people then join it with joinHousehold."
    )
    @_user_errors
    async def create_household(
        self, info: Ctx, input: HouseholdInput, idempotency_key: str | None = None
    ) -> HouseholdPayload:
        agency = str(input.source_agency_id)
        address = str(input.address_id) if input.address_id is not None else None
        _check(rules.future_date_problem(input.since, "since", info.context.today))
        source = _source(agency, input.source_record_id)
        props = {"kind": HouseholdKind(input.kind).value, **source}
        located = {"from_date": input.since or info.context.today, **source}

        async def work(tx: WriteTransaction) -> str:
            await _lookup(
                tx,
                _reach(info),
                Ref(Kind.AGENCY, "sourceAgencyId", [agency]),
                Ref(Kind.ADDRESS, "addressId", [address] if address else []),
            )
            rows = await tx.run(
                "household_create",
                id=_new_id("H"),
                props=props,
                addressId=address,
                locatedId=_new_id("R"),
                locatedProps=located,
            )
            return str(rows[0]["id"])

        household_id = await _idempotent(info, idempotency_key, "createHousehold", input, work)
        rows = await info.context.gateway.read("household_by_id", id=household_id)
        return HouseholdView.of(rows[0])

    @strawberry.mutation(description="Record a person as a member of a household from a date.")
    @_user_errors
    async def join_household(
        self, info: Ctx, input: HouseholdMembershipInput, idempotency_key: str | None = None
    ) -> RelationshipPayload:
        person, household = str(input.person_id), str(input.household_id)
        _check(rules.date_range_problem(input.from_date, input.to_date, "fromDate", "toDate"))
        _check(rules.future_date_problem(input.from_date, "fromDate", info.context.today))
        props = _dated(
            input.from_date, input.to_date, input.source_agency_id, input.source_record_id
        )

        async def work(tx: WriteTransaction) -> str:
            row = await _lookup(
                tx,
                _reach(info),
                Ref(Kind.PERSON, "personId", [person]),
                Ref(Kind.HOUSEHOLD, "householdId", [household]),
                Ref(Kind.AGENCY, "sourceAgencyId", [str(input.source_agency_id)]),
            )
            _check(_lifetime_problem(row, input.from_date, "fromDate"))
            await _no_overlap(
                tx, person, household, "MEMBER_OF", input.from_date, input.to_date, "householdId"
            )
            rows = await tx.run(
                "household_member_record",
                personId=person,
                householdId=household,
                id=_new_id("R"),
                props=props,
            )
            return str(rows[0]["relationship"]["id"])

        rel_id = await _idempotent(info, idempotency_key, "joinHousehold", input, work)
        return await _relationship_result(info, person, rel_id)

    @strawberry.mutation(
        description="Record a move to a known address: the person lives there from movedOn, "
        "and the addresses they lived at end the day before."
    )
    @_user_errors
    async def record_move(
        self, info: Ctx, input: MoveInput, idempotency_key: str | None = None
    ) -> RelationshipPayload:
        person, address = str(input.person_id), str(input.address_id)
        _check(rules.future_date_problem(input.moved_on, "movedOn", info.context.today))
        props = _dated(input.moved_on, None, input.source_agency_id, input.source_record_id)

        async def work(tx: WriteTransaction) -> str:
            row = await _lookup(
                tx,
                _reach(info),
                Ref(Kind.PERSON, "personId", [person]),
                Ref(Kind.ADDRESS, "addressId", [address]),
                Ref(Kind.AGENCY, "sourceAgencyId", [str(input.source_agency_id)]),
            )
            _check(_lifetime_problem(row, input.moved_on, "movedOn"))
            homes = await tx.run("person_homes_from", personId=person, on=input.moved_on)
            _check(rules.move_problem(homes, address, input.moved_on))
            rows = await tx.run(
                "move_record",
                personId=person,
                addressId=address,
                id=_new_id("R"),
                props=props,
                movedOn=input.moved_on,
                endedOn=input.moved_on - timedelta(days=1),
                sourceAgencyId=str(input.source_agency_id),
            )
            return str(rows[0]["relationship"]["id"])

        rel_id = await _idempotent(info, idempotency_key, "recordMove", input, work)
        return await _relationship_result(info, person, rel_id)

    @strawberry.mutation(description="Record a concern about a person or a household.")
    @_user_errors
    async def record_concern(
        self, info: Ctx, input: ConcernInput, idempotency_key: str | None = None
    ) -> ConcernPayload:
        code = _concern_code(input.code)
        if (input.person_id is None) == (input.household_id is None):
            raise invalid(
                "personId",
                "give exactly one of personId or householdId",
                ValidationCode.INVALID_VALUE,
            )
        _check(rules.future_date_problem(input.raised_on, "raisedOn", info.context.today))
        agency = str(input.raised_by_agency_id)
        props = {
            "code": code.value,
            "status": "open",
            "raised_on": input.raised_on,
            "severity": Severity(input.severity).value,
            "description": _text("description", input.description, required=False),
            **_provenance(agency, _text("sourceRecordId", input.source_record_id)),
        }
        subject = (
            Ref(Kind.PERSON, "personId", [str(input.person_id)])
            if input.person_id
            else Ref(Kind.HOUSEHOLD, "householdId", [str(input.household_id)])
        )

        async def work(tx: WriteTransaction) -> str:
            await _lookup(tx, _reach(info), subject, Ref(Kind.AGENCY, "raisedByAgencyId", [agency]))
            rows = await tx.run(
                "concern_record",
                id=_new_id("C"),
                props=props,
                agencyId=agency,
                personId=input.person_id,
                householdId=input.household_id,
                subjectRelationshipId=_new_id("R"),
                raisedByRelationshipId=_new_id("R"),
                relationshipProps={"from_date": input.raised_on, **_provenance(agency, None)},
            )
            return str(rows[0]["id"])

        concern_id = await _idempotent(info, idempotency_key, "recordConcern", input, work)
        return Concern.of(await _one(info, "concern_by_id", "concern", concern_id))

    @strawberry.mutation(
        description="Close a concern that no longer applies, saying why; from "
        "the day it closes, the analyses no longer count it."
    )
    @_user_errors
    async def close_concern(
        self, info: Ctx, id: strawberry.ID, closed_on: date, outcome: str
    ) -> ConcernPayload:
        _check(rules.future_date_problem(closed_on, "closedOn", info.context.today))
        why = _text("outcome", outcome)

        async def work(tx: WriteTransaction) -> str:
            concern = (await _lookup(tx, _reach(info), Ref(Kind.CONCERN, "id", [str(id)])))[
                "concerns"
            ][0]
            if concern["status"] == "closed":
                raise invalid("id", f"concern {id} is already closed", ValidationCode.ALREADY_ENDED)
            _check(
                rules.date_range_problem(
                    concern.get("raised_on"), closed_on, "raisedOn", "closedOn"
                )
            )
            await tx.run(
                "concern_close",
                id=str(id),
                closedOn=closed_on,
                closed="closed",
                outcome=why,
                closedBy=info.context.disclosure.principal.user,
            )
            return str(id)

        await info.context.gateway.write(work)
        return Concern.of(await _one(info, "concern_by_id", "concern", str(id)))

    @strawberry.mutation(description="Add a hazard warning to a person or an address.")
    @_user_errors
    async def add_hazard(
        self, info: Ctx, input: HazardInput, idempotency_key: str | None = None
    ) -> HazardPayload:
        if (input.person_id is None) == (input.address_id is None):
            raise invalid(
                "personId",
                "give exactly one of personId or addressId",
                ValidationCode.INVALID_VALUE,
            )
        _check(
            rules.date_range_problem(input.recorded_on, input.review_on, "recordedOn", "reviewOn")
        )
        _check(rules.future_date_problem(input.recorded_on, "recordedOn", info.context.today))
        agency = str(input.source_agency_id)
        hazard_id = _new_id("HZ")
        props = {
            "kind": HazardKind(input.kind).value,
            "recorded_on": input.recorded_on,
            "review_on": input.review_on,
            "description": _text("description", input.description),
            **_provenance(agency, hazard_id),
        }
        subject = (
            Ref(Kind.PERSON, "personId", [str(input.person_id)])
            if input.person_id
            else Ref(Kind.ADDRESS, "addressId", [str(input.address_id)])
        )

        async def work(tx: WriteTransaction) -> str:
            await _lookup(tx, _reach(info), subject, Ref(Kind.AGENCY, "sourceAgencyId", [agency]))
            rows = await tx.run(
                "hazard_add",
                id=hazard_id,
                props=props,
                personId=input.person_id,
                addressId=input.address_id,
                relationshipId=_new_id("R"),
                relationshipProps={"from_date": input.recorded_on, **_provenance(agency, None)},
            )
            return str(rows[0]["id"])

        result_id = await _idempotent(info, idempotency_key, "addHazard", input, work)
        return Hazard.of(await _one(info, "hazard_by_id", "hazard", result_id), info.context.today)

    @strawberry.mutation(description="Record a review of a hazard and when it is next due.")
    @_user_errors
    async def review_hazard(
        self, info: Ctx, id: strawberry.ID, review_on: date, description: str | None = None
    ) -> HazardPayload:
        today = info.context.today
        if review_on < today:
            raise invalid(
                "reviewOn",
                f"reviewOn {review_on} is in the past",
                ValidationCode.INVALID_DATE_RANGE,
            )
        text = _text("description", description, required=False)

        async def work(tx: WriteTransaction) -> str:
            await _lookup(tx, _reach(info), Ref(Kind.HAZARD, "id", [str(id)]))
            await tx.run(
                "hazard_review", id=str(id), reviewOn=review_on, reviewedOn=today, description=text
            )
            return str(id)

        await info.context.gateway.write(work)
        return Hazard.of(await _one(info, "hazard_by_id", "hazard", str(id)), today)

    @strawberry.mutation(description="Open a case about one or more people.")
    @_user_errors
    async def open_case(
        self, info: Ctx, input: CaseInput, idempotency_key: str | None = None
    ) -> CasePayload:
        people = list(dict.fromkeys(str(p) for p in input.person_ids))
        if not 1 <= len(people) <= 20:
            raise invalid("personIds", "give between 1 and 20 people", ValidationCode.INVALID_VALUE)
        _check(rules.future_date_problem(input.opened_on, "openedOn", info.context.today))
        agency, case_id = str(input.agency_id), _new_id("CS")
        props = {
            "kind": CaseKind(input.kind).value,
            "status": "open",
            "opened_on": input.opened_on,
            **_provenance(agency, case_id),
        }

        async def work(tx: WriteTransaction) -> str:
            await _lookup(
                tx,
                _reach(info),
                Ref(Kind.PERSON, "personIds", people),
                Ref(Kind.AGENCY, "agencyId", [agency]),
            )
            rows = await tx.run(
                "case_open",
                id=case_id,
                props=props,
                agencyId=agency,
                subjects=[{"personId": p, "relationshipId": _new_id("R")} for p in people],
                relationshipProps={"from_date": input.opened_on, **_provenance(agency, None)},
            )
            return str(rows[0]["id"])

        result_id = await _idempotent(info, idempotency_key, "openCase", input, work)
        return Case.of(await _one(info, "case_by_id", "case", result_id))

    @strawberry.mutation(description="Close a case; its allocation ends the same day.")
    @_user_errors
    async def close_case(self, info: Ctx, id: strawberry.ID, closed_on: date) -> CasePayload:
        _check(rules.future_date_problem(closed_on, "closedOn", info.context.today))

        async def work(tx: WriteTransaction) -> str:
            case = (await _lookup(tx, _reach(info), Ref(Kind.CASE, "id", [str(id)])))["cases"][0]
            if case["status"] == "closed":
                raise invalid("id", f"case {id} is already closed", ValidationCode.ALREADY_ENDED)
            _check(
                rules.date_range_problem(case.get("opened_on"), closed_on, "openedOn", "closedOn")
            )
            await tx.run("case_close", id=str(id), closedOn=closed_on, closed="closed")
            return str(id)

        await info.context.gateway.write(work)
        return Case.of(await _one(info, "case_by_id", "case", str(id)))

    @strawberry.mutation(
        description="Record when a step of a children's case happened: the "
        "decision on the referral, the assessment, the strategy discussion or "
        "the initial conference (see Case.timescales)."
    )
    @_user_errors
    async def record_case_milestone(
        self,
        info: Ctx,
        case_id: strawberry.ID,
        milestone: MilestoneInput,  # type: ignore[valid-type]
        on: date,
    ) -> CasePayload:
        step = Milestone(milestone)
        _check(rules.future_date_problem(on, "on", info.context.today))

        async def work(tx: WriteTransaction) -> str:
            case = (await _lookup(tx, _reach(info), Ref(Kind.CASE, "caseId", [str(case_id)])))[
                "cases"
            ][0]
            recorded = {m: case.get(m.value) for m in Milestone}
            _check(
                milestone_problem(
                    CaseKind(case["kind"]),
                    case.get("opened_on"),
                    case.get("closed_on"),
                    recorded,
                    step,
                    on,
                )
            )
            await tx.run("case_milestone", id=str(case_id), props={step.value: on})
            return str(case_id)

        await info.context.gateway.write(work)
        return Case.of(await _one(info, "case_by_id", "case", str(case_id)))

    @strawberry.mutation(
        description="Allocate an open case to a worker from a date, recording who decided (the "
        "signed-in user) and whether the suggestion was followed (a reason is required when it "
        "was not). The hard rules (agency, AMHP, Best Interests Assessor, ASYE, caseload "
        "limit) always apply, checked inside the write with the case and worker locked. A "
        "case that already has a worker is reallocated only with a reallocationReason."
    )
    @_user_errors
    async def allocate_case(
        self,
        info: Ctx,
        case_id: strawberry.ID,
        worker_id: strawberry.ID,
        from_date: date,
        suggested_worker_id: strawberry.ID | None = None,
        reason: str | None = None,
        allocated_by: Annotated[
            str | None,
            strawberry.argument(description="Optional; must be the signed-in user when given."),
        ] = None,
        reallocation_reason: Annotated[
            str | None,
            strawberry.argument(
                description="Why a case that has a worker moves to another (or again to the "
                "same): required then."
            ),
        ] = None,
    ) -> CasePayload:
        _check(rules.future_date_problem(from_date, "fromDate", info.context.today))
        by = info.context.disclosure.principal.user
        if allocated_by is not None and allocated_by.strip() != by:
            raise invalid(
                "allocatedBy",
                f"is recorded from your sign-in ({by}); it cannot be someone else",
                ValidationCode.INVALID_VALUE,
            )
        why = _text("reason", reason, required=False)
        moving = _text("reallocationReason", reallocation_reason, required=False)
        case, worker = str(case_id), str(worker_id)

        async def work(tx: WriteTransaction) -> str:
            ids = (Ref(Kind.CASE, "caseId", [case]), Ref(Kind.WORKER, "workerId", [worker]))
            row = await _lookup(tx, _reach(info), *ids)
            if row["cases"][0]["status"] != "open":
                raise invalid("caseId", f"case {case} is closed", ValidationCode.ALREADY_ENDED)
            [held] = await tx.run("allocation_lock", caseId=case, workerId=worker)
            _check_allocation_dates(held, from_date, moving)
            decision = await _decide(info, tx, case, worker, suggested_worker_id)
            if not decision.followed and why is None:
                raise invalid(
                    "reason",
                    f"give a reason: the suggestion was {decision.suggested}",
                    ValidationCode.INVALID_VALUE,
                )
            agency = row["cases"][0].get("source_agency")
            record = {
                "from_date": from_date,
                "allocated_by": by,
                "allocated_at": datetime.now(UTC),
                "followed_suggestion": decision.followed,
                "suggested_worker_id": decision.suggested_id,
                "override_reason": why,
                "reallocation_reason": moving,
                "complexity_score": decision.complexity.score,
                "complexity_band": decision.complexity.band.value,
            }
            await tx.run(
                "case_allocate",
                caseId=case,
                workerId=worker,
                fromDate=from_date,
                id=_new_id("R"),
                props={**record, **_provenance(agency, None)},
                involvementProps={
                    "from_date": from_date,
                    "role": "allocated worker",
                    **_provenance(agency, None),
                },
            )
            return case

        await info.context.gateway.write(work)
        return Case.of(await _one(info, "case_by_id", "case", case))


async def _decide(
    info: Ctx, tx: WriteTransaction, case: str, worker: str, suggested: strawberry.ID | None
) -> AllocationDecision:
    """The hard rules and the suggestion, read inside the allocating transaction (after its
    locks), so that no other allocation can change a caseload between check and write."""
    try:
        settings = info.context.settings
        decision = await allocation_decision(
            tx.run,
            case,
            worker,
            info.context.today,
            str(suggested) if suggested else None,
            settings.complexity,
            settings.allocation,
        )
    except PlanError as error:
        field = {"caseIds": "caseId", "workerIds": "workerId"}.get(error.field, error.field)
        if error.missing_id is not None:
            raise Rejected(
                NotFoundError(message=error.problem, field=field, missing_id=error.missing_id)
            ) from None
        raise invalid(field, error.problem, ValidationCode.ALREADY_ENDED) from None
    info.context.disclosure.consulted(decision.complexity.people)
    if decision.problem is not None:
        field, message = decision.problem
        raise invalid(field, message, ValidationCode.RULE_BROKEN)
    return decision


def _check_allocation_dates(held: Row, from_date: date, moving: str | None) -> None:
    """An allocation starts within the case's life, after the one it replaces; replacing
    one takes a stated reason."""
    opened = held.get("opened_on")
    if opened is not None and from_date < opened:
        raise invalid(
            "fromDate",
            f"must not be before the case opened on {opened}",
            ValidationCode.INVALID_DATE_RANGE,
        )
    current = held.get("current")
    if current is None:
        return
    if moving is None:
        raise invalid(
            "reallocationReason",
            f"the case is allocated to {current['worker_id']} "
            f"from {current['from_date']}: give a reason to reallocate it",
            ValidationCode.INVALID_VALUE,
        )
    if from_date < current["from_date"]:
        raise invalid(
            "fromDate",
            f"must not be before the current allocation began on {current['from_date']}",
            ValidationCode.INVALID_DATE_RANGE,
        )


def _concern_code(value: str) -> ConcernCode:
    try:
        code = ConcernCode(value.strip().upper())
    except ValueError:
        raise invalid(
            "code", f"{value!r} is not in the concern taxonomy", ValidationCode.INVALID_CODE
        ) from None
    if code.info.deprecated:
        raise invalid(
            "code", f"{code.value} is deprecated: {code.label}", ValidationCode.INVALID_CODE
        )
    return code


def _lifetime_problem(lookup: Row, on: date, field: str) -> rules.Problem | None:
    """The one person a lookup found was alive on the date."""
    person = lookup["people"][0]
    return rules.lifetime_problem(person.get("date_of_birth"), person.get("deceased_on"), on, field)


async def _area(tx: WriteTransaction, area: str | None, postcode: str) -> str | None:
    """The stated area if it is one on record, else the postcode district's."""
    district = postcode.split(" ")[0] + " "
    found = (await tx.run("address_area", area=area, district=district))[0]
    if not found["known"]:
        raise invalid("area", f"{area!r} is not an area on record", ValidationCode.INVALID_VALUE)
    return area or found["district_area"]


def _postcode(value: str) -> str:
    try:
        return normalise_postcode(value)
    except InvalidRequest as error:
        raise invalid("postcode", error.problem, ValidationCode.INVALID_VALUE) from None


def _with_phonetic(props: dict[str, Any]) -> dict[str, Any]:
    if "given_name" in props or "family_name" in props:
        name = props.get("full_name") or ""
        return {**props, "name_phonetic": phonetic_key(name)}
    return props
