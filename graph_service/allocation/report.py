"""A plan as rows for a table, CSV or JSON: one row per family group."""

from __future__ import annotations

from typing import Any

from graph_service.allocation.planner import QueuePlan
from graph_service.model.allocation_weights import AllocationPreferences, ComplexityWeights

__all__ = ["plan_rows", "plan_settings"]


def plan_rows(result: QueuePlan) -> list[dict[str, Any]]:
    load_after = {load.worker.id: load for load in result.plan.loads}
    rows = []
    for a in result.plan.assignments:
        complexity = [f"{c.case_id} {c.band.value} ({c.score:g})" for c in a.group.complexities]
        row: dict[str, Any] = {
            "cases": a.group.case_ids,
            "complexity": complexity,
            "worker": f"{a.worker.name} ({a.worker.id})" if a.worker else "UNALLOCATABLE",
        }
        if a.worker is not None:
            load = load_after[a.worker.id]
            row["caseload"] = f"{load.before:g} -> {load.after:g} of {load.limit}"
            row["runner_up"] = (
                f"{a.runner_up.worker.name} ({a.runner_up.worker.id}): {a.runner_up.why_not}"
                if a.runner_up
                else "none"
            )
            row["evidence"] = a.reasons or ["no preference either way"]
        else:
            blocked = a.blocked_by
            row["caseload"] = ""
            row["runner_up"] = ""
            row["evidence"] = [f"{blocked.rule.value}: {blocked.explanation}"] if blocked else []
        rows.append(row)
    return rows


def plan_settings(weights: ComplexityWeights, prefs: AllocationPreferences) -> dict[str, Any]:
    return {
        **{f"complexity_{k}": v for k, v in weights.model_dump().items()},
        **{f"allocation_{k}": v for k, v in prefs.model_dump().items()},
    }
