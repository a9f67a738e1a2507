"""Dates from a real Neo4j arrive as `datetime.date`, wherever they sit in a record."""

from __future__ import annotations

from datetime import date

import neo4j

from graph_service.store.dates import plain_dates
from graph_service.store.values import native


def test_the_driver_in_use_hydrates_dates_through_the_plain_hook() -> None:
    # False would mean this driver version moved its hook: dates would be slow again.
    assert plain_dates() is True


def test_dates_arrive_as_python_dates_of_the_same_day(graph: neo4j.Driver) -> None:
    days = ["0001-01-01", "1969-12-31", "1970-01-01", "2026-11-23", "9999-12-31"]
    records, _, _ = graph.execute_query(
        "WITH [d IN $days | date(d)] AS dates "
        "RETURN dates, {first: head(dates), last: last(dates)} AS ends, dates[3] AS today",
        days=days,
    )
    [record] = records
    expected = [date.fromisoformat(d) for d in days]
    assert record["dates"] == expected
    assert all(type(d) is date for d in record["dates"])
    assert record["ends"] == {"first": expected[0], "last": expected[-1]}
    assert record["today"] == date(2026, 11, 23)
    assert native(record["dates"]) == expected  # and native leaves them as they are


def test_date_times_are_left_to_the_driver(graph: neo4j.Driver) -> None:
    records, _, _ = graph.execute_query("RETURN datetime('2026-11-23T09:30:00Z') AS at")
    assert native(records[0]["at"]).isoformat() == "2026-11-23T09:30:00+00:00"
