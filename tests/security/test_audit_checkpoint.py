"""The checkpoint file: written whole, read back, refused clearly when it is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_service.security.audit_checkpoint import read_checkpoint, write_checkpoint


def test_a_checkpoint_reads_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "audit.checkpoint"
    assert read_checkpoint(path) == {}  # none yet
    ends = {"host:1:a": (12, "ab" * 32), "host:2:b": (3, "cd" * 32)}
    write_checkpoint(path, ends)
    assert read_checkpoint(path) == ends
    assert [p.name for p in tmp_path.iterdir()] == ["audit.checkpoint"]  # nothing left beside


@pytest.mark.parametrize("text", ["not json", "[]", '{"writers": {"w": [1]}}', "{}"])
def test_a_file_that_is_not_a_checkpoint_is_refused_by_name(tmp_path: Path, text: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(text)
    with pytest.raises(ValueError, match=r"notes\.txt is not an audit checkpoint"):
        read_checkpoint(path)
