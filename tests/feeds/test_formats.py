"""Reading agencies' files row by row: CSV or JSON Lines, a byte order mark tolerated,
each row with the line it starts on, and a file that is not UTF-8 named by its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_service.feeds.formats import FeedUnreadable, feed_format, header, read_feed


def test_csv_rows_carry_their_first_line_and_blank_cells_are_not_given(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text('\ufeffrecord_id, given_name\nA, Amy \n\nB,"two\nlines"\nC,\n', "utf-8")
    rows = list(read_feed(path))
    assert header(path) == ["record_id", "given_name"]
    assert [(r.number, r.values) for r in rows] == [
        (2, {"record_id": "A", "given_name": "Amy"}),
        (4, {"record_id": "B", "given_name": "two\nlines"}),
        (6, {"record_id": "C", "given_name": None}),
    ]


def test_a_line_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"record_id,given_name\nA,Amy\nB,Z\xe9e\n")
    with pytest.raises(FeedUnreadable) as raised:
        list(read_feed(path))
    assert raised.value.line == 3


def test_json_lines_values_are_text_and_a_nested_value_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "people.jsonl"
    path.write_text('{"record_id": 7, "withdrawn": true}\n{"record_id": "B", "x": [1]}\n')
    first, second = read_feed(path)
    assert first.values == {"record_id": "7", "withdrawn": "true"}
    assert second.problem == "x must be a single value, not a list or object"


def test_a_file_is_csv_or_json_lines_by_its_name() -> None:
    assert feed_format("a/people.CSV").value == "csv"
    assert feed_format("people.ndjson").value == "jsonl"
    with pytest.raises(ValueError, match="xlsx"):
        feed_format("people.xlsx")
