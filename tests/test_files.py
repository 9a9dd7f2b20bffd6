"""Atomic writes leave either the old file or the new one, never a partial one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluehelmet.files import atomic_path


def test_failed_write_keeps_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_successful_write_is_world_readable(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    with atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o644
