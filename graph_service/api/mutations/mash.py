"""The MASH front door: receive a contact, rate it, ask agencies, record answers, decide."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from graph_service.api.context import RequestContext
from graph_service.api.errors import DuplicateError, NotFoundError, ValidationError
from graph_service.api.mutations.payloads import Ctx, command, user_errors
from graph_service.api.mutations.people import PersonInput
from graph_service.model.mash import Rag, ReferrerKind
from graph_service.services import contacts
from graph_service.services.contacts import CheckResponse, Decision, NewContact, Rating
from graph_service.services.people import NewPerson
from graph_service.views.mash import AgencyCheck, Contact

__all__ = ["ContactInput", "MashMutations", "RagLevel", "ReferrerKindInput"]

RagLevel = strawberry.enum(Rag, name="Rag")
ReferrerKindInput = strawberry.enum(ReferrerKind, name="ReferrerKind")

ContactPayload = Annotated[
    Contact | NotFoundError | ValidationError | DuplicateError, strawberry.union("ContactPayload")
]
AgencyCheckPayload = Annotated[
    AgencyCheck | NotFoundError | ValidationError | DuplicateError,
    strawberry.union("AgencyCheckPayload"),
]


@strawberry.input(description="A contact as received: when, from whom, about whom, what.")
class ContactInput:
    received_at: datetime
    referrer_kind: ReferrerKindInput  # type: ignore[valid-type]
    person_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="People already recorded."
    )
    summary: str
    concern_codes: list[str] = strawberry.field(default_factory=list)
    referrer_agency_id: strawberry.ID | None = None
    referrer_name: str | None = None
    handler: str | None = None
    new_people: list[PersonInput] = strawberry.field(
        default_factory=list,
        description="People not yet recorded, recorded with the contact (each scored for "
        "possible duplicates, as createPerson scores).",
    )


async def _contact(context: RequestContext, contact_id: str) -> Contact:
    found = await contacts.contact(context.gateway, contact_id, context.settings.mash, context.now)
    assert found is not None  # just written
    return found


@strawberry.type
class MashMutations:
    @strawberry.mutation(
        description="Record a contact about people already recorded (personIds) and people "
        "not yet recorded (newPeople), in one write."
    )
    @user_errors
    async def receive_contact(self, info: Ctx, input: ContactInput) -> ContactPayload:
        context = info.context
        new = command(
            NewContact,
            input,
            referrer_kind=ReferrerKind(input.referrer_kind),
            person_ids=tuple(str(p) for p in input.person_ids),
            concern_codes=tuple(input.concern_codes),
            referrer_agency_id=str(input.referrer_agency_id) if input.referrer_agency_id else None,
            new_people=tuple(command(NewPerson, p) for p in input.new_people),
        )
        written = await contacts.receive_contact(
            context.gateway, context.writer(), new, context.now, context.linkage
        )
        return await _contact(context, written)

    @strawberry.mutation(description="Hand a contact not yet decided to someone to handle.")
    @user_errors
    async def assign_contact(
        self, info: Ctx, contact_id: strawberry.ID, handler: str
    ) -> ContactPayload:
        context = info.context
        await contacts.assign_contact(
            context.gateway, context.writer(), str(contact_id), handler, context.now
        )
        return await _contact(context, str(contact_id))

    @strawberry.mutation(
        description="Rate a contact red, amber or green with a rationale. Every rating is "
        "kept; a re-rating needs a reason. `at` defaults to now."
    )
    @user_errors
    async def rate_contact(
        self,
        info: Ctx,
        contact_id: strawberry.ID,
        rag: RagLevel,  # type: ignore[valid-type]
        rationale: str,
        reason: str | None = None,
        at: datetime | None = None,
    ) -> ContactPayload:
        context = info.context
        rating = Rating(str(contact_id), Rag(rag), rationale, reason, at)
        await contacts.rate_contact(context.gateway, context.writer(), rating, context.now)
        return await _contact(context, str(contact_id))

    @strawberry.mutation(
        description="Ask agencies what they know about the contact's people: one check "
        "each, due by the contact's rating (red: 4 hours around the clock; amber: 1 "
        "working day; green: 3 working days, by default)."
    )
    @user_errors
    async def request_agency_checks(
        self, info: Ctx, contact_id: strawberry.ID, agency_ids: list[strawberry.ID]
    ) -> ContactPayload:
        context = info.context
        asked = [str(a) for a in agency_ids]
        await contacts.request_checks(
            context.gateway, context.writer(), str(contact_id), asked, context.now
        )
        return await _contact(context, str(contact_id))

    @strawberry.mutation(
        description="Record what an agency asked for a check answered (once). A partner "
        "agency answers only for itself."
    )
    @user_errors
    async def record_check_response(
        self,
        info: Ctx,
        contact_id: strawberry.ID,
        agency_id: strawberry.ID,
        response: str,
        at: datetime | None = None,
    ) -> AgencyCheckPayload:
        context = info.context
        answer = CheckResponse(str(contact_id), str(agency_id), response, at)
        check_id = await contacts.record_check_response(
            context.gateway, context.writer(), answer, context.now
        )
        return contacts.check_view(await _contact(context, str(contact_id)), check_id)

    @strawberry.mutation(
        description="Decide a rated contact, once, with a rationale. An outcome that needs "
        "a case opens one (caseAgencyId) or links an open one (caseId); see contactOutcomes."
    )
    @user_errors
    async def decide_contact(
        self,
        info: Ctx,
        contact_id: strawberry.ID,
        outcome: str,
        rationale: str,
        at: datetime | None = None,
        case_id: strawberry.ID | None = None,
        case_agency_id: strawberry.ID | None = None,
    ) -> ContactPayload:
        context = info.context
        decision = Decision(
            str(contact_id),
            outcome,
            rationale,
            at,
            str(case_id) if case_id else None,
            str(case_agency_id) if case_agency_id else None,
        )
        clocks = context.settings.mash
        await contacts.decide_contact(
            context.gateway, context.writer(), decision, clocks, context.now
        )
        return await _contact(context, str(contact_id))
