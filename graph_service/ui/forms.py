"""Reading a posted form, bounded in size."""

from __future__ import annotations

from starlette.requests import Request

from graph_service.model.errors import DomainError, InvalidRequest

__all__ = ["MAX_FORM_FIELDS", "form_fields", "said"]

MAX_FORM_FIELDS = 50
MAX_FIELD = 4000


async def form_fields(request: Request, most: int = MAX_FORM_FIELDS) -> dict[str, str]:
    """The form's text fields (the first of each name; at most `most`), each cut to
    MAX_FIELD characters."""
    async with request.form(max_files=0, max_fields=most) as form:
        return {name: value[:MAX_FIELD] for name, value in form.items() if isinstance(value, str)}


def said(error: DomainError) -> str:
    """A refusal as a form shows it: the problem, as a sentence."""
    problem = error.problem if isinstance(error, InvalidRequest) else error.message
    return problem[:1].upper() + problem[1:]
