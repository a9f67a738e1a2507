"""Identity resolution: one person however many agencies recorded them.

A new record is scored against everyone already recorded, and each possible duplicate is
put to a reviewer. A reviewer confirms a pair (the two records become one person), rejects
it (remembered: the pair is never proposed again), or un-merges a record at any time
(it is its own person again, with everything its agency recorded). Each decision is
checked, written in one transaction, and kept with who took it, when and why."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph_service.linkage.bands import banded
from graph_service.linkage.candidates import CandidateScorer, name_frequencies
from graph_service.linkage.records import PersonRecord, transposed
from graph_service.linkage.scoring import MODEL_VERSION, ScoredPair, load_model, score_pairs
from graph_service.model.errors import InvalidRequest, NotFound
from graph_service.model.match_bands import Band, LinkThresholds, band_of
from graph_service.model.rules import ProblemKind
from graph_service.model.taxonomy import CaseKind
from graph_service.services import people
from graph_service.services.people import NewPerson, lucene_name_query, people_by_id
from graph_service.services.reader import Reader
from graph_service.services.writing import MAX_IDENTITY_RECORDS, Writer, new_id, text
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.store.values import Row
from graph_service.views.identities import LinkDecision, MatchReview, Unmerged
from graph_service.views.records import Person, SourceRecord

__all__ = [
    "LinkRun",
    "Linkage",
    "confirm_match",
    "create_person",
    "find_duplicates",
    "link_decisions",
    "link_everyone",
    "match_review",
    "possible_duplicates",
    "reject_match",
    "review_queue",
    "unmerge_record",
]

MAX_RECORDS = MAX_IDENTITY_RECORDS
CANDIDATES = 200  # records blocking may bring for one arriving record
MAX_NAMES = 5_000_000
MAX_DECISIONS = 200
MAX_PEOPLE = 2_000_000  # linking everyone: a region's records fit one machine's memory
PROPOSAL_BATCH = 1000
AUTO_LINK_REASON = (
    f"Auto-linked: match weight in the auto-link band (linkage model {MODEL_VERSION})"
)


@dataclass(frozen=True)
class LinkRun:
    """What linking everyone did: records compared, pairs put to review, pairs linked
    without review (the auto-link band), and auto-link pairs refused as unsafe (left to a
    reviewer)."""

    records: int
    proposed: int
    linked: int
    refused: int


class Linkage:
    """The scoring a process keeps: the trained model with the population's name
    frequencies, read from the graph on first use (they drift slowly; a restart renews
    them). Scores run in a worker thread, so the event loop goes on serving."""

    def __init__(self, thresholds: LinkThresholds, model: dict[str, Any] | None = None) -> None:
        self.thresholds = thresholds
        self._model = model
        self._scorer: CandidateScorer | None = None
        self._lock = asyncio.Lock()

    @property
    def model(self) -> dict[str, Any]:
        if self._model is None:
            self._model = load_model()
        return self._model

    async def scorer(self, gateway: GraphGateway) -> CandidateScorer:
        async with self._lock:
            if self._scorer is None:
                rows = await gateway.read_in_turns("linkage_names", limit=MAX_NAMES)
                names = [(r["given_name"] or "", r["family_name"] or "") for r in rows]
                self._scorer = await asyncio.to_thread(
                    CandidateScorer, self.model, name_frequencies(names)
                )
            return self._scorer

    async def score(
        self, gateway: GraphGateway, arriving: PersonRecord, candidates: Sequence[PersonRecord]
    ) -> list[ScoredPair]:
        scorer = await self.scorer(gateway)
        threshold = self.thresholds.review
        return await asyncio.to_thread(scorer.score, arriving, candidates, threshold)


async def create_person(
    gateway: GraphGateway,
    linkage: Linkage,
    writer: Writer,
    new: NewPerson,
    key: str | None = None,
) -> Person:
    """Record a person (`people.create_person`) and, before answering, score them against
    everyone already recorded: they come back with their possible duplicates."""
    created = await people.create_person(gateway, writer, new, key)
    if not await find_duplicates(gateway, linkage, writer, str(created.id)):
        return created  # nothing proposed: as just read
    [person] = await people_by_id(gateway, [str(created.id)], writer.today)
    return person or created


async def find_duplicates(
    gateway: GraphGateway, linkage: Linkage, writer: Writer, record_id: str
) -> list[ScoredPair]:
    """Score one record against everyone already recorded and put each possible duplicate
    to a reviewer (a pair decided before keeps its decision); the pairs, best first."""
    pairs = await possible_duplicates(gateway, linkage, record_id)
    if pairs:
        bands = [band_of(pair.match_weight, linkage.thresholds) for pair in pairs]
        proposals = [_proposal(p, b) for p, b in zip(pairs, bands, strict=True)]
        await _propose(gateway, writer, proposals)
    return pairs


async def possible_duplicates(
    gateway: GraphGateway, linkage: Linkage, record_id: str
) -> list[ScoredPair]:
    """One record scored against the records blocking finds for it in the graph (by date
    of birth, as recorded or transposed, and by names alike): the pairs in a band."""
    [arriving] = await _source_records(gateway, [record_id])
    record = _linkage_record(arriving)
    try:
        names = lucene_name_query(f"{record.given_name} {record.family_name}")
    except InvalidRequest:  # no letter in the name: nothing to compare it with
        return []
    rows = await gateway.read(
        "linkage_candidates",
        recordId=record_id,
        dateOfBirth=record.date_of_birth,
        dateTransposed=transposed(record.date_of_birth),
        index="person_names",
        lucene=names,
        limit=CANDIDATES,
    )
    return await linkage.score(gateway, record, [_linkage_record(r) for r in rows])


async def link_everyone(gateway: GraphGateway, linkage: Linkage, writer: Writer) -> LinkRun:
    """Link the whole graph: every pair the model scores in a band is put to review, and
    each auto-link pair (in a group where every two records are one) is linked at once,
    unless linking it is unsafe, when it waits for a reviewer. Idempotent: pairs decided
    before keep their decision."""
    rows = await gateway.read_in_turns("linkage_people", limit=MAX_PEOPLE)
    records = [_linkage_record(row) for row in rows]
    pairs = await asyncio.to_thread(score_pairs, linkage.model, records, linkage.thresholds.review)
    bands = banded(pairs, linkage.thresholds)
    proposals = [_proposal(p, Band.AUTO_LINK) for p in bands.auto_link]
    proposals += [_proposal(p, Band.REVIEW) for p in bands.review]
    pending: list[str] = []
    for start in range(0, len(proposals), PROPOSAL_BATCH):
        batch = proposals[start : start + PROPOSAL_BATCH]
        written = await _propose(gateway, writer, batch)
        pending += [
            r["id"] for r in written if r["band"] == "auto_link" and r["status"] == "pending"
        ]
    linked = refused = 0
    for review_id in pending:
        try:
            await _confirm(gateway, writer, review_id, AUTO_LINK_REASON)
            linked += 1
        except InvalidRequest as unsafe:
            refused += unsafe.kind is ProblemKind.UNSAFE_MERGE
    return LinkRun(len(records), len(proposals), linked, refused)


async def _propose(
    gateway: GraphGateway, writer: Writer, proposals: list[dict[str, Any]]
) -> list[Row]:
    async def work(tx: WriteTransaction) -> list[Row]:
        return await tx.run(
            "match_review_propose", pairs=proposals, modelVersion=MODEL_VERSION, user=writer.user
        )

    return await gateway.write(work)


async def review_queue(
    gateway: GraphGateway, reader: Reader, person_id: str | None, offset: int, limit: int
) -> list[MatchReview]:
    """Pairs awaiting a decision, strongest first (about one person, if named)."""
    rows = await gateway.read(
        "match_reviews_pending", personId=person_id, offset=offset, limit=limit
    )
    return await _reviews(gateway, reader, [row["review"] for row in rows])


async def match_review(gateway: GraphGateway, reader: Reader, review_id: str) -> MatchReview | None:
    """One review, decided or not; None when there is no such review."""
    rows = await gateway.read("match_review_by_id", reviewId=review_id)
    if not rows:
        return None
    [review] = await _reviews(gateway, reader, [rows[0]["review"]])
    return review


async def confirm_match(
    gateway: GraphGateway, writer: Writer, review_id: str, reason: str
) -> Person:
    """The pair's records become one person: the person with more records (or recorded
    first) stands for both, and the other's records are linked into it. Refused, naming
    why, if the two must not be one (see `identity_link_refusals`)."""
    person_id = await _confirm(gateway, writer, review_id, text("reason", reason))
    [person] = await people_by_id(gateway, [person_id], writer.today)
    assert person is not None  # just written in a committed transaction
    return person


async def _confirm(gateway: GraphGateway, writer: Writer, review_id: str, why: str | None) -> str:
    """Link the pair's people in one transaction, checked; the id of the person kept."""

    async def work(tx: WriteTransaction) -> str:
        review = await _pending(tx, review_id)
        left = await _identity(tx, review["left_id"])
        right = await _identity(tx, review["right_id"])
        if left["identity_id"] == right["identity_id"]:
            raise InvalidRequest(
                "reviewId", "these records are one person already", ProblemKind.ALREADY_DECIDED
            )
        keep, join = sorted([left, right], key=_survivor_order)
        await _refuse_if_unsafe(tx, keep["identity_id"], join["identity_id"])
        decision = new_id("LD")
        [linked] = await tx.run(
            "identity_link",
            keepId=keep["identity_id"],
            joinId=join["identity_id"],
            user=writer.user,
            decisionId=decision,
        )
        await tx.run("identity_rederive", personId=keep["identity_id"], maxRecords=MAX_RECORDS)
        await _decide(tx, writer, review_id, "confirmed", why, decision)
        await tx.run(
            "match_reviews_settled",
            keepId=keep["identity_id"],
            user=writer.user,
            reason=f"One person already, by review {review_id}",
            decisionId=decision,
        )
        await _record_decision(
            tx,
            writer,
            decision,
            "confirmed",
            keep["identity_id"],
            [keep["identity_id"], *linked["record_ids"]],
            why,
            review_id,
        )
        return str(keep["identity_id"])

    return await gateway.write(work)


async def reject_match(
    gateway: GraphGateway, writer: Writer, review_id: str, reason: str
) -> MatchReview:
    """The pair is two people: remembered, so it is never proposed again."""
    why = text("reason", reason)

    async def work(tx: WriteTransaction) -> None:
        review = await _pending(tx, review_id)
        decision = new_id("LD")
        await _decide(tx, writer, review_id, "rejected", why, decision)
        identity = await _identity(tx, review["left_id"])
        records = [review["left_id"], review["right_id"]]
        await _record_decision(
            tx, writer, decision, "rejected", identity["identity_id"], records, why, review_id
        )

    await gateway.write(work)
    review = await match_review(gateway, writer.reach, review_id)
    assert review is not None  # just decided in a committed transaction
    return review


async def unmerge_record(
    gateway: GraphGateway, writer: Writer, record_id: str, reason: str
) -> Unmerged:
    """Take a record out of the person it was linked into: it is its own person again,
    with its relationships, concerns and hazards, and the rest of the person keeps theirs.
    If it was the person's own record, the record linked first stands for the rest. The
    record is never proposed with them again."""
    why = text("reason", reason)

    async def work(tx: WriteTransaction) -> tuple[str, str]:
        found = await _identity(tx, record_id, field="recordId")
        identity, linked = str(found["identity_id"]), found["linked"]
        if not linked:
            raise InvalidRequest("recordId", "is not linked with any other record")
        remaining = identity
        if record_id == identity:  # the person's own record leaves: a successor stands
            remaining = str(linked[0]["id"])
            await tx.run("identity_unmerge", recordId=remaining)
            await tx.run("identity_move_records", fromId=record_id, toId=remaining)
        else:
            await tx.run("identity_unmerge", recordId=record_id)
        for person in (remaining, record_id):
            await tx.run("identity_rederive", personId=person, maxRecords=MAX_RECORDS)
        decision = new_id("LD")
        others = [r for r in (identity, *(x["id"] for x in linked)) if r != record_id]
        await tx.run(
            "match_review_forbid",
            pairs=[_pair(record_id, other) for other in others],
            user=writer.user,
            reason=why,
            decisionId=decision,
        )
        await _record_decision(
            tx, writer, decision, "unmerged", remaining, [record_id, *others], why, None
        )
        return remaining, record_id

    remaining, record = await gateway.write(work)
    person, own = await people_by_id(gateway, [remaining, record], writer.today)
    return Unmerged(person=person, record=own)


async def link_decisions(gateway: GraphGateway, person_id: str) -> list[LinkDecision]:
    """Every decision about a person's records, newest first; none for an unknown id."""
    rows = await gateway.read("identity_records", recordId=person_id, maxRecords=MAX_RECORDS)
    if not rows:
        return []
    ids = [rows[0]["identity_id"], *(r["id"] for r in rows[0]["linked"])]
    found = await gateway.read("link_decisions", recordIds=ids, limit=MAX_DECISIONS)
    return [LinkDecision.of(row["decision"]) for row in found]


async def _reviews(gateway: GraphGateway, reader: Reader, rows: list[Row]) -> list[MatchReview]:
    ids = sorted({row[side] for row in rows for side in ("left_id", "right_id")})
    records = {str(r.id): r for r in await _view_records(gateway, ids)}
    people_ids = sorted({str(r.person_id) for r in records.values()})
    people = dict(
        zip(people_ids, await people_by_id(gateway, people_ids, reader.today), strict=True)
    )
    return [MatchReview.of(row, records, people) for row in rows]


async def _view_records(gateway: GraphGateway, ids: list[str]) -> list[SourceRecord]:
    return [SourceRecord.of(r, r["person_id"]) for r in await _source_records(gateway, ids)]


async def _source_records(gateway: GraphGateway, ids: list[str]) -> list[Row]:
    if not ids:
        return []
    rows = await gateway.read("source_records", ids=ids, limit=len(ids))
    found = [row["record"] for row in rows]
    if len(found) < len(set(ids)):
        missing = sorted(set(ids) - {r["id"] for r in found})
        raise NotFound("recordId", missing[0])
    return found


async def _pending(tx: WriteTransaction, review_id: str) -> Row:
    rows = await tx.run("match_review_by_id", reviewId=review_id)
    if not rows:
        raise NotFound("reviewId", review_id)
    review: Row = rows[0]["review"]
    if review["status"] != "pending":
        raise InvalidRequest(
            "reviewId",
            f"was {review['status']} already, by {review.get('decided_by') or 'a reviewer'}",
            ProblemKind.ALREADY_DECIDED,
        )
    return review


async def _identity(tx: WriteTransaction, record_id: str, field: str = "reviewId") -> Row:
    rows = await tx.run("identity_records", recordId=record_id, maxRecords=MAX_RECORDS)
    if not rows:
        raise NotFound(field, record_id)
    return rows[0]


def _survivor_order(identity: Row) -> tuple[int, str, str]:
    """More records first, then the one recorded first, then the smaller id: stable."""
    created = identity["person"].get("created_at")
    return (-len(identity["linked"]), str(created or ""), str(identity["identity_id"]))


async def _refuse_if_unsafe(tx: WriteTransaction, keep: str, join: str) -> None:
    [row] = await tx.run(
        "identity_link_refusals",
        keepId=keep,
        joinId=join,
        childProtection=CaseKind.CHILD_PROTECTION.value,
    )
    reasons = []
    if row["relations"]:
        reasons.append(f"they are recorded as related ({', '.join(sorted(set(row['relations'])))})")
    if row["shared_cases"]:
        reasons.append(f"they are named together on case {row['shared_cases'][0]}")
    if row["overlapping_plans"]:
        reasons.append("each has a child protection plan over overlapping dates")
    if row["must_not_link"]:
        reasons.append(f"a reviewer ruled they are two people (review {row['must_not_link'][0]})")
    if reasons:
        raise InvalidRequest(
            "reviewId", "cannot be one person: " + "; ".join(reasons), ProblemKind.UNSAFE_MERGE
        )


async def _decide(
    tx: WriteTransaction,
    writer: Writer,
    review_id: str,
    status: str,
    why: str | None,
    decision: str,
) -> None:
    await tx.run(
        "match_review_decide",
        reviewId=review_id,
        status=status,
        user=writer.user,
        reason=why,
        decisionId=decision,
    )


async def _record_decision(
    tx: WriteTransaction,
    writer: Writer,
    decision: str,
    kind: str,
    identity: str,
    records: list[str],
    why: str | None,
    review_id: str | None,
) -> None:
    await tx.run(
        "link_decision_record",
        decisionId=decision,
        kind=kind,
        identityId=identity,
        recordIds=records,
        reviewId=review_id,
        user=writer.user,
        reason=why,
    )


def _pair(a: str, b: str) -> dict[str, Any]:
    left, right = sorted([a, b])
    return {"pair_key": f"{left}|{right}", "id": new_id("MR"), "left_id": a, "right_id": b}


def _proposal(pair: ScoredPair, band: Band) -> dict[str, Any]:
    return {
        **_pair(pair.left_id, pair.right_id),
        "band": band.value,
        "match_weight": pair.match_weight,
        "field_names": list(pair.field_weights),
        "field_weights": list(pair.field_weights.values()),
    }


def _linkage_record(row: Row) -> PersonRecord:
    address = row.get("address") or {}
    return PersonRecord(
        id=row["id"],
        given_name=row.get("given_name") or "",
        family_name=row.get("family_name") or "",
        date_of_birth=row.get("date_of_birth"),
        sex=row.get("sex"),
        postcode=address.get("postcode"),
        address_line=address.get("line1"),
        addresses_ever=tuple(
            (a.get("postcode"), a.get("line1")) for a in row.get("addresses_ever") or ()
        ),
        relatives=frozenset(row.get("relatives") or ()),
    )
