"""Identity resolution through GraphQL against a real Neo4j: a duplicate proposed when a
record is created, confirmed (the person's network, chronology and analyses then hold the
linked record's facts), rejected for good, un-merged (everything restored), refused when
unsafe, audited, and seen by a partner only through its own records."""

from __future__ import annotations

import random
import string
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import neo4j
import pytest

from graph_service.security.roles import Role
from tests.api.conftest import POLICE, ClientFor, gql

ERRORS = "... on UserError { message field } ... on ValidationError { reason }"
CREATE = f"""mutation($input: PersonInput!, $key: String) {{
  createPerson(input: $input, idempotencyKey: $key) {{ __typename
    ... on Person {{ id awaitingReview
      possibleDuplicates {{ reviewId personId band matchWeight }} }}
    {ERRORS} }} }}"""
REVIEWS = """query($p: ID) { matchReviews(personId: $p, first: 100) { edges { node {
  id status band matchWeight fieldWeights { field weight }
  left { id personId givenName provenance { sourceAgencyId } }
  right { id personId givenName } leftPerson { id } rightPerson { id } } } } }"""
CONFIRM = f"""mutation($r: ID!, $why: String!) {{ confirmMatch(reviewId: $r, reason: $why) {{
  __typename ... on Person {{ id records {{ id personId givenName
    provenance {{ sourceAgencyId sourceRecordId }} linkedAt }} }} {ERRORS} }} }}"""
REJECT = f"""mutation($r: ID!, $why: String!) {{ rejectMatch(reviewId: $r, reason: $why) {{
  __typename ... on MatchReview {{ id status decidedBy rationale }} {ERRORS} }} }}"""
UNMERGE = f"""mutation($r: ID!, $why: String!) {{ unmergeRecord(recordId: $r, reason: $why) {{
  __typename ... on Unmerged {{ person {{ id records {{ id }} }} record {{ id records {{ id }} }} }}
  {ERRORS} }} }}"""
NETWORK = """query($p: ID!) { familyNetwork(personId: $p, depth: 2) { personId
  people { id } concerns { id code subjectId } } }"""
PERSON = """query($p: ID!) { person(id: $p) { id records { id provenance { sourceAgencyId } } } }"""
CHRONOLOGY = """query($p: ID!) { chronology(personId: $p) { kind relatedId personId } }"""
TRIO = """query($area: String, $after: String) { toxicTrio(area: $area, first: 100, after: $after)
  { hasNextPage endCursor flags { childId } } }"""
DECISIONS = """query($p: ID!) { linkDecisions(personId: $p) { kind personId personIds decidedBy
  rationale reviewId } }"""
INDICATORS = """query($p: ID!) { familyIndicators(personId: $p) { children problems } }"""
NEAREST = """query($p: ID!) { nearestRelative(personId: $p) { patientId } }"""
WHY = "Same date of birth and address; the police confirmed the alias"


@dataclass
class Family:
    """A child, mother and father recorded by children's social care in one household,
    and the police's own record of the father (a nickname), with its domestic abuse
    concern. Social care's record has the substance misuse, the mother the mental health."""

    social_care: str
    mother: str
    child: str
    father: str
    police_father: str
    area: str
    domestic_abuse: str
    surname: str
    proposed: list[dict[str, Any]]


def _surname() -> str:
    """A family name of its own, so that one test's family never looks like another's."""
    return "".join(random.choices(string.ascii_lowercase, k=9)).capitalize()


async def _ok(client: httpx.AsyncClient, query: str, field: str, **variables: Any) -> Any:
    result = await gql(client, query, **variables)
    assert not result.errors, result.errors
    payload = result.data[field]
    assert "message" not in payload, payload
    return payload


async def _person(
    client: httpx.AsyncClient, agency: str, given: str, family: str, born: str, sex: str
) -> dict[str, Any]:
    person_input = {
        "givenName": given,
        "familyName": family,
        "dateOfBirth": born,
        "sex": sex,
        "sourceAgencyId": agency,
        "sourceRecordId": uuid.uuid4().hex,
    }
    return await _ok(client, CREATE, "createPerson", input=person_input)  # type: ignore[no-any-return]


async def _mutate(client: httpx.AsyncClient, name: str, kind: str, body: dict[str, Any]) -> str:
    """Run a recording mutation; the id of what it recorded."""
    query = f"""mutation($input: {kind}!) {{ {name}(input: $input) {{ __typename
      {_ID_SELECTION[name]} {ERRORS} }} }}"""
    payload = await _ok(client, query, name, input=body)
    return str(_ID_PATH[name](payload))


_ID_SELECTION = {
    "createAddress": "... on Address { id area }",
    "createHousehold": "... on HouseholdView { id }",
    "joinHousehold": "... on RelationshipRecord { relationship { id } }",
    "recordConcern": "... on Concern { id }",
    "recordRelationship": "... on RelationshipRecord { relationship { id } }",
    "openCase": "... on Case { id }",
}
_ID_PATH = {
    "createAddress": lambda p: f"{p['id']}|{p['area']}",
    "createHousehold": lambda p: p["id"],
    "joinHousehold": lambda p: p["relationship"]["id"],
    "recordConcern": lambda p: p["id"],
    "recordRelationship": lambda p: p["relationship"]["id"],
    "openCase": lambda p: p["id"],
}


def _source(agency: str) -> dict[str, str]:
    return {"sourceAgencyId": agency, "sourceRecordId": uuid.uuid4().hex}


async def _concern(client: httpx.AsyncClient, agency: str, person: str, code: str) -> str:
    body = {"code": code, "personId": person, "raisedOn": "2026-11-01", "severity": "HIGH"}
    body |= {"raisedByAgencyId": agency, "sourceRecordId": uuid.uuid4().hex}
    return await _mutate(client, "recordConcern", "ConcernInput", body)


async def _social_care(client: httpx.AsyncClient) -> str:
    result = await gql(
        client, 'query { agencies(kind: "childrens_social_care") { edges { node { id } } } }'
    )
    return str(result.data["agencies"]["edges"][0]["node"]["id"])


@pytest.fixture
async def mash(app_for: ClientFor) -> httpx.AsyncClient:
    return app_for(Role.SENIOR_PRACTITIONER)


@pytest.fixture
async def family(mash: httpx.AsyncClient) -> Family:
    care = await _social_care(mash)
    surname = _surname()
    mother = await _person(mash, care, "Leanne", surname, "1988-02-20", "FEMALE")
    child = await _person(mash, care, "Kayden", surname, "2016-09-03", "MALE")
    father = await _person(mash, care, "Daniel", surname, "1985-06-14", "MALE")
    line1 = f"{random.randrange(1, 10**6)} Quarry Lane"
    address_input = {"line1": line1, "postcode": "NB2 4QL", **_source(care)}
    address, area = (await _mutate(mash, "createAddress", "AddressInput", address_input)).split("|")
    household_input = {"kind": "COUPLE_WITH_CHILDREN", "addressId": address, **_source(care)}
    household = await _mutate(mash, "createHousehold", "HouseholdInput", household_input)
    for member in (mother, child, father):
        membership = {"personId": member["id"], "householdId": household, "fromDate": "2020-01-01"}
        await _mutate(mash, "joinHousehold", "HouseholdMembershipInput", membership | _source(care))
    await _concern(mash, care, mother["id"], "4B")
    await _concern(mash, care, father["id"], "1B")
    police_father = await _person(mash, POLICE, "Danny", surname, "1985-06-14", "MALE")
    domestic_abuse = await _concern(mash, POLICE, police_father["id"], "3B")
    return Family(
        care,
        mother["id"],
        child["id"],
        father["id"],
        police_father["id"],
        area,
        domestic_abuse,
        surname,
        police_father["possibleDuplicates"],
    )


async def _queue(client: httpx.AsyncClient, person: str) -> list[dict[str, Any]]:
    page = await _ok(client, REVIEWS, "matchReviews", p=person)
    return [edge["node"] for edge in page["edges"]]


async def _review_between(client: httpx.AsyncClient, a: str, b: str) -> dict[str, Any]:
    reviews = await _queue(client, a)
    [review] = [r for r in reviews if {r["left"]["id"], r["right"]["id"]} == {a, b}]
    return review  # type: ignore[no-any-return]


async def _trio_children(client: httpx.AsyncClient, area: str) -> set[str]:
    children: set[str] = set()
    after = None
    while True:
        page = await _ok(client, TRIO, "toxicTrio", area=area, after=after)
        children |= {flag["childId"] for flag in page["flags"]}
        if not page["hasNextPage"]:
            return children
        after = page["endCursor"]


async def _network_concerns(client: httpx.AsyncClient, person: str) -> set[str]:
    network = await _ok(client, NETWORK, "familyNetwork", p=person)
    return {c["id"] for c in network["concerns"]}


async def test_create_person_answers_with_its_possible_duplicates(family: Family) -> None:
    [proposed] = family.proposed
    assert proposed["personId"] == family.father
    assert proposed["band"] in ("auto_link", "review") and proposed["matchWeight"] > 0


async def test_a_review_shows_both_records_and_each_fields_weight(
    mash: httpx.AsyncClient, family: Family
) -> None:
    review = await _review_between(mash, family.police_father, family.father)
    assert review["status"] == "pending"
    weights = {w["field"]: w["weight"] for w in review["fieldWeights"]}
    assert set(weights) == {"given_name", "family_name", "date_of_birth", "sex", "address"}
    assert weights["date_of_birth"] > 0 and weights["family_name"] > 0
    assert review["left"]["givenName"] == "Danny" and review["right"]["givenName"] == "Daniel"
    assert review["left"]["provenance"]["sourceAgencyId"] == POLICE
    people = {review["leftPerson"]["id"], review["rightPerson"]["id"]}
    assert people == {family.police_father, family.father}


async def test_search_marks_a_person_with_a_duplicate_awaiting_review(
    mash: httpx.AsyncClient, family: Family
) -> None:
    query = "query($s: String!) { people(search: $s) { edges { node { id awaitingReview } } } }"
    found = await _ok(mash, query, "people", s=family.surname)
    marked = {e["node"]["id"]: e["node"]["awaitingReview"] for e in found["edges"]}
    assert marked[family.father] is True and marked[family.police_father] is True
    assert marked[family.mother] is False


async def test_confirming_a_match_gives_the_person_every_records_facts(
    mash: httpx.AsyncClient, family: Family
) -> None:
    assert family.child not in await _trio_children(mash, family.area)
    assert family.domestic_abuse not in await _network_concerns(mash, family.child)
    review = await _review_between(mash, family.police_father, family.father)

    person = await _ok(mash, CONFIRM, "confirmMatch", r=review["id"], why=WHY)

    assert person["id"] == family.father  # the record in a household stands for both
    agencies = {r["id"]: r["provenance"]["sourceAgencyId"] for r in person["records"]}
    assert agencies == {family.father: family.social_care, family.police_father: POLICE}
    assert family.domestic_abuse in await _network_concerns(mash, family.child)
    # The toxic trio shows only now: the police's domestic abuse, on their record of him.
    assert family.child in await _trio_children(mash, family.area)
    events = await _ok(mash, CHRONOLOGY, "chronology", p=family.father)
    assert family.domestic_abuse in {e["relatedId"] for e in events}
    # Search finds the one person by either agency's spelling, once.
    query = "query($s: String!) { people(search: $s) { edges { node { id } } } }"
    found = await _ok(mash, query, "people", s=f"Danny {family.surname}")
    ids = [e["node"]["id"] for e in found["edges"]]
    assert family.father in ids and family.police_father not in ids
    assert ids.count(family.father) == 1
    # Concerns asked for by either record's id are the person's, about the person.
    query = "query($p: ID!) { concerns(personId: $p) { edges { node { id subjectId } } } }"
    listed = await _ok(mash, query, "concerns", p=family.police_father)
    subjects = {e["node"]["id"]: e["node"]["subjectId"] for e in listed["edges"]}
    assert subjects[family.domestic_abuse] == family.father
    assert len(subjects) == 2  # social care's substance misuse, and the police's abuse
    # Either record's id finds the one person.
    found = await _ok(mash, PERSON, "person", p=family.police_father)
    assert found["id"] == family.father
    network = await _ok(mash, NETWORK, "familyNetwork", p=family.police_father)
    assert network["personId"] == family.father
    assert family.police_father not in {p["id"] for p in network["people"]}
    queue = await _queue(mash, family.father)
    assert review["id"] not in {r["id"] for r in queue}
    indicators = await _ok(mash, INDICATORS, "familyIndicators", p=family.police_father)
    assert family.child in indicators["children"]
    assert "domestic abuse" in " ".join(indicators["problems"]).lower()
    nearest = await _ok(mash, NEAREST, "nearestRelative", p=family.police_father)
    assert nearest["patientId"] == family.father


async def test_a_rejected_pair_never_returns(mash: httpx.AsyncClient, family: Family) -> None:
    review = await _review_between(mash, family.police_father, family.father)

    rejected = await _ok(mash, REJECT, "rejectMatch", r=review["id"], why=WHY)
    assert rejected["status"] == "rejected" and rejected["rationale"] == WHY

    # Scoring the police record again (as a replayed create does) proposes nothing new.
    replay = {"givenName": "Danny", "familyName": family.surname, "dateOfBirth": "1985-06-14"}
    replay |= {"sex": "MALE", "sourceAgencyId": POLICE, "sourceRecordId": "replayed"}
    first = await _ok(mash, CREATE, "createPerson", input=replay, key=f"k-{family.surname}")
    await _ok(mash, CREATE, "createPerson", input=replay, key=f"k-{family.surname}")
    queue = await _queue(mash, family.father)
    assert review["id"] not in {r["id"] for r in queue}
    pairs = [{r["left"]["id"], r["right"]["id"]} for r in queue]
    assert {family.police_father, family.father} not in pairs
    assert {first["id"], family.father} in pairs  # a new record is a new question
    again = await gql(mash, CONFIRM, r=review["id"], why=WHY)
    assert again.data["confirmMatch"]["reason"] == "ALREADY_DECIDED"


async def test_unmerging_restores_everything_and_the_pair_is_not_proposed_again(
    mash: httpx.AsyncClient, family: Family
) -> None:
    review = await _review_between(mash, family.police_father, family.father)
    await _ok(mash, CONFIRM, "confirmMatch", r=review["id"], why=WHY)

    unmerged = await _ok(mash, UNMERGE, "unmergeRecord", r=family.police_father, why=WHY)

    assert unmerged["person"]["id"] == family.father
    assert [r["id"] for r in unmerged["person"]["records"]] == [family.father]
    assert unmerged["record"]["id"] == family.police_father
    assert family.domestic_abuse not in await _network_concerns(mash, family.child)
    assert family.child not in await _trio_children(mash, family.area)
    own = await _network_concerns(mash, family.police_father)
    assert family.domestic_abuse in own
    decisions = await _ok(mash, DECISIONS, "linkDecisions", p=family.father)
    assert [d["kind"] for d in decisions] == ["unmerged", "confirmed"]
    assert all(d["rationale"] == WHY and d["decidedBy"] for d in decisions)
    assert set(decisions[0]["personIds"]) == {family.father, family.police_father}
    queue = await _queue(mash, family.father)
    assert {family.police_father, family.father} not in [
        {r["left"]["id"], r["right"]["id"]} for r in queue
    ]


async def test_unmerging_the_persons_own_record_leaves_the_rest_together(
    mash: httpx.AsyncClient, family: Family
) -> None:
    review = await _review_between(mash, family.police_father, family.father)
    await _ok(mash, CONFIRM, "confirmMatch", r=review["id"], why=WHY)

    unmerged = await _ok(mash, UNMERGE, "unmergeRecord", r=family.father, why=WHY)

    assert unmerged["record"]["id"] == family.father
    assert unmerged["person"]["id"] == family.police_father
    assert family.domestic_abuse not in await _network_concerns(mash, family.child)
    assert family.domestic_abuse in await _network_concerns(mash, family.police_father)
    alone = await gql(mash, UNMERGE, r=family.father, why=WHY)
    assert alone.data["unmergeRecord"]["field"] == "recordId"


async def test_a_merge_of_two_related_people_is_refused(
    mash: httpx.AsyncClient, family: Family
) -> None:
    # The police's record of a cousin with his name and birthday, whom social care has
    # recorded as his associate: two people who only look alike.
    cousin = await _person(mash, POLICE, "Daniel", family.surname, "1985-06-14", "MALE")
    relation = {"type": "ASSOCIATES_WITH", "fromPersonId": family.father}
    relation |= {"toPersonId": cousin["id"], "fromDate": "2019-01-01"}
    await _mutate(mash, "recordRelationship", "RelationshipInput", relation | _source(POLICE))
    review = await _review_between(mash, cousin["id"], family.father)

    refused = await gql(mash, CONFIRM, r=review["id"], why=WHY)

    payload = refused.data["confirmMatch"]
    assert payload["reason"] == "UNSAFE_MERGE" and payload["field"] == "reviewId"
    assert "related (ASSOCIATES_WITH)" in payload["message"]
    person = await _ok(mash, PERSON, "person", p=cousin["id"])
    assert person["id"] == cousin["id"]  # nothing written
    queue = await _queue(mash, family.father)
    assert review["id"] in {r["id"] for r in queue}


async def test_overlapping_child_protection_plans_refuse_a_merge(
    mash: httpx.AsyncClient, family: Family
) -> None:
    other = await _person(mash, POLICE, "Kayden", family.surname, "2016-09-03", "MALE")
    for child in (family.child, other["id"]):
        case = {"kind": "CHILD_PROTECTION", "personIds": [child], "openedOn": "2026-06-01"}
        await _mutate(mash, "openCase", "CaseInput", case | {"agencyId": family.social_care})
    review = await _review_between(mash, other["id"], family.child)

    refused = await gql(mash, CONFIRM, r=review["id"], why=WHY)

    assert refused.data["confirmMatch"]["reason"] == "UNSAFE_MERGE"
    assert "child protection plan" in refused.data["confirmMatch"]["message"]


async def test_every_decision_is_in_the_audit_trail(
    mash: httpx.AsyncClient, app_for: ClientFor, family: Family, session_driver: neo4j.Driver
) -> None:
    review = await _review_between(mash, family.police_father, family.father)
    await _ok(mash, CONFIRM, "confirmMatch", r=review["id"], why=WHY)
    await _ok(mash, UNMERGE, "unmergeRecord", r=family.police_father, why=WHY)

    auditor = app_for(Role.AUDITOR)
    query = """query($p: ID!) { auditTrail(personId: $p) {
      edges { node { operation outcome } } } }"""
    trail = await _ok(auditor, query, "auditTrail", p=family.police_father)
    operations = [(e["node"]["operation"], e["node"]["outcome"]) for e in trail["edges"]]
    assert ("mutation confirmMatch", "allowed") in operations
    assert ("mutation unmergeRecord", "allowed") in operations
    records, _, _ = session_driver.execute_query(
        "MATCH (d:LinkDecision) WHERE $r IN d.record_ids RETURN d.kind AS kind, "
        "d.decided_by AS by, d.reason AS reason, d.decided_at AS at",
        r=family.police_father,
    )
    assert {r["kind"] for r in records} == {"confirmed", "unmerged"}
    assert all(r["by"] == "senior_practitioner.user" and r["reason"] == WHY for r in records)


async def test_a_partner_sees_the_person_only_through_its_own_records(
    mash: httpx.AsyncClient, app_for: ClientFor, family: Family
) -> None:
    review = await _review_between(mash, family.police_father, family.father)
    await _ok(mash, CONFIRM, "confirmMatch", r=review["id"], why=WHY)

    police = app_for(Role.PARTNER_AGENCY, POLICE)
    seen = await _ok(police, PERSON, "person", p=family.police_father)
    assert [r["id"] for r in seen["records"]] == [family.police_father]
    school = app_for(Role.PARTNER_AGENCY, "AG-T-SCHOOL")
    result = await gql(school, PERSON, p=family.father)
    assert result.data["person"] is None
    denied = await gql(police, REVIEWS, p=family.father)
    assert denied.errors and denied.errors[0]["extensions"]["code"] == "FORBIDDEN"


async def test_ending_a_linked_records_relationship_ends_the_original_too(
    mash: httpx.AsyncClient, family: Family, session_driver: neo4j.Driver
) -> None:
    relation = {"type": "ASSOCIATES_WITH", "fromPersonId": family.police_father}
    relation |= {"toPersonId": family.mother, "fromDate": "2024-01-01", **_source(POLICE)}
    link = await _mutate(mash, "recordRelationship", "RelationshipInput", relation)
    review = await _review_between(mash, family.police_father, family.father)
    await _ok(mash, CONFIRM, "confirmMatch", r=review["id"], why=WHY)

    end = """mutation($p: ID!, $r: ID!, $a: ID!) { endRelationship(personId: $p,
      relationshipId: $r, endDate: "2026-12-01", sourceAgencyId: $a) { __typename
      ... on RelationshipRecord { relationship { toDate } } } }"""
    ended = await _ok(mash, end, "endRelationship", p=family.father, r=link, a=POLICE)
    assert ended["relationship"]["toDate"] == "2026-12-01"
    await _ok(mash, UNMERGE, "unmergeRecord", r=family.police_father, why=WHY)

    records, _, _ = session_driver.execute_query(
        "MATCH (:Person {id: $p})-[r:ASSOCIATES_WITH {id: $r}]->() RETURN r.to_date AS to",
        p=family.police_father,
        r=link,
    )
    assert [str(r["to"]) for r in records] == ["2026-12-01"]  # not reopened by the un-merge


async def test_an_agency_goes_on_recording_against_its_own_record_once_it_is_linked(
    mash: httpx.AsyncClient, app_for: ClientFor, family: Family
) -> None:
    review = await _review_between(mash, family.police_father, family.father)
    await _ok(mash, CONFIRM, "confirmMatch", r=review["id"], why=WHY)

    police = app_for(Role.PARTNER_AGENCY, POLICE)
    later = await _concern(police, POLICE, family.police_father, "3C")

    assert later in await _network_concerns(mash, family.child)  # the person shows it
    await _ok(mash, UNMERGE, "unmergeRecord", r=family.police_father, why=WHY)
    assert later not in await _network_concerns(mash, family.child)
    assert later in await _network_concerns(mash, family.police_father)  # it went along


async def test_a_third_record_confirmed_into_a_person_settles_the_pairs_it_made(
    mash: httpx.AsyncClient, family: Family
) -> None:
    # A school's record of the father as well: it pairs with both records of him.
    school = await _person(mash, "AG-T-SCHOOL", "Daniel", family.surname, "1985-06-14", "MALE")
    with_police = await _review_between(mash, school["id"], family.police_father)
    with_care = await _review_between(mash, school["id"], family.father)
    first = await _review_between(mash, family.police_father, family.father)
    await _ok(mash, CONFIRM, "confirmMatch", r=first["id"], why=WHY)

    await _ok(mash, CONFIRM, "confirmMatch", r=with_care["id"], why=WHY)

    queue = await _queue(mash, family.father)
    assert {with_police["id"], with_care["id"]}.isdisjoint({r["id"] for r in queue})
    person = await _ok(
        mash, PERSON.replace("records", "awaitingReview records"), "person", p=family.father
    )
    assert person["awaitingReview"] is False and len(person["records"]) == 3
    again = await gql(mash, CONFIRM, r=with_police["id"], why=WHY)
    assert again.data["confirmMatch"]["reason"] == "ALREADY_DECIDED"


async def test_a_record_with_no_letter_in_its_name_is_recorded_with_no_duplicates(
    mash: httpx.AsyncClient, family: Family
) -> None:
    created = await _person(mash, POLICE, "1", "2", "1985-06-14", "MALE")
    assert created["possibleDuplicates"] == []
