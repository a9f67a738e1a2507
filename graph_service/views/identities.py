"""What identity resolution shows: pairs put to a reviewer with the model's evidence field
by field, the decisions taken, and the two people an un-merge leaves."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph_service.store.gateway import Row
from graph_service.views.records import Person, SourceRecord

__all__ = ["FieldWeight", "LinkDecision", "MatchReview", "Unmerged"]


@strawberry.type(description="How much one field moved the match weight, and which way.")
class FieldWeight:
    field: str
    weight: float = strawberry.field(
        description="log2 of the field's Bayes factor: above 0 for one person, below for two."
    )


@strawberry.type(description="Two records that may be one person, put to a reviewer.")
class MatchReview:
    id: strawberry.ID
    status: str = strawberry.field(description="pending, confirmed or rejected.")
    band: str | None = strawberry.field(description="auto_link or review.")
    match_weight: float | None = strawberry.field(
        description="log2 of the odds that the two records are one person."
    )
    field_weights: list[FieldWeight]
    left: SourceRecord | None
    right: SourceRecord | None
    left_person: Person | None = strawberry.field(description="The person `left` is part of.")
    right_person: Person | None = strawberry.field(description="The person `right` is part of.")
    decided_by: str | None = None
    decided_at: datetime | None = None
    rationale: str | None = strawberry.field(default=None, description="Why, as the reviewer said.")

    @classmethod
    def of(
        cls,
        row: Row,
        records: dict[str, SourceRecord],
        people: dict[str, Person | None],
    ) -> MatchReview:
        left, right = records.get(row["left_id"]), records.get(row["right_id"])
        names, weights = row.get("field_names") or [], row.get("field_weights") or []
        return cls(
            id=strawberry.ID(row["id"]),
            status=row["status"],
            band=row.get("band"),
            match_weight=row.get("match_weight"),
            field_weights=[
                FieldWeight(field=n, weight=w) for n, w in zip(names, weights, strict=True)
            ],
            left=left,
            right=right,
            left_person=people.get(str(left.person_id)) if left else None,
            right_person=people.get(str(right.person_id)) if right else None,
            decided_by=row.get("decided_by"),
            decided_at=row.get("decided_at"),
            rationale=row.get("reason"),
        )


@strawberry.type(description="A decision about who is one person, kept for good.")
class LinkDecision:
    id: strawberry.ID
    kind: str = strawberry.field(description="confirmed, rejected, linked or unmerged.")
    person_id: strawberry.ID = strawberry.field(description="The person it was about.")
    person_ids: list[strawberry.ID] = strawberry.field(description="Every record it named.")
    review_id: strawberry.ID | None
    decided_by: str
    decided_at: datetime
    rationale: str = strawberry.field(description="Why, as the reviewer said.")

    @classmethod
    def of(cls, row: Row) -> LinkDecision:
        return cls(
            id=strawberry.ID(row["id"]),
            kind=row["kind"],
            person_id=strawberry.ID(row["identity_id"]),
            person_ids=[strawberry.ID(r) for r in row.get("record_ids") or []],
            review_id=row.get("review_id"),
            decided_by=row["decided_by"],
            decided_at=row["decided_at"],
            rationale=row["reason"],
        )


@strawberry.type(description="An un-merge: the person the record left, and the record's own.")
class Unmerged:
    person: Person | None
    record: Person | None
