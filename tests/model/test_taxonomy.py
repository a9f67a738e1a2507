from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_service.model.taxonomy import (
    ConcernCode,
    HeadlineProblem,
    SensitiveCategory,
    WorkerCapability,
    concern_info,
)

# The domain reference's concern taxonomy, copied into the repository (tests read nothing
# outside it).
DOMAIN = Path(__file__).with_name("domain_concern_taxonomy.md")


def _domain_concern_codes() -> set[str]:
    text = DOMAIN.read_text(encoding="utf-8")
    section = text.split("## Concern taxonomy", 1)[1].split("\n## ", 1)[0]
    codes = set(re.findall(r"\b(\d{1,2}[A-F])\b", section))
    codes |= set(re.findall(r"· (\d{2}) [a-z]", section))  # "20 other", "21 no factors"
    en_dash_range = r"\b(\d)([A-F])\u2013\1([A-F])\b"  # DOMAIN.md writes 8B to 8F with an en dash
    for number, first, last in re.findall(en_dash_range, section):
        codes |= {f"{number}{chr(c)}" for c in range(ord(first), ord(last) + 1)}
    return codes


def test_every_cin_factor_in_domain_reference_is_a_concern_code() -> None:
    in_domain = _domain_concern_codes()
    assert {"1A", "3C", "7A", "8B", "8F", "18B", "19C", "21", "24A"} <= in_domain
    missing = in_domain - {code.value for code in ConcernCode}
    assert not missing


def test_cin_suffixes_say_who_the_concern_is_about() -> None:
    assert ConcernCode("4B").subject_suffix == "B"
    assert ConcernCode("20").subject_suffix is None
    assert ConcernCode("ATT").subject_suffix is None


@pytest.mark.parametrize(
    ("code", "headline"),
    [
        ("1B", HeadlineProblem.SUBSTANCE_USE),
        ("2C", HeadlineProblem.SUBSTANCE_USE),
        ("3B", HeadlineProblem.DOMESTIC_ABUSE),
        ("4B", HeadlineProblem.HEALTH),
        ("15A", HeadlineProblem.HEALTH),
        ("6A", HeadlineProblem.HEALTH),
        ("24A", HeadlineProblem.ABUSE_AND_EXPLOITATION),
        ("19C", HeadlineProblem.ABUSE_AND_EXPLOITATION),
        ("14A", HeadlineProblem.CRIME),
        ("OFF", HeadlineProblem.CRIME),
        ("ATT", HeadlineProblem.EDUCATION),
        ("EYD", HeadlineProblem.EARLY_YEARS),
        ("CON", HeadlineProblem.FAMILY_RELATIONSHIPS),
        ("RNT", HeadlineProblem.HOUSING),
        ("DBT", HeadlineProblem.FINANCIAL_STABILITY),
        ("7A", None),
        ("21", None),
    ],
)
def test_codes_map_to_supporting_families_headline_problems(
    code: str, headline: HeadlineProblem | None
) -> None:
    assert ConcernCode(code).headline is headline


def test_every_headline_problem_is_reachable_from_some_code() -> None:
    reached = {code.headline for code in ConcernCode if code.headline is not None}
    assert reached == set(HeadlineProblem)
    assert HeadlineProblem.HOUSING.label == "Secure housing"


def test_deprecated_and_sensitive_codes_are_marked() -> None:
    assert ConcernCode("18A").info.deprecated and ConcernCode("19A").info.deprecated
    assert not ConcernCode("18B").info.deprecated
    assert ConcernCode("4B").info.sensitive is SensitiveCategory.MENTAL_HEALTH
    assert ConcernCode("19C").info.sensitive is SensitiveCategory.SEXUAL_ABUSE
    assert ConcernCode("3B").info.sensitive is None


def test_unknown_code_error_names_the_code() -> None:
    with pytest.raises(ValueError, match="'99Z' is not in the taxonomy"):
        concern_info("99Z")


def test_labels_read_as_words() -> None:
    assert ConcernCode("3B").label == "Domestic abuse (parent or carer)"
    assert WorkerCapability.AMHP.label == "Approved Mental Health Professional"
    assert WorkerCapability.DOMESTIC_ABUSE.label == "Domestic abuse"
