"""The domain's errors: a rule's problem raised as the error it is."""

from __future__ import annotations

import pytest

from graph_service.model.errors import AlreadyRecorded, InvalidRequest, check
from graph_service.model.rules import Problem, ProblemKind


def test_no_problem_raises_nothing() -> None:
    check(None)


def test_a_fact_already_on_record_is_raised_with_the_record_that_has_it() -> None:
    with pytest.raises(AlreadyRecorded) as raised:
        check(Problem("addressId", "already lives there", ProblemKind.ALREADY_RECORDED, "R-1"))
    assert (raised.value.field, raised.value.existing_id) == ("addressId", "R-1")


@pytest.mark.parametrize("kind", [k for k in ProblemKind if k is not ProblemKind.ALREADY_RECORDED])
def test_any_other_problem_is_an_invalid_request_of_its_kind(kind: ProblemKind) -> None:
    with pytest.raises(InvalidRequest) as raised:
        check(Problem("fromDate", "is in the future", kind))
    assert raised.value.kind is kind
    assert str(raised.value) == "fromDate: is in the future"
    assert raised.value.message == "is in the future"
