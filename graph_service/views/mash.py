"""Contacts as the MASH sees them: who they are about, their rating, and the clocks on
the decision and on each agency check (worked out for the moment of reading)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import strawberry

from graph_service.model.mash import AT_RISK_SHARE, MashClocks, Rag
from graph_service.model.working_hours import Clock
from graph_service.store.values import Row

__all__ = [
    "AgencyCheck",
    "Contact",
    "ContactClock",
    "ContactRating",
    "Referrer",
    "time_left_words",
]


@strawberry.type(description="A deadline and where it stands at the time of reading.")
class ContactClock:
    due_at: datetime
    rule: str = strawberry.field(description="How the time is counted, in words.")
    minutes_left: int = strawberry.field(
        description="Until due, counted the clock's way (working minutes for working-day "
        "clocks); once overdue, minus the real minutes since it was due. When done: as "
        "they stood when it was done."
    )
    at_risk: bool = strawberry.field(description="Not done, and 75% of its time used.")
    breached: bool = strawberry.field(description="Done late, or not done and overdue.")
    done_at: datetime | None

    @classmethod
    def of(
        cls, clock: Clock, start: datetime, done: datetime | None, now: datetime
    ) -> ContactClock:
        due = clock.due(start)
        until = done or now
        elapsed = clock.elapsed(start, until)
        # Past due, the time over is real time: overdue since Friday evening reads as
        # hours overdue on Saturday morning, not as no time left.
        left = clock.span - elapsed if until <= due else -(until - due)
        return cls(
            due_at=due,
            rule=clock.describe(),
            minutes_left=int(left // timedelta(minutes=1)),
            at_risk=done is None and elapsed >= clock.span * AT_RISK_SHARE and until <= due,
            breached=until > due,
            done_at=done,
        )


@strawberry.type(description="A rating of a contact: every rating is kept.")
class ContactRating:
    rag: str
    rationale: str
    reason: str | None = strawberry.field(description="Why it was rated again.")
    at: datetime
    by: str

    @classmethod
    def of(cls, row: Row) -> ContactRating:
        return cls(
            rag=row["rag"],
            rationale=row["rationale"],
            reason=row.get("reason"),
            at=row["at"],
            by=row["by"],
        )


@strawberry.type(description="One agency asked what it knows, with its deadline.")
class AgencyCheck:
    id: strawberry.ID
    agency_id: strawberry.ID
    agency_name: str | None
    requested_at: datetime
    requested_by: str
    responded_at: datetime | None
    responded_by: str | None
    response: str | None
    clock: ContactClock | None = strawberry.field(
        description="None until the contact is rated (the rating sets the deadline)."
    )
    late: bool

    @classmethod
    def of(cls, row: Row, rag: str | None, clocks: MashClocks, now: datetime) -> AgencyCheck:
        clock = (
            ContactClock.of(
                clocks.check(Rag(rag)), row["requested_at"], row.get("responded_at"), now
            )
            if rag
            else None
        )
        return cls(
            id=strawberry.ID(row["id"]),
            agency_id=strawberry.ID(row["agency_id"]),
            agency_name=row.get("agency_name"),
            requested_at=row["requested_at"],
            requested_by=row["requested_by"],
            responded_at=row.get("responded_at"),
            responded_by=row.get("responded_by"),
            response=row.get("response"),
            clock=clock,
            late=bool(clock and clock.breached),
        )


@strawberry.type(description="Who made a contact. An anonymous one is not named.")
class Referrer:
    kind: str = strawberry.field(description="agency, professional, public or anonymous.")
    name: str | None
    agency_id: strawberry.ID | None
    agency_name: str | None


@strawberry.type(description="A contact received by the MASH, with its clocks.")
class Contact:
    id: strawberry.ID
    received_at: datetime
    referrer: Referrer
    subject_ids: list[str]
    summary: str
    concern_codes: list[str]
    handler: str | None
    state: str = strawberry.field(description="received (not rated), rated or decided.")
    rag: str | None
    ratings: list[ContactRating]
    checks: list[AgencyCheck]
    decision_clock: ContactClock
    outcome: str | None
    outcome_label: str | None
    decision_rationale: str | None
    decided_at: datetime | None
    decided_by: str | None
    case_id: strawberry.ID | None
    at_risk: bool = strawberry.field(description="The decision or a check is at risk.")
    breaches: int = strawberry.field(description="Deadlines missed: the decision's and checks'.")

    @classmethod
    def of(cls, row: Row, clocks: MashClocks, now: datetime) -> Contact:
        rag = row.get("rag")
        checks = [AgencyCheck.of(c, rag, clocks, now) for c in _ordered(row.get("checks"))]
        decision = ContactClock.of(clocks.decision, row["received_at"], row.get("decided_at"), now)
        timed = [decision, *(c.clock for c in checks if c.clock)]
        outcome = row.get("outcome")
        return cls(
            id=strawberry.ID(row["id"]),
            received_at=row["received_at"],
            referrer=Referrer(
                kind=row["referrer_kind"],
                name=row.get("referrer_name"),
                agency_id=row.get("referrer_agency_id"),
                agency_name=row.get("referrer_agency_name"),
            ),
            subject_ids=list(row.get("subject_ids") or []),
            summary=row["summary"],
            concern_codes=list(row.get("concern_codes") or []),
            handler=row.get("handler"),
            state=row["state"],
            rag=rag,
            ratings=[ContactRating.of(r) for r in sorted(row.get("ratings") or [], key=_at)],
            checks=checks,
            decision_clock=decision,
            outcome=outcome,
            outcome_label=clocks.outcomes().get(outcome) if outcome else None,
            decision_rationale=row.get("decision_rationale"),
            decided_at=row.get("decided_at"),
            decided_by=row.get("decided_by"),
            case_id=row.get("case_id"),
            at_risk=any(t.at_risk for t in timed),
            breaches=sum(t.breached for t in timed),
        )

    def time_left(self) -> int:
        """Minutes to the soonest deadline still open (the queue's order)."""
        open_clocks = [self.decision_clock, *(c.clock for c in self.checks if c.clock)]
        running = [c.minutes_left for c in open_clocks if c.done_at is None]
        return min(running, default=self.decision_clock.minutes_left)


def _at(row: dict[str, Any]) -> Any:
    return row["at"], row.get("seq") or 0  # two ratings in one minute keep their order


def _ordered(checks: list[Row] | None) -> list[Row]:
    return sorted(checks or [], key=lambda c: (c.get("agency_name") or "", c["id"]))


def time_left_words(minutes: int) -> str:
    """Minutes left as words: "5 h 20 min left", or "overdue by 40 min"."""
    hours, rest = divmod(abs(minutes), 60)
    span = f"{hours} h {rest} min" if hours else f"{rest} min"
    return f"{span} left" if minutes >= 0 else f"overdue by {span}"
