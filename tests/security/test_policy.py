"""The role table names every query, mutation and page, and denies what it does not name."""

from __future__ import annotations

import pytest

from graph_service.api.schema import build_schema
from graph_service.security.disclosure import Disclosure
from graph_service.security.policy import PAGES, ROOT_FIELDS, AccessDeniedError
from graph_service.security.roles import Role
from graph_service.security.tokens import Principal

SCHEMA = build_schema()._schema


def _root_fields() -> set[str]:
    assert SCHEMA.query_type is not None and SCHEMA.mutation_type is not None
    return set(SCHEMA.query_type.fields) | set(SCHEMA.mutation_type.fields)


def test_every_query_mutation_and_page_has_an_entry_and_nothing_else_does() -> None:
    missing = _root_fields() - set(ROOT_FIELDS)
    assert missing == set(), f"give these an entry in security/policy.py: {sorted(missing)}"
    assert set(ROOT_FIELDS) - _root_fields() == set(PAGES)


@pytest.mark.parametrize("role", list(Role))
def test_a_field_the_table_does_not_name_is_denied_to_every_role(role: Role) -> None:
    disclosure = Disclosure(Principal("someone", role, "AG-1"))
    with pytest.raises(AccessDeniedError, match="no access"):
        disclosure.authorise("aFieldAddedTomorrow")
    assert disclosure.denied == ["aFieldAddedTomorrow"]
