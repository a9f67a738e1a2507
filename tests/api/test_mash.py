"""The MASH front door and Think Family alerts through GraphQL: a whole journey, who may
do what, and alerts that obey need to know (a partner agency that may not see a child)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import neo4j

from graph_service.security.roles import Role
from tests.api.conftest import ADOPTER, POLICE, PUPIL, SCHOOL, STRANGER, ClientFor, gql

RECEIVE = """mutation($input: ContactInput!) { receiveContact(input: $input) {
  __typename ... on Contact { id state subjectIds decisionClock { dueAt rule } }
  ... on ValidationError { field message } ... on NotFoundError { field }
  ... on DuplicateError { field existingId } } }"""
RATE = """mutation($id: ID!) {
  rateContact(contactId: $id, rag: AMBER, rationale: "DA, child present") {
  __typename ... on Contact { state rag ratings { rag by } } } }"""
ASK = """mutation($id: ID!, $agencies: [ID!]!) {
  requestAgencyChecks(contactId: $id, agencyIds: $agencies) {
  __typename ... on Contact { checks { agencyId clock { rule } late } } } }"""
ANSWER = """mutation($id: ID!, $agency: ID!) {
  recordCheckResponse(contactId: $id, agencyId: $agency,
  response: "Known to us: attendance 92%") {
  __typename ... on AgencyCheck { agencyId respondedBy response }
  ... on ValidationError { field message } } }"""
DECIDE = """mutation($id: ID!, $agency: ID) { decideContact(contactId: $id,
  outcome: "child_and_family_assessment", rationale: "Repeat incidents", caseAgencyId: $agency) {
  __typename ... on Contact { state outcome outcomeLabel decidedBy caseId }
  ... on ValidationError { field message } } }"""
QUEUE = "{ contacts { edges { node { id state rag atRisk breaches } } } }"
ACKNOWLEDGE = """mutation($ids: [ID!]!) { acknowledgeAlerts(ids: $ids, note: "seen") {
  __typename ... on AlertsAcknowledged { count } ... on NotFoundError { field missingId } } }"""
ALERTS = """{ alerts(first: 100) { edges { node { id subjectId causePersonId concernCode
  reasons withheld } } } }"""


def contact_input(**changes: Any) -> dict[str, Any]:
    received = (datetime.now(UTC) - timedelta(minutes=30)).isoformat()
    return {
        "receivedAt": received,
        "referrerKind": "AGENCY",
        "referrerAgencyId": POLICE,
        "personIds": [PUPIL, ADOPTER],
        "summary": "Police attended a domestic incident; the child was present.",
        "concernCodes": ["3A"],
    } | changes


async def test_a_mash_journey_from_contact_to_case(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    async with app_for(Role.MASH_PRACTITIONER) as http:
        received = (await gql(http, RECEIVE, input=contact_input())).data["receiveContact"]
        assert received["__typename"] == "Contact" and received["state"] == "received"
        assert received["decisionClock"]["rule"] == "1 working day"
        contact_id = received["id"]
        early = await gql(http, DECIDE, id=contact_id, agency=SCHOOL)
        assert early.data["decideContact"]["field"] == "contactId"  # not rated yet
        rated = (await gql(http, RATE, id=contact_id)).data["rateContact"]
        assert (rated["state"], rated["rag"]) == ("rated", "amber")
        assert rated["ratings"] == [{"rag": "amber", "by": "mash_practitioner.user"}]
        asked = await gql(http, ASK, id=contact_id, agencies=[SCHOOL, POLICE])
        checks = asked.data["requestAgencyChecks"]["checks"]
        assert {c["agencyId"] for c in checks} == {SCHOOL, POLICE}
        assert {c["clock"]["rule"] for c in checks} == {"1 working day"}
        queue = (await gql(http, QUEUE)).data["contacts"]["edges"]
        assert contact_id in [e["node"]["id"] for e in queue]
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        answered = (await gql(school, ANSWER, id=contact_id, agency=SCHOOL)).data
        assert answered["recordCheckResponse"]["respondedBy"] == "partner_agency.user"
        as_police = await gql(school, ANSWER, id=contact_id, agency=POLICE)
        assert as_police.errors[0]["extensions"]["code"] == "FORBIDDEN"
        refused = await gql(school, RECEIVE, input=contact_input())
        assert refused.errors[0]["extensions"]["code"] == "FORBIDDEN"
        queue_refused = await gql(school, QUEUE)
        assert queue_refused.errors[0]["extensions"]["code"] == "FORBIDDEN"
    async with app_for(Role.MASH_PRACTITIONER) as http:
        decided = (await gql(http, DECIDE, id=contact_id, agency=SCHOOL)).data["decideContact"]
        assert decided["state"] == "decided" and decided["decidedBy"] == "mash_practitioner.user"
        assert decided["outcomeLabel"] == "Child and family assessment (s.17)"
        again = (await gql(http, DECIDE, id=contact_id, agency=SCHOOL)).data["decideContact"]
        assert again["__typename"] == "ValidationError" and again["field"] == "contactId"
    rows, _, _ = session_driver.execute_query(
        "MATCH (c:Case {id: $id})<-[:SUBJECT_OF]-(p) "
        "RETURN c.kind AS kind, collect(p.id) AS people",
        id=decided["caseId"],
    )
    assert rows[0]["kind"] == "child_in_need" and set(rows[0]["people"]) == {PUPIL, ADOPTER}


CONCERN = """mutation($person: ID!, $code: String!, $on: Date!) { recordConcern(input: {
  code: $code, personId: $person, raisedOn: $on, raisedByAgencyId: "AG-T-POLICE", severity: HIGH,
  sourceRecordId: "POL-77"}) { __typename } }"""
HOUSEHOLD = """
MATCH (s:Person {id: 'P9000004'}), (p:Person {id: 'P9000001'})
MERGE (c:Person {id: 'P9000005'}) SET c += {given_name: 'Zed', family_name: 'Else',
  full_name: 'Zed Else', date_of_birth: date('2018-03-01')}
MERGE (h:Household {id: 'H9000009'})
MERGE (s)-[:MEMBER_OF {id: 'RT-M1', from_date: date('2020-01-01')}]->(h)
MERGE (p)-[:MEMBER_OF {id: 'RT-M2', from_date: date('2020-01-01')}]->(h)
MERGE (c)-[:MEMBER_OF {id: 'RT-M3', from_date: date('2020-01-01')}]->(h)
"""


async def test_alerts_reach_a_partner_agency_only_for_children_it_may_see(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    session_driver.execute_query(HOUSEHOLD)
    session_driver.execute_query("MATCH (a:Alert) DETACH DELETE a")
    async with app_for(Role.MASH_PRACTITIONER) as http:
        yesterday = (date.today() - timedelta(days=1)).isoformat()  # news, not history
        written = await gql(http, CONCERN, person=STRANGER, code="4B", on=yesterday)
        assert written.data["recordConcern"]["__typename"] == "Concern", written.body
        mash_view = (await gql(http, ALERTS)).data["alerts"]["edges"]
    assert {e["node"]["subjectId"] for e in mash_view} == {PUPIL, "P9000005"}
    assert {e["node"]["causePersonId"] for e in mash_view} == {STRANGER}
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        seen = [e["node"] for e in (await gql(school, ALERTS)).data["alerts"]["edges"]]
        assert [a["subjectId"] for a in seen] == [PUPIL]  # not the child it does not know
        [alert] = seen
        assert alert["causePersonId"] is None  # nor the adult
        assert alert["concernCode"] == "withheld" and alert["withheld"]
        assert "mental health" not in " ".join(alert["reasons"])
        hidden = next(e["node"]["id"] for e in mash_view if e["node"]["subjectId"] == "P9000005")
        refused = (await gql(school, ACKNOWLEDGE, ids=[alert["id"], hidden])).data
        assert refused["acknowledgeAlerts"] == {
            "__typename": "NotFoundError",
            "field": "ids",
            "missingId": hidden,
        }
        done = (await gql(school, ACKNOWLEDGE, ids=[alert["id"]])).data
        assert done["acknowledgeAlerts"] == {"__typename": "AlertsAcknowledged", "count": 1}


async def test_a_contact_records_someone_not_yet_recorded_in_the_same_write(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    newborn = {
        "givenName": "Ottilie",
        "familyName": "Pupil",
        "dateOfBirth": "2026-11-28",
        "sex": "FEMALE",
        "sourceAgencyId": SCHOOL,
        "sourceRecordId": "HV-NEW-1",
    }
    async with app_for(Role.MASH_PRACTITIONER) as http:
        made = await gql(
            http, RECEIVE, input=contact_input(personIds=[ADOPTER], newPeople=[newborn])
        )
        contact = made.data["receiveContact"]
        assert contact["__typename"] == "Contact", made.body
        again = await gql(http, RECEIVE, input=contact_input(newPeople=[newborn]))
    assert again.data["receiveContact"]["__typename"] == "DuplicateError"  # that record exists
    rows, _, _ = session_driver.execute_query(
        "MATCH (p:Person {given_name: 'Ottilie'})-[:KNOWN_TO]->(:Agency {id: $school}) "
        "RETURN p.id AS id",
        school=SCHOOL,
    )
    assert [r["id"] for r in rows] == [s for s in contact["subjectIds"] if s != ADOPTER]
