"""Evidence as typed facts: what a rule found, about whom, from which concern, raised by
which agency and when. The sentence a practitioner reads is rendered from the facts, so
need to know can vet every person and concern in it and audit can name them all."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from graph_service.model.taxonomy import ConcernCode

__all__ = ["ConcernRef", "Fact", "PersonRef", "describe_concern", "people_in", "render"]


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person named by a result: enough to show and to vet, nothing more."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ConcernRef:
    """A concern a rule relied on. `subject` is None for a household's own concern."""

    id: str
    code: str
    subject: PersonRef | None
    raised_by: str | None  # the raising agency's name
    raised_on: date | None
    raised_by_id: str | None = None

    @property
    def label(self) -> str:
        try:
            return ConcernCode(self.code).label
        except ValueError:
            return self.code

    def text(self) -> str:
        who = self.subject.name if self.subject else None
        return describe_concern(self.code, self.label, who, self.raised_by, self.raised_on)


@dataclass(frozen=True, slots=True)
class Fact:
    """One reason a rule gave: `what` in words, the people and concerns it rests on, and
    the weight it added to a score (when the rule scores)."""

    what: str
    people: tuple[PersonRef, ...] = ()
    concerns: tuple[ConcernRef, ...] = ()
    weight: int | None = None
    households: tuple[str, ...] = ()

    def text(self) -> str:
        covered = {c.subject.id for c in self.concerns if c.subject}
        others = [p.name for p in self.people if p.id not in covered]
        return render(self.what, others, [c.text() for c in self.concerns], self.weight)

    def __str__(self) -> str:
        return self.text()


def describe_concern(
    code: str, label: str, who: str | None, raised_by: str | None, raised_on: date | None
) -> str:
    return (
        f"{code} {label} on {who or 'the household'}, raised by {raised_by or 'unknown'} "
        f"on {raised_on or 'an unknown date'}"
    )


def render(what: str, names: list[str], concerns: list[str], weight: int | None) -> str:
    """A fact's sentence from its parts: the concerns (each naming its subject) and the
    people it is about whom no concern names (a caring relationship, say)."""
    details = [*names, *concerns]
    sentence = f"{what}: {'; '.join(details)}" if details else what
    return f"{sentence} [+{weight}]" if weight is not None else sentence


def people_in(facts: Iterable[Fact]) -> Iterator[str]:
    """Every person id a list of facts names, the subjects of its concerns included."""
    for fact in facts:
        yield from (p.id for p in fact.people)
        yield from (c.subject.id for c in fact.concerns if c.subject)
