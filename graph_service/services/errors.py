"""The one error a use case raises for a request it cannot answer as asked; each entry
point says it in its own terms (GraphQL: BAD_USER_INPUT with the field)."""

from __future__ import annotations

__all__ = ["InvalidRequest"]


class InvalidRequest(ValueError):
    """An argument is invalid: the message names the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
