"""The MASH front door through its use cases: every state change and every refusal, on
a hand-built family, with clocks read at chosen moments."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import neo4j
import pytest

from graph_service.model.errors import AlreadyRecorded, InvalidRequest, NotFound
from graph_service.model.mash import ContactState, MashClocks, Rag, ReferrerKind
from graph_service.model.taxonomy import Sex
from graph_service.services import contacts
from graph_service.services.contacts import (
    CheckResponse,
    ContactFilter,
    Decision,
    NewContact,
    Rating,
)
from graph_service.services.people import NewPerson
from graph_service.store.gateway import GraphGateway
from tests.services.mash_support import MASH_WORKER, at, family, gateway

__all__ = ["family", "gateway"]

CLOCKS = MashClocks()
RECEIVED = at(12, 4, 15)  # Friday 15:00: the decision is due Monday 15:00


def police_contact(**changes: object) -> NewContact:
    fields: dict[str, object] = {
        "received_at": RECEIVED,
        "referrer_kind": ReferrerKind.AGENCY,
        "person_ids": ("P-son", "P-mum"),
        "summary": "Police attended a domestic incident; the child was present.",
        "concern_codes": ("3a",),
        "referrer_agency_id": "AG-POL",
        "handler": "mash.worker",
    }
    return NewContact(**(fields | changes))  # type: ignore[arg-type]


async def received(gateway: GraphGateway, **changes: object) -> str:
    return await contacts.receive_contact(
        gateway, MASH_WORKER, police_contact(**changes), at(12, 4, 15, 5)
    )


async def test_a_contact_goes_from_received_to_decided_and_opens_a_case(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    contact_id = await received(gateway)
    now = at(12, 4, 15, 30)
    await contacts.rate_contact(
        gateway, MASH_WORKER, Rating(contact_id, Rag.AMBER, "child present at DA incident"), now
    )
    await contacts.request_checks(gateway, MASH_WORKER, contact_id, ["AG-SCH", "AG-POL"], now)
    answered = at(12, 7, 11)  # Monday 11:00: within the amber check's working day
    check_id = await contacts.record_check_response(
        gateway, MASH_WORKER, CheckResponse(contact_id, "AG-SCH", "Attends well."), answered
    )
    decision = Decision(
        contact_id,
        "child_and_family_assessment",
        "Repeat incidents: assess",
        case_agency_id="AG-CSC",
    )
    decided_at = at(12, 7, 14)
    await contacts.decide_contact(gateway, MASH_WORKER, decision, CLOCKS, decided_at)

    found = await contacts.contact(gateway, contact_id, CLOCKS, at(12, 8, 10))
    assert found is not None
    assert found.state == ContactState.DECIDED.value and found.rag == "amber"
    assert found.concern_codes == ["3A"] and sorted(found.subject_ids) == ["P-mum", "P-son"]
    assert found.decision_clock.due_at == at(12, 7, 15)
    assert not found.decision_clock.breached and found.decided_by == "mash.worker"
    school = next(c for c in found.checks if c.agency_id == "AG-SCH")
    police = next(c for c in found.checks if c.agency_id == "AG-POL")
    assert str(school.id) == check_id and school.response == "Attends well." and not school.late
    assert police.clock is not None and police.clock.due_at == at(12, 7, 15, 30)
    assert police.late  # unanswered past Monday 15:30, read on Tuesday
    assert found.breaches == 1
    case_rows, _, _ = family.execute_query(
        "MATCH (:Contact {id: $id})-[:LED_TO]->(c:Case)<-[:SUBJECT_OF]-(p) "
        "RETURN c.id AS id, c.kind AS kind, c.opened_on AS opened, c.decided_on AS decided, "
        "collect(p.id) AS people",
        id=contact_id,
    )
    assert case_rows[0]["kind"] == "child_in_need"
    assert (
        str(case_rows[0]["opened"]) == "2026-12-04" and str(case_rows[0]["decided"]) == "2026-12-07"
    )
    assert sorted(case_rows[0]["people"]) == ["P-mum", "P-son"]
    assert found.case_id == case_rows[0]["id"]


async def test_every_rating_is_kept_and_a_rerating_needs_a_reason(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    contact_id = await received(gateway)
    now = at(12, 4, 16)
    await contacts.rate_contact(gateway, MASH_WORKER, Rating(contact_id, Rag.GREEN, "low"), now)
    with pytest.raises(InvalidRequest) as refused:
        await contacts.rate_contact(gateway, MASH_WORKER, Rating(contact_id, Rag.RED, "no"), now)
    assert refused.value.field == "reason"
    again = Rating(contact_id, Rag.RED, "weapon mentioned", reason="police update")
    await contacts.rate_contact(gateway, MASH_WORKER, again, now)
    found = await contacts.contact(gateway, contact_id, CLOCKS, now)
    assert found is not None and found.rag == "red"
    assert [(r.rag, r.reason) for r in found.ratings] == [
        ("green", None),
        ("red", "police update"),
    ]


@pytest.mark.parametrize(
    ("step", "field"),
    [
        ("decide before rating", "contactId"),
        ("answer for an agency not asked", "agencyId"),
        ("rate before receipt", "at"),
        ("rate in the future", "at"),
        ("decide twice", "contactId"),
        ("outcome not on the list", "outcome"),
        ("a case for an outcome that opens none", "caseAgencyId"),
        ("an outcome that needs a case without one", "caseId"),
    ],
)
async def test_a_step_out_of_order_is_refused_naming_the_field(
    family: neo4j.Driver, gateway: GraphGateway, step: str, field: str
) -> None:
    contact_id = await received(gateway)
    now = at(12, 4, 16)
    rate = Rating(contact_id, Rag.AMBER, "rationale")

    def decision(outcome: str = "no_further_action", **more: str) -> Decision:
        return Decision(contact_id, outcome, "because", **more)  # type: ignore[arg-type]

    async def attempt() -> None:
        match step:
            case "decide before rating":
                await contacts.decide_contact(gateway, MASH_WORKER, decision(), CLOCKS, now)
            case "answer for an agency not asked":
                answer = CheckResponse(contact_id, "AG-SCH", "nothing known")
                await contacts.record_check_response(gateway, MASH_WORKER, answer, now)
            case "rate before receipt":
                early = Rating(contact_id, Rag.AMBER, "r", at=RECEIVED - timedelta(minutes=1))
                await contacts.rate_contact(gateway, MASH_WORKER, early, now)
            case "rate in the future":
                late = Rating(contact_id, Rag.AMBER, "r", at=now + timedelta(hours=1))
                await contacts.rate_contact(gateway, MASH_WORKER, late, now)
            case "decide twice":
                await contacts.rate_contact(gateway, MASH_WORKER, rate, now)
                await contacts.decide_contact(gateway, MASH_WORKER, decision(), CLOCKS, now)
                await contacts.decide_contact(gateway, MASH_WORKER, decision(), CLOCKS, now)
            case "outcome not on the list":
                await contacts.rate_contact(gateway, MASH_WORKER, rate, now)
                await contacts.decide_contact(gateway, MASH_WORKER, decision("maybe"), CLOCKS, now)
            case "a case for an outcome that opens none":
                await contacts.decide_contact(
                    gateway, MASH_WORKER, decision(case_agency_id="AG-CSC"), CLOCKS, now
                )
            case "an outcome that needs a case without one":
                await contacts.rate_contact(gateway, MASH_WORKER, rate, now)
                await contacts.decide_contact(
                    gateway, MASH_WORKER, decision("early_help"), CLOCKS, now
                )

    with pytest.raises(InvalidRequest) as refused:
        await attempt()
    assert refused.value.field == field, refused.value.problem


async def test_a_contact_must_name_its_referrer_properly_and_real_people(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    with pytest.raises(InvalidRequest) as anonymous:
        await received(
            gateway,
            referrer_kind=ReferrerKind.ANONYMOUS,
            referrer_agency_id=None,
            referrer_name="Jo",
        )
    assert anonymous.value.field == "referrerName"
    with pytest.raises(InvalidRequest) as no_agency:
        await received(gateway, referrer_agency_id=None)
    assert no_agency.value.field == "referrerAgencyId"
    with pytest.raises(NotFound) as nobody:
        await received(gateway, person_ids=("P-son", "P-nobody"))
    assert nobody.value.field == "personIds"
    with pytest.raises(InvalidRequest) as bad_code:
        await received(gateway, concern_codes=("99Z",))
    assert bad_code.value.field == "code"
    rows, _, _ = family.execute_query("MATCH (c:Contact) RETURN count(c) AS n")
    assert rows[0]["n"] == 0  # nothing half-written


async def test_an_agency_is_asked_once_and_answers_once(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    contact_id = await received(gateway)
    now = at(12, 4, 16)
    await contacts.request_checks(gateway, MASH_WORKER, contact_id, ["AG-SCH"], now)
    with pytest.raises(AlreadyRecorded) as again:
        await contacts.request_checks(gateway, MASH_WORKER, contact_id, ["AG-POL", "AG-SCH"], now)
    assert again.value.field == "agencyIds"
    answer = CheckResponse(contact_id, "AG-SCH", "known: good attendance")
    await contacts.record_check_response(gateway, MASH_WORKER, answer, now)
    with pytest.raises(AlreadyRecorded):
        await contacts.record_check_response(gateway, MASH_WORKER, answer, now)
    found = await contacts.contact(gateway, contact_id, CLOCKS, now)
    assert found is not None and [c.agency_id for c in found.checks] == ["AG-SCH"]


async def test_two_decisions_at_once_record_exactly_one(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    contact_id = await received(gateway)
    now = at(12, 4, 16)
    await contacts.rate_contact(gateway, MASH_WORKER, Rating(contact_id, Rag.GREEN, "r"), now)
    outcomes = ["no_further_action", "information_and_advice"]
    results = await asyncio.gather(
        *(
            contacts.decide_contact(
                gateway, MASH_WORKER, Decision(contact_id, o, "why"), CLOCKS, now
            )
            for o in outcomes
        ),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, InvalidRequest)]
    assert len(refused) == 1 and refused[0].field == "contactId"
    found = await contacts.contact(gateway, contact_id, CLOCKS, now)
    assert found is not None and found.outcome in outcomes


async def test_the_queue_puts_the_least_time_left_first_and_marks_risk(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    older = await received(gateway, received_at=at(12, 3, 10))  # due Friday 10:00
    newer = await received(gateway)  # due Monday 15:00
    red = await received(gateway, received_at=at(12, 4, 14))
    now = at(12, 4, 15, 10)
    await contacts.rate_contact(gateway, MASH_WORKER, Rating(red, Rag.RED, "weapon"), now)
    await contacts.request_checks(gateway, MASH_WORKER, red, ["AG-POL"], now)
    queue = await contacts.contacts(gateway, ContactFilter(), CLOCKS, at(12, 4, 18, 15), 0, 50)
    assert [str(c.id) for c in queue] == [older, red, newer]
    first = queue[0]
    assert first.decision_clock.breached and first.breaches == 1
    assert first.decision_clock.minutes_left == -(8 * 60 + 15)  # due 10:00, read at 18:15
    assert queue[1].at_risk and not queue[1].breaches  # red check: 3h05 of 4h used
    assert not queue[2].at_risk
    rated = await contacts.contacts(
        gateway, ContactFilter(state=ContactState.RATED), CLOCKS, at(12, 4, 18), 0, 50
    )
    assert [str(c.id) for c in rated] == [red]
    due_soon = await contacts.contacts(
        gateway, ContactFilter(due_before=at(12, 5, 0)), CLOCKS, at(12, 4, 18), 0, 50
    )
    assert [str(c.id) for c in due_soon] == [older]


async def test_people_not_yet_recorded_are_recorded_with_the_contact_or_not_at_all(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    baby = NewPerson("Rae", "Stone", "AG-SCH", "S-77", date(2026, 11, 1), Sex.FEMALE)
    contact_id = await received(gateway, person_ids=("P-mum",), new_people=(baby,))
    found = await contacts.contact(gateway, contact_id, CLOCKS, at(12, 4, 16))
    assert found is not None and len(found.subject_ids) == 2
    rows, _, _ = family.execute_query(
        "MATCH (:Contact {id: $id})-[:ABOUT]->(p:Person {given_name: 'Rae'})"
        "-[:KNOWN_TO]->(:Agency {id: 'AG-SCH'}) RETURN p.id AS id",
        id=contact_id,
    )
    assert [r["id"] for r in rows] == [s for s in found.subject_ids if s != "P-mum"]
    twin = NewPerson("Rae", "Stone", "AG-SCH", "S-78", date(2026, 11, 1), Sex.FEMALE)
    with pytest.raises(NotFound):  # the referrer is unknown: nothing of it is written
        await received(gateway, new_people=(twin,), referrer_agency_id="AG-NOPE")
    with pytest.raises(AlreadyRecorded):  # the school's record S-77 is someone already
        await received(gateway, new_people=(baby,))
    counted, _, _ = family.execute_query(
        "MATCH (c:Contact) WITH count(c) AS contacts "
        "MATCH (p:Person {given_name: 'Rae'}) RETURN contacts, count(p) AS rae"
    )
    assert (counted[0]["contacts"], counted[0]["rae"]) == (1, 1)


async def test_a_contact_is_handed_over_until_it_is_decided(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    contact_id = await received(gateway)
    now = at(12, 4, 16)
    await contacts.assign_contact(gateway, MASH_WORKER, contact_id, "duty.senior", now)
    mine = await contacts.contacts(
        gateway, ContactFilter(handler="duty.senior"), CLOCKS, now, 0, 10
    )
    assert [str(c.id) for c in mine] == [contact_id]
    with pytest.raises(InvalidRequest) as blank:
        await contacts.assign_contact(gateway, MASH_WORKER, contact_id, "  ", now)
    assert blank.value.field == "handler"
    await contacts.rate_contact(gateway, MASH_WORKER, Rating(contact_id, Rag.GREEN, "r"), now)
    decision = Decision(contact_id, "no_further_action", "nothing to do")
    await contacts.decide_contact(gateway, MASH_WORKER, decision, CLOCKS, now)
    with pytest.raises(InvalidRequest) as decided:
        await contacts.assign_contact(gateway, MASH_WORKER, contact_id, "someone.else", now)
    assert decided.value.field == "contactId"


async def test_the_deadline_filter_applies_before_the_page_is_cut(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    early = await received(gateway, received_at=at(12, 2, 10))  # due Thursday 10:00
    later = [await received(gateway, received_at=at(12, 4, 9 + n)) for n in range(3)]
    now = at(12, 4, 18)
    for contact_id in [early, *later]:  # decided in this order: the early one first
        await contacts.rate_contact(gateway, MASH_WORKER, Rating(contact_id, Rag.GREEN, "r"), now)
        decision = Decision(contact_id, "no_further_action", "nothing to do")
        await contacts.decide_contact(gateway, MASH_WORKER, decision, CLOCKS, now)
    asked = ContactFilter(state=ContactState.DECIDED, due_before=at(12, 4, 0))
    [only] = await contacts.contacts(gateway, asked, CLOCKS, now, 0, 1)
    assert str(only.id) == early  # not lost to a page of newer decisions
    assert await contacts.contacts(gateway, asked, CLOCKS, now, 1, 1) == []
