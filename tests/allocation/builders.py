"""Hand-built cases and workers for the allocation tests."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from graph_service.allocation.facts import CaseFacts, ConcernRecord, FamilyMember, WorkerFacts

ON = date(2026, 6, 1)
_ids = count(1)


def case(
    kind: str = "child_in_need",
    *,
    agency: str = "CSC",
    locality: str = "North",
    household: str | None = None,
    subjects: int = 1,
    children: int = 1,
    codes: tuple[str, ...] = (),
    hazards: int = 0,
    workers: dict[str, set[str]] | None = None,
    other_cases: dict[str, str] | None = None,
) -> CaseFacts:
    n = next(_ids)
    family = [
        FamilyMember(f"P{n}-{i}", f"Child {n}-{i}", ON - timedelta(days=365 * 8))
        for i in range(children)
    ]
    family.append(FamilyMember(f"P{n}-adult", f"Adult {n}", ON - timedelta(days=365 * 35)))
    subject_ids = [m.id for m in family[:subjects]]
    return CaseFacts(
        id=f"CS{n}",
        kind=kind,
        status="open",
        agency_id=agency,
        locality=locality,
        subject_ids=subject_ids,
        household_ids=[household or f"H{n}"],
        family=family,
        concerns=[
            ConcernRecord(f"C{n}-{i}", code, family[-1].id, ON - timedelta(days=400))
            for i, code in enumerate(codes)
        ],
        hazards={f"HZ{n}-{i}": "violence_to_staff" for i in range(hazards)},
        workers=workers or {},
        other_cases=other_cases or {},
    )


def worker(
    worker_id: str,
    *,
    agency: str = "CSC",
    locality: str = "North",
    capabilities: tuple[str, ...] = (),
    asye: bool = False,
    years: int = 5,
    limit: int = 10,
) -> WorkerFacts:
    return WorkerFacts(
        id=worker_id,
        name=f"Worker {worker_id}",
        role="social_worker",
        team=None,
        locality=locality,
        capabilities=frozenset(capabilities),
        asye=asye,
        qualified_on=ON - timedelta(days=365 * years + 30),
        caseload_limit=limit,
        agency_ids=frozenset({agency}),
    )
