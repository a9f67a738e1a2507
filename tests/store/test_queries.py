from __future__ import annotations

import re
from pathlib import Path

import neo4j
import pytest

from graph_service.config import PROJECT_ROOT
from graph_service.store.queries import QueryLibrary, UnknownQueryError

LIBRARY = QueryLibrary(PROJECT_ROOT / "queries")


@pytest.mark.parametrize("name", LIBRARY.names())
def test_every_named_query_compiles_against_neo4j(graph: neo4j.Driver, name: str) -> None:
    with graph.session() as session:
        session.run("EXPLAIN " + LIBRARY[name]).consume()


@pytest.mark.parametrize("name", LIBRARY.names())
def test_queries_are_documented_and_bound_their_reads(name: str) -> None:
    text = LIBRARY[name]
    assert text.startswith("//"), f"{name} should open with a comment saying what it is for"
    if re.search(r"\bRETURN\b", text) and not re.search(r"\b(MERGE|CREATE|SET)\b", text):
        limited = re.search(r"\bLIMIT\b|\bcount\(", text)
        keyed = re.search(r"\{id: (\$\w+|person_id|household_id|i)\}", text)
        sliced = re.search(r"UNWIND \$\w+\[\.\.\$\w+\] AS (\w+)", text)
        # A slice of ids (or of FeedRecord keys, unique too), each read by its key.
        keyed_by_slice = sliced and re.search(rf"\{{(id|key): {sliced.group(1)}\b", text)
        assert limited or keyed or keyed_by_slice, f"{name} reads without a LIMIT or a unique key"


def test_unknown_query_names_the_missing_file() -> None:
    with pytest.raises(UnknownQueryError, match="no query named 'nope'"):
        LIBRARY["nope"]


def test_missing_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        QueryLibrary(tmp_path / "absent")


def test_no_cypher_is_built_inside_the_package() -> None:
    sources = (PROJECT_ROOT / "graph_service").rglob("*.py")
    offenders = [
        str(path)
        for path in sources
        if re.search(r"""f["'][^"']*\b(MATCH|MERGE|CREATE|UNWIND)\b""", path.read_text())
    ]
    assert not offenders


@pytest.mark.parametrize(
    ("narrow", "wide", "after"),
    [
        ("household_facts", "analytics_child_households", "WITH DISTINCT h"),
        ("concerns_of_person", "concerns_filtered", "-[:SUBJECT_OF]->(c:Concern)\n"),
    ],
)
def test_a_narrowed_query_reads_exactly_as_its_wide_one_does(
    narrow: str, wide: str, after: str
) -> None:
    """A query that starts from named records must not drift from the one that scans."""
    wide_text = LIBRARY[wide]
    if after.startswith("-"):  # the wide one starts from every concern instead
        wide_rest = wide_text.split("MATCH (c:Concern)\n", 1)[1]
    else:
        wide_rest = wide_text.split(after, 1)[1]
    assert LIBRARY[narrow].split(after, 1)[1] == wide_rest
