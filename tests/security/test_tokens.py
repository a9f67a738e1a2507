"""Bearer tokens: issued, verified, and refused with a message saying why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from graph_service.security.roles import Role
from graph_service.security.tokens import (
    AuthenticationError,
    Principal,
    TokenKeys,
    TokenVerifier,
    issue_token,
    new_secret,
    verify_token,
)

KEYS = TokenKeys(new_secret(), "graph-service", "graph-service-api")
SAM = Principal("sam.senior", Role.SENIOR_PRACTITIONER, "AG004")
HOUR = timedelta(hours=1)


def test_a_token_names_its_user_role_and_agency() -> None:
    assert verify_token(KEYS, issue_token(KEYS, SAM, HOUR)) == SAM


def test_an_expired_token_is_refused() -> None:
    old = issue_token(KEYS, SAM, HOUR, now=datetime.now(UTC) - 2 * HOUR)
    with pytest.raises(AuthenticationError, match="expired"):
        verify_token(KEYS, old)


def test_a_forged_token_is_refused() -> None:
    forged = issue_token(TokenKeys(new_secret(), KEYS.issuer, KEYS.audience), SAM, HOUR)
    with pytest.raises(AuthenticationError, match="signature"):
        verify_token(KEYS, forged)


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        (TokenKeys(KEYS.secret, KEYS.issuer, "another-api"), "not for another-api"),
        (TokenKeys(KEYS.secret, "someone-else", KEYS.audience), "not issued by someone-else"),
    ],
)
def test_wrong_audience_or_issuer_is_refused(keys: TokenKeys, problem: str) -> None:
    with pytest.raises(AuthenticationError, match=problem):
        verify_token(keys, issue_token(KEYS, SAM, HOUR))


def test_unsigned_garbage_and_unknown_roles_are_refused() -> None:
    with pytest.raises(AuthenticationError, match="not a valid signed token"):
        verify_token(KEYS, "not.a.token")
    now = datetime.now(UTC)
    odd = jwt.encode(
        {"iss": KEYS.issuer, "aud": KEYS.audience, "sub": "x", "role": "king", "exp": now + HOUR},
        KEYS.secret,
        algorithm="HS256",
    )
    with pytest.raises(AuthenticationError, match="role 'king' is unknown"):
        verify_token(KEYS, odd)
    claims = {
        "iss": KEYS.issuer,
        "aud": KEYS.audience,
        "sub": "x",
        "role": "auditor",
        "exp": now + HOUR,
    }
    none_alg = jwt.encode(claims, None, algorithm="none")
    with pytest.raises(AuthenticationError):
        verify_token(KEYS, none_alg)


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 32 bytes"):
        TokenKeys("short", "i", "a")


def test_a_remembered_token_still_expires_and_a_forged_one_is_never_remembered() -> None:
    now = [datetime.now(UTC).timestamp()]
    verifier = TokenVerifier(KEYS, size=2, clock=lambda: now[0])
    token = issue_token(KEYS, SAM, HOUR)
    assert verifier.principal(token) == SAM
    assert verifier.principal(token) == SAM  # remembered
    now[0] += 2 * HOUR.total_seconds()
    with pytest.raises(AuthenticationError, match="expired"):
        verifier.principal(token)
    forged = issue_token(TokenKeys(new_secret(), KEYS.issuer, KEYS.audience), SAM, HOUR)
    for _ in range(2):
        with pytest.raises(AuthenticationError, match="signature"):
            verifier.principal(forged)


def test_the_verifier_remembers_a_bounded_number_of_tokens() -> None:
    verifier = TokenVerifier(KEYS, size=2)
    tokens = [
        issue_token(KEYS, Principal(f"user{i}", Role.MASH_PRACTITIONER), HOUR) for i in range(5)
    ]
    assert [verifier.principal(t).user for t in tokens] == [f"user{i}" for i in range(5)]
    assert len(verifier._known) == 2
