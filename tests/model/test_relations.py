"""A relationship read from one side of it."""

from __future__ import annotations

import pytest

from graph_service.model.relations import relation_from, relation_with


@pytest.mark.parametrize(
    ("link", "kind", "from_source", "said"),
    [
        ("PARENT_OF", "birth", False, "Parent (birth)"),
        ("PARENT_OF", "adoptive", True, "Child (adoptive)"),
        ("PARTNER_OF", "ex", True, "Partner (ex)"),
        ("CARES_FOR", None, False, "Carer"),
        ("CARES_FOR", None, True, "Cared for by them"),
        ("FREQUENTS", None, True, "Frequents"),
    ],
)
def test_what_the_other_person_is(
    link: str, kind: str | None, from_source: bool, said: str
) -> None:
    assert relation_from(link, kind, from_source) == said


def test_a_chronology_names_the_other_person_from_the_childs_side() -> None:
    assert (
        relation_with("PARENT_OF", "birth", False, "Arjun Collins")
        == "Parent: Arjun Collins (birth)"
    )
    assert relation_with("ASSOCIATES_WITH", None, True, "Sam Lee") == "Associate: Sam Lee"
