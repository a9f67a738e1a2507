"""Schema extensions: need to know and audit, hazards on every response, outages as 503."""

from __future__ import annotations

from graph_service.api.extensions.database_outage import DatabaseOutageStatus
from graph_service.api.extensions.hazard_banner import HazardBanner
from graph_service.api.extensions.need_to_know import NeedToKnow

__all__ = ["DatabaseOutageStatus", "HazardBanner", "NeedToKnow"]
