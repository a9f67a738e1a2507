"""Every request for case-network data is attributed to someone, or refused with 401."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from graph_service.security.tokens import AuthenticationError, Principal, TokenKeys, verify_token

__all__ = ["MAP_COOKIE", "Authentication", "principal_of"]

PROTECTED = ("/graphql", "/maps/")
MAP_COOKIE = "graph_service_token"


def principal_of(scope: Scope) -> Principal | None:
    principal = scope.get("state", {}).get("principal")
    return principal if isinstance(principal, Principal) else None


class Authentication:
    """Pure ASGI middleware: a valid bearer token for /graphql and /maps, else 401.

    The IDE page (a GET of /graphql with no query) is open: its requests carry the token."""

    def __init__(self, app: ASGIApp, keys: TokenKeys) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._protected(scope):
            await self.app(scope, receive, send)
            return
        try:
            principal = verify_token(self.keys, _bearer(scope))
        except AuthenticationError as error:
            if _browser_page(scope):
                await _to_login(send, scope["path"])
                return
            await _refuse(send, str(error))
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    @staticmethod
    def _protected(scope: Scope) -> bool:
        path: str = scope["path"]
        if path == "/graphql" and scope["method"] == "GET" and not scope.get("query_string"):
            return False
        return path == PROTECTED[0] or path.startswith(PROTECTED[1])


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return dict(scope.get("headers", []))


def _browser_page(scope: Scope) -> bool:
    """A person's browser asking for a map page: send them to sign in, not a JSON 401."""
    accept = _headers(scope).get(b"accept", b"")
    return scope["path"].startswith(PROTECTED[1]) and b"text/html" in accept


def _map_cookie(scope: Scope) -> str:
    if not scope["path"].startswith(PROTECTED[1]) or scope["method"] != "GET":
        return ""
    cookies = _headers(scope).get(b"cookie", b"").decode("latin-1")
    for part in cookies.split(";"):
        name, _, value = part.strip().partition("=")
        if name == MAP_COOKIE:
            return value
    return ""


def _bearer(scope: Scope) -> str:
    value = _headers(scope).get(b"authorization", b"").decode("latin-1").strip()
    if not value and (cookie := _map_cookie(scope)):
        return cookie
    if not value:
        raise AuthenticationError("no bearer token: send 'Authorization: Bearer <token>'")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("the Authorization header must be 'Bearer <token>'")
    return str(token.strip())


async def _refuse(send: Send, message: str) -> None:
    error = {"message": f"unauthenticated: {message}", "extensions": {"code": "UNAUTHENTICATED"}}
    body = json.dumps({"errors": [error]}).encode()
    challenge = f'Bearer error="invalid_token", error_description="{message}"'
    await send({"type": "http.response.start", "status": 401, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"www-authenticate", challenge.encode("latin-1", "replace"))]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


async def _to_login(send: Send, path: str) -> None:
    from urllib.parse import quote

    location = f"/login?next={quote(path)}".encode()
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location), (b"content-length", b"0")]})  # fmt: skip
    await send({"type": "http.response.body", "body": b""})
