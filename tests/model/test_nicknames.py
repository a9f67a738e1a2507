"""Names people are also known by, both ways."""

from __future__ import annotations

from graph_service.model.nicknames import known_as


def test_a_nickname_and_its_full_name_find_each_other() -> None:
    assert "bill" in known_as("William") and "william" in known_as("Bill")
    assert "will" in known_as("bill")  # through the full name they share
    assert "william" not in known_as("William")


def test_a_name_not_in_the_table_has_no_others() -> None:
    assert known_as("Zebedee") == frozenset()
