"""The synthetic borough as the extracts its agencies would send (docs/feeds.md): one
directory per agency, one CSV file per kind of record, each row under the agency's own
record id, naming people by the record ids of the agencies that recorded them.

What no agency sends is kept for the bulk loader, its ids mapped to the ids the import
gives: the directory (agencies, workers, places), loaded first, and the service's own
work (allocations, workers' involvement, places frequented), loaded after."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from graph_service.ingest.synthetic import Borough
from graph_service.model.feed_records import FeedKind, columns, entity_id, record_key
from graph_service.store.values import Row

__all__ = ["FeedExport", "write_feeds"]

_RELATIONSHIPS = ("PARENT_OF", "PARTNER_OF", "CARES_FOR", "ASSOCIATES_WITH")


@dataclass
class FeedExport:
    """Where each agency's files are, what the bulk loader keeps (`directory` before the
    import, `work` after), each generated person's id in the graph, and how many facts
    of each kind no feed carries."""

    files: dict[str, list[Path]]
    directory: Borough
    work: Borough
    person_ids: dict[str, str]
    rows: int = 0
    not_sent: Counter[str] = field(default_factory=Counter)


def write_feeds(borough: Borough, directory: Path) -> FeedExport:
    """Write every agency's extract under `directory` (DIR/<agency id>/<kind>.csv)."""
    return _Exporter(borough, directory).run()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Exporter:
    def __init__(self, borough: Borough, directory: Path) -> None:
        self.borough = borough
        self.root = directory
        self.people = {row["id"]: row for row in borough.nodes["Person"]}
        self.addresses = {row["id"]: row["props"] for row in borough.nodes["Address"]}
        self.households = {row["id"]: row["props"] for row in borough.nodes["Household"]}
        self.located = {r["start"]: r["end"] for r in self._rels("Household:LOCATED_AT:Address")}
        # Who records each household's members: the agency that knows it as a household.
        self.household_agency = {
            r["end"]: r["props"]["source_agency"] for r in self._rels("Person:MEMBER_OF:Household")
        }
        self.export = FeedExport({}, Borough(borough.seed), Borough(borough.seed), {})
        self._writers: dict[tuple[str, FeedKind], csv.DictWriter[str]] = {}

    def _rels(self, load: str) -> list[Row]:
        return self.borough.relationships.get(load, [])

    def run(self) -> FeedExport:
        with ExitStack() as files:
            self._files = files
            self._people()
            self._addresses()
            self._households()
            self._known_to()
            self._relationships()
            self._concerns()
            self._hazards()
            self._cases()
        self._reference_data()
        return self.export

    # -- writing -----------------------------------------------------------------

    def _write(self, agency: str, kind: FeedKind, row: dict[str, Any]) -> None:
        writer = self._writers.get((agency, kind))
        if writer is None:
            path = self.root / agency / f"{kind.value}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            stream: IO[str] = self._files.enter_context(
                path.open("w", newline="", encoding="utf-8")
            )
            writer = csv.DictWriter(stream, fieldnames=columns(kind), lineterminator="\n")
            writer.writeheader()
            self._writers[(agency, kind)] = writer
            self.export.files.setdefault(agency, []).append(path)
        writer.writerow({k: _cell(v) for k, v in row.items()})
        self.export.rows += 1

    def _person(self, person_id: str, prefix: str = "person") -> dict[str, str]:
        props = self.people[person_id]["props"]
        return {
            f"{prefix}_record_id": props["source_record_id"],
            f"{prefix}_agency": props["source_agency"],
        }

    def _address(self, address_id: str) -> dict[str, Any]:
        a = self.addresses[address_id]
        return {
            "address_line1": a["line1"],
            "postcode": a["postcode"],
            "town": a["town"],
            "area": a["area"],
            "protected": a["protected"],
        }

    # -- the agencies' records -----------------------------------------------------

    def _people(self) -> None:
        current: dict[str, Row] = {}
        for rel in self._rels("Person:LIVES_AT:Address"):
            owner = self.people[rel["start"]]["props"]["source_agency"]
            if rel["props"].get("to_date") is None and rel["props"]["source_agency"] == owner:
                current.setdefault(rel["start"], rel)
        self._current = {rel["id"] for rel in current.values()}
        for person_id, row in self.people.items():
            p = row["props"]
            agency, record = p["source_agency"], p["source_record_id"]
            self.export.person_ids[person_id] = entity_id(
                "P", record_key(agency, FeedKind.PEOPLE, record)
            )
            home = current.get(person_id)
            address = self._address(home["end"]) if home else {}
            from_date = home["props"]["from_date"] if home else None
            fields = ("given_name", "family_name", "date_of_birth", "sex", "deceased_on")
            self._write(
                agency,
                FeedKind.PEOPLE,
                {
                    "record_id": record,
                    **{k: p[k] for k in fields},
                    "due_date": p.get("due_date"),
                    "ordinarily_resident_uk": p["ordinarily_resident_uk"],
                    **address,
                    "address_from": from_date,
                },
            )

    def _addresses(self) -> None:
        for rel in self._rels("Person:LIVES_AT:Address"):
            if rel["id"] in self._current:
                continue
            props = rel["props"]
            self._write(
                props["source_agency"],
                FeedKind.ADDRESSES,
                {
                    "record_id": props["source_record_id"],
                    **self._person(rel["start"]),
                    **self._address(rel["end"]),
                    "from_date": props["from_date"],
                    "to_date": props.get("to_date"),
                },
            )

    def _households(self) -> None:
        for rel in self._rels("Person:MEMBER_OF:Household"):
            props, household = rel["props"], self.households[rel["end"]]
            address = self.located.get(rel["end"])
            self._write(
                props["source_agency"],
                FeedKind.HOUSEHOLDS,
                {
                    "record_id": props["source_record_id"],
                    "household_record_id": rel["end"],
                    **self._person(rel["start"]),
                    "from_date": props["from_date"],
                    "to_date": props.get("to_date"),
                    "role": props.get("role"),
                    "household_kind": household["kind"],
                    "locality": household.get("locality"),
                    **(self._address(address) if address else {}),
                },
            )

    def _known_to(self) -> None:
        for rel in self._rels("Person:KNOWN_TO:Agency"):
            props = rel["props"]
            if rel["end"] == self.people[rel["start"]]["props"]["source_agency"]:
                continue  # the agency's own people file says it knows them
            self._write(
                rel["end"],
                FeedKind.KNOWN_TO,
                {
                    "record_id": props["source_record_id"],
                    **self._person(rel["start"]),
                    "from_date": props["from_date"],
                    "to_date": props.get("to_date"),
                },
            )

    def _relationships(self) -> None:
        for kind in _RELATIONSHIPS:
            for rel in self._rels(f"Person:{kind}:Person"):
                props = rel["props"]
                self._write(
                    props["source_agency"],
                    FeedKind.RELATIONSHIPS,
                    {
                        "record_id": props["source_record_id"],
                        "type": kind.lower(),
                        **self._person(rel["start"], "from_person"),
                        **self._person(rel["end"], "to_person"),
                        "from_date": props["from_date"],
                        "to_date": props.get("to_date"),
                        "parent_kind": props.get("kind") if kind == "PARENT_OF" else None,
                        "partner_kind": props.get("kind") if kind == "PARTNER_OF" else None,
                        "parental_responsibility": props.get("parental_responsibility"),
                        "associate_kind": props.get("kind") if kind == "ASSOCIATES_WITH" else None,
                    },
                )

    def _subjects(self, node: str, *loads: str) -> Iterator[tuple[Row, Row]]:
        """Each record of a kind with the first thing it is about (person, household or
        address); one about several people is sent about the first (feeds name one)."""
        about: dict[str, Row] = {}
        for load in loads:
            for rel in self._rels(load):
                if rel["end"] in about:
                    self.export.not_sent[f"{node} subject beyond the first"] += 1
                    continue
                about[rel["end"]] = rel | {"from": load.split(":")[0]}
        for row in self.borough.nodes.get(node, []):
            if row["id"] in about:
                yield row, about[row["id"]]

    def _subject_columns(self, subject: Row) -> dict[str, Any]:
        if subject["from"] == "Person":
            return self._person(subject["start"])
        if subject["from"] == "Household":
            household = subject["start"]
            return {
                "household_record_id": household,
                "household_agency": self.household_agency[household],
            }
        return self._address(subject["start"])

    def _concerns(self) -> None:
        loads = ("Person:SUBJECT_OF:Concern", "Household:SUBJECT_OF:Concern")
        for concern, subject in self._subjects("Concern", *loads):
            p = concern["props"]
            if subject["from"] == "Household" and subject["start"] not in self.household_agency:
                self.export.not_sent["concern about a household nobody lives in"] += 1
                continue
            self._write(
                p["source_agency"],
                FeedKind.CONCERNS,
                {
                    "record_id": p["source_record_id"],
                    **self._subject_columns(subject),
                    **{k: p.get(k) for k in ("code", "raised_on", "severity", "description")},
                    "closed_on": p.get("closed_on"),
                },
            )

    def _hazards(self) -> None:
        loads = ("Person:HAS_HAZARD:Hazard", "Address:HAS_HAZARD:Hazard")
        for hazard, subject in self._subjects("Hazard", *loads):
            p = hazard["props"]
            self._write(
                p["source_agency"],
                FeedKind.HAZARDS,
                {
                    "record_id": p["source_record_id"],
                    **self._subject_columns(subject),
                    **{k: p[k] for k in ("kind", "description", "recorded_on", "review_on")},
                },
            )

    def _cases(self) -> None:
        self._case_ids: dict[str, str] = {}
        for case, subject in self._subjects("Case", "Person:SUBJECT_OF:Case"):
            p = case["props"]
            agency, household = p["source_agency"], p.get("household_id")
            household_agency = self.household_agency.get(household or "")
            key = record_key(agency, FeedKind.CASES, p["source_record_id"])
            self._case_ids[case["id"]] = entity_id("CS", key)
            fields = ("kind", "opened_on", "decided_on", "assessment_completed_on", "closed_on")
            self._write(
                agency,
                FeedKind.CASES,
                {
                    "record_id": p["source_record_id"],
                    **self._subject_columns(subject),
                    **{k: p.get(k) for k in fields},
                    "locality": p.get("locality"),
                    "household_record_id": household if household_agency else None,
                    "household_agency": household_agency,
                },
            )

    # -- what no agency sends --------------------------------------------------------

    def _reference_data(self) -> None:
        for label in ("Agency", "Worker", "Place"):
            self.export.directory.nodes[label] = self.borough.nodes.get(label, [])
        self.export.directory.relationships["Worker:EMPLOYED_BY:Agency"] = self._rels(
            "Worker:EMPLOYED_BY:Agency"
        )
        ids = {**self.export.person_ids, **self._case_ids}
        work = self.export.work.relationships
        for load in (
            "Case:ALLOCATED_TO:Worker",
            "Worker:INVOLVED_WITH:Person",
            "Person:FREQUENTS:Place",
        ):
            work[load] = [
                rel
                | {
                    "start": ids.get(rel["start"], rel["start"]),
                    "end": ids.get(rel["end"], rel["end"]),
                }
                for rel in self._rels(load)
                for start, end in [(rel["start"], rel["end"])]
                if start in ids or end in ids
            ]
