"""Dates decide what the analytics see: a closed concern, a relationship not yet begun."""

from __future__ import annotations

from datetime import date, timedelta

import neo4j

from graph_service.analytics.network_rules import FamilyUnit
from graph_service.analytics.report import (
    ChildFlag,
    borough_facts,
    child_household_params,
    network_params,
    run_analysis,
    run_network_analysis,
)
from graph_service.model.thresholds import Thresholds
from graph_service.store.queries import QueryLibrary
from graph_service.store.values import native

FAMILY = """
CREATE (h:Household {id: 'H-T', area: 'Ashgrove'})
CREATE (mum:Person {id: 'P-mum', full_name: 'Mum', date_of_birth: date('1985-01-01')})
CREATE (dad:Person {id: 'P-dad', full_name: 'Dad', date_of_birth: date('1984-01-01')})
CREATE (kid:Person {id: 'P-kid', full_name: 'Kid', date_of_birth: date('2015-01-01')})
CREATE (police:Agency {id: 'AG-P', name: 'Police', kind: 'police'})
WITH h, mum, dad, kid, police
UNWIND [mum, dad, kid] AS member
CREATE (member)-[:MEMBER_OF {id: 'M-' + member.id, from_date: date('2016-01-01')}]->(h)
WITH DISTINCT h, mum, dad, kid, police
CREATE (mum)-[:PARENT_OF {id: 'R1', kind: 'birth', from_date: date('2015-01-01')}]->(kid)
CREATE (dad)-[:PARENT_OF {id: 'R2', kind: 'birth', parental_responsibility: true,
                          from_date: date('2015-01-01')}]->(kid)
WITH mum, dad, police
UNWIND [['C1', mum, '3B', date('2025-01-01'), null],
        ['C2', mum, '4B', date('2025-02-01'), null],
        ['C3', dad, '2B', date('2025-03-01'), date('2025-06-01')]] AS c
WITH police, c[1] AS subject, c
CREATE (subject)-[:SUBJECT_OF {id: 'S-' + c[0], from_date: c[3]}]->
       (concern:Concern {id: c[0], code: c[2], status: 'open', raised_on: c[3],
                         closed_on: c[4], severity: 'medium'})
CREATE (concern)-[:RAISED_BY {id: 'RB-' + c[0], from_date: c[3]}]->(police)
"""


def _trio(graph: neo4j.Driver, queries: QueryLibrary, on: date) -> list[str]:
    t = Thresholds()
    records, _, _ = graph.execute_query(
        queries["analytics_child_households"], child_household_params(on, None, t)
    )
    result = run_analysis("toxic-trio", [native(r.data()) for r in records], on, t)
    return [flag.child_id for flag in result.rows if isinstance(flag, ChildFlag)]


def _disadvantage(graph: neo4j.Driver, queries: QueryLibrary, on: date) -> list[int]:
    t = Thresholds(minimum_disadvantage_problems=1)
    params = network_params(on, t)
    links, _, _ = graph.execute_query(queries["analytics_family_links"], params)
    people, _, _ = graph.execute_query(queries["analytics_people_and_concerns"], params)
    facts = borough_facts([r.data() for r in links], [native(r.data()) for r in people])
    found = run_network_analysis("disadvantage", facts, on, t).rows
    return [unit.problem_count for unit in found if isinstance(unit, FamilyUnit)]


def test_a_concern_closed_before_the_date_does_not_count(
    graph: neo4j.Driver, queries: QueryLibrary
) -> None:
    graph.execute_query(FAMILY)
    assert _trio(graph, queries, date(2025, 4, 1)) == ["P-kid"]  # all three current
    assert _trio(graph, queries, date(2025, 7, 1)) == []  # substance concern closed in June
    assert _trio(graph, queries, date(2025, 1, 15)) == []  # the others not yet raised
    assert _disadvantage(graph, queries, date(2025, 4, 1)) == [3]
    assert _disadvantage(graph, queries, date(2025, 7, 1)) == [2]


def test_nothing_before_the_child_was_born(graph: neo4j.Driver, queries: QueryLibrary) -> None:
    graph.execute_query(FAMILY)
    before = date(2015, 1, 1) - timedelta(days=1)
    assert _trio(graph, queries, before) == []
    assert _disadvantage(graph, queries, before) == []
