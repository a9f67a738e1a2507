"""The domain's errors: every use case raises one of these for a request it cannot carry
out as asked, and nothing is written. Each entry point says them in its own terms (GraphQL:
BAD_USER_INPUT for a query argument, a typed payload for a mutation; the CLI: a message)."""

from __future__ import annotations

from enum import Enum

from graph_service.model.rules import Problem, ProblemKind

__all__ = [
    "AlreadyRecorded",
    "DomainError",
    "InvalidRequest",
    "NotFound",
    "check",
    "check_choice",
]


class DomainError(Exception):
    """A request that cannot be carried out; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class InvalidRequest(DomainError, ValueError):
    """An argument is invalid: `problem` says what is wrong with `field`, `kind` what sort
    of problem it is."""

    def __init__(
        self, field: str, problem: str, kind: ProblemKind = ProblemKind.INVALID_VALUE
    ) -> None:
        super().__init__(field, problem)
        self.problem = problem
        self.kind = kind

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"


class NotFound(DomainError):
    """An id names no record, or one out of the caller's reach (said the same way, so an
    error never reveals what the caller may not see)."""

    def __init__(self, field: str, missing_id: str, message: str | None = None) -> None:
        super().__init__(field, message or f"{field}: no record with id {missing_id!r}")
        self.missing_id = missing_id


class AlreadyRecorded(DomainError):
    """The fact is on record already, as `existing_id`."""

    def __init__(self, field: str, existing_id: str, message: str) -> None:
        super().__init__(field, message)
        self.existing_id = existing_id


def check(problem: Problem | None) -> None:
    """Raise a rule's problem as the domain error it is."""
    if problem is None:
        return
    if problem.code is ProblemKind.ALREADY_RECORDED:
        raise AlreadyRecorded(problem.field, problem.existing_id or "", problem.message)
    raise InvalidRequest(problem.field, problem.message, problem.code)


def check_choice(field: str, value: str | None, allowed: type[Enum]) -> None:
    """A value, if given, is one of the enum's, which the error lists."""
    if value is not None and value not in {member.value for member in allowed}:
        choices = ", ".join(sorted(member.value for member in allowed))
        raise InvalidRequest(field, f"{value!r} is not one of {choices}")
