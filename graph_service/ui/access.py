"""Every page passes the same checks as GraphQL: the signed-in session's principal, the
page's entry in the policy table, need to know on what it shows, one audit event."""

from __future__ import annotations

import contextlib
import functools
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from graph_service.model.errors import InvalidRequest
from graph_service.security.access import disclosure_for, record_attempt, record_audit
from graph_service.security.audit import AuditUnavailableError
from graph_service.security.disclosure import Disclosure
from graph_service.security.policy import AccessDeniedError, BreakGlassError
from graph_service.security.sessions import Session
from graph_service.services.directory import agencies
from graph_service.services.reader import Reader
from graph_service.services.writing import Writer
from graph_service.store.gateway import DatabaseUnavailableError, GraphGateway, today
from graph_service.ui.rendering import render
from graph_service.ui.signing_in import SignInRequired, current_session

__all__ = ["Page", "PageHandler", "agency_names", "page"]

AGENCY_NAMES_SECONDS = 300.0


@dataclass
class Page:
    """What a page handler works with: the request, its session, the gateway, and the
    request's Disclosure (already past the policy check for the page)."""

    request: Request
    session: Session
    gateway: GraphGateway
    disclosure: Disclosure
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def reader(self) -> Reader:
        return Reader.of(self.disclosure, today())

    def writer(self) -> Writer:
        """The signed-in user as a writer, keys bound to them as the API binds them."""
        return Writer.of(self.disclosure, today())

    async def audited(self, operation: str, action: str = "read") -> None:
        """The page's one audit event (nothing is shown if it cannot be stored)."""
        await record_audit(
            self.request.app.state.audit,
            self.disclosure,
            operation=operation,
            action=action,
            request_id=self.request_id,
        )

    async def attempted(self, operation: str, person_ids: list[str]) -> None:
        """A write's event stored before it runs, as the API stores one: a write that
        commits and then loses its own event is still attributed."""
        await record_attempt(
            self.request.app.state.audit,
            self.disclosure,
            operation=operation,
            person_ids=person_ids,
            request_id=self.request_id,
        )

    async def no_such(self, what: str, record_id: str, way_on: tuple[str, str]) -> Response:
        """The 404 for a record that does not exist or that the reader may not see: the
        same words for both, so the page never tells them apart."""
        return await self.render(
            "error.html",
            404,
            title=f"No such {what} that you may see",
            message=f"There is no {what} {record_id} that you may see. It may not exist, or "
            "your agency may not be involved with it.",
            way_on=way_on,
        )

    async def expired(self) -> Response:
        """A form posted without its session's token: nothing is changed."""
        return await self.render(
            "error.html",
            403,
            title="The form had expired",
            message="The form was out of date, so nothing was changed. Go back and try again.",
        )

    async def render(self, template: str, status: int = 200, **context: object) -> Response:
        names = await agency_names(self.request, self.gateway)
        return render(
            self.request,
            template,
            self.session,
            status,
            agency_name=lambda agency_id: names.get(agency_id or "", agency_id or "unknown"),
            **context,
        )


PageHandler = Callable[[Page], Awaitable[Response]]


def page(
    policy_entry: str | None,
) -> Callable[[PageHandler], Callable[[Request], Awaitable[Response]]]:
    """A page that needs a live session and, if `policy_entry` is given, passes the policy
    table's check for it; anything refused becomes a page that says what to do next."""

    def wrap(handler: PageHandler) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            try:
                session = await current_session(request)
            except SignInRequired as needed:
                return needed.response
            except DatabaseUnavailableError:
                return _unavailable(request, None)
            request.scope.setdefault("state", {})["principal"] = session.principal
            state = request.app.state
            gateway = GraphGateway(state.driver, state.queries, state.settings.neo4j_database)
            current = Page(request, session, gateway, disclosure_for(request, gateway))
            try:
                if policy_entry is not None:
                    current.disclosure.authorise(policy_entry)
                return await handler(current)
            except AccessDeniedError as denied:
                await _audit_refusal(current)
                return await current.render(
                    "error.html", 403, title="You cannot see this page", message=str(denied)
                )
            except (InvalidRequest, BreakGlassError) as wrong:
                return await current.render(
                    "error.html", 400, title="There is a problem", message=str(wrong)
                )
            except (DatabaseUnavailableError, AuditUnavailableError):
                return _unavailable(request, session)

        return endpoint

    return wrap


async def _audit_refusal(current: Page) -> None:
    with contextlib.suppress(AuditUnavailableError):  # the refusal discloses nothing
        await current.audited(f"page {current.request.url.path}")


def _unavailable(request: Request, session: Session | None) -> Response:
    return render(
        request,
        "error.html",
        session,
        503,
        title="The service is unavailable",
        message="The database cannot be reached just now, so nothing can be shown. "
        "Try again in a minute. Nothing you have entered has been lost.",
    )


async def agency_names(request: Request, gateway: GraphGateway) -> dict[str, str]:
    """Agency names by id, for every page that names an agency (kept a few minutes)."""
    state = request.app.state
    kept: tuple[float, dict[str, str]] | None = getattr(state, "agency_names", None)
    if kept is not None and time.monotonic() - kept[0] < AGENCY_NAMES_SECONDS:
        return kept[1]
    found = await agencies(gateway, None, 0, 1000)
    names = {str(agency.id): agency.name for agency in found}
    state.agency_names = (time.monotonic(), names)
    return names
