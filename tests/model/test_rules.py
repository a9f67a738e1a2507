"""Rules moved out of the API's resolvers: a parent's age and a move's order."""

from __future__ import annotations

from datetime import date

import pytest

from graph_service.model import rules
from graph_service.model.rules import ProblemKind, move_problem, parent_age_problem
from graph_service.model.taxonomy import SiblingKind

HOMES = [{"id": "R1", "address_id": "A1", "from_date": date(2020, 1, 1)}]


def test_a_parent_is_born_before_their_child() -> None:
    problem = parent_age_problem(date(2010, 1, 1), date(2009, 1, 1))
    assert problem is not None and problem.field == "fromPersonId"
    assert parent_age_problem(date(1980, 1, 1), date(2009, 1, 1)) is None
    assert parent_age_problem(None, date(2009, 1, 1)) is None


def test_a_move_is_to_somewhere_new_and_after_the_last_one() -> None:
    again = move_problem(HOMES, "A1", date(2021, 1, 1))
    assert again is not None and again.code is ProblemKind.ALREADY_RECORDED
    assert again.existing_id == "R1" and again.field == "addressId"
    early = move_problem(HOMES, "A2", date(2019, 6, 1))
    assert early is not None and (early.field, early.code) == ("movedOn", "invalid_date_range")
    assert move_problem(HOMES, "A2", date(2021, 1, 1)) is None


@pytest.mark.parametrize(
    ("kind", "mine", "theirs", "wrong"),
    [
        ("full", {"mum", "dad"}, {"mum", "dad"}, None),
        ("full", {"mum", "dad"}, {"mum", "stepdad"}, "half siblings"),
        ("half", {"mum", "dad"}, {"mum", "dad"}, "full siblings"),
        ("half", {"mum", "dad"}, {"mum", "other"}, None),
        ("step", {"mum"}, {"mum"}, "share a parent"),
        ("step", {"mum", "dad"}, {"other", "another"}, None),
        ("full", {"mum"}, set(), None),  # too few parents on record to tell
        ("half", {"mum", "dad"}, {"other", "another"}, "share no parent"),
    ],
)
def test_siblings_recorded_directly_must_agree_with_the_parents_on_record(
    kind: str, mine: set[str], theirs: set[str], wrong: str | None
) -> None:
    problem = rules.sibling_problem(SiblingKind(kind), mine, theirs)
    if wrong is None:
        assert problem is None
    else:
        assert problem is not None and wrong in problem.message
        assert problem.field == "siblingKind" and problem.code is ProblemKind.INVALID_VALUE
