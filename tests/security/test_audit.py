"""The audit chain and the group-committing log, without a database."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph_service.security.audit import AuditEvent, AuditLog, chain_hash, verify_chain


def _event(user: str = "u", people: list[str] | None = None, **extra: Any) -> AuditEvent:
    return AuditEvent(
        user=user,
        role="mash_practitioner",
        agency=None,
        operation="query person",
        action="read",
        outcome="allowed",
        person_ids=people or ["P0000001"],
        request_id="r1",
        **extra,
    )


def _chain(count: int) -> list[dict[str, Any]]:
    previous, events = "", []
    for sequence in range(1, count + 1):
        stored = {
            **_event(people=[f"P{sequence:07d}"]).properties(),
            "sequence": sequence,
            "previous_hash": previous,
        }
        stored = {k: v for k, v in stored.items() if v is not None}
        previous = stored["hash"] = chain_hash(previous, stored)
        events.append(stored)
    return events


def test_an_intact_chain_verifies() -> None:
    assert verify_chain(_chain(5)) == []


def test_an_altered_event_breaks_the_chain_where_it_was_altered() -> None:
    events = _chain(5)
    events[2]["person_ids"] = ["P9999999"]
    assert verify_chain(events) == ["event 3 has been altered"]


def test_a_removed_event_is_found() -> None:
    events = _chain(5)
    del events[1]
    problems = verify_chain(events)
    assert "sequence 2 is missing (next is 3)" in problems


def test_subjects_give_the_index_one_term_per_person() -> None:
    props = _event(people=["P0000001", "P0000012"]).properties()
    assert props["subjects"].split() == ["P0000001", "P0000012"]
    assert props["alert"] is False
    assert _event(break_glass_reason="a stated reason here").properties()["alert"] is True


async def test_concurrent_requests_share_a_write_and_each_waits_for_it() -> None:
    batches: list[list[dict[str, Any]]] = []

    async def append(events: list[dict[str, Any]]) -> None:
        await asyncio.sleep(0.01)
        batches.append(events)

    log = AuditLog(append)
    await asyncio.gather(*(log.record(_event(user=f"u{i}")) for i in range(20)))
    assert sum(len(b) for b in batches) == 20
    assert len(batches) < 20  # grouped: the first write, then everyone who arrived during it


async def test_a_failed_write_fails_every_request_waiting_on_it() -> None:
    async def append(events: list[dict[str, Any]]) -> None:
        raise OSError("disk on fire")

    log = AuditLog(append)
    results = await asyncio.gather(
        *(log.record(_event()) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(r, OSError) for r in results)
    with pytest.raises(OSError):
        await log.record(_event())
