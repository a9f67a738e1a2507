"""A checkpoint of where every audit chain ended, kept outside Neo4j.

The chains show an altered or removed event, and a head shows its newest events removed,
but a writer's whole chain deleted together with its head leaves nothing behind in the
store. A checkpoint file written by `graph-service audit verify --checkpoint` (kept where
the database's administrators cannot edit it) still names that chain's end next time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from graph_service.security.audit_store import Checkpoint

__all__ = ["read_checkpoint", "write_checkpoint"]


def read_checkpoint(path: Path) -> Checkpoint:
    """The checkpoint a file holds; none yet if it does not exist."""
    if not path.exists():
        return {}
    try:
        writers = json.loads(path.read_text(encoding="utf-8"))["writers"]
        return {str(writer): (int(end[0]), str(end[1])) for writer, end in writers.items()}
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise ValueError(
            f"{path} is not an audit checkpoint ({error!r}); move it aside to start a new one"
        ) from None


def write_checkpoint(path: Path, checkpoint: Checkpoint) -> None:
    """Replace the file whole (written beside it, then renamed): never half a checkpoint."""
    text = json.dumps(
        {"writers": {w: list(end) for w, end in sorted(checkpoint.items())}}, indent=1
    )
    partial = path.with_name(f".{path.name}.new")
    partial.write_text(text + "\n", encoding="utf-8")
    with partial.open("rb") as written:
        os.fsync(written.fileno())
    partial.replace(path)
