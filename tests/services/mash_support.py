"""A hand-built family and the MASH's partners, for the front door's and alerts' tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime

import neo4j
import pytest

from graph_service.model.working_hours import LONDON
from graph_service.services.reader import Reader
from graph_service.services.writing import Writer
from graph_service.store.gateway import GraphGateway
from graph_service.store.graph import async_driver
from graph_service.store.queries import QueryLibrary
from tests.conftest import Neo4jConnection

__all__ = ["FAMILY", "MASH_WORKER", "at", "family", "gateway"]

MASH_WORKER = Writer("mash.worker", "test\x00mash", Reader(None, False, date(2026, 12, 4)))

# Mum and her son live together; her partner Dan lives elsewhere with his own daughter.
FAMILY = """
CREATE (police:Agency {id: 'AG-POL', name: 'Northbridge Police', kind: 'police'})
CREATE (school:Agency {id: 'AG-SCH', name: 'Hill School', kind: 'school'})
CREATE (la:Agency {id: 'AG-CSC', name: "Children's Services", kind: 'childrens_social_care'})
CREATE (mum:Person {id: 'P-mum', given_name: 'Mia', family_name: 'Stone',
  date_of_birth: date('1990-01-01')})
CREATE (son:Person {id: 'P-son', given_name: 'Leo', family_name: 'Stone',
  date_of_birth: date('2016-05-01')})
CREATE (dan:Person {id: 'P-dan', given_name: 'Dan', family_name: 'Ward',
  date_of_birth: date('1988-01-01')})
CREATE (girl:Person {id: 'P-girl', given_name: 'Ivy', family_name: 'Ward',
  date_of_birth: date('2014-02-01')})
CREATE (h1:Household {id: 'H-stone'}), (h2:Household {id: 'H-ward'})
CREATE (mum)-[:MEMBER_OF {id: 'M1', from_date: date('2016-05-01')}]->(h1)
CREATE (son)-[:MEMBER_OF {id: 'M2', from_date: date('2016-05-01')}]->(h1)
CREATE (dan)-[:MEMBER_OF {id: 'M3', from_date: date('2014-02-01')}]->(h2)
CREATE (girl)-[:MEMBER_OF {id: 'M4', from_date: date('2014-02-01')}]->(h2)
CREATE (mum)-[:PARENT_OF {id: 'R1', kind: 'birth', from_date: date('2016-05-01')}]->(son)
CREATE (dan)-[:PARENT_OF {id: 'R2', kind: 'birth', from_date: date('2014-02-01')}]->(girl)
CREATE (mum)-[:PARTNER_OF {id: 'R3', kind: 'cohabiting', status: 'together',
  from_date: date('2024-01-01')}]->(dan)
CREATE (son)-[:KNOWN_TO {id: 'K1', from_date: date('2021-09-01')}]->(school)
"""


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A London time in 2026."""
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def family(graph: neo4j.Driver) -> neo4j.Driver:
    graph.execute_query(FAMILY)
    return graph


@pytest.fixture
async def gateway(
    neo4j_connection: Neo4jConnection, queries: QueryLibrary
) -> AsyncIterator[GraphGateway]:
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    try:
        yield GraphGateway(driver, queries, settings.neo4j_database)
    finally:
        await driver.close()
