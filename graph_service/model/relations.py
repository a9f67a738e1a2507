"""A relationship said from one side of it, as a practitioner reads it: "Parent (birth)",
not "PARENT_OF"."""

from __future__ import annotations

__all__ = ["relation_from", "relation_with"]

# (type, whether the person we speak of is the relationship's source) -> what the *other*
# person is to them.
_OTHER = {
    ("PARENT_OF", True): "Child",
    ("PARENT_OF", False): "Parent",
    ("PARTNER_OF", True): "Partner",
    ("PARTNER_OF", False): "Partner",
    ("CARES_FOR", True): "Cared for by them",
    ("CARES_FOR", False): "Carer",
    ("ASSOCIATES_WITH", True): "Associate",
    ("ASSOCIATES_WITH", False): "Associate",
}


def relation_from(kind_of_link: str, kind: str | None, speaking_of_source: bool) -> str:
    """What the other person is to the one we speak of, with the link's kind in brackets
    ("Parent (birth)", "Partner (ex)"); the type in words for a link not known here."""
    other = _OTHER.get((kind_of_link, speaking_of_source))
    if other is None:
        other = kind_of_link.replace("_", " ").capitalize()
    return f"{other} ({kind.replace('_', ' ').lower()})" if kind else other


def relation_with(
    kind_of_link: str, kind: str | None, speaking_of_source: bool, other_name: str
) -> str:
    """The other person named, as a chronology reads from the subject's side:
    "Parent: Arjun Collins (birth)"."""
    said = relation_from(kind_of_link, kind, speaking_of_source)
    other, _, rest = said.partition(" (")
    return f"{other}: {other_name}" + (f" ({rest}" if rest else "")
