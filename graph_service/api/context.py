"""Per-request context: the counted gateway, batching loaders and the request's date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from graph_service.config import Settings
from graph_service.security.audit import AuditLog
from graph_service.security.audit_store import AuditStore
from graph_service.security.disclosure import Disclosure
from graph_service.security.ids import random_hex
from graph_service.services.analysis_cache import AnalysisCache
from graph_service.services.identities import Linkage
from graph_service.services.people import people_by_id
from graph_service.services.reader import Reader
from graph_service.services.writing import Writer
from graph_service.store.gateway import GraphGateway, Row, now, today
from graph_service.views.records import Hazard, Person

__all__ = ["Ctx", "Loaders", "RequestContext"]

OPEN = "open"


class Loaders:
    """One query per kind of lookup per request, however many objects ask."""

    def __init__(self, gateway: GraphGateway, on: date) -> None:
        self.gateway = gateway
        self.on = on
        self._links: dict[date, DataLoader[str, Row]] = {}
        self.release()

    def person_links(self, on: date | None) -> DataLoader[str, Row]:
        """Households, addresses, agencies and cases, batched per date they are asked for."""
        day = on or self.on
        if day not in self._links:
            self._links[day] = DataLoader(lambda ids: self._person_links(ids, day))
        return self._links[day]

    def release(self) -> None:
        """Start empty: once the response is built, what was loaded is let go of (see
        `Disclosure.release`); the old loaders, their caches and batches go with it."""
        self.person: DataLoader[str, Person | None] = DataLoader(self._people)
        self.household_members: DataLoader[str, list[str]] = DataLoader(self._household_members)
        self._links.clear()

    async def _people(self, ids: list[str]) -> list[Person | None]:
        return await people_by_id(self.gateway, ids, self.on)

    async def _person_links(self, ids: list[str], on: date) -> list[Row]:
        rows = await self.gateway.read("person_links", ids=ids, asOf=on, open=OPEN)
        found = {row["id"]: row for row in rows}
        empty: Row = {
            "households": [],
            "addresses": [],
            "known_to": [],
            "open_cases": [],
            "records": [],
            "possible_duplicates": [],
        }
        return [found.get(person_id, empty) for person_id in ids]

    async def _household_members(self, ids: list[str]) -> list[list[str]]:
        rows = await self.gateway.read("household_members", ids=ids, asOf=self.on)
        found = {row["household_id"]: row["members"] for row in rows}
        return [found.get(household_id, []) for household_id in ids]


@dataclass
class RequestContext:
    request: Request
    response: Response
    gateway: GraphGateway
    loaders: Loaders
    disclosure: Disclosure
    audit: AuditLog
    audit_store: AuditStore
    analyses: AnalysisCache
    linkage: Linkage
    settings: Settings = field(default_factory=Settings)
    today: date = field(default_factory=today)
    now: datetime = field(default_factory=now)
    request_id: str = field(default_factory=random_hex)

    def reader(self) -> Reader:
        """What the caller may reach: lists filter by it before paging, so need to know
        never empties a page afterwards; whom a use case consulted is audited."""
        return Reader.of(self.disclosure, self.today)

    def writer(self) -> Writer:
        """The caller as a writer: its keys bound to its role, user and agency."""
        return Writer.of(self.disclosure, self.today)

    @property
    def hazards(self) -> dict[str, Hazard]:
        """Every hazard of every person disclosed, for the response's extensions."""
        return self.disclosure.hazards


Ctx = Info[RequestContext, None]
