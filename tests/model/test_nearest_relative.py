"""Each rule of MHA 1983 s.26 on a small hand-built family."""

from __future__ import annotations

from datetime import date

import pytest

from graph_service.model.nearest_relative import (
    KinFacts,
    KinPerson,
    NearestRelativeAnswer,
    ParentLink,
    PartnerLink,
    Relation,
    SiblingLink,
    determine_nearest_relative,
)

ON = date(2026, 6, 1)


class Family:
    """A patient and their relatives, built one fact at a time."""

    def __init__(self) -> None:
        self.patient = KinPerson("patient", "Pat", "female", date(1970, 1, 1))
        self.facts = KinFacts(self.patient, {"patient": self.patient})

    def person(
        self, pid: str, born: date | None = date(1980, 1, 1), sex: str = "female", **extra: object
    ) -> str:
        self.facts.people[pid] = KinPerson(pid, pid.capitalize(), sex, born, **extra)  # type: ignore[arg-type]
        return pid

    def parent(self, parent: str, child: str, kind: str = "birth", pr: bool = True) -> None:
        self.facts.parent_links.append(ParentLink(parent, child, kind, pr))

    def partner(self, other: str, kind: str, since: date, until: date | None = None) -> None:
        self.facts.partners.append(PartnerLink(other, kind, since, until))

    def lives_with(self, pid: str, since: date | None = date(2000, 1, 1)) -> None:
        self.facts.lives_with[pid] = since

    def answer(self) -> NearestRelativeAnswer:
        return determine_nearest_relative(self.facts, ON)


def _nearest(family: Family) -> str | None:
    answer = family.answer()
    return answer.nearest.person.id if answer.nearest else None


def test_cohabitee_of_seven_months_comes_before_an_adult_son() -> None:
    family = Family()
    family.person("partner", sex="male")
    family.partner("partner", "cohabiting", date(2025, 10, 20))
    family.lives_with("partner", date(2025, 10, 20))
    family.person("son", date(1995, 5, 5), "male")
    family.parent("patient", "son")
    family.lives_with("son")
    answer = family.answer()
    assert answer.nearest is not None and answer.nearest.person.id == "partner"
    assert answer.nearest.relation is Relation.SPOUSE_OR_CIVIL_PARTNER
    assert "6 months or more" in answer.nearest.facts[0]
    assert [c.person.id for c in answer.candidates] == ["partner", "son"]


def test_cohabitee_of_five_months_is_not_yet_a_spouse() -> None:
    family = Family()
    family.person("partner", sex="male")
    family.partner("partner", "cohabiting", date(2026, 1, 2))
    family.person("son", date(1995, 5, 5), "male")
    family.parent("patient", "son")
    assert _nearest(family) == "son"


def test_whole_blood_sister_before_older_half_blood_sister() -> None:
    family = Family()
    mother, father, other_father = (
        family.person("mother", date(1945, 1, 1)),
        family.person("father", date(1944, 1, 1), "male"),
        family.person("stepdad", date(1940, 1, 1), "male"),
    )
    family.facts.people[mother] = KinPerson(
        mother, "Mother", "female", date(1945, 1, 1), deceased_on=date(2020, 1, 1)
    )
    family.facts.people[father] = KinPerson(
        father, "Father", "male", date(1944, 1, 1), deceased_on=date(2019, 1, 1)
    )
    for child, dad in (("patient", father), ("whole", father), ("half", other_father)):
        family.parent(mother, child)
        family.parent(dad, child)
    family.person("whole", date(1975, 1, 1))
    family.person("half", date(1965, 1, 1))
    answer = family.answer()
    assert answer.nearest is not None and answer.nearest.person.id == "whole"
    half = next(c for c in answer.candidates if c.person.id == "half")
    assert (half.blood, half.position) == ("half", 2)
    assert {c.person.id for c in answer.candidates if c.excluded} == {"mother", "father"}


def test_elder_of_two_whole_blood_brothers() -> None:
    family = Family()
    family.person("mum", date(1945, 1, 1), deceased_on=date(2010, 1, 1))
    family.person("dad", date(1944, 1, 1), "male", deceased_on=date(2011, 1, 1))
    for child in ("patient", "older", "younger"):
        family.parent("mum", child)
        family.parent("dad", child)
    family.person("older", date(1968, 1, 1), "male")
    family.person("younger", date(1972, 1, 1), "male")
    assert _nearest(family) == "older"


def test_daughter_who_cares_takes_precedence_over_spouse_living_elsewhere() -> None:
    family = Family()
    family.person("husband", date(1968, 1, 1), "male")
    family.partner("husband", "married", date(1995, 1, 1))
    family.person("daughter", date(1998, 1, 1))
    family.parent("patient", "daughter")
    family.facts.carers.add("daughter")
    answer = family.answer()
    assert answer.nearest is not None and answer.nearest.person.id == "daughter"
    assert answer.nearest.rule.startswith("s.26(4)")


def test_spouse_living_with_patient_keeps_precedence_over_caring_daughter() -> None:
    family = Family()
    family.person("husband", date(1968, 1, 1), "male")
    family.partner("husband", "married", date(1995, 1, 1))
    family.lives_with("husband")
    family.person("daughter", date(1998, 1, 1))
    family.parent("patient", "daughter")
    family.facts.carers.add("daughter")
    assert _nearest(family) == "husband"


def test_seventeen_year_old_only_child_is_excluded() -> None:
    family = Family()
    family.person("child", date(2009, 1, 1), "male")
    family.parent("patient", "child")
    family.person("mother", date(1945, 1, 1))
    family.parent("mother", "patient")
    answer = family.answer()
    child = next(c for c in answer.candidates if c.person.id == "child")
    assert child.excluded and "s.26(5)(c)" in child.rule and child.age == 17
    assert answer.nearest is not None and answer.nearest.person.id == "mother"


def test_eighteen_year_old_child_is_not_excluded() -> None:
    family = Family()
    family.person("child", date(2008, 5, 31), "male")
    family.parent("patient", "child")
    assert _nearest(family) == "child"


def test_a_divorced_spouse_is_no_longer_a_spouse_at_all() -> None:
    family = Family()
    family.person("wife", date(1971, 1, 1))
    family.partner("wife", "married", date(1995, 1, 1), until=date(2015, 1, 1))
    family.person("son", date(1996, 1, 1), "male")
    family.parent("patient", "son")
    answer = family.answer()
    assert "wife" not in {c.person.id for c in answer.candidates}
    assert answer.nearest is not None and answer.nearest.person.id == "son"


@pytest.mark.parametrize(
    ("status", "words"), [("separated", "permanently separated"), ("deserted", "has deserted")]
)
def test_a_spouse_separated_or_who_deserted_is_excluded_though_still_married(
    status: str, words: str
) -> None:
    family = Family()
    family.person("wife", date(1971, 1, 1))
    family.facts.partners.append(PartnerLink("wife", "married", date(1995, 1, 1), None, status))
    family.person("son", date(1996, 1, 1), "male")
    family.parent("patient", "son")
    answer = family.answer()
    wife = next(c for c in answer.candidates if c.person.id == "wife")
    assert wife.excluded and "s.26(5)(b)" in wife.rule and words in wife.rule
    assert answer.nearest is not None and answer.nearest.person.id == "son"
    # Separated, the marriage no longer keeps out a cohabitee of six months.
    family.person("partner", date(1969, 1, 1), "male")
    family.partner("partner", "cohabiting", date(2020, 1, 1))
    family.lives_with("partner", date(2020, 1, 1))
    assert _nearest(family) == "partner"


def test_a_sibling_recorded_directly_counts_when_no_parent_is_on_record() -> None:
    family = Family()
    family.person("brother", date(1968, 1, 1), "male")
    family.person("half_sister", date(1966, 1, 1))
    family.person("step_brother", date(1960, 1, 1), "male")
    family.facts.siblings += [
        SiblingLink("patient", "brother", "full"),
        SiblingLink("half_sister", "patient", "half"),
        SiblingLink("patient", "step_brother", "step"),
    ]
    answer = family.answer()
    blood = {c.person.id: c.blood for c in answer.candidates}
    # A step-sibling is no relative; whole blood comes before half, whatever the age.
    assert blood == {"brother": "whole", "half_sister": "half"}
    assert answer.nearest is not None and answer.nearest.person.id == "brother"


def test_step_father_is_not_a_relative_unless_five_years_together() -> None:
    family = Family()
    family.person("stepfather", date(1940, 1, 1), "male")
    family.parent("stepfather", "patient", kind="step")
    assert _nearest(family) is None
    family.lives_with("stepfather", date(2019, 1, 1))
    answer = family.answer()
    assert answer.nearest is not None
    assert answer.nearest.relation is Relation.NON_RELATIVE_FIVE_YEARS


def test_unmarried_father_counts_only_with_parental_responsibility() -> None:
    family = Family()
    family.person("father", date(1940, 1, 1), "male")
    family.parent("father", "patient", pr=False)
    assert _nearest(family) is None
    family.facts.parent_links[0] = ParentLink("father", "patient", "birth", True)
    assert _nearest(family) == "father"


def test_adoptive_parents_replace_birth_parents() -> None:
    family = Family()
    family.person("birth_mother", date(1950, 1, 1))
    family.person("adoptive_mother", date(1940, 1, 1))
    family.parent("birth_mother", "patient")
    family.parent("adoptive_mother", "patient", kind="adoptive")
    answer = family.answer()
    assert answer.nearest is not None and answer.nearest.person.id == "adoptive_mother"
    assert "birth_mother" not in {c.person.id for c in answer.candidates}


def test_relative_not_ordinarily_resident_in_the_uk_is_excluded() -> None:
    family = Family()
    family.person("son", date(1995, 1, 1), "male", ordinarily_resident_uk=False)
    family.parent("patient", "son")
    family.person("daughter", date(1999, 1, 1))
    family.parent("patient", "daughter")
    answer = family.answer()
    assert answer.nearest is not None and answer.nearest.person.id == "daughter"
    son = next(c for c in answer.candidates if c.person.id == "son")
    assert "s.26(5)(a)" in son.rule


def test_cohabitee_does_not_displace_an_unseparated_spouse() -> None:
    family = Family()
    family.person("husband", date(1968, 1, 1), "male")
    family.partner("husband", "married", date(1995, 1, 1))
    family.person("partner", date(1969, 1, 1), "male")
    family.partner("partner", "cohabiting", date(2020, 1, 1))
    family.lives_with("partner", date(2020, 1, 1))
    answer = family.answer()
    assert answer.nearest is not None and answer.nearest.person.id == "husband"
    partner = next(c for c in answer.candidates if c.person.id == "partner")
    assert partner.excluded and partner.rule.startswith("s.26(7)")


def test_missing_date_of_birth_leaves_the_tie_open() -> None:
    family = Family()
    family.person("son", None, "male")
    family.person("daughter", date(1999, 1, 1))
    family.parent("patient", "son")
    family.parent("patient", "daughter")
    answer = family.answer()
    assert answer.nearest is None
    assert {c.person.id for c in answer.open_candidates} == {"son", "daughter"}
    assert any("date of birth is missing" in gap for gap in answer.gaps)


def test_unknown_residence_is_reported_not_guessed() -> None:
    family = Family()
    family.person("wife", date(1971, 1, 1))
    family.partner("wife", "married", date(1995, 1, 1))
    family.person("brother", date(1972, 1, 1), "male")
    family.person("mum", date(1945, 1, 1), deceased_on=date(2010, 1, 1))
    family.parent("mum", "patient")
    family.parent("mum", "brother")
    family.facts.residence_unknown.add("brother")
    answer = family.answer()
    assert answer.nearest is None
    assert {c.person.id for c in answer.open_candidates} == {"wife", "brother"}
    assert any("residence unknown for Brother" in gap for gap in answer.gaps)


def test_every_candidate_says_why_it_stands_where_it_does() -> None:
    family = Family()
    family.person("son", date(1995, 1, 1), "male")
    family.parent("patient", "son")
    family.person("grandchild", date(2015, 1, 1))
    family.parent("son", "grandchild")
    answer = family.answer()
    for candidate in answer.candidates:
        assert candidate.rule and candidate.facts
    assert [c.person.id for c in answer.candidates] == ["son", "grandchild"]


def test_a_child_not_yet_born_on_the_date_is_no_relative_then() -> None:
    family = Family()
    older = family.person("older", date(2000, 1, 1))
    younger = family.person("younger", date(2026, 8, 1))  # born after ON
    for child in (older, younger):
        family.parent("patient", child)
    answer = determine_nearest_relative(family.facts, ON)
    assert [c.person.id for c in answer.candidates] == ["older"]
    later = determine_nearest_relative(family.facts, date(2026, 9, 1))
    assert {c.person.id for c in later.candidates} == {"older", "younger"}
