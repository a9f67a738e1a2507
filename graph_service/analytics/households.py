"""Household facts read from the graph for the household-level rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph_service.model.evidence import ConcernRef, PersonRef
from graph_service.model.rules import age_on

__all__ = ["ConcernFact", "HouseholdFacts", "HouseholdMember", "households_from_rows"]


@dataclass(frozen=True, slots=True)
class ConcernFact:
    id: str
    code: str
    subject_id: str
    raised_on: date | None = None
    raised_by: str | None = None
    severity: str | None = None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> ConcernFact:
        """From a concern as the analytics queries return one."""
        return cls(
            row["id"],
            row["code"],
            row["subject_id"],
            row.get("raised_on"),
            row.get("raised_by"),
            row.get("severity"),
        )

    def ref(self, names: dict[str, str]) -> ConcernRef:
        """The concern as evidence; a subject with no name is a household."""
        name = names.get(self.subject_id)
        subject = PersonRef(self.subject_id, name) if name is not None else None
        return ConcernRef(self.id, self.code, subject, self.raised_by, self.raised_on)


@dataclass(frozen=True, slots=True)
class HouseholdMember:
    id: str
    name: str
    date_of_birth: date | None
    young_carers_service: bool = False
    cares_for: tuple[str, ...] = ()

    def age(self, on: date) -> int | None:
        return age_on(self.date_of_birth, on)


@dataclass
class HouseholdFacts:
    id: str
    area: str | None
    members: list[HouseholdMember]
    concerns: list[ConcernFact] = field(default_factory=list)

    def names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.members}

    def codes_of(self, person_id: str) -> set[str]:
        return {c.code for c in self.concerns if c.subject_id == person_id}


def households_from_rows(rows: list[dict[str, Any]]) -> list[HouseholdFacts]:
    return [
        HouseholdFacts(
            id=row["household_id"],
            area=row.get("area"),
            members=[
                HouseholdMember(
                    m["id"],
                    m.get("full_name") or m["id"],
                    m.get("date_of_birth"),
                    bool(m.get("young_carers_service")),
                    tuple(m.get("cares_for") or ()),
                )
                for m in row["members"]
            ],
            concerns=[ConcernFact.of(c) for c in row["concerns"]],
        )
        for row in rows
    ]
