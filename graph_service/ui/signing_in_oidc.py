"""Signing in with the council's account (OpenID Connect): off to the identity provider,
and back with a code that becomes a session here. The sign-in in progress travels in a
short-lived signed cookie, bound to the browser that started it."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from graph_service.security.oidc import OpenIdProvider, PendingSignIn
from graph_service.security.tokens import AuthenticationError
from graph_service.store.outages import DatabaseUnavailableError
from graph_service.ui.signing_in import safe_next, session_cookie, sign_in_form

__all__ = ["PENDING_COOKIE", "PENDING_SECONDS", "oidc_callback", "oidc_start"]

PENDING_COOKIE = "gs_oidc"
PENDING_SECONDS = 600
_PATH = "/sign-in/oidc"


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.token_keys.secret, salt="oidc-sign-in")


def _redirect_uri(request: Request) -> str:
    configured: str | None = request.app.state.settings.oidc_redirect_uri
    return configured or str(request.url_for("oidc_callback"))


def _refused(request: Request, problem: str, status: int = 400) -> Response:
    said = f"Signing in with your council account did not work: {problem}"
    return sign_in_form(request, status, next="/", errors={"oidc": said})


async def oidc_start(request: Request) -> Response:
    provider: OpenIdProvider | None = request.app.state.oidc
    if provider is None:
        return _refused(request, "it is not set up for this service", 404)
    next_path = safe_next(request.query_params.get("next"))
    try:
        url, pending = await provider.begin(_redirect_uri(request), next_path)
    except AuthenticationError as error:
        return _refused(request, str(error), 503)
    response = RedirectResponse(url, status_code=303)
    carried = [pending.state, pending.nonce, pending.verifier, pending.next_path]
    response.set_cookie(
        PENDING_COOKIE,
        _serializer(request).dumps(carried),
        max_age=PENDING_SECONDS,
        httponly=True,
        samesite="lax",
        path=_PATH,
        secure=request.url.scheme == "https",
    )
    return response


async def oidc_callback(request: Request) -> Response:
    provider: OpenIdProvider | None = request.app.state.oidc
    params = request.query_params
    if provider is None:
        return _refused(request, "it is not set up for this service", 404)
    if "error" in params:
        return _refused(request, f"the identity provider said {params['error']!r}")
    try:
        state, nonce, verifier, next_path = _serializer(request).loads(
            request.cookies.get(PENDING_COOKIE, ""), max_age=PENDING_SECONDS
        )
    except (BadSignature, ValueError):
        return _refused(request, "the sign-in took too long or did not start here; try again")
    if params.get("state") != state or not params.get("code"):
        return _refused(request, "the answer does not belong to this sign-in; try again")
    pending = PendingSignIn(state, nonce, verifier, next_path)
    try:
        principal = await provider.finish(_redirect_uri(request), params["code"], pending)
        token = await request.app.state.sessions.begin(principal)
    except AuthenticationError as error:
        return _refused(request, str(error), 401)
    except DatabaseUnavailableError:
        return _refused(request, "the database cannot be reached; try again in a minute", 503)
    response = RedirectResponse(next_path, status_code=303)
    response.delete_cookie(PENDING_COOKIE, path=_PATH)
    session_cookie(request, response, token)
    return response
