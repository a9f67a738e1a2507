"""Signing in a browser for the map pages: a pasted token becomes an HttpOnly cookie.

Browsers cannot add an Authorization header to a link, so map pages also accept the token
from a cookie scoped to /maps (SameSite=Strict; GraphQL never reads it, so it cannot be
used for cross-site writes)."""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from graph_service.security.middleware import MAP_COOKIE
from graph_service.security.tokens import AuthenticationError, TokenKeys, verify_token

__all__ = ["session_routes"]

MAX_FORM_BYTES = 16_384


def _safe_next(value: str | None) -> str:
    return value if value and value.startswith("/maps/") and "//" not in value else "/maps/"


def _form(next_path: str, problem: str | None = None) -> HTMLResponse:
    error = f'<p class="error" role="alert">{escape(problem)}</p>' if problem else ""
    body = (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign in to the maps</title>'
        '<link rel="stylesheet" href="/static/maps/map.css"><body class="login">'
        "<h1>Sign in to the maps</h1>"
        + error
        + f'<form method="post" action="/login"><input type="hidden" name="next" '
        f'value="{escape(next_path)}"><label>Bearer token<br><textarea name="token" rows="6" '
        'cols="60" required></textarea></label><br><button type="submit">Sign in</button>'
        "</form></body></html>"
    )
    return HTMLResponse(body, status_code=401 if problem else 200)


async def login_page(request: Request) -> Response:
    return _form(_safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return _form("/maps/", "token: the form is too large")
    fields = parse_qs(body.decode("utf-8", "replace"))
    token = (fields.get("token") or [""])[0].strip()
    next_path = _safe_next((fields.get("next") or [""])[0])
    keys: TokenKeys = request.app.state.token_keys
    try:
        verify_token(keys, token)
    except AuthenticationError as error:
        return _form(next_path, f"token: {error}")
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        MAP_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        path="/maps",
        secure=request.url.scheme == "https",
    )
    return response


def session_routes() -> list[BaseRoute]:
    return [Route("/login", login_page, methods=["GET"]), Route("/login", login, methods=["POST"])]
