"""Who may do what: the roles of people and systems that use the service."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Role"]


class Role(StrEnum):
    MASH_PRACTITIONER = "mash_practitioner"
    SENIOR_PRACTITIONER = "senior_practitioner"
    PARTNER_AGENCY = "partner_agency"
    INTEGRATION_SYSTEM = "integration_system"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize().replace("Mash ", "MASH ")
