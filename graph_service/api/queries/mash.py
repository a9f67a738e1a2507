"""The MASH queue, one contact, and the outcomes a decision may record."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph_service.api.context import Ctx
from graph_service.api.mutations.mash import RagLevel
from graph_service.model.mash import ContactState, Rag, outcome_case_kind
from graph_service.services import contacts
from graph_service.services.contacts import ContactFilter
from graph_service.views.mash import Contact
from graph_service.views.pagination import Connection, page_window

__all__ = ["MAX_QUEUE_PAGE", "ContactOutcome", "ContactStateFilter", "MashQueries"]

MAX_QUEUE_PAGE = 500  # a MASH's whole open queue, clocks and all, in one page

ContactStateFilter = strawberry.enum(ContactState, name="ContactState")


@strawberry.type(description="An outcome a decision may record.")
class ContactOutcome:
    code: str
    label: str
    opens_case: bool


@strawberry.type
class MashQueries:
    @strawberry.field(
        description="Contacts: those not decided by time left to their soonest deadline, "
        "the least first (received or rated, if state is given); decided ones newest "
        "first. dueBefore keeps those whose decision is due before then. Up to 500 a page."
    )
    async def contacts(
        self,
        info: Ctx,
        state: ContactStateFilter | None = None,  # type: ignore[valid-type]
        rag: RagLevel | None = None,  # type: ignore[valid-type]
        due_before: datetime | None = None,
        handler: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Contact]:
        context = info.context
        window = page_window(first, after, MAX_QUEUE_PAGE)
        asked = ContactFilter(
            ContactState(state) if state else None,
            Rag(rag) if rag else None,
            due_before,
            handler,
        )
        found = await contacts.contacts(
            context.gateway, asked, context.settings.mash, context.now, window.offset, window.limit
        )
        return Connection.build(found, window)

    @strawberry.field(description="One contact, with its ratings, checks and clocks.")
    async def contact(self, info: Ctx, id: strawberry.ID) -> Contact | None:
        context = info.context
        return await contacts.contact(context.gateway, str(id), context.settings.mash, context.now)

    @strawberry.field(description="The outcomes a decision may record (local ones included).")
    async def contact_outcomes(self, info: Ctx) -> list[ContactOutcome]:
        return [
            ContactOutcome(code=code, label=label, opens_case=outcome_case_kind(code) is not None)
            for code, label in info.context.settings.mash.outcomes().items()
        ]
