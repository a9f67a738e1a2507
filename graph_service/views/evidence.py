"""GraphQL views of evidence: typed facts whose people and concerns need to know vets one
by one, and whose sentence is rendered from what is left after vetting."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.model.evidence import ConcernRef, Fact, PersonRef, describe_concern, render

__all__ = ["ConcernReference", "Evidence", "PersonReference"]


@strawberry.type(description="A person a result names.")
class PersonReference:
    id: strawberry.ID
    name: str

    @classmethod
    def of(cls, person: PersonRef) -> PersonReference:
        return cls(id=strawberry.ID(person.id), name=person.name)


@strawberry.type(description="A concern a rule relied on: its code, subject, agency and date.")
class ConcernReference:
    id: strawberry.ID
    code: str
    label: str
    subject: PersonReference | None = strawberry.field(description="Null: a household's own.")
    raised_by: str | None = strawberry.field(description="The raising agency's name.")
    raised_on: date | None
    withheld: bool = strawberry.field(
        default=False,
        description="A sensitive category your role has no need to know: code and label "
        "are withheld.",
    )
    raised_by_id: strawberry.Private[str | None] = None

    @property
    def subject_id(self) -> str | None:
        return str(self.subject.id) if self.subject else None

    def sentence(self) -> str:
        who = self.subject.name if self.subject else None
        return describe_concern(self.code, self.label, who, self.raised_by, self.raised_on)

    @classmethod
    def of(cls, concern: ConcernRef) -> ConcernReference:
        subject = PersonReference.of(concern.subject) if concern.subject else None
        return cls(
            id=strawberry.ID(concern.id),
            code=concern.code,
            label=concern.label,
            subject=subject,
            raised_by=concern.raised_by,
            raised_on=concern.raised_on,
            raised_by_id=concern.raised_by_id,
        )


@strawberry.type(description="One fact a rule relied on: what, about whom, which concern.")
class Evidence:
    what: str
    people: list[PersonReference]
    concerns: list[ConcernReference]
    weight: int | None = strawberry.field(description="What the fact added to a score.")
    households: list[strawberry.ID]

    @strawberry.field(description="The fact in words, as your role may see it.")
    async def text(self) -> str:
        # Async, as every computed field is: see tests/api/test_audit_coverage.py.
        return self.sentence()

    def sentence(self) -> str:
        """The fact in words, rendered from the people and concerns left after vetting."""
        covered = {c.subject_id for c in self.concerns}
        names = [p.name for p in self.people if str(p.id) not in covered]
        return render(self.what, names, [c.sentence() for c in self.concerns], self.weight)

    @classmethod
    def of(cls, fact: Fact) -> Evidence:
        return cls(
            what=fact.what,
            people=[PersonReference.of(p) for p in fact.people],
            concerns=[ConcernReference.of(c) for c in fact.concerns],
            weight=fact.weight,
            households=[strawberry.ID(h) for h in fact.households],
        )

    @classmethod
    def all_of(cls, facts: list[Fact]) -> list[Evidence]:
        return [cls.of(fact) for fact in facts]
