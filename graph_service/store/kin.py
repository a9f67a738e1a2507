"""Reading the facts MHA s.26 needs from the graph."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph_service.model.nearest_relative import (
    KinFacts,
    KinPerson,
    ParentLink,
    PartnerLink,
    SiblingLink,
)

__all__ = ["kin_facts_from_row"]


def kin_facts_from_row(row: dict[str, Any]) -> KinFacts:
    """Build `KinFacts` from one row of the `nearest_relative_facts` query."""
    people = {
        p["id"]: KinPerson(
            id=p["id"],
            name=p.get("full_name") or p["id"],
            sex=p.get("sex"),
            date_of_birth=p.get("date_of_birth"),
            deceased_on=p.get("deceased_on"),
            ordinarily_resident_uk=p.get("ordinarily_resident_uk"),
        )
        for p in row["people"]
    }
    lives_with: dict[str, date | None] = {}
    for resident in row["co_residents"]:
        since = resident.get("since")
        earlier = lives_with.get(resident["id"])
        lives_with[resident["id"]] = since if earlier is None else min(earlier, since or earlier)
    return KinFacts(
        patient=people[row["patient_id"]],
        people=people,
        parent_links=[
            ParentLink(
                link["parent"],
                link["child"],
                link["kind"] or "birth",
                bool(link["parental_responsibility"]),
            )
            for link in row["parent_links"]
        ],
        partners=[
            PartnerLink(
                link["other"],
                link["kind"],
                link.get("from_date"),
                link.get("to_date"),
                link.get("status"),
            )
            for link in row["partners"]
        ],
        siblings=[
            SiblingLink(link["one"], link["other"], link["kind"])
            for link in row.get("sibling_links", [])
        ],
        carers=set(row["carer_ids"]),
        lives_with=lives_with,
        residence_unknown={p["id"] for p in row["people"] if not p["housed"]},
    )
