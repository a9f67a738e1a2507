"""Reading a posted form, bounded in size."""

from __future__ import annotations

from starlette.requests import Request

__all__ = ["MAX_FORM_FIELDS", "form_fields"]

MAX_FORM_FIELDS = 50
MAX_FIELD = 4000


async def form_fields(request: Request) -> dict[str, str]:
    """The form's text fields (the first of each name), each cut to MAX_FIELD characters."""
    async with request.form(max_files=0, max_fields=MAX_FORM_FIELDS) as form:
        return {name: value[:MAX_FIELD] for name, value in form.items() if isinstance(value, str)}
