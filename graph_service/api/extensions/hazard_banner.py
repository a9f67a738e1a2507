"""Every hazard of every person in a response, whatever fields the client selected."""

from __future__ import annotations

from typing import Any

from strawberry.extensions import SchemaExtension

__all__ = ["HazardBanner"]


class HazardBanner(SchemaExtension):
    """Adds `extensions.hazards`: a hazard is never lost to a narrow selection set."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        hazards = getattr(context, "hazards", {})
        gateway = getattr(context, "gateway", None)
        return {
            "queryCount": gateway.query_count if gateway else 0,
            "hazards": [
                {
                    "id": str(h.id),
                    "kind": h.kind,
                    "label": h.kind_label,
                    "description": h.description,
                    "personId": h.person_id,
                    "addressId": h.address_id,
                    "reviewOn": h.review_on.isoformat() if h.review_on else None,
                    "reviewOverdue": h.review_overdue,
                }
                for h in hazards.values()
            ],
        }
