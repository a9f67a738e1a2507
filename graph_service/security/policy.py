"""What each role may do: one table, deny by default, read by the single enforcement point."""

from __future__ import annotations

from enum import StrEnum

from graph_service.security.roles import Role

__all__ = [
    "AGENCY_SCOPED",
    "BREAK_GLASS_MIN_REASON",
    "BREAK_GLASS_ROLES",
    "PAGES",
    "ROOT_FIELDS",
    "AccessDeniedError",
    "BreakGlassError",
    "Operation",
    "may",
    "operation_of",
]

BREAK_GLASS_MIN_REASON = 15


class Operation(StrEnum):
    """The kinds of thing a request can do; every root field is exactly one of them."""

    READ_PEOPLE = "read_people"  # person-identifiable reads about named people
    # Analyses and statutory determinations over whole families: they reason from other
    # agencies' records about people beyond the one asked for, so no agency-scoped role.
    ANALYTICS = "analytics"
    ALLOCATION = "allocation"  # complexity, suggestions and allocating cases
    REFERENCE = "reference"  # agencies and workers: no case data
    WRITE = "write"  # recording people, relationships, concerns, hazards, cases
    WRITE_CORRECTION = "write_correction"  # changing or ending what is already recorded
    AUDIT = "audit"  # reading the audit trail
    # Deciding who is one person: reviewing possible duplicates, linking and un-merging.
    # It compares every agency's records, so no agency-scoped role.
    IDENTITY_REVIEW = "identity_review"
    ADMINISTRATION = "administration"  # the directory: recording and renaming agencies
    # The MASH front door: contacts, their ratings, agency checks and decisions. It weighs
    # every agency's knowledge of a family, so no agency-scoped role.
    MASH = "mash"
    # Answering a check the MASH asked of an agency: a partner answers for itself.
    AGENCY_CHECK = "agency_check"


ROOT_FIELDS: dict[str, Operation] = {
    **dict.fromkeys(
        [
            "person",
            "people",
            "familyNetwork",
            "household",
            "concerns",
            "case",
            "cases",
            "chronology",
            "alerts",
            "alertInboxPage",
        ],
        Operation.READ_PEOPLE,
    ),
    **dict.fromkeys(
        [
            "toxicTrio",
            "youngCarers",
            "multipleDisadvantage",
            "disadvantageClusters",
            "riskHubs",
            "nearestRelative",
            "familyIndicators",
        ],
        Operation.ANALYTICS,
    ),
    **dict.fromkeys(
        ["caseComplexity", "allocationSuggestions", "allocateCase"], Operation.ALLOCATION
    ),
    **dict.fromkeys(["agencies", "workers"], Operation.REFERENCE),
    **dict.fromkeys(
        [
            "createPerson",
            "recordRelationship",
            "createAddress",
            "createHousehold",
            "joinHousehold",
            "recordMove",
            "recordConcern",
            "addHazard",
            "openCase",
            "recordKnownTo",
            # An alert about someone the caller may see (a partner's, within its scope).
            "acknowledgeAlerts",
        ],
        Operation.WRITE,
    ),
    **dict.fromkeys(
        [
            "updatePerson",
            "endRelationship",
            "reviewHazard",
            "closeCase",
            "closeConcern",
            "recordCaseMilestone",
            "closeAlert",
        ],
        Operation.WRITE_CORRECTION,
    ),
    "auditTrail": Operation.AUDIT,
    **dict.fromkeys(
        ["createAgency", "renameAgency", "importRuns", "importRunsPage"], Operation.ADMINISTRATION
    ),
    # An agency's extract, sent by its system: writing as that agency (POST /feeds).
    "sendFeed": Operation.WRITE,
    **dict.fromkeys(
        ["matchReviews", "linkDecisions", "confirmMatch", "rejectMatch", "unmergeRecord"],
        Operation.IDENTITY_REVIEW,
    ),
    **dict.fromkeys(
        [
            "contacts",
            "contact",
            "contactOutcomes",
            "receiveContact",
            "assignContact",
            "rateContact",
            "requestAgencyChecks",
            "decideContact",
            "mashQueuePage",
            "mashDashboardPage",
            "contactPage",
        ],
        Operation.MASH,
    ),
    "recordCheckResponse": Operation.AGENCY_CHECK,
    "mapPage": Operation.READ_PEOPLE,
    "searchPage": Operation.READ_PEOPLE,
    "personPage": Operation.READ_PEOPLE,
    "chronologyPage": Operation.READ_PEOPLE,
    "nearestRelativePage": Operation.ANALYTICS,
    "allocationBoardPage": Operation.ALLOCATION,
    "analysesPage": Operation.ANALYTICS,
    "auditPage": Operation.AUDIT,
    "clusterMapPage": Operation.ANALYTICS,
    "matchReviewPage": Operation.IDENTITY_REVIEW,
}
# The pages (besides GraphQL's fields) that pass the same checks; each is in ROOT_FIELDS.
PAGES = (
    "mapPage",
    "clusterMapPage",
    "searchPage",
    "personPage",
    "chronologyPage",
    "nearestRelativePage",
    "allocationBoardPage",
    "analysesPage",
    "auditPage",
    "matchReviewPage",
    "importRunsPage",
    "sendFeed",
    "mashQueuePage",
    "mashDashboardPage",
    "contactPage",
    "alertInboxPage",
)

_PRACTITIONER = {
    Operation.READ_PEOPLE,
    Operation.ANALYTICS,
    Operation.REFERENCE,
    Operation.WRITE,
    Operation.WRITE_CORRECTION,
    Operation.IDENTITY_REVIEW,
    Operation.MASH,
    Operation.AGENCY_CHECK,
}
_AGENCY_SCOPED = frozenset(
    {Operation.READ_PEOPLE, Operation.REFERENCE, Operation.WRITE, Operation.AGENCY_CHECK}
)
_PERMISSIONS: dict[Role, frozenset[Operation]] = {
    Role.MASH_PRACTITIONER: frozenset(_PRACTITIONER),
    Role.SENIOR_PRACTITIONER: frozenset(_PRACTITIONER | {Operation.ALLOCATION}),
    Role.PARTNER_AGENCY: _AGENCY_SCOPED,
    Role.INTEGRATION_SYSTEM: _AGENCY_SCOPED,
    # Auditors read who saw what; agencies and workers name the who (as the README says).
    Role.AUDITOR: frozenset({Operation.AUDIT, Operation.REFERENCE}),
    # Administrators run the service (keys, migrations, the directory of agencies); they do
    # not read case records.
    Role.ADMINISTRATOR: frozenset({Operation.REFERENCE, Operation.ADMINISTRATION}),
}

# Roles that see only what their own agency is involved with, and write only as it.
AGENCY_SCOPED = frozenset({Role.PARTNER_AGENCY, Role.INTEGRATION_SYSTEM})
# Roles that may state a reason and see restricted records for one request.
BREAK_GLASS_ROLES = frozenset({Role.MASH_PRACTITIONER, Role.SENIOR_PRACTITIONER})


class AccessDeniedError(Exception):
    """The principal's role or agency does not give a need to know: FORBIDDEN, not shown."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.extensions = {"code": "FORBIDDEN"}


class BreakGlassError(ValueError):
    """A break-glass request without a usable reason: nothing is disclosed."""

    def __init__(self, message: str) -> None:
        super().__init__(f"breakGlassReason: {message}")
        self.extensions = {"code": "BAD_USER_INPUT", "field": "breakGlassReason"}


def operation_of(field: str) -> Operation | None:
    return ROOT_FIELDS.get(field)


def may(role: Role, operation: Operation) -> bool:
    return operation in _PERMISSIONS[role]
