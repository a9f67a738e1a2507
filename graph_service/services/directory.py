"""The directory: agencies (recorded and renamed by administrators), and the workers cases
are allocated to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_service.model.errors import AlreadyRecorded, InvalidRequest, NotFound, check_choice
from graph_service.model.taxonomy import AgencyKind
from graph_service.services.writing import Writer, idempotent, new_id, text
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.views.records import Agency, Worker

__all__ = ["NewAgency", "agencies", "create_agency", "rename_agency", "workers"]

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")


@dataclass(frozen=True)
class NewAgency:
    kind: str
    name: str
    code: str


async def agencies(
    gateway: GraphGateway, kind: str | None, offset: int, limit: int
) -> list[Agency]:
    rows = await gateway.read("agencies_list", kind=kind, offset=offset, limit=limit)
    return [Agency.of(row["agency"]) for row in rows]


async def create_agency(
    gateway: GraphGateway, writer: Writer, new: NewAgency, key: str | None = None
) -> Agency:
    """Record an agency: a kind from the taxonomy, a name, and a code no other agency has."""
    check_choice("kind", new.kind, AgencyKind)
    name = text("name", new.name)
    code = (text("code", new.code) or "").upper()
    if not _CODE.match(code):
        raise InvalidRequest(
            "code", f"{new.code!r} is not 2 to 20 letters, digits or hyphens (for example NB-POL)"
        )

    async def work(tx: WriteTransaction) -> str:
        taken = await tx.run("agency_by_code", code=code)
        if taken:
            found = taken[0]["id"]
            raise AlreadyRecorded("code", found, f"code {code} is already {found}'s")
        props = {"kind": new.kind, "name": name, "code": code}
        rows = await tx.run("agency_create", id=new_id("AG"), props=props, user=writer.user)
        return str(rows[0]["agency"]["id"])

    agency_id = await idempotent(gateway, writer, key, "createAgency", new, work)
    return await _agency(gateway, agency_id)


async def rename_agency(gateway: GraphGateway, writer: Writer, agency_id: str, name: str) -> Agency:
    """Rename an agency; its id, code and records stay, and its old names are kept."""
    renamed = text("name", name)

    async def work(tx: WriteTransaction) -> None:
        if not await tx.run("agency_rename", id=agency_id, newName=renamed, user=writer.user):
            raise NotFound("id", agency_id)

    await gateway.write(work)
    return await _agency(gateway, agency_id)


async def _agency(gateway: GraphGateway, agency_id: str) -> Agency:
    rows = await gateway.read("agency_by_id", id=agency_id)
    return Agency.of(rows[0]["agency"])


async def workers(
    gateway: GraphGateway, team: str | None, capability: str | None, offset: int, limit: int
) -> list[Worker]:
    rows = await gateway.read(
        "workers_list", team=team, capability=capability, offset=offset, limit=limit
    )
    return [Worker.of(row["worker"]) for row in rows]
