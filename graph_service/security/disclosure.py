"""The one door person data leaves by: role checked, need to know applied, people recorded.

Every GraphQL field result (through the NeedToKnow extension) and every map page passes
through a request's `Disclosure`. It walks the API's output objects and:
- denies a root field the role may not use (deny by default: unknown fields are denied);
- for agency-scoped roles, withholds people their agency is not involved with, and masks
  sensitive concerns (mental health, sexual abuse, disability) that another agency raised;
- masks restricted records (protected addresses, an adopted child's birth-family links)
  unless the request states a break-glass reason;
- records every person disclosed, and their hazards, for the audit event and the banner.
Hazards are never masked: a person who is shown is shown with every hazard.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Awaitable, Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

import strawberry

from graph_service.model.taxonomy import is_sensitive
from graph_service.security.policy import (
    AGENCY_SCOPED,
    BREAK_GLASS_MIN_REASON,
    BREAK_GLASS_ROLES,
    AccessDeniedError,
    BreakGlassError,
    Operation,
    may,
    operation_of,
)
from graph_service.security.roles import Role
from graph_service.security.tokens import Principal
from graph_service.views.alerts import Alert
from graph_service.views.evidence import ConcernReference, Evidence, PersonReference
from graph_service.views.mash import Contact
from graph_service.views.records import (
    Address,
    Case,
    ChronologyEvent,
    ChronologyEventKind,
    Concern,
    FamilyNetwork,
    Hazard,
    Household,
    NetworkEdge,
    NetworkNode,
    NetworkNodeKind,
    Person,
    PossibleDuplicate,
    Provenance,
    SourceRecord,
)

__all__ = ["NO_ONE", "Disclosure", "ScopeLookup", "is_person_id"]

ScopeLookup = Callable[[str, list[str]], Awaitable[set[str]]]
WITHHELD = "withheld"
WITHHELD_CONCERN = "Withheld: a sensitive category raised by another agency"
WITHHELD_ALERT = (
    "Something serious was recorded about someone in their network "
    "(withheld: a sensitive category raised by another agency)"
)
PROTECTED_ADDRESS = "Protected address"
RESTRICTED = "a restricted record (state a break-glass reason to see it)"
# Fields of output types that name people: recorded for audit wherever they appear.
PERSON_ID_FIELDS = frozenset(
    {
        "person_id",
        "person_ids",
        "child_id",
        "patient_id",
        "subject_id",
        "subject_ids",
        "cause_person_id",
        "children",
        "expectant_parents",
        "related_id",
        "source",
        "target",
    }
)
# Links that make a family: agencies and workers link everyone, so they do not count.
FAMILY_LINKS = frozenset(
    {"PARENT_OF", "PARTNER_OF", "CARES_FOR", "ASSOCIATES_WITH", "MEMBER_OF", "LIVES_AT"}
)
# Stands in for the principal of a request that has none (only the IDE page gets that far).
NO_ONE = Principal("unauthenticated", Role.AUDITOR)
# A household view's (private) member ids: it is shown only if one of them may be seen.
MEMBERS = "member_ids"
_SCALARS = (str, int, float, bool, date, datetime)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def is_person_id(value: object) -> bool:
    """Ids carry their kind as a prefix: P (person), PL (place), H (household) and so on."""
    if not isinstance(value, str):
        return False
    return (value[:1] == "P" and value[1:2].isdigit()) or value.startswith("P-")


class Disclosure:
    """One request's view of the graph: what the principal may see, and what they saw."""

    def __init__(
        self,
        principal: Principal,
        *,
        break_glass_reason: str | None = None,
        purpose: str | None = None,
        scope: ScopeLookup | None = None,
    ) -> None:
        self.principal = principal
        self.break_glass_reason: str | None = None
        self._break_glass_error: BreakGlassError | None = None
        try:
            self.break_glass_reason = _reason(break_glass_reason)
        except BreakGlassError as error:
            self._break_glass_error = error
        self.purpose = (purpose or "").strip()[:200] or None
        self.fields: list[str] = []
        self.denied: list[str] = []
        self.people: dict[str, None] = {}
        self.hazards: dict[str, Hazard] = {}
        self.withheld = 0
        self._scope = scope
        self._in_scope: set[str] = set()
        self._asked: set[str] = set()
        self._vetted: dict[int, object] = {}  # strong references keep ids from being reused

    @property
    def scoped(self) -> bool:
        return self.principal.role in AGENCY_SCOPED

    @property
    def scope_agency(self) -> str | None:
        """The agency whose involvement bounds what an agency-scoped caller reads and
        writes; None when not scoped. Scoped without an agency, nobody is in scope: ''
        names no agency."""
        return (self.principal.agency_id or "") if self.scoped else None

    @property
    def break_glass(self) -> bool:
        return self.break_glass_reason is not None

    @property
    def audited(self) -> bool:
        """Whether this request touched anything beyond reference data."""
        return any(operation_of(f) is not Operation.REFERENCE for f in self.fields)

    def authorise(self, field: str) -> None:
        """Let a root field run, or raise AccessDeniedError naming the role and the field."""
        if field.startswith("__"):
            return
        self.fields.append(field)
        if self.principal is NO_ONE:
            self.denied.append(field)
            raise AccessDeniedError(f"{field}: unauthenticated requests see nothing")
        operation = operation_of(field)
        if operation is None or not may(self.principal.role, operation):
            self.denied.append(field)
            what = operation.value.replace("_", " ") if operation else "this field"
            raise AccessDeniedError(
                f"{field}: the {self.principal.role.label} role has no access to {what}"
            )
        try:
            self._check_break_glass()
        except (AccessDeniedError, BreakGlassError):
            self.denied.append(field)
            raise

    def check_provenance(self, field: str, arguments: dict[str, Any]) -> None:
        """Agency-scoped roles write only as their own agency."""
        if not self.scoped:
            return
        for name, value in _agency_arguments(arguments):
            if value != self.principal.agency_id:
                self.denied.append(field)
                raise AccessDeniedError(
                    f"{name}: a {self.principal.role.label} may record only as its own agency "
                    f"({self.principal.agency_id or 'none in its token'})"
                )

    async def vet(self, value: Any) -> Any:
        """The value as this principal may see it (None when withheld entirely)."""
        if self.scoped:
            await self._load_scope(value)
        return self.apply(value)

    def release(self) -> None:
        """Let go of the vetted objects once the response is built: a request's objects are
        then freed at once, not left for the cyclic garbage collector."""
        self._vetted.clear()

    def vetted(self, value: object) -> bool:
        """Whether this object already passed: then so did everything it holds."""
        return id(value) in self._vetted

    def apply(self, value: Any) -> Any:
        if value is None or isinstance(value, _SCALARS):
            return value
        if isinstance(value, list):
            kept = [self.apply(item) for item in value]
            return [item for item in kept if item is not None]
        if id(value) in self._vetted or not dataclasses.is_dataclass(value):
            return value
        handler = _handler_for(type(value))
        result = handler(self, value) if handler else self._walk(value)
        if result is not None:
            self._vetted[id(result)] = result
        return result

    def consulted(self, person_ids: Iterable[str]) -> None:
        """People a result was worked out from without naming them (a complexity score,
        an allocation plan): the request's audit event names them all the same."""
        for person_id in person_ids:
            self._record(person_id)

    # ---- need to know

    def visible(self, person_id: str | None) -> bool:
        if person_id is None or not self.scoped or not is_person_id(person_id):
            return True
        return person_id in self._in_scope

    def _check_break_glass(self) -> None:
        if self._break_glass_error is not None:
            raise self._break_glass_error
        if self.break_glass and self.principal.role not in BREAK_GLASS_ROLES:
            raise AccessDeniedError(
                f"breakGlassReason: the {self.principal.role.label} role cannot break glass"
            )

    async def _load_scope(self, value: Any) -> None:
        wanted = {ref for ref in _person_refs(value) if ref not in self._asked}
        if not wanted:
            return
        self._asked |= wanted
        if self._scope is not None and self.principal.agency_id:
            self._in_scope |= await self._scope(self.principal.agency_id, sorted(wanted))

    def _record(self, person_id: object) -> None:
        if is_person_id(person_id):
            self.people[str(person_id)] = None

    def _withhold(self) -> None:
        self.withheld += 1

    # ---- per type

    def _walk(self, value: Any) -> Any:
        members = getattr(value, MEMBERS, None)
        if isinstance(members, list) and members and not any(self.visible(m) for m in members):
            # A household none of whose members the principal may see (one with no members
            # yet names nobody, so it is shown).
            self._withhold()
            return None
        for name in _field_names(type(value)):
            item = getattr(value, name)
            if name == MEMBERS:
                continue  # recorded only when the members themselves are shown
            if name in PERSON_ID_FIELDS:
                for ref in item if isinstance(item, list) else [item]:
                    self._record(ref)
            elif item is not None and not isinstance(item, _SCALARS):
                vetted = self.apply(item)
                if vetted is not item:
                    setattr(value, name, vetted)
        return value

    def _person(self, person: Person) -> Person | None:
        if not self.visible(str(person.id)):
            self._withhold()
            return None
        self._record(str(person.id))
        for hazard in person.hazards:
            self.hazards[str(hazard.id)] = hazard
        return person

    def _address(self, address: Address) -> Address:
        if not address.protected or self.break_glass:
            return address
        self._withhold()
        return dataclasses.replace(address, line1=None, town=None, postcode=None, area=None)

    def _household(self, household: Household) -> Household | None:
        """A household at a protected address is not placed on the map by its area."""
        address = household.address
        if address is not None and address.protected and not self.break_glass:
            household.area = household.locality = None
        walked: Household | None = self._walk(household)
        return walked

    def _concern(self, concern: Concern) -> Concern | None:
        if not self.visible(concern.subject_id):
            self._withhold()
            return None
        self._record(concern.subject_id)
        if self._masks(concern.code, concern.raised_by_agency_id):
            return dataclasses.replace(
                concern,
                code=WITHHELD,
                code_label=WITHHELD_CONCERN,
                headline_problem=None,
                description=None,
                outcome=None,
                withheld=True,
            )
        return concern

    def _masks(self, code: str | None, raised_by: str | None) -> bool:
        """A sensitive concern another agency raised is masked for an agency-scoped role."""
        masked = self.scoped and is_sensitive(code) and raised_by != self.principal.agency_id
        if masked:
            self._withhold()
        return masked

    def _source_record(self, record: SourceRecord) -> SourceRecord | None:
        """Another agency's record of a person is not an agency-scoped caller's to see: the
        person is shown to it through its own records only."""
        foreign = self.scoped and record.provenance.source_agency_id != self.principal.agency_id
        if foreign or not self.visible(str(record.person_id)):
            self._withhold()
            return None
        self._record(str(record.id))
        self._record(str(record.person_id))
        return record

    def _alert(self, alert: Alert) -> Alert | None:
        """An alert about someone the principal may see; whom it was caused by is named
        only if they may be seen too, and a sensitive concern another agency raised is
        not said (not in its code, nor in its reasons)."""
        if not self.visible(alert.subject_id):
            self._withhold()
            return None
        self._record(alert.subject_id)
        changes: dict[str, Any] = {}
        if alert.cause_person_id is not None and not self.visible(alert.cause_person_id):
            self._withhold()
            changes["cause_person_id"] = None
        else:
            self._record(alert.cause_person_id)
        if self._masks(alert.concern_code, alert.trigger_agency_id):
            changes |= {"concern_code": WITHHELD, "reasons": [WITHHELD_ALERT], "withheld": True}
        return dataclasses.replace(alert, **changes) if changes else alert

    def _possible_duplicate(self, duplicate: PossibleDuplicate) -> PossibleDuplicate | None:
        if not self.visible(str(duplicate.person_id)):
            self._withhold()
            return None
        self._record(str(duplicate.person_id))
        return duplicate

    def _person_reference(self, person: PersonReference) -> PersonReference | None:
        if not self.visible(str(person.id)):
            self._withhold()
            return None
        self._record(str(person.id))
        return person

    def _concern_reference(self, concern: ConcernReference) -> ConcernReference | None:
        if not self.visible(concern.subject_id):
            self._withhold()
            return None
        self._record(concern.subject_id)
        if self._masks(concern.code, concern.raised_by_id):
            return dataclasses.replace(
                concern, code=WITHHELD, label=WITHHELD_CONCERN, withheld=True
            )
        return concern

    def _evidence(self, fact: Evidence) -> Evidence | None:
        """A fact is shown whole or not at all: it rests on every person and concern in
        it, and what it says of one of them would be a clue to the others."""
        people = self.apply(fact.people)
        concerns = self.apply(fact.concerns)
        if len(people) < len(fact.people) or len(concerns) < len(fact.concerns):
            return None
        return dataclasses.replace(fact, people=people, concerns=concerns)

    def _case(self, case: Case | Contact) -> Case | Contact | None:
        """A case, or a contact: shown with the subjects the principal may see, or not at
        all to an agency-scoped one that may see none of them."""
        subjects = [s for s in case.subject_ids if self.visible(s)]
        if self.scoped and not subjects:
            self._withhold()
            return None
        if len(subjects) < len(case.subject_ids):  # a shared case names only whom it may
            self._withhold()
            case = dataclasses.replace(case, subject_ids=subjects)
        for subject in subjects:
            self._record(subject)
        return case

    def _chronology(self, event: ChronologyEvent) -> ChronologyEvent | None:
        if not (self.visible(event.person_id) and self.visible(event.related_id)):
            self._withhold()
            return None
        if event.restricted and not self.break_glass:
            self._withhold()
            label = event.kind.value.replace("_", " ").capitalize()
            return dataclasses.replace(
                event, summary=f"{label}: {RESTRICTED}", detail=None, related_id=None
            )
        self._record(event.person_id)
        self._record(event.related_id)
        concern_event = event.kind in (
            ChronologyEventKind.CONCERN_RAISED,
            ChronologyEventKind.CONCERN_CLOSED,
        )
        if concern_event and self._masks(event.detail, event.source_agency_id):
            label = event.kind.value.replace("_", " ").capitalize()
            return dataclasses.replace(
                event, summary=f"{label}: {WITHHELD_CONCERN}", detail=WITHHELD
            )
        return event

    def _network(self, network: FamilyNetwork) -> FamilyNetwork | None:
        start = str(network.person_id)
        if not self.visible(start):
            self._withhold()
            return None
        edges = [e for e in network.edges if self._keeps_edge(e)]
        people = {str(p.id) for p in network.people}
        if len(edges) < len(network.edges):
            people = _connected(start, edges, people)
        people = {p for p in people if self.visible(p)}
        network.edges = [e for e in edges if _person_ends(e) <= people]
        ends = {str(x) for e in network.edges for x in (e.source, e.target)} | {start}
        network.people = self.apply([p for p in network.people if str(p.id) in people])
        network.concerns = self.apply([c for c in network.concerns if str(c.id) in ends])
        # A concern's node is labelled as the concern is shown: withheld, or not at all.
        masked = {str(c.id) for c in network.concerns if c.withheld}
        network.nodes = [self._node(n, masked) for n in network.nodes if str(n.id) in ends]
        network.households = self.apply(network.households)
        shown = {str(p.id) for p in network.people}
        network.hazards = [
            h if h.person_id is None or h.person_id in shown else self._anonymous(h)
            for h in network.hazards
        ]
        return network

    def _anonymous(self, hazard: Hazard) -> Hazard:
        """A hazard of someone not on the view (withheld, or living at one of its addresses
        beyond it): its kind, its review date and whom to ask, never who. Whoever visits
        must still know the risk is there."""
        self._withhold()
        agency = hazard.provenance.source_agency_id or "the MASH"
        # A new id too: a recorded one may be derived from the person's.
        opaque = hashlib.sha256(str(hazard.id).encode()).hexdigest()[:16]
        anonymous = dataclasses.replace(
            hazard,
            id=strawberry.ID(f"HZ-W-{opaque}"),
            person_id=None,
            address_id=None,
            description=f"Someone in this network or at one of its addresses, not shown "
            f"here, has this warning. Ask {agency} before visiting.",
            provenance=Provenance(
                source_agency_id=hazard.provenance.source_agency_id, source_record_id=None
            ),
        )
        self.hazards[str(anonymous.id)] = anonymous
        return anonymous

    def _edge(self, edge: NetworkEdge) -> NetworkEdge | None:
        """A relationship on its own (a person's list of them): shown only if both people
        are, and a restricted one only with break-glass."""
        ends = [str(edge.source), str(edge.target)]
        if (edge.restricted and not self.break_glass) or not all(map(self.visible, ends)):
            self._withhold()
            return None
        for end in ends:
            self._record(end)
        return edge

    def _keeps_edge(self, edge: NetworkEdge) -> bool:
        if edge.restricted and not self.break_glass:
            self._withhold()
            return False
        return True

    def _node(self, node: NetworkNode, masked_concerns: set[str]) -> NetworkNode:
        if node.kind is NetworkNodeKind.ADDRESS and node.restricted and not self.break_glass:
            self._withhold()
            return dataclasses.replace(node, label=PROTECTED_ADDRESS)
        if node.kind is NetworkNodeKind.CONCERN and str(node.id) in masked_concerns:
            return dataclasses.replace(node, label=WITHHELD_CONCERN)
        return node


_HANDLERS: dict[type, Callable[[Disclosure, Any], Any]] = {
    Person: Disclosure._person,
    Address: Disclosure._address,
    Concern: Disclosure._concern,
    Case: Disclosure._case,
    Contact: Disclosure._case,
    Alert: Disclosure._alert,
    ChronologyEvent: Disclosure._chronology,
    FamilyNetwork: Disclosure._network,
    NetworkEdge: Disclosure._edge,
    Household: Disclosure._household,
    PersonReference: Disclosure._person_reference,
    SourceRecord: Disclosure._source_record,
    PossibleDuplicate: Disclosure._possible_duplicate,
    ConcernReference: Disclosure._concern_reference,
    Evidence: Disclosure._evidence,
}


_RESOLVED: dict[type, Callable[[Disclosure, Any], Any] | None] = {}


def _handler_for(kind: type) -> Callable[[Disclosure, Any], Any] | None:
    """The handler of a type or of its nearest base (a household view is a household)."""
    if kind not in _RESOLVED:
        _RESOLVED[kind] = next((_HANDLERS[k] for k in kind.__mro__ if k in _HANDLERS), None)
    return _RESOLVED[kind]


def _reason(value: str | None) -> str | None:
    if value is None:
        return None
    reason = value.strip()
    if len(reason) < BREAK_GLASS_MIN_REASON:
        raise BreakGlassError(
            f"state why you need the restricted record, in at least {BREAK_GLASS_MIN_REASON} "
            f"characters (got {len(reason)})"
        )
    return reason[:500]


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def _person_refs(value: Any) -> Iterator[str]:
    """Every id in a result that may name a person (for one batched scope lookup)."""
    if isinstance(value, list):
        for item in value:
            yield from _person_refs(item)
        return
    if value is None or isinstance(value, _SCALARS) or not dataclasses.is_dataclass(value):
        return
    if isinstance(value, Person | FamilyNetwork | PersonReference):
        yield str(value.person_id if isinstance(value, FamilyNetwork) else value.id)
    yield from (m for m in getattr(value, MEMBERS, None) or () if is_person_id(m))
    for name in _field_names(type(value)):
        item = getattr(value, name)
        if name in PERSON_ID_FIELDS:
            yield from (
                str(r) for r in (item if isinstance(item, list) else [item]) if is_person_id(r)
            )
        elif item is not None and not isinstance(item, _SCALARS):
            yield from _person_refs(item)


def _person_ends(edge: NetworkEdge) -> set[str]:
    return {x for x in (str(edge.source), str(edge.target)) if is_person_id(x)}


def _connected(start: str, edges: list[NetworkEdge], people: set[str]) -> set[str]:
    """People still reachable from the start, through family links, once some are gone."""
    neighbours: dict[str, set[str]] = {}
    for edge in edges:
        if edge.type in FAMILY_LINKS:
            source, target = str(edge.source), str(edge.target)
            neighbours.setdefault(source, set()).add(target)
            neighbours.setdefault(target, set()).add(source)
    seen, frontier = {start}, [start]
    while frontier:
        for other in neighbours.get(frontier.pop(), ()):
            if other not in seen:
                seen.add(other)
                frontier.append(other)
    return seen & people


def _agency_arguments(arguments: dict[str, Any], path: str = "") -> Iterator[tuple[str, Any]]:
    """Agency ids an input names (`sourceAgencyId`, `raisedByAgencyId`, `agencyId`)."""
    for name, value in arguments.items():
        if isinstance(value, dict):
            yield from _agency_arguments(value, f"{path}{name}.")
        elif name.endswith("gencyId"):
            yield f"{path}{name}", value
