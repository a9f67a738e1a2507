"""What every write shares: who writes and what they may reach, checked references, clean
text, provenance, and idempotency keys. A write validates everything, then writes in one
transaction, or raises a domain error inside it and writes nothing."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import neo4j.exceptions

from graph_service.model.errors import AlreadyRecorded, InvalidRequest, NotFound
from graph_service.model.rules import ProblemKind
from graph_service.security.disclosure import Disclosure
from graph_service.services.reader import Reader
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.store.values import Row

__all__ = [
    "MAX_IDENTITY_RECORDS",
    "MAX_TEXT",
    "Kind",
    "Ref",
    "Writer",
    "dated",
    "idempotent",
    "lookup",
    "new_id",
    "no_overlap",
    "provenance",
    "source",
    "text",
]

MAX_TEXT = 2000
MAX_IDENTITY_RECORDS = 100  # records linked into one person


@dataclass(frozen=True)
class Writer:
    """Who writes: the user recorded with what they decide, whose idempotency keys these
    are (`caller`: role, user and agency), and what they may reach."""

    user: str
    caller: str
    reach: Reader

    @classmethod
    def of(cls, disclosure: Disclosure, today: date) -> Writer:
        """The request's caller as a writer: its idempotency keys bound to its role, user
        and agency (the same for GraphQL and the pages, so a key means one thing)."""
        principal = disclosure.principal
        caller = f"{principal.role.value}\x00{principal.user}\x00{principal.agency_id or ''}"
        return cls(principal.user, caller, Reader.of(disclosure, today))

    @property
    def today(self) -> date:
        return self.reach.today

    def params(self) -> dict[str, Any]:
        """The reach as the lookup query takes it. An agency-scoped writer writes only about
        people in its scope (and households with one of them, or none yet), and nobody refers
        to a protected address without breaking glass: to them the rest answers as an
        unknown id would."""
        return {"scopeAgency": self.reach.scope_agency, "seeProtected": self.reach.see_protected}


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def text(name: str, value: str | None, required: bool = True) -> str | None:
    """Trimmed text of at most MAX_TEXT characters; a required one must not be blank."""
    if value is None:
        if required:
            raise InvalidRequest(name, f"{name} is required")
        return None
    cleaned = value.strip()
    if required and not cleaned:
        raise InvalidRequest(name, f"{name} must not be blank")
    if len(cleaned) > MAX_TEXT:
        raise InvalidRequest(name, f"{name} is longer than {MAX_TEXT} characters")
    return cleaned


def provenance(agency: str | None, record: str | None) -> dict[str, Any]:
    return {"source_agency": agency, "source_record_id": record}


def source(agency: str, record: str) -> dict[str, Any]:
    """Where a fact was recorded: the agency, and its own record id (which must not be blank)."""
    return provenance(agency, text("sourceRecordId", record))


def dated(start: date, end: date | None, agency: str, record: str) -> dict[str, Any]:
    """A relationship's dates and where it was recorded."""
    return {"from_date": start, "to_date": end, **source(agency, record)}


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


_FOUND: dict[Kind, Callable[[Row], set[str]]] = {
    Kind.PERSON: lambda row: {p["id"] for p in row["people"]},
    Kind.AGENCY: lambda row: set(row["agencies"]),
    Kind.HOUSEHOLD: lambda row: set(row["households"]),
    Kind.ADDRESS: lambda row: set(row["addresses"]),
    Kind.WORKER: lambda row: {w["id"] for w in row["workers"]},
    Kind.CASE: lambda row: {c["id"] for c in row["cases"]},
    Kind.HAZARD: lambda row: set(row["hazards"]),
    Kind.CONCERN: lambda row: {c["id"] for c in row["concerns"]},
}


async def lookup(tx: WriteTransaction, writer: Writer, *refs: Ref) -> Row:
    """Fetch the referenced records; a missing one, or one out of the writer's reach,
    is not found, naming its field."""
    params: dict[str, list[str]] = {kind.value: [] for kind in Kind}
    for ref in refs:
        params[ref.kind.value] += ref.ids
    row = (await tx.run("entity_lookup", **params, **writer.params()))[0]
    for ref in refs:
        found = _FOUND[ref.kind](row)
        for item in ref.ids:
            if item not in found:
                raise NotFound(ref.field, item)
    for person in row["people"]:
        if person.get("identity_id"):
            # A fact recorded on a record linked into someone stays that record's (an
            # un-merge takes it along); the person it joined is given its copy.
            identity = person["identity_id"]
            tx.defer("identity_rederive", personId=identity, maxRecords=MAX_IDENTITY_RECORDS)
    return row


async def no_overlap(
    tx: WriteTransaction, a: str, b: str, kind: str, start: date, end: date | None, field: str
) -> None:
    """No relationship of `kind` between a and b whose dates overlap one on record: such a
    one is already recorded, named by `field`."""
    clash = await tx.run(
        "relationship_overlapping", fromId=a, toId=b, type=kind, fromDate=start, toDate=end
    )
    if clash:
        raise AlreadyRecorded(
            field,
            clash[0]["id"],
            f"{a} and {b} already have a {kind} relationship over those dates",
        )


def _caller_key(caller: str, key: str) -> str:
    """The key as stored: bound to who sent it, so callers' keys never meet."""
    return hashlib.sha256(f"{caller}\x00{key}".encode()).hexdigest()


def _fingerprint(operation: str, request: object) -> str:
    """What a retry must repeat exactly: the operation and its input, canonically."""
    canonical = json.dumps([operation, vars(request)], sort_keys=True, default=repr)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def idempotent(
    gateway: GraphGateway,
    writer: Writer,
    key: str | None,
    operation: str,
    request: object,
    work: Callable[[WriteTransaction], Awaitable[str]],
) -> str:
    """Apply `work` once per idempotency key; return the id of what it wrote.

    A key belongs to its caller (another caller's same key is another key) and to one
    input: used again with a different one, the write is refused and nothing is written."""
    scoped = _caller_key(writer.caller, key) if key is not None else None
    fingerprint = _fingerprint(operation, request)

    async def guarded(tx: WriteTransaction) -> str:
        if scoped is not None:
            seen = await tx.run("idempotency_lookup", key=scoped)
            if seen:
                if (seen[0]["operation"], seen[0]["input_hash"]) != (operation, fingerprint):
                    raise InvalidRequest(
                        "idempotencyKey",
                        "this key was used for a different request; "
                        "use a new key for a new request",
                        ProblemKind.IDEMPOTENCY_CONFLICT,
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
        return await gateway.write(guarded)
    except neo4j.exceptions.ConstraintError:
        if scoped is None:
            raise
        # Another request with the same key won the race: answer with its result.
        return await gateway.write(guarded)
