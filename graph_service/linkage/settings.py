"""The linkage model's shape: which pairs are compared (blocking) and how each field's
agreement is graded (Fellegi-Sunter comparisons). Only plain SQL comparisons and Splink's
own levels (which it writes for each backend), so that the settings run unchanged on
Splink's Spark backend (bench/bench_linkage_spark.py: the same pairs as on DuckDB)."""

from __future__ import annotations

from typing import Any

from splink import SettingsCreator, block_on
from splink import comparison_level_library as cll
from splink import comparison_library as cl
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

__all__ = ["BLOCKING_RULES", "COMPARED_FIELDS", "linkage_settings"]

# A pair is compared if any rule puts it in one block. Each rule catches the duplicates
# the others miss: a nickname, a swapped name, a transposed or missing date of birth.
BLOCKING_RULES: list[BlockingRuleCreator | dict[str, Any]] = [
    block_on("dob"),
    CustomRule("l.dob = r.dob_transposed"),
    block_on("given_key", "family_sx"),
    CustomRule("l.given_sx = r.family_sx AND l.family_sx = r.given_sx"),
    block_on("family_sx", "postcode"),
    # A slip in the family name that changes its sound, at one address.
    block_on("given_key", "postcode"),
]

# The comparisons, in the order their match weights are reported to a reviewer.
COMPARED_FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "address")


def _levels(
    name: str,
    null: str,
    levels: list[tuple[ComparisonLevelCreator, float]],
    fixed_else: float | None = None,
) -> cl.CustomComparison:
    """A comparison from its levels, each with EM's starting m: most matches agree
    exactly, a few in each way agencies err. Training moves them; no labels are used.
    `fixed_else`: the m of "nothing alike", kept out of training (see the callers)."""
    otherwise = cll.ElseLevel().configure(m_probability=fixed_else or 0.05)
    if fixed_else is not None:
        otherwise.configure(fix_m_probability=True)
    return cl.CustomComparison(
        output_column_name=name,
        comparison_levels=[
            cll.NullLevel(null),
            *(level.configure(m_probability=m) for level, m in levels),
            otherwise,
        ],
    )


# Twins, and a father and son of one name, share a family name, an address and (twins) a
# date of birth: EM, which has no labels, takes them for one person and learns that a
# duplicate's given name, date of birth or (a boy and a girl twin) sex is often wholly
# different. Agencies rarely get any of them wholly wrong, so those three m are fixed;
# every other m is trained. Sex: recorded otherwise in about one duplicate in 200.
_GIVEN_NAME_WHOLLY_DIFFERENT = 0.002
_BIRTH_WHOLLY_DIFFERENT = 0.03
_SEX_DIFFERENT = 0.005
# Charlie is Charles's and Charlotte's: a name one is known by is evidence where the two
# are of one sex (or one is not recorded); a boy and a girl twin are often so named.
_SAME_SEX = "(sex_l IS NULL OR sex_r IS NULL OR sex_l = sex_r)"


def _given_name() -> cl.CustomComparison:
    return _levels(
        "given_name",
        "given_name",
        [
            (cll.ExactMatchLevel("given_name", term_frequency_adjustments=True), 0.6),
            (
                # Random pairs almost never have each other's names swapped: where random
                # sampling finds none, u starts (and stays) at one in a million.
                cll.ColumnsReversedLevel("given_name", "family_name", symmetrical=True).configure(
                    u_probability=1e-6
                ),
                0.05,
            ),
            # As rare among random pairs; where sampling meets none, u keeps its start.
            (cll.JaroWinklerLevel("given_name", 0.95).configure(u_probability=1e-5), 0.1),
            (
                cll.And(
                    cll.ArrayIntersectLevel("given_names_known", 1), cll.CustomLevel(_SAME_SEX)
                ).configure(label_for_charts="Known as (nickname or full name), same sex"),
                0.1,
            ),
            (cll.JaroWinklerLevel("given_name", 0.85), 0.1),
        ],
        fixed_else=_GIVEN_NAME_WHOLLY_DIFFERENT,
    )


def _family_name() -> cl.CustomComparison:
    # Swapped names are evidence once, in the given name's comparison.
    swapped = cll.ColumnsReversedLevel("family_name", "given_name", symmetrical=True).configure(
        u_probability=0.05,
        fix_m_probability=True,
        fix_u_probability=True,
        label_for_charts="Swapped with the given name (weighed there)",
    )
    return _levels(
        "family_name",
        "family_name",
        [
            (cll.ExactMatchLevel("family_name", term_frequency_adjustments=True), 0.6),
            (swapped, 0.05),
            (cll.JaroWinklerLevel("family_name", 0.92), 0.15),
            (
                cll.ArrayIntersectLevel("family_parts", 1).configure(
                    label_for_charts="Shares a part (hyphenated or double-barrelled)"
                ),
                0.1,
            ),
            (cll.JaroWinklerLevel("family_name", 0.8), 0.05),
        ],
    )


def _date_of_birth() -> cl.CustomComparison:
    return _levels(
        "date_of_birth",
        "dob",
        [
            (cll.ExactMatchLevel("dob"), 0.6),
            (cll.CustomLevel("dob_l = dob_transposed_r", "Day and month transposed"), 0.1),
            (cll.DamerauLevenshteinLevel("dob", 1), 0.1),
            (cll.DamerauLevenshteinLevel("dob", 2), 0.1),
            (cll.ExactMatchLevel("birth_year"), 0.05),
        ],
        fixed_else=_BIRTH_WHOLLY_DIFFERENT,
    )


def _address() -> cl.CustomComparison:
    return _levels(
        "address",
        "postcode",
        [
            (cll.And(cll.ExactMatchLevel("postcode"), cll.ExactMatchLevel("address")), 0.5),
            # One lived where the other lives, or both at one address before: an agency
            # that has not heard of a move records the old address.
            (cll.ArrayIntersectLevel("addresses_ever", min_intersection=1), 0.25),
            (cll.ExactMatchLevel("postcode"), 0.05),
            (cll.ExactMatchLevel("postcode_district"), 0.15),
        ],
    )


def _sex() -> cl.CustomComparison:
    return _levels("sex", "sex", [(cll.ExactMatchLevel("sex"), 0.95)], fixed_else=_SEX_DIFFERENT)


def linkage_settings() -> SettingsCreator:
    """The untrained model: deduplication of person records across agencies."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=BLOCKING_RULES,
        comparisons=[
            _given_name(),
            _family_name(),
            _date_of_birth(),
            _sex(),
            _address(),
        ],
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
    )
