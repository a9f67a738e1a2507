"""Every code the service records, with its label, in one place.

Concern codes are the Children in Need census "factors identified at the end of
assessment" plus our own codes for needs agencies raise that are not CIN factors
(see ../shared/DOMAIN.md). Every concern carries exactly one of these codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

__all__ = [
    "SENSITIVE_CODES",
    "AgencyKind",
    "CaseKind",
    "CaseStatus",
    "ConcernCode",
    "ConcernInfo",
    "ConcernStatus",
    "HazardKind",
    "HeadlineProblem",
    "HouseholdKind",
    "ParentKind",
    "PartnerKind",
    "PartnerStatus",
    "PlaceKind",
    "SensitiveCategory",
    "Severity",
    "Sex",
    "SiblingKind",
    "WorkerCapability",
    "WorkerRole",
    "concern_info",
    "is_concern_code",
    "is_sensitive",
]


class HeadlineProblem(IntEnum):
    """Supporting Families outcomes framework (2022-25) headline outcomes."""

    EDUCATION = 1
    EARLY_YEARS = 2
    HEALTH = 3
    SUBSTANCE_USE = 4
    FAMILY_RELATIONSHIPS = 5
    ABUSE_AND_EXPLOITATION = 6
    CRIME = 7
    DOMESTIC_ABUSE = 8
    HOUSING = 9
    FINANCIAL_STABILITY = 10

    @property
    def label(self) -> str:
        return _HEADLINE_LABELS[self]


_HEADLINE_LABELS: dict[HeadlineProblem, str] = {
    HeadlineProblem.EDUCATION: "Getting a good education",
    HeadlineProblem.EARLY_YEARS: "Good early years development",
    HeadlineProblem.HEALTH: "Improved mental and physical health",
    HeadlineProblem.SUBSTANCE_USE: "Promoting recovery and reducing harm from substance use",
    HeadlineProblem.FAMILY_RELATIONSHIPS: "Improved family relationships",
    HeadlineProblem.ABUSE_AND_EXPLOITATION: "Children safe from abuse and exploitation",
    HeadlineProblem.CRIME: "Crime prevention and tackling crime",
    HeadlineProblem.DOMESTIC_ABUSE: "Safe from domestic abuse",
    HeadlineProblem.HOUSING: "Secure housing",
    HeadlineProblem.FINANCIAL_STABILITY: "Financial stability",
}


class SensitiveCategory(StrEnum):
    """Concern categories masked for roles without a need to know."""

    MENTAL_HEALTH = "mental_health"
    SEXUAL_ABUSE = "sexual_abuse"
    DISABILITY = "disability"


@dataclass(frozen=True, slots=True)
class ConcernInfo:
    """What the service knows about one concern code."""

    label: str
    headline: HeadlineProblem | None
    cin_factor: bool
    deprecated: bool = False
    sensitive: SensitiveCategory | None = None


_H = HeadlineProblem
_MH = SensitiveCategory.MENTAL_HEALTH
_SA = SensitiveCategory.SEXUAL_ABUSE
_DIS = SensitiveCategory.DISABILITY


class ConcernCode(StrEnum):
    """One code per concern: CIN census factors, then our own non-CIN codes."""

    ALCOHOL_CHILD = "1A"
    ALCOHOL_PARENT = "1B"
    ALCOHOL_OTHER = "1C"
    DRUGS_CHILD = "2A"
    DRUGS_PARENT = "2B"
    DRUGS_OTHER = "2C"
    DOMESTIC_ABUSE_CHILD = "3A"
    DOMESTIC_ABUSE_PARENT = "3B"
    DOMESTIC_ABUSE_OTHER = "3C"
    MENTAL_HEALTH_CHILD = "4A"
    MENTAL_HEALTH_PARENT = "4B"
    MENTAL_HEALTH_OTHER = "4C"
    LEARNING_DISABILITY_CHILD = "5A"
    LEARNING_DISABILITY_PARENT = "5B"
    LEARNING_DISABILITY_OTHER = "5C"
    PHYSICAL_DISABILITY_CHILD = "6A"
    PHYSICAL_DISABILITY_PARENT = "6B"
    PHYSICAL_DISABILITY_OTHER = "6C"
    YOUNG_CARER = "7A"
    PRIVATE_FOSTERING_OVERSEAS_RETURN = "8B"
    PRIVATE_FOSTERING_OVERSEAS_STAY = "8C"
    PRIVATE_FOSTERING_UK_EDUCATION = "8D"
    PRIVATE_FOSTERING_UK_FAMILY = "8E"
    PRIVATE_FOSTERING_OTHER = "8F"
    UNACCOMPANIED_ASYLUM_SEEKING = "9A"
    MISSING = "10A"
    CHILD_SEXUAL_EXPLOITATION = "11A"
    TRAFFICKING = "12A"
    GANGS = "13A"
    SOCIALLY_UNACCEPTABLE_BEHAVIOUR = "14A"
    SELF_HARM = "15A"
    NEGLECT = "16A"
    EMOTIONAL_ABUSE = "17A"
    PHYSICAL_ABUSE_DEPRECATED = "18A"
    PHYSICAL_ABUSE_CHILD_ON_CHILD = "18B"
    PHYSICAL_ABUSE_ADULT_ON_CHILD = "18C"
    SEXUAL_ABUSE_DEPRECATED = "19A"
    SEXUAL_ABUSE_CHILD_ON_CHILD = "19B"
    SEXUAL_ABUSE_ADULT_ON_CHILD = "19C"
    OTHER = "20"
    NO_FACTORS = "21"
    FEMALE_GENITAL_MUTILATION = "22A"
    FAITH_OR_BELIEF_ABUSE = "23A"
    CHILD_CRIMINAL_EXPLOITATION = "24A"
    # Our own codes (design): needs raised by agencies that are not CIN factors.
    SCHOOL_ATTENDANCE = "ATT"
    SCHOOL_EXCLUSION = "EXC"
    EARLY_YEARS_DEVELOPMENT = "EYD"
    PARENTAL_CONFLICT = "CON"
    HOMELESSNESS = "HML"
    RENT_ARREARS = "RNT"
    DEBT = "DBT"
    WORKLESSNESS = "WRK"
    OFFENDING = "OFF"
    ANTI_SOCIAL_BEHAVIOUR = "ASB"
    MISSED_HEALTH_APPOINTMENTS = "MHA"
    ADULT_CARE_NEED = "ACN"

    @property
    def info(self) -> ConcernInfo:
        return _CONCERNS[self]

    @property
    def label(self) -> str:
        return _CONCERNS[self].label

    @property
    def headline(self) -> HeadlineProblem | None:
        return _CONCERNS[self].headline

    @property
    def subject_suffix(self) -> str | None:
        """'A' the child, 'B' a parent or carer, 'C' another household member."""
        last = self.value[-1]
        return last if self.info.cin_factor and last.isalpha() else None


def _cin(
    label: str,
    headline: HeadlineProblem | None,
    *,
    deprecated: bool = False,
    sensitive: SensitiveCategory | None = None,
) -> ConcernInfo:
    return ConcernInfo(label, headline, True, deprecated, sensitive)


def _own(label: str, headline: HeadlineProblem | None) -> ConcernInfo:
    return ConcernInfo(label, headline, False)


_SUBJECT = {"A": "child", "B": "parent or carer", "C": "another person in the household"}


def _abc(
    number: int, topic: str, headline: HeadlineProblem, sensitive: SensitiveCategory | None = None
) -> dict[str, ConcernInfo]:
    return {
        f"{number}{s}": _cin(f"{topic} ({who})", headline, sensitive=sensitive)
        for s, who in _SUBJECT.items()
    }


_CONCERN_BY_VALUE: dict[str, ConcernInfo] = {
    **_abc(1, "Alcohol misuse", _H.SUBSTANCE_USE),
    **_abc(2, "Drug misuse", _H.SUBSTANCE_USE),
    **_abc(3, "Domestic abuse", _H.DOMESTIC_ABUSE),
    **_abc(4, "Mental health", _H.HEALTH, _MH),
    **_abc(5, "Learning disability", _H.HEALTH, _DIS),
    **_abc(6, "Physical disability or illness", _H.HEALTH, _DIS),
    "7A": _cin("Young carer", None),
    "8B": _cin("Privately fostered: overseas, intending to return", None),
    "8C": _cin("Privately fostered: overseas, intending to stay", None),
    "8D": _cin("Privately fostered: UK, educational placement", None),
    "8E": _cin("Privately fostered: UK, alternative family arrangement", None),
    "8F": _cin("Privately fostered: other", None),
    "9A": _cin("Unaccompanied asylum-seeking child", None),
    "10A": _cin("Going or being missing", _H.ABUSE_AND_EXPLOITATION),
    "11A": _cin("Child sexual exploitation", _H.ABUSE_AND_EXPLOITATION, sensitive=_SA),
    "12A": _cin("Trafficking", _H.ABUSE_AND_EXPLOITATION),
    "13A": _cin("Gangs", _H.ABUSE_AND_EXPLOITATION),
    "14A": _cin("Socially unacceptable behaviour", _H.CRIME),
    "15A": _cin("Self-harm", _H.HEALTH, sensitive=_MH),
    "16A": _cin("Neglect", _H.ABUSE_AND_EXPLOITATION),
    "17A": _cin("Emotional abuse", _H.ABUSE_AND_EXPLOITATION),
    "18A": _cin(
        "Physical abuse (deprecated: use 18B or 18C)", _H.ABUSE_AND_EXPLOITATION, deprecated=True
    ),
    "18B": _cin("Physical abuse: child on child", _H.ABUSE_AND_EXPLOITATION),
    "18C": _cin("Physical abuse: adult on child", _H.ABUSE_AND_EXPLOITATION),
    "19A": _cin(
        "Sexual abuse (deprecated: use 19B or 19C)",
        _H.ABUSE_AND_EXPLOITATION,
        deprecated=True,
        sensitive=_SA,
    ),
    "19B": _cin("Sexual abuse: child on child", _H.ABUSE_AND_EXPLOITATION, sensitive=_SA),
    "19C": _cin("Sexual abuse: adult on child", _H.ABUSE_AND_EXPLOITATION, sensitive=_SA),
    "20": _cin("Other", None),
    "21": _cin("No factors identified", None),
    "22A": _cin("Female genital mutilation", _H.ABUSE_AND_EXPLOITATION, sensitive=_SA),
    "23A": _cin("Abuse linked to faith or belief", _H.ABUSE_AND_EXPLOITATION),
    "24A": _cin("Child criminal exploitation", _H.ABUSE_AND_EXPLOITATION),
    "ATT": _own("School attendance", _H.EDUCATION),
    "EXC": _own("School exclusion", _H.EDUCATION),
    "EYD": _own("Early years development", _H.EARLY_YEARS),
    "CON": _own("Parental conflict", _H.FAMILY_RELATIONSHIPS),
    "HML": _own("Homelessness or risk of homelessness", _H.HOUSING),
    "RNT": _own("Rent arrears", _H.HOUSING),
    "DBT": _own("Problem debt", _H.FINANCIAL_STABILITY),
    "WRK": _own("Worklessness", _H.FINANCIAL_STABILITY),
    "OFF": _own("Offending", _H.CRIME),
    "ASB": _own("Anti-social behaviour", _H.CRIME),
    "MHA": _own("Missed health appointments", _H.HEALTH),
    "ACN": _own("Adult social care need (Care Act 2014)", _H.HEALTH),
}

_CONCERNS: dict[ConcernCode, ConcernInfo] = {
    code: _CONCERN_BY_VALUE[code.value] for code in ConcernCode
}


_CODE_VALUES: frozenset[str] = frozenset(code.value for code in ConcernCode)
# Codes in a sensitive category (mental health, sexual abuse, disability): masked for an
# agency-scoped reader unless its own agency raised them.
SENSITIVE_CODES: frozenset[str] = frozenset(
    code.value for code, info in _CONCERNS.items() if info.sensitive is not None
)


def is_concern_code(value: str | None) -> bool:
    """Whether a value is a code of the taxonomy (deprecated ones included)."""
    return value in _CODE_VALUES


def is_sensitive(code: str | None) -> bool:
    """Whether a stored code (or a masked one, or none) is in a sensitive category."""
    return code in SENSITIVE_CODES


def concern_info(code: str) -> ConcernInfo:
    """Look up a concern code, raising ValueError naming the bad code."""
    try:
        return ConcernCode(code).info
    except ValueError:
        raise ValueError(f"concern code {code!r} is not in the taxonomy") from None


class _Labelled(StrEnum):
    """A StrEnum whose label is its value in words unless overridden."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Sex(_Labelled):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class ParentKind(_Labelled):
    BIRTH = "birth"
    ADOPTIVE = "adoptive"
    STEP = "step"
    FOSTER = "foster"
    SPECIAL_GUARDIAN = "special_guardian"


class PartnerKind(_Labelled):
    MARRIED = "married"
    CIVIL_PARTNER = "civil_partner"
    COHABITING = "cohabiting"
    EX = "ex"


class PartnerStatus(_Labelled):
    """How a married couple or civil partners live: together, or apart while the marriage
    is still in force (separated by agreement or order, or one deserted the other). A
    marriage ended by divorce or dissolution is a relationship with an end date."""

    TOGETHER = "together"
    SEPARATED = "separated"
    DESERTED = "deserted"


class SiblingKind(_Labelled):
    FULL = "full"
    HALF = "half"
    STEP = "step"


class HouseholdKind(_Labelled):
    COUPLE_WITH_CHILDREN = "couple_with_children"
    LONE_PARENT = "lone_parent"
    STEP_FAMILY = "step_family"
    MULTIGENERATIONAL = "multigenerational"
    COUPLE_NO_CHILDREN = "couple_no_children"
    SINGLE_ADULT = "single_adult"
    SHARED = "shared"


class AgencyKind(_Labelled):
    POLICE = "police"
    SCHOOL = "school"
    GP_PRACTICE = "gp_practice"
    MENTAL_HEALTH_TRUST = "mental_health_trust"
    HOUSING = "housing"
    ADULT_SOCIAL_CARE = "adult_social_care"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    YOUNG_CARERS_SERVICE = "young_carers_service"
    VOLUNTARY_SECTOR = "voluntary_sector"
    HEALTH_VISITING = "health_visiting"
    PROBATION = "probation"


class WorkerRole(_Labelled):
    SOCIAL_WORKER = "social_worker"
    SENIOR_PRACTITIONER = "senior_practitioner"
    TEAM_MANAGER = "team_manager"
    FAMILY_SUPPORT_WORKER = "family_support_worker"
    POLICE_OFFICER = "police_officer"
    HEALTH_VISITOR = "health_visitor"
    SCHOOL_SAFEGUARDING_LEAD = "school_safeguarding_lead"
    MENTAL_HEALTH_PRACTITIONER = "mental_health_practitioner"
    HOUSING_OFFICER = "housing_officer"
    YOUNG_CARERS_WORKER = "young_carers_worker"


class WorkerCapability(_Labelled):
    AMHP = "amhp"
    BEST_INTERESTS_ASSESSOR = "best_interests_assessor"
    DOMESTIC_ABUSE = "domestic_abuse"
    LEARNING_DISABILITY = "learning_disability"
    FORENSIC = "forensic"
    ADVANCED_PRACTITIONER = "advanced_practitioner"
    PRACTICE_EDUCATOR = "practice_educator"
    ASYE = "asye"

    @property
    def label(self) -> str:
        return {
            "amhp": "Approved Mental Health Professional",
            "best_interests_assessor": "Best Interests Assessor",
            "asye": "Assessed and Supported Year in Employment",
        }.get(self.value, super().label)


class CaseKind(_Labelled):
    EARLY_HELP = "early_help"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION = "child_protection"
    LOOKED_AFTER = "looked_after"
    ADULT_SAFEGUARDING = "adult_safeguarding"
    CARE_ACT_ASSESSMENT = "care_act_assessment"
    MENTAL_HEALTH_ACT = "mental_health_act"
    DEPRIVATION_OF_LIBERTY = "deprivation_of_liberty"
    TRANSITION = "transition"


class CaseStatus(_Labelled):
    OPEN = "open"
    CLOSED = "closed"


class ConcernStatus(_Labelled):
    OPEN = "open"
    CLOSED = "closed"


class Severity(_Labelled):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class HazardKind(_Labelled):
    VIOLENCE_TO_STAFF = "violence_to_staff"
    AGGRESSIVE_DOG = "aggressive_dog"
    WEAPONS = "weapons"
    DRUG_PARAPHERNALIA = "drug_paraphernalia"
    INFECTION_RISK = "infection_risk"
    DOUBLE_STAFFED_VISITS = "double_staffed_visits"
    SEXUAL_HARM_RISK = "sexual_harm_risk"
    ENVIRONMENTAL = "environmental"


class PlaceKind(_Labelled):
    PARK = "park"
    SHOPPING_CENTRE = "shopping_centre"
    TAKEAWAY = "takeaway"
    TRANSPORT_HUB = "transport_hub"
    YOUTH_CLUB = "youth_club"
    SPORTS_GROUND = "sports_ground"
    STAIRWELL = "stairwell"
