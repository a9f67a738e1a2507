"""Think Family alerts: raised inside the write that recorded something serious, listed
within what the reader may reach, acknowledged (one by one or up to 500 at once) and
closed with a reason. An alert is never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graph_service.model.errors import InvalidRequest, NotFound
from graph_service.model.mash import MashClocks, Rag
from graph_service.model.think_family import (
    AlertSettings,
    AlertState,
    Household,
    Neighbour,
    PlannedAlert,
    Trigger,
    planned_alerts,
    worth_checking,
)
from graph_service.model.working_hours import utc
from graph_service.services.reader import Reader
from graph_service.services.writing import Writer, new_id, text
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.store.values import Row
from graph_service.views.alerts import Alert

__all__ = [
    "MAX_ACKNOWLEDGED",
    "MAX_ALERTS_RAISED",
    "AlertFilter",
    "Alerting",
    "acknowledge_alerts",
    "alert",
    "alerts",
    "close_alert",
    "raise_alerts",
]

MAX_ACKNOWLEDGED = 500
MAX_ALERTS_RAISED = 500
_MAX_ESCALATION_SCAN = 5000  # open red alerts read to find the escalated ones


@dataclass(frozen=True)
class Alerting:
    """A write that raises Think Family alerts: the rules, and the moment it is made."""

    settings: AlertSettings
    now: datetime


@dataclass(frozen=True)
class AlertFilter:
    state: AlertState | None = None
    worker_id: str | None = None
    person_id: str | None = None  # alerts about this person


async def raise_alerts(
    tx: WriteTransaction,
    trigger: Trigger,
    alerting: Alerting,
    on: date,
    address_id: str | None = None,
    raised_by: str | None = None,
) -> int:
    """Raise the alerts a serious record calls for, in the transaction that records it."""
    settings, now = alerting.settings, alerting.now
    if not worth_checking(trigger, settings, on):
        return 0  # nothing could fire: no need to read who it touches
    rows = await tx.run(
        "think_family_facts", personId=trigger.person_id, addressId=address_id, on=on
    )
    facts = rows[0] if rows else {"households": [], "partners": [], "residents": []}
    if facts.get("person_id"):  # the person its record is linked into, if it is
        trigger = Trigger(
            trigger.kind,
            trigger.id,
            facts["person_id"],
            facts.get("born"),
            trigger.code,
            trigger.severity,
        )
    households = [_household(h) for h in facts["households"]]
    partners = [
        Neighbour(p["id"], tuple(_household(h) for h in p["households"])) for p in facts["partners"]
    ]
    residents = {r["id"]: list(r["workers"]) for r in facts["residents"]}
    planned = planned_alerts(trigger, households, partners, residents, settings, on)
    if not planned:
        return 0
    workers = await _workers(tx, [p.subject_id for p in planned])
    alerts = [_props(p, trigger, workers, utc(now), raised_by) for p in planned]
    await tx.run("alerts_create", triggerId=trigger.id, alerts=alerts, limit=MAX_ALERTS_RAISED)
    return len(alerts)


def _household(row: Row) -> Household:
    return Household(row["id"], {m["id"]: m.get("born") for m in row["members"]})


async def _workers(tx: WriteTransaction, ids: list[str]) -> dict[str, Row]:
    """Each person's allocated workers and their teams."""
    rows = await tx.run("alert_workers", ids=ids, limit=MAX_ALERTS_RAISED)
    return {row["person_id"]: row for row in rows}


def _props(
    planned: PlannedAlert,
    trigger: Trigger,
    workers: dict[str, Row],
    now: datetime,
    raised_by: str | None,
) -> dict[str, Any]:
    told = workers.get(planned.subject_id, {})
    return {
        "id": new_id("AL"),
        "subject_id": planned.subject_id,
        "cause_person_id": trigger.person_id,
        "trigger_kind": trigger.kind.value,
        "trigger_id": trigger.id,
        "concern_code": trigger.code,
        "trigger_agency_id": raised_by,
        "rules": planned.rules,
        "reasons": planned.reasons,
        "rag": planned.rag.value,
        "state": AlertState.OPEN.value,
        "raised_at": now,
        "worker_ids": list(told.get("workers") or []),
        "teams": sorted(set(told.get("teams") or [])),
    }


async def alerts(
    gateway: GraphGateway,
    asked: AlertFilter,
    reader: Reader,
    settings: AlertSettings,
    clocks: MashClocks,
    now: datetime,
    offset: int,
    limit: int,
) -> list[Alert]:
    """Newest first. Escalated: the open red alerts past their escalation time."""
    escalated = asked.state is AlertState.ESCALATED
    state = AlertState.OPEN.value if escalated else (asked.state.value if asked.state else None)
    params = {
        "state": state,
        "rag": Rag.RED.value if escalated else None,
        "workerId": asked.worker_id,
        "subjectId": asked.person_id,
        "scopeAgency": reader.scope_agency,
    }
    window = (0, _MAX_ESCALATION_SCAN) if escalated else (offset, limit)
    rows = await gateway.read("alerts_list", offset=window[0], limit=window[1], **params)
    found = [Alert.of(r["alert"], settings, clocks.hours, utc(now)) for r in rows]
    if escalated:
        found = [a for a in found if a.escalated][offset : offset + limit]
    return found


async def acknowledge_alerts(
    gateway: GraphGateway, writer: Writer, ids: list[str], note: str | None, now: datetime
) -> list[str]:
    """Acknowledge alerts the writer may reach, all or none; each one is recorded."""
    wanted = list(dict.fromkeys(ids))
    if not 1 <= len(wanted) <= MAX_ACKNOWLEDGED:
        raise InvalidRequest("ids", f"give between 1 and {MAX_ACKNOWLEDGED} alerts")
    acknowledgement = {
        "by": writer.user,
        "at": utc(now),
        "note": text("note", note, required=False),
    }

    async def work(tx: WriteTransaction) -> list[str]:
        rows = await tx.run(
            "alerts_acknowledge",
            ids=wanted,
            limit=MAX_ACKNOWLEDGED,
            acknowledgement=acknowledgement,
            scopeAgency=writer.reach.scope_agency,
        )
        done = set(rows[0]["ids"]) if rows else set()
        missing = [i for i in wanted if i not in done]
        if missing:  # said as for an unknown id: out of reach and closed look the same
            raise NotFound("ids", missing[0], f"ids: no open alert with id {missing[0]!r}")
        return wanted

    return await gateway.write(work, versioned=False)


async def close_alert(
    gateway: GraphGateway, writer: Writer, alert_id: str, reason: str, now: datetime
) -> str:
    """Close an alert with a reason; it stays on record."""
    closing = {
        "closed_reason": text("reason", reason),
        "closed_by": writer.user,
        "closed_at": utc(now),
    }

    async def work(tx: WriteTransaction) -> str:
        rows = await tx.run("alert_close", id=alert_id, closing=closing)
        if not rows:
            raise NotFound("id", alert_id, f"id: no open alert with id {alert_id!r}")
        return alert_id

    return await gateway.write(work, versioned=False)


async def alert(
    gateway: GraphGateway, alert_id: str, settings: AlertSettings, clocks: MashClocks, now: datetime
) -> Alert | None:
    rows = await gateway.read("alert_by_id", id=alert_id)
    return Alert.of(rows[0]["alert"], settings, clocks.hours, utc(now)) if rows else None
