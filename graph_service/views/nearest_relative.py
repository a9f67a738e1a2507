"""GraphQL view of the MHA s.26 nearest relative."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.model.nearest_relative import Candidate, NearestRelativeAnswer

__all__ = ["NearestRelative", "NearestRelativeCandidate"]


@strawberry.type(description="One person considered, with the rule that placed or excluded them.")
class NearestRelativeCandidate:
    person_id: strawberry.ID
    name: str
    relation: str
    relation_rank: int = strawberry.field(description="Place in the s.26(1) list (9: s.26(7)).")
    blood: str | None
    age: int | None
    lives_with_or_cares: bool | None = strawberry.field(
        description="Lives with or cares for the patient; null when the graph cannot tell."
    )
    excluded: bool
    rule: str
    facts: list[str]
    position: int | None

    @classmethod
    def of(cls, candidate: Candidate) -> NearestRelativeCandidate:
        return cls(
            person_id=strawberry.ID(candidate.person.id),
            name=candidate.person.name,
            relation=candidate.relation.label,
            relation_rank=int(candidate.relation),
            blood=candidate.blood,
            age=candidate.age,
            lives_with_or_cares=candidate.lives_with_or_cares,
            excluded=candidate.excluded,
            rule=candidate.rule,
            facts=candidate.facts,
            position=candidate.position,
        )


@strawberry.type(description="Mental Health Act 1983 s.26 nearest relative, explained.")
class NearestRelative:
    patient_id: strawberry.ID
    as_of: date
    nearest: NearestRelativeCandidate | None
    determined: bool
    candidates: list[NearestRelativeCandidate]
    gaps: list[str] = strawberry.field(description="Facts the graph lacks that the rules need.")
    open_candidates: list[NearestRelativeCandidate]

    @classmethod
    def of(cls, answer: NearestRelativeAnswer) -> NearestRelative:
        return cls(
            patient_id=strawberry.ID(answer.patient.id),
            as_of=answer.as_of,
            nearest=NearestRelativeCandidate.of(answer.nearest) if answer.nearest else None,
            determined=answer.nearest is not None,
            candidates=[NearestRelativeCandidate.of(c) for c in answer.candidates],
            gaps=answer.gaps,
            open_candidates=[NearestRelativeCandidate.of(c) for c in answer.open_candidates],
        )
