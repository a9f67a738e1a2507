"""Dates from a real Neo4j arrive as `datetime.date`, wherever they sit in a record."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import neo4j

from graph_service.store.dates import plain_date_times, plain_dates
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


def test_dates_are_sent_through_the_plain_hook_as_the_same_day(graph: neo4j.Driver) -> None:
    from neo4j._codec.hydration.bolt.v1 import temporal

    # The driver's own builds a neo4j.time.Date for the epoch on every date it sends.
    assert getattr(temporal.dehydrate_date, "plain", False)
    days = [date(1, 1, 1), date(1969, 12, 31), date(1970, 1, 1), date(9999, 12, 31)]
    records, _, _ = graph.execute_query(
        "RETURN [d IN $days | toString(d)] AS said, $one.born AS born",
        days=days,
        one={"born": date(2026, 11, 23)},
    )
    [record] = records
    assert record["said"] == [d.isoformat() for d in days]
    assert record["born"] == date(2026, 11, 23)


def test_date_times_arrive_as_python_date_times_at_the_same_instant(graph: neo4j.Driver) -> None:
    assert plain_date_times() is True
    records, _, _ = graph.execute_query(
        "RETURN datetime('2026-11-23T09:30:00.123456Z') AS utc, "
        "datetime('2026-06-01T10:00:00+01:00') AS summer, [datetime('1969-07-20T20:17:40Z')] AS old"
    )
    [record] = records
    assert type(record["utc"]) is datetime
    assert record["utc"] == datetime(2026, 11, 23, 9, 30, 0, 123456, tzinfo=UTC)
    assert record["summer"].utcoffset() == timedelta(hours=1)
    assert record["summer"] == datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    assert record["old"] == [datetime(1969, 7, 20, 20, 17, 40, tzinfo=UTC)]


def test_aware_date_times_are_sent_as_the_same_instant_whatever_their_zone(
    graph: neo4j.Driver,
) -> None:
    # A datetime in a ZoneInfo zone once crashed the driver's own packing (a segfault).
    london = datetime(2026, 10, 25, 1, 30, tzinfo=ZoneInfo("Europe/London"))  # BST, at 00:30Z
    fixed = datetime(2026, 3, 29, 3, 0, tzinfo=timezone(timedelta(hours=2)))
    records, _, _ = graph.execute_query(
        "RETURN $london.epochMillis AS london, $fixed.epochMillis AS fixed, $naive AS naive",
        london=london,
        fixed=fixed,
        naive=datetime(2026, 1, 1, 12, 0),
    )
    [record] = records
    assert record["london"] == int(london.timestamp() * 1000)
    assert record["fixed"] == int(fixed.timestamp() * 1000)
    assert record["naive"] == datetime(2026, 1, 1, 12, 0)  # a local date-time stays one
