"""The API says each kind of problem a rule finds in its own terms: a typed contract."""

from __future__ import annotations

from graph_service.api.errors import ValidationCode
from graph_service.model.rules import ProblemKind


def test_every_kind_of_problem_has_a_validation_code_or_is_a_duplicate() -> None:
    said = {kind.name for kind in ProblemKind} - {ProblemKind.ALREADY_RECORDED.name}
    assert said <= {code.name for code in ValidationCode}
    assert all(ValidationCode[name].value == ProblemKind[name].value for name in said)
