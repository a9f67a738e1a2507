"""The synthetic borough as record linkage sees it: every person record with where its
agency has them living, and the ground truth of which records are one person."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph_service.ingest.synthetic import Borough
from graph_service.linkage.records import RELATED_AS, PersonRecord

__all__ = ["person_records", "true_matches"]


def person_records(borough: Borough) -> list[PersonRecord]:
    """Each person record with its latest current address, every address it has, and
    whom it is recorded as related to."""
    addresses = {row["id"]: row["props"] for row in borough.nodes["Address"]}
    lived = borough.relationships["Person:LIVES_AT:Address"]
    current = sorted(
        (r for r in lived if not r["props"].get("to_date")),
        key=lambda r: r["props"].get("from_date") or date.min,
    )
    home = {r["start"]: addresses[r["end"]] for r in current}  # the latest wins
    ever: dict[str, list[dict[str, Any]]] = {}
    for r in lived:
        ever.setdefault(r["start"], []).append(addresses[r["end"]])
    relatives: dict[str, set[str]] = {}
    for kind in RELATED_AS:
        for r in borough.relationships.get(f"Person:{kind}:Person", ()):
            relatives.setdefault(r["start"], set()).add(r["end"])
            relatives.setdefault(r["end"], set()).add(r["start"])
    return [
        _record(row, home.get(row["id"]), ever.get(row["id"], []), relatives.get(row["id"]))
        for row in borough.nodes["Person"]
    ]


def _record(
    row: dict[str, Any],
    address: dict[str, Any] | None,
    ever: list[dict[str, Any]],
    relatives: set[str] | None,
) -> PersonRecord:
    props = row["props"]
    return PersonRecord(
        id=row["id"],
        given_name=props["given_name"],
        family_name=props["family_name"],
        date_of_birth=props.get("date_of_birth"),
        sex=props.get("sex"),
        postcode=address["postcode"] if address else None,
        address_line=address["line1"] if address else None,
        addresses_ever=tuple((a["postcode"], a["line1"]) for a in ever),
        relatives=frozenset(relatives or ()),
    )


def true_matches(borough: Borough) -> set[frozenset[str]]:
    """The pairs of records that are one person."""
    return {frozenset(pair) for pair in borough.duplicate_pairs}
