"""What the graph says about a case's family and about the workers who might take it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph_service.model.rules import age_on

__all__ = ["CaseFacts", "FamilyMember", "WorkerFacts"]


@dataclass(frozen=True)
class FamilyMember:
    id: str
    name: str
    date_of_birth: date | None
    deceased_on: date | None = None

    def is_child(self, on: date, adult_age: int = 18) -> bool:
        age = age_on(self.date_of_birth, on)
        return age is not None and age < adult_age and self.deceased_on is None


@dataclass(frozen=True)
class ConcernRecord:
    id: str
    code: str
    subject_id: str
    raised_on: date


_CONCERN_KEYS = ("id", "code", "subject_id", "raised_on")


@dataclass
class CaseFacts:
    """One case and its family: the subjects' current households and their members."""

    id: str
    kind: str
    status: str
    agency_id: str | None
    locality: str | None = None
    opened_on: date | None = None
    subject_ids: list[str] = field(default_factory=list)
    household_ids: list[str] = field(default_factory=list)
    family: list[FamilyMember] = field(default_factory=list)
    concerns: list[ConcernRecord] = field(default_factory=list)
    agencies: dict[str, str] = field(default_factory=dict)  # id -> name
    hazards: dict[str, str] = field(default_factory=dict)  # id -> kind
    other_cases: dict[str, str] = field(default_factory=dict)  # id -> kind
    # Workers currently involved with the family: worker id -> people they work with.
    workers: dict[str, set[str]] = field(default_factory=dict)

    @property
    def family_key(self) -> str:
        """Cases with the same key belong to one family (siblings stay together)."""
        return self.household_ids[0] if self.household_ids else "|".join(self.subject_ids)

    def name_of(self, person_id: str) -> str:
        return next((m.name for m in self.family if m.id == person_id), person_id)

    @property
    def people(self) -> tuple[str, ...]:
        """Everyone whose records these facts hold: the subjects and their family."""
        return tuple(dict.fromkeys([*self.subject_ids, *(m.id for m in self.family)]))

    @classmethod
    def of(cls, row: dict[str, Any]) -> CaseFacts:
        case = row["case"]
        facts = cls(
            id=case["id"],
            kind=case["kind"],
            status=case["status"],
            agency_id=case.get("source_agency"),
            locality=case.get("locality"),
            opened_on=case.get("opened_on"),
            subject_ids=list(row["subject_ids"]),
            household_ids=list(row["household_ids"]),
            family=[
                FamilyMember(
                    p["id"],
                    p.get("full_name") or p["id"],
                    p.get("date_of_birth"),
                    p.get("deceased_on"),
                )
                for p in row["family"]
            ],
        )
        seen: set[str] = set()
        for concern in (c for per_subject in row["concerns"] for c in per_subject):
            if concern["id"] not in seen:
                seen.add(concern["id"])
                facts.concerns.append(ConcernRecord(**{k: concern[k] for k in _CONCERN_KEYS}))
        facts.agencies = {a["id"]: a.get("name") or a["id"] for per in row["known_to"] for a in per}
        facts.hazards = {h["id"]: h["kind"] for per in row["hazards"] for h in per}
        facts.other_cases = {c["id"]: c["kind"] for per in row["other_cases"] for c in per}
        for involvement in (i for per in row["workers"] for i in per):
            facts.workers.setdefault(involvement["worker_id"], set()).add(involvement["person_id"])
        return facts

    @classmethod
    def for_caseload(cls, row: dict[str, Any]) -> CaseFacts:
        """From `allocation_caseload_facts`: enough to weigh the case, with no names."""
        case_id = row["id"]
        others = (entry.split(" ", 1) for entry in row["other_cases"])
        return cls(
            id=case_id,
            kind=row["kind"],
            status="open",
            agency_id=row.get("agency_id"),
            family=[FamilyMember(f"{case_id}#{i}", "", born) for i, born in enumerate(row["born"])],
            concerns=[
                ConcernRecord(f"{case_id}#{i}", code, "", raised)
                for i, (code, raised) in enumerate(zip(row["codes"], row["raised"], strict=True))
            ],
            agencies=dict.fromkeys(row["agencies"], ""),
            hazards=dict.fromkeys(row["hazards"], ""),
            other_cases={parts[0]: parts[-1] for parts in others},
        )


@dataclass(frozen=True)
class WorkerFacts:
    id: str
    name: str
    role: str
    team: str | None
    locality: str | None
    capabilities: frozenset[str]
    asye: bool
    qualified_on: date | None
    caseload_limit: int
    agency_ids: frozenset[str]
    open_case_ids: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def years_qualified(self, on: date) -> int:
        return age_on(self.qualified_on, on) or 0

    @classmethod
    def of(cls, row: dict[str, Any]) -> WorkerFacts:
        w = row["worker"]
        return cls(
            id=w["id"],
            name=f"{w.get('given_name', '')} {w.get('family_name', '')}".strip(),
            role=w.get("role") or "",
            team=w.get("team"),
            locality=w.get("locality"),
            capabilities=frozenset(w.get("capabilities") or ()),
            asye=bool(w.get("asye")),
            qualified_on=w.get("qualified_on"),
            caseload_limit=int(w.get("caseload_limit") or 0),
            agency_ids=frozenset(row["agency_ids"]),
            open_case_ids=tuple(row["open_case_ids"]),
            details=w,
        )
