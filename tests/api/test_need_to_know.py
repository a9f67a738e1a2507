"""Each role against each kind of data, through HTTP and a real Neo4j: allowed, masked,
withheld or denied; break-glass; and exactly one audit event per request."""

from __future__ import annotations

import gc
from collections import Counter
from datetime import date

import neo4j
import pytest
from graphql import GraphQLObjectType, get_named_type, is_leaf_type

from graph_service.api.schema import build_schema
from graph_service.ingest.synthetic import Borough
from graph_service.security.disclosure import is_person_id
from graph_service.security.roles import Role
from graph_service.services.people import lucene_name_query
from graph_service.store.queries import QueryLibrary
from graph_service.views.records import Person
from tests.api.conftest import (
    ADOPTER,
    BIRTH_PARENT,
    POLICE,
    PUPIL,
    REASON,
    SCHOOL,
    STRANGER,
    ClientFor,
    GraphQLResult,
    event_count,
    gql,
    last_event,
)

PERSON = """query($id: ID!) { person(id: $id) { id fullName hazards { id kind }
  addresses { id line1 postcode protected } } }"""
CONCERNS = "query($id: ID!) { concerns(personId: $id) { edges { node { id code withheld } } } }"
NETWORK = """query($id: ID!) { familyNetwork(personId: $id, depth: 1) { people { id }
  hazards { id } nodes { id label } } }"""


def _code(result: GraphQLResult) -> str:
    return str(result.errors[0]["extensions"]["code"])


async def test_a_partner_sees_the_people_it_works_with_and_their_hazards(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        pupil = await gql(school, PERSON, id=PUPIL)
        stranger = await gql(school, PERSON, id=STRANGER)
    assert pupil.data["person"]["fullName"] == "Kit Pupil"
    assert [h["id"] for h in pupil.data["person"]["hazards"]] == ["HZ9000001"]
    assert pupil.data["person"]["addresses"][0]["line1"] is None  # protected, no break-glass
    assert stranger.data["person"] is None and not stranger.errors
    event = last_event(session_driver)
    assert event["outcome"] == "withheld" and event["person_ids"] == []


async def test_a_partner_sees_sensitive_concerns_only_when_it_raised_them(
    app_for: ClientFor,
) -> None:
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        shown = await gql(school, CONCERNS, id=PUPIL)
    codes = {
        e["node"]["id"]: (e["node"]["code"], e["node"]["withheld"])
        for e in shown.data["concerns"]["edges"]
    }
    assert codes == {"CT-1": ("withheld", True), "CT-2": ("4B", False), "CT-3": ("8B", False)}


async def test_mash_sees_every_concern_and_is_denied_allocation(app_for: ClientFor) -> None:
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        shown = await gql(mash, CONCERNS, id=PUPIL)
        plan = await gql(mash, "{ allocationSuggestions(queue: UNALLOCATED) { asOf } }")
    assert {e["node"]["code"] for e in shown.data["concerns"]["edges"]} == {"4B", "8B"}
    assert _code(plan) == "FORBIDDEN" and "allocation" in plan.errors[0]["message"]


@pytest.mark.parametrize(
    ("role", "query"),
    [
        (Role.PARTNER_AGENCY, "{ toxicTrio { total } }"),
        (Role.INTEGRATION_SYSTEM, "{ riskHubs { total } }"),
        (Role.AUDITOR, '{ person(id: "P9000001") { id } }'),
        (Role.ADMINISTRATOR, '{ familyNetwork(personId: "P9000001") { depth } }'),
        (Role.SENIOR_PRACTITIONER, '{ auditTrail(personId: "P9000001") { edges { cursor } } }'),
    ],
)
async def test_roles_are_refused_what_they_have_no_need_for(
    app_for: ClientFor, session_driver: neo4j.Driver, role: Role, query: str
) -> None:
    async with app_for(role, SCHOOL) as http:
        result = await gql(http, query)
    assert _code(result) == "FORBIDDEN" and result.data is not None
    assert not any(result.data.values())
    event = last_event(session_driver)
    assert event["outcome"] == "denied" and event["role"] == role.value


async def test_reference_data_is_open_to_every_role_and_not_audited(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    before = event_count(session_driver)
    async with app_for(Role.ADMINISTRATOR) as admin:
        result = await gql(admin, "{ agencies(first: 5) { edges { node { id } } } }")
    assert len(result.data["agencies"]["edges"]) == 5
    assert event_count(session_driver) == before


async def test_break_glass_opens_restricted_records_and_raises_an_alert(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        closed = await gql(mash, NETWORK, id=PUPIL)
    async with app_for(Role.MASH_PRACTITIONER, **{"X-Break-Glass-Reason": REASON}) as mash:
        opened = await gql(mash, NETWORK, id=PUPIL)
    alert = last_event(session_driver)
    people = {p["id"] for p in closed.data["familyNetwork"]["people"]}
    assert people == {PUPIL, ADOPTER}  # the birth parent is a restricted link
    assert "Protected address" in {n["label"] for n in closed.data["familyNetwork"]["nodes"]}
    assert {p["id"] for p in opened.data["familyNetwork"]["people"]} == {
        PUPIL,
        ADOPTER,
        BIRTH_PARENT,
    }
    assert "1 Refuge Row" in {n["label"] for n in opened.data["familyNetwork"]["nodes"]}
    assert [h["id"] for h in closed.data["familyNetwork"]["hazards"]] == ["HZ9000001"]
    assert alert["alert"] is True and alert["break_glass_reason"] == REASON
    assert BIRTH_PARENT in alert["person_ids"]
    async with app_for(Role.AUDITOR) as auditor:
        alerts = await gql(
            auditor,
            "{ auditTrail(alertsOnly: true) { edges { node {"
            " user breakGlassReason personIds } } } }",
        )
    newest = alerts.data["auditTrail"]["edges"][0]["node"]
    assert newest["user"] == "mash_practitioner.user" and newest["breakGlassReason"] == REASON


async def test_break_glass_without_a_reason_discloses_nothing(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    async with app_for(Role.MASH_PRACTITIONER, **{"X-Break-Glass-Reason": "urgent"}) as mash:
        result = await gql(mash, NETWORK, id=PUPIL)
    assert _code(result) == "BAD_USER_INPUT" and result.data["familyNetwork"] is None
    assert "breakGlassReason" in result.errors[0]["message"]
    async with app_for(Role.PARTNER_AGENCY, SCHOOL, **{"X-Break-Glass-Reason": REASON}) as school:
        refused = await gql(school, NETWORK, id=PUPIL)
    assert _code(refused) == "FORBIDDEN" and refused.data["familyNetwork"] is None
    event = last_event(session_driver)
    assert event["outcome"] == "denied" and "break_glass_reason" not in event


async def test_an_integration_system_writes_only_as_its_own_agency(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    mutation = """mutation($a: ID!) { recordConcern(input: {personId: "P9000001", code: "8B",
      raisedOn: "2026-10-02", severity: LOW, raisedByAgencyId: $a,
      sourceRecordId: "SCH-1"}) { __typename
      ... on Concern { id } } }"""
    count = "MATCH (:Person {id: 'P9000001'})-[:SUBJECT_OF]->(c:Concern) RETURN count(c) AS n"
    before = session_driver.execute_query(count).records[0]["n"]
    async with app_for(Role.INTEGRATION_SYSTEM, SCHOOL) as system:
        refused = await gql(system, mutation, a=POLICE)
        assert session_driver.execute_query(count).records[0]["n"] == before
        written = await gql(system, mutation, a=SCHOOL)
    assert _code(refused) == "FORBIDDEN" and "raisedByAgencyId" in refused.errors[0]["message"]
    assert written.data["recordConcern"]["__typename"] == "Concern"
    assert session_driver.execute_query(count).records[0]["n"] == before + 1
    assert last_event(session_driver)["action"] == "write"


async def test_the_audit_trail_answers_by_person_user_and_time(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        await gql(mash, PERSON, id=ADOPTER)
    last = last_event(session_driver)
    async with app_for(Role.AUDITOR) as auditor:
        by_person = await gql(
            auditor,
            """query($p: ID!) { auditTrail(personId: $p, first: 100) {
          edges { node { id personIds user operation requestId } } } }""",
            p=ADOPTER,
        )
        by_user = await gql(
            auditor,
            """{ auditTrail(userId: "mash_practitioner.user") {
          edges { node { id user } } } }""",
        )
        between = await gql(
            auditor,
            """query($f: DateTime!) { auditTrail(from: $f) {
          edges { node { id } } } }""",
            f=last["at"].isoformat(),
        )  # type: ignore[attr-defined]
        nothing = await gql(auditor, "{ auditTrail { edges { node { id } } } }")
    nodes = [e["node"] for e in by_person.data["auditTrail"]["edges"]]
    assert nodes[0]["id"] == last["id"] and all(ADOPTER in n["personIds"] for n in nodes)
    assert all(
        e["node"]["user"] == "mash_practitioner.user" for e in by_user.data["auditTrail"]["edges"]
    )
    assert last["id"] in {e["node"]["id"] for e in between.data["auditTrail"]["edges"]}
    assert _code(nothing) == "BAD_USER_INPUT"


async def test_map_pages_pass_the_same_checks_and_are_audited(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    async with app_for(Role.AUDITOR) as auditor:
        denied = await auditor.get(f"/maps/person/{PUPIL}")
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        withheld = await school.get(f"/maps/person/{STRANGER}")
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        shown = await mash.get(f"/maps/person/{PUPIL}?depth=1")
    assert denied.status_code == 403 and "no access" in denied.text
    assert withheld.status_code == 404 and "Sam Else" not in withheld.text
    assert shown.status_code == 200 and "Kit Pupil" in shown.text
    assert "Bo Original" not in shown.text and "1 Refuge Row" not in shown.text
    event = last_event(session_driver)
    assert event["operation"] == f"map person {PUPIL}"
    assert set(event["person_ids"]) == {PUPIL, ADOPTER}  # type: ignore[call-overload]


def test_only_fields_that_read_a_scalar_off_their_parent_skip_the_hook() -> None:
    schema = build_schema()
    marked, hooked = [], []
    for named in schema._schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for name, field in named.fields.items():
            exempt = getattr(field.resolve, "_need_to_know_exempt", False)
            (marked if exempt else hooked).append((named.name, name, field))
    assert len(marked) > 100
    for _, _, field in marked:  # plain attribute reads of scalars and enums only
        assert getattr(field.resolve, "_is_default", False)
        assert is_leaf_type(get_named_type(field.type))
    names = {(type_name, name) for type_name, name, _ in hooked}
    # Everything that loads, computes or holds objects still passes the Disclosure.
    assert {
        ("Query", "person"),
        ("Query", "familyNetwork"),
        ("Person", "hazards"),
        ("FamilyNetwork", "people"),
        ("Mutation", "recordConcern"),
    } <= names


async def test_exempt_fields_are_never_seen_by_the_hook_and_the_rest_always_are(
    app_for: ClientFor, hook_calls: list[str]
) -> None:
    seen = hook_calls
    async with app_for(Role.MASH_PRACTITIONER) as client:
        result = await gql(client, PERSON, id=PUPIL)
    assert result.data["person"]["id"] == PUPIL
    assert "Query.person" in seen and "Person.hazards" in seen
    assert "Person.id" not in seen and "Person.fullName" not in seen


SEARCH = """query($s: String!, $first: Int!) { people(search: $s, first: $first) {
  edges { node { id } } pageInfo { hasNextPage } } }"""


async def test_a_partner_pages_through_only_the_people_it_works_with(app_for: ClientFor) -> None:
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        everyone = await gql(mash, SEARCH, s="Pupil", first=1)
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        scoped = await gql(school, SEARCH, s="Pupil", first=1)
    async with app_for(Role.PARTNER_AGENCY, POLICE) as police:  # in scope by its concerns
        raised = await gql(police, SEARCH, s="Kit Pupil", first=5)
    assert everyone.data["people"]["pageInfo"]["hasNextPage"] is True  # Kit and Ada Pupil
    # The school knows only Kit: one full page, and no next page that need to know would
    # empty (Ada Pupil is never counted, shown or withheld).
    assert [e["node"]["id"] for e in scoped.data["people"]["edges"]] == [PUPIL]
    assert scoped.data["people"]["pageInfo"]["hasNextPage"] is False
    assert [e["node"]["id"] for e in raised.data["people"]["edges"]] == [PUPIL]


def test_search_scope_and_the_agency_scope_rule_agree_person_by_person(
    session_driver: neo4j.Driver, queries: QueryLibrary, fixture_graph: Borough
) -> None:
    """person_search repeats agency_scope's three conditions: they must not drift apart."""
    known = Counter(row["end"] for row in fixture_graph.relationships["Person:KNOWN_TO:Agency"])
    people = fixture_graph.nodes["Person"][:60]
    ids = [person["id"] for person in people]
    filters = {
        "index": "person_names",
        "candidates": 500,
        "bornAfter": None,
        "bornOnOrBefore": None,
        "postcode": None,
        "seeProtected": False,
        "offset": 0,
        "limit": 100,
        "asOf": date.today(),
    }
    for agency, _ in known.most_common(3):
        records, _, _ = session_driver.execute_query(
            queries["agency_scope"], agencyId=agency, ids=ids, limit=len(ids)
        )
        in_scope = set(records[0]["ids"])
        found = set()
        for person in people:  # each searched for by name and birth date, as this agency
            props = person["props"]
            records, _, _ = session_driver.execute_query(
                queries["person_search"],
                filters,
                lucene=lucene_name_query(props["full_name"]),
                dateOfBirth=props["date_of_birth"],
                scopeAgency=agency,
            )
            found |= {m["person"]["id"] for m in records[0]["matches"]} & {person["id"]}
        assert found == in_scope and 0 < len(in_scope) < len(ids), agency


LISTS = {
    "cases": """query($after: String) { cases(first: 10, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }""",
    "concerns": """query($after: String) { concerns(first: 10, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }""",
}
# Every record of each list with the people it is about (a household's concern: none).
SUBJECTS = {
    "cases": "MATCH (c:Case) RETURN c.id AS id, "
    "[(p:Person)-[:SUBJECT_OF]->(c) | p.id][..20] AS ids",
    "concerns": "MATCH (c:Concern) RETURN c.id AS id, "
    "[(p:Person)-[:SUBJECT_OF]->(c) | p.id] AS ids",
}


@pytest.mark.parametrize("field", LISTS)
async def test_a_partner_pages_through_only_the_records_it_may_see(
    app_for: ClientFor,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
    fixture_graph: Borough,
    field: str,
) -> None:
    known = Counter(row["end"] for row in fixture_graph.relationships["Person:KNOWN_TO:Agency"])
    agency = known.most_common(1)[0][0]
    records, _, _ = session_driver.execute_query(SUBJECTS[field])
    people = sorted({person for record in records for person in record["ids"]})
    scope, _, _ = session_driver.execute_query(
        queries["agency_scope"], agencyId=agency, ids=people, limit=len(people)
    )
    in_scope = set(scope[0]["ids"])
    expected = {r["id"] for r in records if not r["ids"] or in_scope.intersection(r["ids"])}
    shown: list[str] = []
    async with app_for(Role.PARTNER_AGENCY, agency) as partner:
        page = await gql(partner, LISTS[field])
        while True:
            ids = [edge["node"]["id"] for edge in page.data[field]["edges"]]
            shown += ids
            info = page.data[field]["pageInfo"]
            if not info["hasNextPage"]:
                break
            assert len(ids) == 10  # a full page whenever another follows
            page = await gql(partner, LISTS[field], after=info["endCursor"])
    assert sorted(shown) == sorted(expected) and 0 < len(expected) < len(records)


CHRONOLOGY = """query($h: ID!, $limit: Int!) { chronology(householdId: $h, limit: $limit) {
  on kind personId } }"""
# Households whose members an agency partly knows, busiest first: their chronologies mix
# events a partner may see with events it may not.
MIXED_HOUSEHOLDS = """
MATCH (h:Household)<-[:MEMBER_OF]-(p:Person)
WITH h, collect(DISTINCT p.id) AS members
WHERE size(members) > 2
RETURN h.id AS id, members ORDER BY size(members) DESC, id LIMIT 200"""


async def test_a_partner_chronology_limit_counts_only_events_it_may_see(
    app_for: ClientFor,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
    fixture_graph: Borough,
) -> None:
    known = Counter(row["end"] for row in fixture_graph.relationships["Person:KNOWN_TO:Agency"])
    agency = known.most_common(1)[0][0]
    households, _, _ = session_driver.execute_query(MIXED_HOUSEHOLDS)
    people = sorted({p for h in households for p in h["members"]})
    scope, _, _ = session_driver.execute_query(
        queries["agency_scope"], agencyId=agency, ids=people, limit=len(people)
    )
    in_scope = set(scope[0]["ids"])
    household = next(
        h["id"] for h in households if 0 < len(in_scope & set(h["members"])) < len(h["members"])
    )
    records, _, _ = session_driver.execute_query(  # every event, in the service's order
        queries["chronology"], personId=None, householdId=household, limit=1000, scopeAgency=None
    )

    def visible(person: str | None) -> bool:
        return not is_person_id(person) or person in in_scope

    seen = [
        {"on": r["on"].isoformat(), "kind": r["kind"].upper(), "personId": r["person_id"]}
        for r in records
        if visible(r["person_id"]) and visible(r["related_id"])
    ]
    assert 0 < len(seen) < len(records)
    limit = max(1, len(seen) - 1)
    async with app_for(Role.PARTNER_AGENCY, agency) as partner:
        shown = (await gql(partner, CHRONOLOGY, h=household, limit=limit)).data["chronology"]
    assert shown == seen[:limit]  # a full limit, and exactly the events it may see


async def test_a_request_leaves_nothing_it_loaded_for_the_cycle_collector(
    app_for: ClientFor,
) -> None:
    query = """query($id: ID!) { familyNetwork(personId: $id) { people { id hazards { id } } }
      person(id: $id) { id households { id } } }"""
    gc.collect()
    gc.disable()  # what is still alive now is held by reference cycles, or still in use
    try:
        async with app_for(Role.MASH_PRACTITIONER) as http:
            result = await gql(http, query, id=PUPIL)
        left = [o for o in gc.get_objects() if isinstance(o, Person)]
    finally:
        gc.enable()
    assert result.data["familyNetwork"]["people"] and result.data["person"]["id"] == PUPIL
    assert left == []


async def test_one_persons_concerns_keep_the_same_scope_as_the_whole_list(
    app_for: ClientFor,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
    fixture_graph: Borough,
) -> None:
    """concerns_of_person (one person's concerns) repeats concerns_filtered's scope rule."""
    known = Counter(row["end"] for row in fixture_graph.relationships["Person:KNOWN_TO:Agency"])
    agency = known.most_common(1)[0][0]
    records, _, _ = session_driver.execute_query(SUBJECTS["concerns"])
    subjects = sorted({person for record in records for person in record["ids"]})
    scope, _, _ = session_driver.execute_query(
        queries["agency_scope"], agencyId=agency, ids=subjects, limit=len(subjects)
    )
    in_scope = set(scope[0]["ids"])
    inside = next(p for p in subjects if p in in_scope)
    outside = next(p for p in subjects if p not in in_scope)
    one = """query($p: ID!) { concerns(personId: $p, first: 100) { edges { node { id } } } }"""
    expected = {r["id"] for r in records if inside in r["ids"]}
    async with app_for(Role.PARTNER_AGENCY, agency) as partner:
        mine = await gql(partner, one, p=inside)
        theirs = await gql(partner, one, p=outside)
    assert {e["node"]["id"] for e in mine.data["concerns"]["edges"]} == expected
    assert theirs.data["concerns"]["edges"] == []
