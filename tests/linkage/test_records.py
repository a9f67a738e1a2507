"""What linkage reads from a record: cleaned names, nickname groups, phonetic keys, the
date of birth transposed, the postcode district."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph_service.linkage.records import RELATED_AS, PersonRecord, linkage_row, name_group


def test_nicknames_and_full_names_share_a_group_even_through_a_shared_nickname() -> None:
    assert name_group("Bill") == name_group("William") == name_group("billy")
    # Ted is short for Edward and for Theodore: one group, so either finds the other.
    assert name_group("Edward") == name_group("Ted") == name_group("Theodore")
    assert name_group("Zara") == "zara"


def test_a_row_carries_the_keys_and_variants_the_model_compares() -> None:
    row = linkage_row(
        PersonRecord(
            "P1", " Bill ", "Hill-Smith", date(2015, 3, 4), "male", "nb3 7tz", "12 Mill Road"
        )
    )
    assert row["given_name"] == "bill" and row["family_name"] == "hill smith"
    assert row["family_parts"] == ["hill", "smith"]
    assert row["given_names_known"] == [name_group("William")]
    assert row["dob"] == "2015-03-04" and row["dob_transposed"] == "2015-04-03"
    assert row["postcode"] == "NB37TZ" and row["postcode_district"] == "NB3"
    assert row["family_sx"] == "H400" and row["address"] == "12 mill road"


def test_a_date_that_cannot_be_transposed_has_no_transposition() -> None:
    assert linkage_row(PersonRecord("P1", "A", "B", date(2015, 3, 14)))["dob_transposed"] is None
    assert linkage_row(PersonRecord("P1", "A", "B", date(2015, 3, 3)))["dob_transposed"] is None
    empty = linkage_row(PersonRecord("P1", "A", "B"))
    assert empty["dob"] is None and empty["postcode"] is None and empty["birth_year"] is None


def test_every_address_a_record_has_is_one_comparable_key_with_its_numbers() -> None:
    record = PersonRecord(
        "P1",
        "Evie",
        "Barnes",
        addresses_ever=(("nb3 7tz", "12 Mill Road"), ("NB4 1AA", "3a  Kiln Lane"), (None, "x")),
    )
    assert linkage_row(record)["addresses_ever"] == ["NB37TZ 12 mill road", "NB41AA 3a kiln lane"]
    assert linkage_row(PersonRecord("P2", "A", "B"))["addresses_ever"] is None


@pytest.mark.parametrize(
    "query", ["linkage_people", "linkage_candidates", "identity_link_refusals"]
)
def test_the_relations_that_keep_two_records_apart_are_one_list(query: str) -> None:
    # Linkage never pairs them, and a reviewer could not link them: one list for both.
    text = (Path(__file__).parents[2] / "queries" / f"{query}.cypher").read_text()
    assert ":" + "|".join(RELATED_AS) + "]" in text
