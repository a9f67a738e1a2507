"""Think Family alerts raised inside the writes that cause them, on a hand-built family:
who is alerted, who is told, acknowledgement (singly and in bulk), closing, escalation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import neo4j
import pytest

from graph_service.model.errors import InvalidRequest, NotFound
from graph_service.model.mash import MashClocks
from graph_service.model.taxonomy import HazardKind, Severity
from graph_service.model.think_family import AlertSettings, AlertState
from graph_service.services import alerts
from graph_service.services.alerts import AlertFilter, Alerting
from graph_service.services.concerns import NewConcern, record_concern
from graph_service.services.hazards import NewHazard, add_hazard
from graph_service.services.reader import Reader
from graph_service.store.gateway import GraphGateway
from graph_service.views.alerts import Alert
from tests.services.mash_support import MASH_WORKER, at, family, gateway

__all__ = ["family", "gateway"]

SETTINGS, CLOCKS = AlertSettings(), MashClocks()
NOW = at(12, 4, 10)  # Friday 10:00
EVERYONE = Reader(None, True, date(2026, 12, 4))
WORKERS = """
CREATE (w1:Worker {id: 'W-1', name: 'Wren One', team: 'CIN North'})
CREATE (w2:Worker {id: 'W-2', name: 'Wes Two', team: 'Early Help South'})
CREATE (c1:Case {id: 'CS-girl', kind: 'child_in_need', status: 'open'})
CREATE (c2:Case {id: 'CS-son', kind: 'early_help', status: 'open'})
WITH w1, w2, c1, c2
MATCH (girl:Person {id: 'P-girl'}), (son:Person {id: 'P-son'})
CREATE (girl)-[:SUBJECT_OF {id: 'S1'}]->(c1), (son)-[:SUBJECT_OF {id: 'S2'}]->(c2)
CREATE (c1)-[:ALLOCATED_TO {id: 'AL1', from_date: date('2026-01-01')}]->(w1)
CREATE (c2)-[:ALLOCATED_TO {id: 'AL2', from_date: date('2026-01-01')}]->(w2)
"""


def concern(person: str, code: str, severity: Severity = Severity.HIGH) -> NewConcern:
    return NewConcern(code, date(2026, 12, 4), "AG-POL", "POL-1", person, severity=severity)


async def alerted(gateway: GraphGateway, state: AlertState | None = None) -> dict[str, Alert]:
    found = await alerts.alerts(
        gateway, AlertFilter(state), EVERYONE, SETTINGS, CLOCKS, NOW, 0, 100
    )
    return {a.subject_id: a for a in found}


async def test_a_serious_concern_alerts_the_network_and_tells_their_workers(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    family.execute_query(WORKERS)
    written = await record_concern(
        gateway, MASH_WORKER, concern("P-dan", "3B"), alerting=Alerting(SETTINGS, NOW)
    )
    found = await alerted(gateway)
    # Dan is Mia's partner; his daughter lives with him; Mia's son lives elsewhere.
    assert set(found) == {"P-girl", "P-mum", "P-son"}
    girl = found["P-girl"]
    assert girl.worker_ids == ["W-1"] and girl.rag == "red"
    assert girl.cause_person_id == "P-dan" and girl.trigger_id == written.id
    assert found["P-son"].rules == ["abuse_partner_elsewhere"]
    assert found["P-son"].worker_ids == ["W-2"]


async def test_no_alerts_without_alerting_or_when_nothing_serious(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    await record_concern(gateway, MASH_WORKER, concern("P-dan", "3B"))
    await record_concern(
        gateway,
        MASH_WORKER,
        concern("P-mum", "4B", Severity.MEDIUM),
        alerting=Alerting(SETTINGS, NOW),
    )
    assert await alerted(gateway) == {}


async def test_an_alert_is_written_with_its_cause_or_not_at_all(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    with pytest.raises(NotFound):  # the agency does not exist: the write is refused
        bad = NewConcern("3B", date(2026, 12, 4), "AG-NONE", "X-1", "P-dan", severity=Severity.HIGH)
        await record_concern(gateway, MASH_WORKER, bad, alerting=Alerting(SETTINGS, NOW))
    rows, _, _ = family.execute_query("MATCH (n) WHERE n:Alert OR n:Concern RETURN count(n) AS n")
    assert rows[0]["n"] == 0


async def test_a_new_hazard_tells_the_workers_of_everyone_at_the_address(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    family.execute_query(WORKERS)
    family.execute_query(
        "CREATE (a:Address {id: 'A-1', line1: '2 Mill Lane', postcode: 'NB2 2BB'}) WITH a "
        "MATCH (p:Person) WHERE p.id IN ['P-dan', 'P-girl'] "
        "CREATE (p)-[:LIVES_AT {id: 'L-' + p.id, from_date: date('2020-01-01')}]->(a)"
    )
    hazard = NewHazard(
        HazardKind.AGGRESSIVE_DOG,
        "Dog loose in the yard",
        date(2026, 12, 4),
        date(2027, 6, 1),
        "AG-POL",
        address_id="A-1",
    )
    await add_hazard(gateway, MASH_WORKER, hazard, alerting=Alerting(SETTINGS, NOW))
    found = await alerted(gateway)
    assert set(found) == {"P-girl"}  # Dan lives there too, but has no worker to tell
    assert found["P-girl"].reasons == ["a new hazard at their address"]


async def test_bulk_acknowledgement_is_recorded_per_alert_and_all_or_nothing(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    await record_concern(
        gateway, MASH_WORKER, concern("P-dan", "3B"), alerting=Alerting(SETTINGS, NOW)
    )
    ids = [str(a.id) for a in (await alerted(gateway)).values()]
    with pytest.raises(NotFound) as unknown:
        await alerts.acknowledge_alerts(gateway, MASH_WORKER, [*ids, "AL-nope"], "seen", NOW)
    assert unknown.value.field == "ids" and unknown.value.missing_id == "AL-nope"
    assert set(await alerted(gateway, AlertState.OPEN)) == {"P-girl", "P-mum", "P-son"}
    done = await alerts.acknowledge_alerts(gateway, MASH_WORKER, ids, "read, calling school", NOW)
    assert sorted(done) == sorted(ids)
    acknowledged = await alerted(gateway, AlertState.ACKNOWLEDGED)
    assert len(acknowledged) == 3
    for alert in acknowledged.values():
        [ack] = alert.acknowledgements
        assert (ack.by, ack.note) == ("mash.worker", "read, calling school")
    with pytest.raises(InvalidRequest):
        await alerts.acknowledge_alerts(
            gateway, MASH_WORKER, [f"AL-{n}" for n in range(501)], None, NOW
        )


async def test_a_closed_alert_keeps_its_reason_and_cannot_be_acknowledged(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    await record_concern(
        gateway, MASH_WORKER, concern("P-dan", "3B"), alerting=Alerting(SETTINGS, NOW)
    )
    first = next(iter((await alerted(gateway)).values()))
    alert_id = str(first.id)
    await alerts.close_alert(gateway, MASH_WORKER, alert_id, "Known: already on a CP plan", NOW)
    closed = await alerts.alert(gateway, alert_id, SETTINGS, CLOCKS, NOW)
    assert closed is not None and closed.state == "closed"
    assert closed.closed_reason == "Known: already on a CP plan"
    with pytest.raises(NotFound):
        await alerts.acknowledge_alerts(gateway, MASH_WORKER, [alert_id], None, NOW)
    with pytest.raises(NotFound):
        await alerts.close_alert(gateway, MASH_WORKER, alert_id, "again", NOW)


async def test_an_unacknowledged_red_alert_is_escalated_after_four_working_hours(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    family.execute_query(WORKERS)
    raised = at(12, 4, 15)  # Friday 15:00: 2 working hours Friday, 2 on Monday
    await record_concern(
        gateway, MASH_WORKER, concern("P-dan", "3B"), alerting=Alerting(SETTINGS, raised)
    )

    async def escalated(now_: datetime) -> set[str]:
        found = await alerts.alerts(
            gateway,
            AlertFilter(AlertState.ESCALATED),
            EVERYONE,
            SETTINGS,
            CLOCKS,
            now_,
            0,
            50,
        )
        return {a.subject_id for a in found}

    assert await escalated(at(12, 7, 10, 59)) == set()
    monday_11 = at(12, 7, 11)
    assert await escalated(monday_11) == {"P-girl", "P-mum", "P-son"}
    to = {a.subject_id: a.escalated_to for a in (await alerted(gateway)).values()}
    assert to == {"P-girl": [], "P-mum": [], "P-son": []}  # read on Friday: not yet
    late = await alerts.alerts(
        gateway, AlertFilter(AlertState.ESCALATED), EVERYONE, SETTINGS, CLOCKS, monday_11, 0, 9
    )
    to = {a.subject_id: a.escalated_to for a in late}
    assert to == {"P-girl": ["CIN North"], "P-mum": ["MASH"], "P-son": ["Early Help South"]}
    kid = (await alerted(gateway))["P-son"]
    await alerts.acknowledge_alerts(
        gateway, MASH_WORKER, [str(kid.id)], None, monday_11 + timedelta(minutes=1)
    )
    assert await escalated(at(12, 7, 12)) == {"P-girl", "P-mum"}


async def test_one_persons_alerts_are_listed_for_their_page(
    family: neo4j.Driver, gateway: GraphGateway
) -> None:
    await record_concern(
        gateway, MASH_WORKER, concern("P-dan", "3B"), alerting=Alerting(SETTINGS, NOW)
    )
    found = await alerts.alerts(
        gateway, AlertFilter(person_id="P-son"), EVERYONE, SETTINGS, CLOCKS, NOW, 0, 10
    )
    assert [a.subject_id for a in found] == ["P-son"]
    assert (
        await alerts.alerts(
            gateway, AlertFilter(person_id="P-dan"), EVERYONE, SETTINGS, CLOCKS, NOW, 0, 10
        )
        == []
    )  # the person it was about is not alerted about themselves
