"""Pages rendered with Jinja2 and the GOV.UK Frontend macros, each with its own
Content-Security-Policy nonce: nothing but the app's own assets may load."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from graph_service.model.working_hours import LONDON
from graph_service.security.policy import Operation, may
from graph_service.security.sessions import Session
from graph_service.views.mash import time_left_words

__all__ = ["SERVICE_NAME", "NavigationItem", "content_security_policy", "navigation", "render"]

SERVICE_NAME = "Family network"

_ENVIRONMENT = Environment(
    loader=ChoiceLoader(
        [
            PackageLoader("graph_service.ui", "templates"),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    ),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "not known"


def _local_time(value: datetime | None) -> str:
    """A moment as London reads it: "Mon 7 Dec 15:00"."""
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


@dataclass(frozen=True)
class NavigationItem:
    href: str
    text: str


def navigation(principal: object) -> list[NavigationItem]:
    """The pages this principal's role may use."""
    role = getattr(principal, "role", None)
    if role is None:
        return []
    items = []
    if may(role, Operation.READ_PEOPLE):
        items.append(NavigationItem("/", "Find a person"))
    if may(role, Operation.MASH):
        items.append(NavigationItem("/mash", "MASH queue"))
    if may(role, Operation.READ_PEOPLE):
        items.append(NavigationItem("/alerts", "Alerts"))
    if may(role, Operation.ANALYTICS):
        items.append(NavigationItem("/analyses", "Analyses"))
    if may(role, Operation.IDENTITY_REVIEW):
        items.append(NavigationItem("/reviews", "Possible duplicates"))
    if may(role, Operation.ALLOCATION):
        items.append(NavigationItem("/allocation", "Allocate cases"))
    if may(role, Operation.AUDIT):
        items.append(NavigationItem("/audit", "Audit trail"))
    if may(role, Operation.ADMINISTRATION):
        items.append(NavigationItem("/imports", "Imports"))
    return items


_ENVIRONMENT.filters["long_date"] = _long_date
_ENVIRONMENT.filters["local_time"] = _local_time
_ENVIRONMENT.filters["time_left"] = time_left_words
_ENVIRONMENT.globals["navigation"] = navigation
_ENVIRONMENT.globals["agency_name"] = lambda agency_id: agency_id or "unknown"


def content_security_policy(nonce: str) -> str:
    """Only the app's own scripts (and the template's one inline line, by nonce), styles,
    images and fonts; no frames, no form posting elsewhere."""
    return (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
        "base-uri 'none'; form-action 'self'"
    )


def render(
    request: Request,
    template: str,
    session: Session | None = None,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    body = _ENVIRONMENT.get_template(template).render(
        request=request,
        session=session,
        principal=session.principal if session else None,
        csrf=session.csrf if session else "",
        cspNonce=nonce,
        serviceName=SERVICE_NAME,
        **context,
    )
    response = HTMLResponse(body, status_code=status)
    response.headers["content-security-policy"] = content_security_policy(nonce)
    return response
