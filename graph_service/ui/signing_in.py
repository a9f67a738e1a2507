"""Signing in and out, and finding the signed-in session of a page request."""

from __future__ import annotations

import secrets
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from graph_service.config import Mode
from graph_service.security.middleware import SESSION_COOKIE
from graph_service.security.sessions import Session, SessionEnded, Sessions, WhyEnded
from graph_service.security.tokens import AuthenticationError
from graph_service.store.outages import DatabaseUnavailableError
from graph_service.ui.forms import form_fields
from graph_service.ui.rendering import render

__all__ = [
    "SESSION_COOKIE",
    "SIGN_IN_COOKIE",
    "SignInRequired",
    "current_session",
    "safe_next",
    "session_cookie",
    "sign_in",
    "sign_in_form",
    "sign_in_page",
    "sign_out",
    "signed_out_page",
]

_WHY = {
    WhyEnded.IDLE: "You were signed out because you had not used the service for a while.",
    WhyEnded.ABSOLUTE: "You were signed out because your session reached its time limit.",
    WhyEnded.SIGNED_OUT: "You have signed out.",
}


class SignInRequired(Exception):
    """No live session: the page answers with a way to sign in (or says why it ended)."""

    def __init__(self, response: Response) -> None:
        super().__init__("sign in required")
        self.response = response


def _sessions(request: Request) -> Sessions:
    sessions: Sessions = request.app.state.sessions
    return sessions


def safe_next(value: str | None) -> str:
    """Only a path of this service: never another site, whatever the link said."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


async def current_session(request: Request) -> Session:
    """The request's live session, or SignInRequired with the response that says what to do."""
    token = request.cookies.get(SESSION_COOKIE)
    wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if not token:
        raise SignInRequired(RedirectResponse(f"/sign-in?next={quote(wanted)}", 303))
    try:
        return await _sessions(request).resume(token)
    except SessionEnded as ended:
        why = ended.why.value if ended.why else "ended"
        response = RedirectResponse(f"/signed-out?why={quote(why)}&next={quote(wanted)}", 303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        raise SignInRequired(response) from None


SIGN_IN_COOKIE = "gs_sign_in"  # the sign-in form's own CSRF token (no session yet)


def sign_in_form(request: Request, status: int = 200, **context: object) -> Response:
    """The sign-in page, with a fresh token in a cookie and in the form: a post from any
    other site (which cannot read the cookie) signs nobody in, not even as itself."""
    token = secrets.token_urlsafe(24)
    context.setdefault("values", {})
    context.update(title="Sign in", sign_in_token=token)
    response = render(request, "sign_in.html", None, status, **context)
    response.set_cookie(
        SIGN_IN_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        path="/sign-in",
        secure=request.app.state.settings.mode is Mode.PRODUCTION,
    )
    return response


async def sign_in_page(request: Request) -> Response:
    return sign_in_form(request, next=safe_next(request.query_params.get("next")))


async def sign_in(request: Request) -> Response:
    if request.app.state.settings.mode is Mode.PRODUCTION:
        # In production people sign in with the council's account only.
        return RedirectResponse("/sign-in", status_code=303)
    fields = await form_fields(request)
    user, password = fields.get("user", "").strip(), fields.get("password", "")
    next_path = safe_next(fields.get("next"))
    errors, status = {}, 400
    expected = request.cookies.get(SIGN_IN_COOKIE, "")
    if not expected or not secrets.compare_digest(expected, fields.get("sign_in_token", "")):
        errors["user"] = "The sign-in form had expired: sign in again"
    else:
        if not user:
            errors["user"] = "Enter your user name"
        if not password:
            errors["password"] = "Enter your password"  # noqa: S105 (a message, not a secret)
    if not errors:
        try:
            token = await _sessions(request).sign_in(user, password)
        except AuthenticationError:
            errors["user"] = "The user name or password is not right"
        except DatabaseUnavailableError:
            status = 503
            errors["user"] = "The service cannot reach its database just now: try again in a minute"
        else:
            response = RedirectResponse(next_path, status_code=303)
            session_cookie(request, response, token)
            return response
    return sign_in_form(request, status, next=next_path, values={"user": user}, errors=errors)


def session_cookie(request: Request, response: Response, token: str) -> None:
    """The session's cookie: HttpOnly, same-site for navigation, Secure in production."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        path="/",
        secure=request.app.state.settings.mode is Mode.PRODUCTION,
    )


async def sign_out(request: Request) -> Response:
    session = await current_session(request)
    fields = await form_fields(request)
    if not session.csrf_matches(fields.get("csrf")):
        return render(
            request,
            "error.html",
            session,
            status=403,
            title="The form had expired",
            message="The sign-out form was out of date. Go back, reload the page and try again.",
        )
    token = request.cookies.get(SESSION_COOKIE, "")
    await _sessions(request).end(token)
    response = RedirectResponse("/signed-out?why=signed%20out", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


async def signed_out_page(request: Request) -> Response:
    why = request.query_params.get("why", "")
    message = next((text for ended, text in _WHY.items() if ended.value == why), None)
    next_path = safe_next(request.query_params.get("next"))
    return render(
        request,
        "signed_out.html",
        title="You are signed out",
        message=message or "Your session has ended.",
        next=next_path,
    )
