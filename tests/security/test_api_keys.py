from __future__ import annotations

import pytest

from graph_service.security.api_keys import hash_secret, new_api_key, parse_api_key
from graph_service.security.tokens import AuthenticationError


def test_a_new_key_parses_back_to_its_id_and_secret_whose_hash_is_stored() -> None:
    issued = new_api_key()
    key_id, secret = parse_api_key(issued.key)
    assert key_id == issued.key_id and hash_secret(secret) == issued.secret_hash
    assert secret not in issued.secret_hash


@pytest.mark.parametrize(
    "text", ["", "gsk_", "gsk_zz_secret", "Bearer x", "gsk_0123456789abcdef_short"]
)
def test_malformed_keys_are_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(AuthenticationError, match="gsk_<id>_<secret>"):
        parse_api_key(text)
