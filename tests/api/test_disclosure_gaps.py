"""The need-to-know failures found by trying the service as each role would (issue 19),
each reproduced through HTTP on a real Neo4j before it was fixed."""

from __future__ import annotations

import uuid

import neo4j
import pytest

from graph_service.model.taxonomy import ConcernCode
from graph_service.security.roles import Role
from tests.api.conftest import (
    PUPIL,
    REASON,
    SCHOOL,
    STRANGER,
    ClientFor,
    GraphQLResult,
    gql,
    last_event,
)

NEAREST = """query($id: ID!) { nearestRelative(personId: $id) { patientId
  candidates { personId name facts } } }"""
INDICATORS = """query($id: ID!) { familyIndicators(personId: $id) { id children
  evidence { text } } }"""
NODES = """query($id: ID!) { familyNetwork(personId: $id, depth: 1) {
  nodes { id kind label } concerns { id code codeLabel withheld } } }"""
BY_CODE = """query($id: ID!, $code: String!) { concerns(personId: $id, code: $code) {
  edges { node { id code withheld } } } }"""
MENTAL_HEALTH = ConcernCode("4B")


def _code(result: GraphQLResult) -> str:
    return str(result.errors[0]["extensions"]["code"])


async def test_a_partner_may_not_ask_for_a_nearest_relative_or_family_indicators(
    app_for: ClientFor,
) -> None:
    for role in (Role.PARTNER_AGENCY, Role.INTEGRATION_SYSTEM):
        async with app_for(role, SCHOOL) as partner:
            nearest = await gql(partner, NEAREST, id=PUPIL)
            indicators = await gql(partner, INDICATORS, id=PUPIL)
        assert _code(nearest) == "FORBIDDEN" and nearest.data["nearestRelative"] is None
        assert _code(indicators) == "FORBIDDEN" and indicators.data["familyIndicators"] is None
        assert "no access" in nearest.errors[0]["message"]


async def test_a_network_node_never_labels_a_concern_that_is_withheld(app_for: ClientFor) -> None:
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        result = await gql(school, NODES, id=PUPIL)
    network = result.data["familyNetwork"]
    withheld = {c["id"] for c in network["concerns"] if c["withheld"]}
    assert withheld == {"CT-1"}  # the police's mental health concern
    for node in network["nodes"]:
        if node["id"] in withheld:
            assert MENTAL_HEALTH.value not in node["label"]
            assert MENTAL_HEALTH.label not in node["label"]
    assert any(MENTAL_HEALTH.label in n["label"] for n in network["nodes"] if n["id"] == "CT-2")


async def test_a_code_filter_treats_a_withheld_concern_as_if_its_code_were_unknown(
    app_for: ClientFor,
) -> None:
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        mental = await gql(school, BY_CODE, id=PUPIL, code="4B")
        other = await gql(school, BY_CODE, id=PUPIL, code="8B")
    assert [e["node"]["id"] for e in mental.data["concerns"]["edges"]] == ["CT-2"]
    assert [e["node"]["id"] for e in other.data["concerns"]["edges"]] == ["CT-3"]
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        everything = await gql(mash, BY_CODE, id=PUPIL, code="4B")
    assert {e["node"]["id"] for e in everything.data["concerns"]["edges"]} == {"CT-1", "CT-2"}


# A household living with the toxic trio: the mother's mental ill-health and domestic
# abuse and the father's drug misuse, all recorded by the police; an 8-year-old child.
TRIO_HOUSEHOLD = """
MATCH (police:Agency {id: 'AG-T-POLICE'})
MERGE (h:Household {id: 'H9000010'}) SET h.area = 'Test Area'
WITH police, h
UNWIND [['P9000010', 'Tia', 'Trio', date('1988-01-01'), [['CT-10', '4B'], ['CT-11', '3B']]],
        ['P9000011', 'Rex', 'Trio', date('1986-01-01'), [['CT-12', '2B']]],
        ['P9000012', 'Ivy', 'Trio', date('2018-05-01'), []]] AS row
MERGE (p:Person {id: row[0]}) SET p += {given_name: row[1], family_name: row[2],
  full_name: row[1] + ' ' + row[2], date_of_birth: row[3]}
MERGE (p)-[:MEMBER_OF {id: 'RM-' + row[0], from_date: date('2019-01-01')}]->(h)
WITH police, p, row
UNWIND row[4] AS c
MERGE (concern:Concern {id: c[0]}) SET concern += {code: c[1], status: 'open',
  raised_on: date('2026-09-01'), severity: 'high', source_agency: police.id}
MERGE (p)-[:SUBJECT_OF {id: 'RS-' + c[0], from_date: date('2026-09-01')}]->(concern)
MERGE (concern)-[:RAISED_BY {id: 'RB-' + c[0]}]->(police)
"""


@pytest.fixture(scope="module", autouse=True)
def trio_household(session_driver: neo4j.Driver, fixture_graph: object) -> None:
    session_driver.execute_query(TRIO_HOUSEHOLD)


EVIDENCE = "evidence { text people { id } concerns { subject { id } } }"
TRIO = "{ toxicTrio(first: 100) { flags { childId householdId " + EVIDENCE + " } } }"
CARERS = "{ youngCarers(first: 100) { flags { childId householdId " + EVIDENCE + " } } }"
MEMBER_NAMES = """
MATCH (p:Person)-[:MEMBER_OF]->(h:Household) WHERE h.id IN $ids
RETURN DISTINCT p.id AS id, p.full_name AS name"""


async def test_every_person_an_analysis_names_in_its_evidence_is_in_its_audit_event(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    for query, field in ((TRIO, "toxicTrio"), (CARERS, "youngCarers")):
        async with app_for(Role.MASH_PRACTITIONER) as mash:
            result = await gql(mash, query)
        audited = set(last_event(session_driver)["person_ids"])  # type: ignore[call-overload]
        flags = result.data[field]["flags"]
        assert flags, field
        households = sorted({f["householdId"] for f in flags})
        members, _, _ = session_driver.execute_query(MEMBER_NAMES, ids=households)
        text = " ".join(e["text"] for f in flags for e in f["evidence"])
        named = {m["id"] for m in members if m["name"] and m["name"] in text}
        assert named - {f["childId"] for f in flags}, field  # adults are named too
        assert named <= audited, (field, sorted(named - audited))
        typed = {p["id"] for f in flags for e in f["evidence"] for p in e["people"]}
        typed |= {
            c["subject"]["id"]
            for f in flags
            for e in f["evidence"]
            for c in e["concerns"]
            if c["subject"]
        }
        assert typed <= audited


FAMILY = "query($id: ID!) { familyIndicators(personId: $id) { children " + EVIDENCE + " } }"


async def test_family_indicators_audit_everyone_their_evidence_names(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        result = await gql(mash, FAMILY, id="P9000012")
    audited = set(last_event(session_driver)["person_ids"])  # type: ignore[call-overload]
    evidence = result.data["familyIndicators"]["evidence"]
    subjects = {c["subject"]["id"] for e in evidence for c in e["concerns"]}
    assert subjects == {"P9000010", "P9000011"} and subjects <= audited
    assert any("Tia Trio" in e["text"] for e in evidence)


SEARCH_AT = """query($postcode: String!) { people(search: "Kit Pupil", postcode: $postcode) {
  edges { node { id } } } }"""
# The pupil's household, at the refuge.
REFUGE_HOUSEHOLD = """
MATCH (pupil:Person {id: 'P9000001'}), (refuge:Address {id: 'A9000001'})
MERGE (h:Household {id: 'H9000001'}) SET h += {area: 'Refuge Area', locality: 'Refuge Side'}
MERGE (pupil)-[:MEMBER_OF {id: 'RM-P9000001', from_date: date('2016-01-01')}]->(h)
MERGE (h)-[:LOCATED_AT {id: 'RL-H9000001', from_date: date('2016-01-01')}]->(refuge)
"""
HOUSEHOLD = """query($id: ID!) { household(id: $id) { id area locality
  address { line1 postcode } } }"""


async def test_a_postcode_search_never_confirms_that_someone_lives_at_a_refuge(
    app_for: ClientFor,
) -> None:
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        hidden = await gql(mash, SEARCH_AT, postcode="NB1 1AA")
    async with app_for(Role.MASH_PRACTITIONER, **{"X-Break-Glass-Reason": REASON}) as mash:
        shown = await gql(mash, SEARCH_AT, postcode="NB1 1AA")
    assert hidden.data["people"]["edges"] == [] and not hidden.errors
    assert [e["node"]["id"] for e in shown.data["people"]["edges"]] == [PUPIL]


async def test_a_household_at_a_refuge_shows_neither_its_area_nor_its_locality(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    session_driver.execute_query(REFUGE_HOUSEHOLD)
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        hidden = await gql(mash, HOUSEHOLD, id="H9000001")
    async with app_for(Role.MASH_PRACTITIONER, **{"X-Break-Glass-Reason": REASON}) as mash:
        shown = await gql(mash, HOUSEHOLD, id="H9000001")
    masked = hidden.data["household"]
    assert masked["area"] is None and masked["locality"] is None
    assert masked["address"] == {"line1": None, "postcode": None}
    assert shown.data["household"]["area"] == "Refuge Area"
    assert shown.data["household"]["address"]["postcode"] == "NB1 1AA"
    session_driver.execute_query("MATCH (h:Household {id: 'H9000001'}) DETACH DELETE h")


CREATE = """mutation($input: PersonInput!, $key: String) {
  createPerson(input: $input, idempotencyKey: $key) { __typename
    ... on Person { id fullName hazards { id } } ... on UserError { message field } } }"""
PERSON = "query($id: ID!) { person(id: $id) { id fullName } }"


async def test_a_partner_sees_the_person_it_has_just_recorded_and_a_retry_adds_no_one(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    record = uuid.uuid4().hex
    person = {
        "givenName": "Nova",
        "familyName": "Newcomer",
        "dateOfBirth": "2016-02-02",
        "sourceAgencyId": SCHOOL,
        "sourceRecordId": record,
    }
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        created = await gql(school, CREATE, input=person, key=record)
        again = await gql(school, CREATE, input=person, key=record)
        read = await gql(school, PERSON, id=created.data["createPerson"].get("id", ""))
    assert not created.errors and created.data["createPerson"]["__typename"] == "Person"
    assert again.data["createPerson"]["id"] == created.data["createPerson"]["id"]
    assert read.data["person"]["fullName"] == "Nova Newcomer"
    count, _, _ = session_driver.execute_query(
        "MATCH (p:Person {source_record_id: $r}) RETURN count(p) AS n", r=record
    )
    assert count[0]["n"] == 1


# The adoptive mother, whom the school may not see, is violent to staff.
MOTHER_HAZARD = """
MATCH (mother:Person {id: 'P9000002'}), (police:Agency {id: 'AG-T-POLICE'})
MERGE (hazard:Hazard {id: 'HZ9000002'}) SET hazard += {kind: 'violence_to_staff',
  description: 'Ada threatened a visiting worker', recorded_on: date('2026-02-01'),
  review_on: date('2027-02-01'), source_agency: police.id}
MERGE (mother)-[:HAS_HAZARD {id: 'RT-6', from_date: date('2026-02-01')}]->(hazard)
"""
HAZARDS = """query($id: ID!) { familyNetwork(personId: $id, depth: 1) {
  people { id } hazards { id kind reviewOn personId description } } }"""


async def test_a_hazard_of_someone_withheld_is_still_shown_without_saying_who(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    session_driver.execute_query(MOTHER_HAZARD)
    try:
        async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
            result = await gql(school, HAZARDS, id=PUPIL)
            page = await school.get(f"/maps/person/{PUPIL}?depth=1")
    finally:
        session_driver.execute_query("MATCH (h:Hazard {id: 'HZ9000002'}) DETACH DELETE h")
    network = result.data["familyNetwork"]
    assert [p["id"] for p in network["people"]] == [PUPIL]  # the mother is withheld
    violence = [h for h in network["hazards"] if h["kind"] == "violence_to_staff"]
    assert len(violence) == 1 and violence[0]["reviewOn"] == "2027-02-01"
    assert violence[0]["personId"] is None and "AG-T-POLICE" in violence[0]["description"]
    body = result.body | {"extensions": result.extensions}
    assert "Ada" not in str(body) and "P9000002" not in str(body)
    assert {h["kind"] for h in result.extensions["hazards"]} >= {"violence_to_staff"}
    assert page.status_code == 200 and "No hazards recorded" not in page.text
    assert "Violence to staff" in page.text and "Ada" not in page.text


WRITE_FIELDS = "... on UserError { message field } ... on NotFoundError { missingId }"


def _mutation(name: str, input_type: str, shown: str) -> str:
    return (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename "
        f"... on {shown} {WRITE_FIELDS} }} }}"
    )


RECORD_CONCERN = _mutation("recordConcern", "ConcernInput", "Concern { id }")
RECORD = "RelationshipRecord { relationship { id } }"
RELATE = _mutation("recordRelationship", "RelationshipInput", RECORD)
UNKNOWN = "P-does-not-exist"


def _concern(person: str) -> dict[str, str]:
    return {
        "code": "8B",
        "personId": person,
        "raisedOn": "2026-10-02",
        "raisedByAgencyId": SCHOOL,
        "sourceRecordId": uuid.uuid4().hex,
    }


def _relation(a: str, b: str) -> dict[str, str]:
    return {
        "type": "PARTNER_OF",
        "fromPersonId": a,
        "toPersonId": b,
        "partnerKind": "EX",
        "fromDate": "2010-01-01",
        "sourceAgencyId": SCHOOL,
        "sourceRecordId": uuid.uuid4().hex,
    }


def _same_as_unknown(refused: dict[str, str], person: str) -> bool:
    """A refusal that says no more than it would for an id that names no one."""
    return refused["__typename"] == "NotFoundError" and refused["missingId"] == person


async def test_a_partner_writes_only_for_people_in_its_scope_and_refusals_say_nothing(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    count = "MATCH (p:Person {id: 'P9000004'})-[r]-() RETURN count(r) AS n"
    before = session_driver.execute_query(count).records[0]["n"]
    async with app_for(Role.PARTNER_AGENCY, SCHOOL) as school:
        stranger = await gql(school, RECORD_CONCERN, input=_concern(STRANGER))
        unknown = await gql(school, RECORD_CONCERN, input=_concern(UNKNOWN))
        partner = await gql(school, RELATE, input=_relation(PUPIL, STRANGER))
        created = await gql(
            school,
            CREATE,
            input={
                "givenName": "Mo",
                "familyName": "Parent",
                "dateOfBirth": "1985-01-01",
                "sourceAgencyId": SCHOOL,
                "sourceRecordId": uuid.uuid4().hex,
            },
        )
        own = created.data["createPerson"]["id"]
        related = await gql(school, RELATE, input=_relation(own, PUPIL))
    refusal = stranger.data["recordConcern"]
    assert _same_as_unknown(refusal, STRANGER), refusal
    assert refusal["message"].replace(STRANGER, UNKNOWN) == unknown.data["recordConcern"]["message"]
    assert _same_as_unknown(partner.data["recordRelationship"], STRANGER)
    assert related.data["recordRelationship"]["__typename"] == "RelationshipRecord"
    assert related.data["recordRelationship"]["relationship"]["id"], related
    assert session_driver.execute_query(count).records[0]["n"] == before


CREATE_ADDRESS = _mutation(
    "createAddress",
    "AddressInput",
    "Address { id line1 protected } ... on DuplicateError { existingId }",
)
CREATE_HOUSEHOLD = _mutation(
    "createHousehold", "HouseholdInput", "HouseholdView { id address { id line1 protected } }"
)


async def test_writes_never_confirm_that_an_address_is_a_refuge(app_for: ClientFor) -> None:
    refuge = {
        "line1": "1 Refuge Row",
        "postcode": "NB1 1AA",
        "sourceAgencyId": SCHOOL,
        "sourceRecordId": uuid.uuid4().hex,
    }
    household = {
        "kind": "LONE_PARENT",
        "sourceAgencyId": SCHOOL,
        "sourceRecordId": uuid.uuid4().hex,
    }
    async with app_for(Role.MASH_PRACTITIONER) as mash:
        typed = await gql(mash, CREATE_ADDRESS, input=refuge)
        at_refuge = await gql(mash, CREATE_HOUSEHOLD, input={**household, "addressId": "A9000001"})
        nowhere = await gql(mash, CREATE_HOUSEHOLD, input={**household, "addressId": "A-none"})
    address = typed.data["createAddress"]
    assert address["__typename"] == "Address" and address["id"] != "A9000001"
    assert "A9000001" not in str(typed.body)
    assert _same_as_unknown(
        {
            **at_refuge.data["createHousehold"],
            "missingId": at_refuge.data["createHousehold"].get("missingId"),
        },
        "A9000001",
    )
    assert (
        nowhere.data["createHousehold"]["message"].replace("A-none", "A9000001")
        == (at_refuge.data["createHousehold"]["message"])
    )
    async with app_for(Role.MASH_PRACTITIONER, **{"X-Break-Glass-Reason": REASON}) as mash:
        duplicate = await gql(
            mash, CREATE_ADDRESS, input={**refuge, "sourceRecordId": uuid.uuid4().hex}
        )
        opened = await gql(
            mash,
            CREATE_HOUSEHOLD,
            input={**household, "addressId": "A9000001", "sourceRecordId": uuid.uuid4().hex},
        )
    assert duplicate.data["createAddress"]["existingId"] == "A9000001"
    assert opened.data["createHousehold"]["address"]["line1"] == "1 Refuge Row"


# A lodger at the pupil's address, linked to no one by family, who carries weapons.
LODGER = """
MATCH (refuge:Address {id: 'A9000001'}), (police:Agency {id: 'AG-T-POLICE'})
MERGE (lodger:Person {id: 'P9000020'}) SET lodger += {given_name: 'Lou', family_name: 'Lodger',
  full_name: 'Lou Lodger', date_of_birth: date('1975-01-01')}
MERGE (lodger)-[:LIVES_AT {id: 'RT-20', from_date: date('2020-01-01')}]->(refuge)
MERGE (hazard:Hazard {id: 'HZ9000020'}) SET hazard += {kind: 'weapons',
  description: 'Lou keeps a knife', recorded_on: date('2026-03-01'),
  review_on: date('2027-03-01'), source_agency: police.id}
MERGE (lodger)-[:HAS_HAZARD {id: 'RT-21', from_date: date('2026-03-01')}]->(hazard)
"""


@pytest.mark.parametrize("role", [Role.MASH_PRACTITIONER, Role.PARTNER_AGENCY])
async def test_a_hazard_of_anyone_at_an_address_on_the_view_is_shown(
    app_for: ClientFor, session_driver: neo4j.Driver, role: Role
) -> None:
    session_driver.execute_query(LODGER)
    try:
        async with app_for(role, SCHOOL if role is Role.PARTNER_AGENCY else None) as viewer:
            result = await gql(viewer, HAZARDS, id=PUPIL)
    finally:
        session_driver.execute_query(
            "MATCH (n) WHERE n.id IN ['P9000020', 'HZ9000020'] DETACH DELETE n"
        )
    weapons = [h for h in result.data["familyNetwork"]["hazards"] if h["kind"] == "weapons"]
    assert len(weapons) == 1 and weapons[0]["reviewOn"] == "2027-03-01"
    assert weapons[0]["personId"] is None and "AG-T-POLICE" in weapons[0]["description"]
    assert "Lou" not in str(result.body) and "P9000020" not in str(result.body)
