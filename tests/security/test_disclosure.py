"""The Disclosure on hand-built API objects: what each role sees, masked or withheld."""

from __future__ import annotations

from datetime import date

import pytest
import strawberry

from graph_service.security.disclosure import PROTECTED_ADDRESS, WITHHELD, Disclosure
from graph_service.security.policy import AccessDeniedError, BreakGlassError
from graph_service.security.roles import Role
from graph_service.security.tokens import Principal
from graph_service.views.records import (
    Address,
    Case,
    ChronologyEvent,
    ChronologyEventKind,
    Concern,
    FamilyNetwork,
    Hazard,
    NetworkEdge,
    NetworkNode,
    NetworkNodeKind,
    Person,
    PossibleDuplicate,
    Provenance,
    SourceRecord,
)

ON = date(2026, 11, 1)
MASH = Principal("mash.user", Role.MASH_PRACTITIONER)
SCHOOL = Principal("school.user", Role.PARTNER_AGENCY, "AG-SCHOOL")
REASON = "Child protection enquiry s.47 tonight"


def _person(person_id: str, hazards: list[Hazard] | None = None) -> Person:
    return Person(
        id=strawberry.ID(person_id),
        given_name="Ada",
        family_name="Test",
        full_name="Ada Test",
        sex=None,
        date_of_birth=None,
        age=None,
        deceased_on=None,
        hazards=hazards or [],
        provenance=Provenance(source_agency_id=None, source_record_id=None),
    )


def _hazard(person_id: str) -> Hazard:
    return Hazard.of(
        {
            "id": f"HZ-{person_id}",
            "kind": "violence_to_staff",
            "description": "x",
            "person_id": person_id,
        },
        ON,
    )


def _concern(code: str, subject: str, raised_by: str) -> Concern:
    row = {
        "id": f"C-{code}-{raised_by}",
        "code": code,
        "status": "closed",
        "raised_by": raised_by,
        "subject_id": subject,
        "description": "detail",
        "outcome": "why it closed",
    }
    return Concern.of(row)


def _scoped(principal: Principal, in_scope: set[str], **kwargs: str) -> Disclosure:
    async def lookup(agency: str, ids: list[str]) -> set[str]:
        assert agency == principal.agency_id
        return {i for i in ids if i in in_scope}

    return Disclosure(principal, scope=lookup, **kwargs)


async def test_a_partner_sees_only_people_its_agency_is_involved_with() -> None:
    disclosure = _scoped(SCHOOL, {"P0000001"})
    shown = await disclosure.vet([_person("P0000001"), _person("P0000002")])
    assert [str(p.id) for p in shown] == ["P0000001"]
    assert list(disclosure.people) == ["P0000001"] and disclosure.withheld == 1


async def test_a_sensitive_concern_from_another_agency_is_masked_for_a_partner() -> None:
    disclosure = _scoped(SCHOOL, {"P0000001"})
    mental_health = "4B"  # a sensitive category in the taxonomy (see test below)
    concerns = [
        _concern(mental_health, "P0000001", "AG-POLICE"),
        _concern(mental_health, "P0000001", "AG-SCHOOL"),
        _concern("8B", "P0000001", "AG-POLICE"),
        _concern("8B", "P0000002", "AG-POLICE"),
    ]
    shown = await disclosure.vet(concerns)
    assert [(c.code, c.withheld, c.description, c.outcome) for c in shown] == [
        (WITHHELD, True, None, None),
        (mental_health, False, "detail", "why it closed"),
        ("8B", False, "detail", "why it closed"),
    ]


async def test_mash_sees_sensitive_concerns_in_full() -> None:
    disclosure = Disclosure(MASH)
    shown = await disclosure.vet([_concern("4B", "P0000001", "AG-POLICE")])
    assert shown[0].code == "4B" and not shown[0].withheld


def test_the_masked_codes_are_the_taxonomys_sensitive_categories() -> None:
    from graph_service.model.taxonomy import ConcernCode, SensitiveCategory

    assert ConcernCode("4B").info.sensitive is SensitiveCategory.MENTAL_HEALTH
    assert ConcernCode("8B").info.sensitive is None


async def test_hazards_of_everyone_shown_are_kept_and_recorded() -> None:
    disclosure = _scoped(SCHOOL, {"P0000001"})
    hazard = _hazard("P0000001")
    shown = await disclosure.vet(_person("P0000001", [hazard]))
    assert shown.hazards == [hazard] and list(disclosure.hazards) == [str(hazard.id)]


async def test_a_protected_address_needs_break_glass() -> None:
    refuge = Address(
        id=strawberry.ID("A1"),
        line1="1 Safe St",
        town="Northbridge",
        postcode="NB1 1AA",
        area="North",
        protected=True,
    )
    masked = await Disclosure(MASH).vet(refuge)
    assert (masked.line1, masked.postcode, masked.protected) == (None, None, True)
    opened = Disclosure(MASH, break_glass_reason=REASON)
    assert (await opened.vet(refuge)).line1 == "1 Safe St"


def test_break_glass_needs_a_reason_and_a_role_that_may_use_it() -> None:
    with pytest.raises(BreakGlassError, match="breakGlassReason: state why"):
        Disclosure(MASH, break_glass_reason="because").authorise("person")
    with pytest.raises(AccessDeniedError, match="cannot break glass"):
        Disclosure(SCHOOL, break_glass_reason=REASON).authorise("person")
    Disclosure(MASH, break_glass_reason=REASON).authorise("person")


def _edge(
    edge_id: str, kind: str, source: str, target: str, restricted: bool = False
) -> NetworkEdge:
    return NetworkEdge.of(
        {
            "id": edge_id,
            "type": kind,
            "source": source,
            "target": target,
            "kind": "birth",
            "restricted": restricted,
        }
    )


def _network() -> FamilyNetwork:
    """An adopted child P3 (adoptive parent P1), with a birth parent P4 linked only by birth."""
    people = [_person(p, [_hazard(p)]) for p in ("P0000001", "P0000003", "P0000004")]
    nodes = [
        NetworkNode(id=strawberry.ID(str(p.id)), kind=NetworkNodeKind.PERSON, label="x")
        for p in people
    ]
    nodes.append(
        NetworkNode(
            id=strawberry.ID("A1"), kind=NetworkNodeKind.ADDRESS, label="1 Safe St", restricted=True
        )
    )
    edges = [
        _edge("R1", "PARENT_OF", "P0000001", "P0000003"),
        _edge("R2", "PARENT_OF", "P0000004", "P0000003", restricted=True),
        _edge("R3", "LIVES_AT", "P0000001", "A1"),
    ]
    return FamilyNetwork(
        person_id=strawberry.ID("P0000003"),
        as_of=ON,
        depth=2,
        people=people,
        households=[],
        nodes=nodes,
        edges=edges,
        concerns=[],
        hazards=[h for p in people for h in p.hazards],
        truncated=False,
    )


async def test_an_adopted_childs_birth_family_is_hidden_without_break_glass() -> None:
    disclosure = Disclosure(MASH)
    network = await disclosure.vet(_network())
    assert {str(p.id) for p in network.people} == {"P0000001", "P0000003"}
    assert {str(e.id) for e in network.edges} == {"R1", "R3"}
    assert [n.label for n in network.nodes if n.kind is NetworkNodeKind.ADDRESS] == [
        PROTECTED_ADDRESS
    ]
    # The birth parent's hazard stands, without saying whose it is (hazards always show).
    assert {h.person_id for h in network.hazards} == {"P0000001", "P0000003", None}
    assert "P0000004" not in str([h for h in network.hazards if h.person_id is None])
    assert "P0000004" not in disclosure.people


async def test_break_glass_shows_the_whole_network() -> None:
    disclosure = Disclosure(MASH, break_glass_reason=REASON)
    network = await disclosure.vet(_network())
    assert {str(p.id) for p in network.people} == {"P0000001", "P0000003", "P0000004"}
    assert "1 Safe St" in [n.label for n in network.nodes]


async def test_a_partner_sees_no_network_of_someone_it_does_not_know() -> None:
    assert await _scoped(SCHOOL, {"P0000001"}).vet(_network()) is None


async def test_cases_and_chronology_follow_the_same_rules() -> None:
    disclosure = _scoped(SCHOOL, {"P0000001"})
    case = _case("CS1", ["P0000002"])
    assert await disclosure.vet(case) is None
    event = ChronologyEvent(
        on=ON,
        kind=ChronologyEventKind.CONCERN_RAISED,
        summary="Concern raised: 4B Mental health",
        person_id="P0000001",
        related_id="C1",
        source_agency_id="AG-POLICE",
        detail="4B",
    )
    shown = await disclosure.vet(event)
    assert "Mental health" not in shown.summary and shown.detail == WITHHELD


def test_roles_are_held_to_their_operations() -> None:
    Disclosure(Principal("a", Role.AUDITOR)).authorise("auditTrail")
    for role, field in [
        (Role.AUDITOR, "person"),
        (Role.ADMINISTRATOR, "familyNetwork"),
        (Role.PARTNER_AGENCY, "toxicTrio"),
        (Role.MASH_PRACTITIONER, "allocateCase"),
        (Role.SENIOR_PRACTITIONER, "auditTrail"),
        (Role.INTEGRATION_SYSTEM, "closeCase"),
    ]:
        with pytest.raises(AccessDeniedError, match=field):
            Disclosure(Principal("u", role, "AG1")).authorise(field)
    with pytest.raises(AccessDeniedError, match="unknownField"):
        Disclosure(MASH).authorise("unknownField")  # deny by default


def test_a_scoped_role_writes_only_as_its_own_agency() -> None:
    disclosure = Disclosure(SCHOOL)
    disclosure.check_provenance("recordConcern", {"input": {"raisedByAgencyId": "AG-SCHOOL"}})
    with pytest.raises(AccessDeniedError, match=r"input\.raisedByAgencyId"):
        disclosure.check_provenance("recordConcern", {"input": {"raisedByAgencyId": "AG-X"}})
    Disclosure(MASH).check_provenance("recordConcern", {"input": {"raisedByAgencyId": "AG-X"}})


async def test_a_partner_sees_a_household_only_through_someone_it_works_with() -> None:
    from dataclasses import dataclass

    @dataclass
    class HouseholdLike:
        id: str
        member_ids: list[str]

    disclosure = _scoped(SCHOOL, {"P0000001"})
    assert await disclosure.vet(HouseholdLike("H1", ["P0000002"])) is None
    shown = await disclosure.vet(HouseholdLike("H2", ["P0000001", "P0000002"]))
    assert shown is not None and list(disclosure.people) == []  # members not yet shown
    assert await Disclosure(MASH).vet(HouseholdLike("H1", ["P0000002"])) is not None


def _case(case_id: str, subjects: list[str]) -> Case:
    return Case(
        id=strawberry.ID(case_id),
        kind="cin",
        status="open",
        opened_on=ON,
        closed_on=None,
        allocated_worker=None,
        allocation=None,
        subject_ids=subjects,
        provenance=Provenance(source_agency_id=None, source_record_id=None),
    )


async def test_a_shared_case_names_only_the_subjects_a_partner_may_see() -> None:
    disclosure = _scoped(SCHOOL, {"P0000001"})
    case = _case("CS2", ["P0000001", "P0000002"])
    shown = await disclosure.vet(case)
    assert shown.subject_ids == ["P0000001"]
    assert "P0000002" not in disclosure.people


async def test_a_relationship_on_its_own_is_shown_only_between_people_a_partner_may_see() -> None:
    """A person's list of relationships, or a mutation's result: no person alongside it to
    load the scope from, so the relationship's own ends must be looked up."""
    both = _edge("R1", "PARENT_OF", "P0000001", "P0000002")
    one = _edge("R2", "PARENT_OF", "P0000001", "P0000003")
    disclosure = _scoped(SCHOOL, {"P0000001", "P0000002"})
    shown = await disclosure.vet([both, one])
    assert [str(e.id) for e in shown] == ["R1"] and disclosure.withheld == 1
    assert set(disclosure.people) == {"P0000001", "P0000002"}
    hidden = _edge("R3", "PARENT_OF", "P0000001", "P0000002", restricted=True)
    assert await _scoped(SCHOOL, {"P0000001", "P0000002"}).vet([hidden]) == []


def _source_record(record_id: str, person_id: str, agency: str) -> SourceRecord:
    row = {"id": record_id, "given_name": "Dan", "family_name": "Test", "source_agency": agency}
    return SourceRecord.of(row, person_id)


async def test_a_partner_sees_a_person_only_through_its_own_agencys_records() -> None:
    records = [
        _source_record("P1", "P1", "AG-CARE"),
        _source_record("P2", "P1", "AG-SCHOOL"),
        _source_record("P3", "P9", "AG-SCHOOL"),  # a record of someone the school does not know
    ]
    school = _scoped(SCHOOL, {"P1"})
    shown = await school.vet(records)
    assert [str(r.id) for r in shown] == ["P2"]
    assert school.withheld == 2 and {"P1", "P2"} <= set(school.people)
    mash = Disclosure(MASH)
    assert len(await mash.vet(records)) == 3


async def test_a_possible_duplicate_a_partner_may_not_see_is_withheld() -> None:
    duplicates = [
        PossibleDuplicate(
            review_id=strawberry.ID("MR-1"),
            person_id=strawberry.ID(p),
            band="review",
            match_weight=3.0,
        )
        for p in ("P1", "P9")
    ]
    school = _scoped(SCHOOL, {"P1"})
    shown = await school.vet(duplicates)
    assert [str(d.person_id) for d in shown] == ["P1"] and "P9" not in school.people
