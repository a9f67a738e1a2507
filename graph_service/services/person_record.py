"""Everything a practitioner's page shows about one person, read at once: who they are
and where recorded, their homes, the agencies that know them, open cases, concerns, their
immediate family, and their family's indicators with the evidence."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from graph_service.model.thresholds import Thresholds
from graph_service.services.analyses import family_indicators, household_flags
from graph_service.services.concerns import ConcernFilter, concerns
from graph_service.services.network import family_network
from graph_service.services.people import PeopleSearch, people_by_id, search_people
from graph_service.services.reader import Reader
from graph_service.store.gateway import GraphGateway
from graph_service.views.analyses import AnalysisFlag, FamilyIndicators
from graph_service.views.records import (
    Address,
    AgencyInvolvement,
    Case,
    Concern,
    FamilyNetwork,
    Household,
    NetworkEdge,
    Person,
    PossibleDuplicate,
    SourceRecord,
)

__all__ = ["MAX_CONCERNS", "PersonRecord", "SearchResult", "person_record", "search_results"]

MAX_CONCERNS = 100
MAX_RELATIONSHIPS = 200


@dataclass
class PersonRecord:
    """A person's page, as the Disclosure vets it (a field it withholds becomes None)."""

    person: Person | None
    households: list[Household]
    addresses: list[Address]
    known_to: list[AgencyInvolvement]
    open_cases: list[Case]
    concerns: list[Concern]
    family: FamilyNetwork | None  # one step out, on the day
    indicators: FamilyIndicators | None
    flags: list[AnalysisFlag]  # toxic trio and young carers in their households
    relationships: list[NetworkEdge]  # every one, ended ones too, oldest first
    relatives: list[Person]  # the other people in them (vetted as people)
    records: list[SourceRecord]  # every agency's record of them, their own first
    possible_duplicates: list[PossibleDuplicate]  # pairs awaiting a reviewer


async def person_record(
    gateway: GraphGateway, reader: Reader, person_id: str, on: date, thresholds: Thresholds
) -> PersonRecord | None:
    """None when there is no such person. A record linked into another person shows
    that person."""
    [person] = await people_by_id(gateway, [person_id], on)
    if person is None:
        return None
    person_id = str(person.id)
    links, raised, family, indicators = await asyncio.gather(
        gateway.read("person_links", ids=[person_id], asOf=on, open="open"),
        concerns(gateway, ConcernFilter(person_id=person_id), reader, 0, MAX_CONCERNS),
        family_network(gateway, person_id, 1, on),
        family_indicators(gateway, reader, person_id, on, thresholds),
    )
    row = links[0] if links else {}
    homes = [h["id"] for h in row.get("households", [])]
    flags, (edges, relatives) = await asyncio.gather(
        household_flags(gateway, homes, on, thresholds), _relationships(gateway, person_id, on)
    )
    return PersonRecord(
        person=person,
        households=[Household.of(h) for h in row.get("households", [])],
        addresses=[Address.of(a) for a in row.get("addresses", [])],
        known_to=[AgencyInvolvement.of(k) for k in row.get("known_to", [])],
        open_cases=[Case.of(c) for c in row.get("open_cases", [])],
        concerns=raised,
        family=family,
        indicators=indicators,
        flags=flags,
        relationships=edges,
        relatives=relatives,
        records=[SourceRecord.of(r, person_id) for r in row.get("records", [])],
        possible_duplicates=[PossibleDuplicate.of(d) for d in row.get("possible_duplicates", [])],
    )


async def _relationships(
    gateway: GraphGateway, person_id: str, on: date
) -> tuple[list[NetworkEdge], list[Person]]:
    rows = await gateway.read("person_relationships", personId=person_id, limit=MAX_RELATIONSHIPS)
    others = sorted({row["other_id"] for row in rows})
    found = [p for p in await people_by_id(gateway, others, on) if p is not None]
    return [NetworkEdge.of(row["relationship"]) for row in rows], found


@dataclass
class SearchResult:
    """A match as a results list shows it: the person (with their hazards), where they
    live and which agencies know them."""

    person: Person | None
    addresses: list[Address]
    known_to: list[AgencyInvolvement]
    score: float


async def search_results(
    gateway: GraphGateway, asked: PeopleSearch, reader: Reader, offset: int, limit: int
) -> list[SearchResult]:
    """One page of matches, best first, each with its homes and agencies (one more read)."""
    people, scores = await search_people(gateway, asked, reader, offset, limit)
    ids = [str(person.id) for person in people]
    rows = await gateway.read("person_links", ids=ids, asOf=reader.today, open="open")
    links = {row["id"]: row for row in rows}
    return [
        SearchResult(
            person,
            [Address.of(a) for a in links.get(str(person.id), {}).get("addresses", [])],
            [AgencyInvolvement.of(k) for k in links.get(str(person.id), {}).get("known_to", [])],
            score,
        )
        for person, score in zip(people, scores, strict=True)
    ]
