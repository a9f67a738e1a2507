"""The team managers' view of the front door: contacts received and decided per day, the
share decided within a working day, and agency checks answered late, by agency."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from graph_service.model.mash import MashClocks, Rag
from graph_service.model.working_hours import LONDON, utc
from graph_service.store.gateway import GraphGateway
from graph_service.store.values import Row

__all__ = ["MAX_DASHBOARD_CONTACTS", "AgencyLateness", "DayCount", "MashSummary", "mash_dashboard"]

MAX_DASHBOARD_CONTACTS = 50_000


@dataclass(frozen=True)
class DayCount:
    day: date
    received: int
    decided: int


@dataclass(frozen=True)
class AgencyLateness:
    agency: str
    asked: int
    late: int


@dataclass(frozen=True)
class MashSummary:
    days: list[DayCount]
    decided: int
    decided_in_time: int
    agencies: list[AgencyLateness]

    @property
    def share_in_time(self) -> float | None:
        return self.decided_in_time / self.decided if self.decided else None

    @property
    def busiest(self) -> int:
        return max([1, *(max(d.received, d.decided) for d in self.days)])


async def mash_dashboard(
    gateway: GraphGateway, clocks: MashClocks, since: datetime, now: datetime
) -> MashSummary:
    """From `since` (a London midnight) to now; no person is named."""
    rows = await gateway.read(
        "contacts_received_since", since=utc(since), limit=MAX_DASHBOARD_CONTACTS
    )
    first, last = since.astimezone(LONDON).date(), now.astimezone(LONDON).date()
    received = Counter(_day(r["received_at"]) for r in rows)
    decided = Counter(_day(r["decided_at"]) for r in rows if r.get("decided_at"))
    span = (last - first).days + 1
    days = [first + timedelta(days=n) for n in range(span)]
    in_window = [r for r in rows if r.get("decided_at") and _day(r["decided_at"]) >= first]
    in_time = sum(r["decided_at"] <= clocks.decision.due(r["received_at"]) for r in in_window)
    return MashSummary(
        days=[DayCount(d, received[d], decided[d]) for d in days],
        decided=len(in_window),
        decided_in_time=in_time,
        agencies=_lateness(rows, clocks, utc(now)),
    )


def _day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def _lateness(rows: list[Row], clocks: MashClocks, now: datetime) -> list[AgencyLateness]:
    asked: Counter[str] = Counter()
    late: Counter[str] = Counter()
    for row in rows:
        if not row.get("rag"):
            continue  # no deadline until rated
        clock = clocks.check(Rag(row["rag"]))
        for check in row["checks"]:
            name = check.get("agency_name") or check["agency_id"]
            asked[name] += 1
            late[name] += (check.get("responded_at") or now) > clock.due(check["requested_at"])
    return sorted(
        (AgencyLateness(name, asked[name], late[name]) for name in asked),
        key=lambda a: (-a.late, a.agency),
    )
