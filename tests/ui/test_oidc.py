"""Signing in with OpenID Connect against a real, certified provider (npm oidc-provider)
started on loopback: authorization code with PKCE, then a session here with the role and
agency of the person's claims."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import httpx
import pytest
from pydantic import SecretStr

from graph_service.ingest.synthetic import Borough
from graph_service.store.local_server import free_port
from tests.conftest import Neo4jConnection, app_client

PROVIDER = Path(__file__).with_name("oidc") / "provider.mjs"
SECRET = "a-client-secret-only-for-these-tests"
ACCOUNTS = {
    "sub-alex": {"preferred_username": "alex.mash", "graph_service_role": "mash_practitioner"},
    "sub-nobody": {"preferred_username": "no.role"},
}
_FORM = re.compile(r'<form[^>]*action="([^"]+)"', re.S)


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    assert (PROVIDER.parent / "node_modules").exists(), "run make install (oidc-provider)"
    port = free_port()
    process = subprocess.Popen(
        [
            "node",
            str(PROVIDER),
            str(port),
            "http://testserver/sign-in/oidc/callback",
            SECRET,
            json.dumps(ACCOUNTS),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "ready" not in process.stdout.readline():
        assert process.poll() is None, "the OpenID provider did not start"
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
async def visitor(
    neo4j_connection: Neo4jConnection, provider: str, borough: Borough
) -> AsyncIterator[httpx.AsyncClient]:
    settings = neo4j_connection.settings().model_copy(
        update={"oidc_issuer": provider, "oidc_client_secret": SecretStr(SECRET)}
    )
    async with app_client(settings, headers={}) as http:
        yield http


async def _through_the_provider(
    visitor: httpx.AsyncClient, login: str, provider: str
) -> httpx.Response:
    """Sign in as a person would: off to the provider, its forms, back to the service."""
    start = await visitor.get("/sign-in/oidc", params={"next": "/search?name=x"})
    assert start.status_code == 303
    location = start.headers["location"]
    assert location.startswith(provider) and "code_challenge_method=S256" in location
    async with httpx.AsyncClient() as browser:  # the provider's own cookies
        answer = await browser.get(location)
        while True:
            if answer.is_redirect:
                target = urljoin(str(answer.url), answer.headers["location"])
                if target.startswith("http://testserver/"):
                    return await visitor.get(target.removeprefix("http://testserver"))
                answer = await browser.get(target)
                continue
            form = _FORM.search(answer.text)
            assert form, answer.text[:500]
            prompt = "login" if 'name="login"' in answer.text else "consent"
            fields = {"prompt": prompt, "login": login, "password": "anything"}
            answer = await browser.post(urljoin(str(answer.url), form.group(1)), data=fields)


async def test_a_person_signs_in_with_the_council_account_and_gets_their_role(
    visitor: httpx.AsyncClient, provider: str
) -> None:
    page = await visitor.get("/sign-in")
    assert "Sign in with your council account" in page.text
    back = await _through_the_provider(visitor, "sub-alex", provider)
    assert back.status_code == 303 and back.headers["location"] == "/search?name=x"
    assert "gs_session=" in back.headers["set-cookie"]
    home = await visitor.get("/")
    assert "Signed in as <strong>alex.mash</strong> (MASH practitioner)" in home.text


async def test_an_account_without_a_role_is_told_and_gets_no_session(
    visitor: httpx.AsyncClient, provider: str
) -> None:
    back = await _through_the_provider(visitor, "sub-nobody", provider)
    assert back.status_code == 401
    assert "your account has no role in this service" in back.text
    assert "gs_session" not in visitor.cookies


async def test_an_answer_that_did_not_start_here_is_refused(visitor: httpx.AsyncClient) -> None:
    forged = await visitor.get("/sign-in/oidc/callback", params={"code": "x", "state": "y"})
    assert forged.status_code == 400 and "did not start here" in forged.text
    start = await visitor.get("/sign-in/oidc")
    state = parse_qs(urlparse(start.headers["location"]).query)["state"][0]
    wrong = await visitor.get("/sign-in/oidc/callback", params={"code": "x", "state": state + "z"})
    assert wrong.status_code == 400 and "does not belong to this sign-in" in wrong.text


async def test_in_production_only_the_council_account_signs_in(
    neo4j_connection: Neo4jConnection, provider: str, borough: Borough
) -> None:
    from graph_service.config import Mode

    settings = neo4j_connection.settings().model_copy(
        update={
            "mode": Mode.PRODUCTION,
            "oidc_issuer": provider,
            "oidc_client_secret": SecretStr(SECRET),
        }
    )
    async with app_client(settings, headers={}) as visitor:
        page = await visitor.get("/sign-in")
        assert "Sign in with your council account" in page.text
        assert 'name="password"' not in page.text
        tried = await visitor.post("/sign-in", data={"user": "demo", "password": "x" * 20})
        assert tried.status_code == 303 and "gs_session" not in visitor.cookies
