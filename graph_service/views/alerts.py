"""Think Family alerts as their readers see them: about whom, why, and where they stand."""

from __future__ import annotations

from datetime import datetime, timedelta

import strawberry

from graph_service.model.mash import Rag
from graph_service.model.think_family import AlertSettings, AlertState
from graph_service.model.working_hours import WorkingHours
from graph_service.store.values import Row

__all__ = ["MASH_TEAM", "Alert", "AlertAcknowledgement"]

MASH_TEAM = "MASH"


@strawberry.type(description="Who acknowledged an alert, when, with their note.")
class AlertAcknowledgement:
    by: str
    at: datetime
    note: str | None


@strawberry.type(
    description="Something serious was recorded about someone in this person's network: "
    "the rule that fired, why, and who is told (their workers and the MASH)."
)
class Alert:
    id: strawberry.ID
    subject_id: str = strawberry.field(description="The person whose safety it touches.")
    cause_person_id: str | None = strawberry.field(
        description="Whom the serious thing was recorded about (withheld when not yours to see)."
    )
    trigger_kind: str = strawberry.field(description="concern or hazard.")
    trigger_id: strawberry.ID | None
    concern_code: str | None
    trigger_agency_id: strawberry.ID | None
    rules: list[str]
    reasons: list[str]
    rag: str
    state: str = strawberry.field(description="open, acknowledged or closed.")
    raised_at: datetime
    worker_ids: list[str] = strawberry.field(description="The workers told, with the MASH.")
    acknowledgements: list[AlertAcknowledgement]
    closed_reason: str | None
    closed_by: str | None
    closed_at: datetime | None
    escalated: bool = strawberry.field(
        description="Red, and not acknowledged within the escalation time (4 working hours "
        "by default): it is the team manager's."
    )
    escalated_at: datetime | None
    escalated_to: list[str] = strawberry.field(
        description="Once escalated: the teams whose managers it goes to (the allocated "
        "workers' teams), or the MASH's when nobody is allocated."
    )
    withheld: bool = False

    @classmethod
    def of(cls, row: Row, settings: AlertSettings, hours: WorkingHours, now: datetime) -> Alert:
        raised = row["raised_at"]
        span = timedelta(hours=settings.escalate_after_working_hours)
        due = hours.add(raised, span) if row["rag"] == Rag.RED.value else None
        escalated = row["state"] == AlertState.OPEN.value and due is not None and now >= due
        return cls(
            id=strawberry.ID(row["id"]),
            subject_id=row["subject_id"],
            cause_person_id=row.get("cause_person_id"),
            trigger_kind=row["trigger_kind"],
            trigger_id=row.get("trigger_id"),
            concern_code=row.get("concern_code"),
            trigger_agency_id=row.get("trigger_agency_id"),
            rules=list(row.get("rules") or []),
            reasons=list(row.get("reasons") or []),
            rag=row["rag"],
            state=row["state"],
            raised_at=raised,
            worker_ids=list(row.get("worker_ids") or []),
            acknowledgements=[
                AlertAcknowledgement(by=k["by"], at=k["at"], note=k.get("note"))
                for k in sorted(row.get("acknowledgements") or [], key=lambda k: k["at"])
            ],
            closed_reason=row.get("closed_reason"),
            closed_by=row.get("closed_by"),
            closed_at=row.get("closed_at"),
            escalated=escalated,
            escalated_at=due if escalated else None,
            escalated_to=(list(row.get("teams") or []) or [MASH_TEAM]) if escalated else [],
        )
