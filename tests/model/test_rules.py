"""Rules moved out of the API's resolvers: a parent's age and a move's order."""

from __future__ import annotations

from datetime import date

from graph_service.model.rules import ProblemKind, move_problem, parent_age_problem

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
