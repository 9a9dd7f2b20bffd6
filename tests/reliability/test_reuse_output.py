"""`bluehelmet reuse --out DIR`: a failed run leaves the earlier run whole; a good one replaces it.

Before the fix each table was renamed into DIR as it was written, so a run killed after
``pairs`` left new pairs beside the old families and params.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from bluehelmet import folders
from bluehelmet.errors import UsageError
from bluehelmet.reuse import run

TEXT = "the council decides to extend the mandate of the force for six months"


def _corpus(path: Path, docs: tuple[str, str]) -> Path:
    lines = [
        json.dumps({"doc": doc, "id": "1", "text": TEXT, "date": f"200{i}-01-01"})
        for i, doc in enumerate(docs)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture()
def old_run(tmp_path: Path) -> Path:
    """DIR holding a complete earlier run on documents A and B."""
    out = tmp_path / "out"
    run.run_reuse(_corpus(tmp_path / "old.jsonl", ("A", "B")), out)
    return out


def _fail_on(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make writing the table ``name`` raise, after the tables before it were written."""
    real = run._write

    def write(df: pd.DataFrame, path: Path, index: bool = False) -> Path:
        if path.stem == name:
            raise OSError("disk full (simulated)")
        return real(df, path, index)

    monkeypatch.setattr(run, "_write", write)


@pytest.mark.parametrize("table", ["families", "force_genealogy"])
def test_a_run_failing_mid_write_leaves_the_old_run_whole(
    old_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str
) -> None:
    before = _snapshot(old_run)
    _fail_on(monkeypatch, table)
    with pytest.raises(OSError, match="simulated"):
        run.run_reuse(_corpus(tmp_path / "new.jsonl", ("C", "D")), old_run, min_jaccard=0.9)
    assert _snapshot(old_run) == before
    assert _siblings(old_run) == []


def test_a_stream_run_failing_mid_write_leaves_the_old_run_whole(
    old_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(old_run)

    def stream(source: Path, out: Path, **options: Any) -> None:
        (Path(out) / "pairs.csv").write_text("new pairs\n")
        raise OSError("killed (simulated)")

    monkeypatch.setattr(run, "stream_reuse", stream)
    with pytest.raises(OSError, match="simulated"):
        run.run_reuse(_corpus(tmp_path / "new.jsonl", ("C", "D")), old_run, stream=True)
    assert _snapshot(old_run) == before


def test_a_good_run_replaces_the_old_run_entirely(old_run: Path, tmp_path: Path) -> None:
    (old_run / "stale.csv").write_text("from an older version\n")
    files, _ = run.run_reuse(_corpus(tmp_path / "new.jsonl", ("C", "D")), old_run, min_jaccard=0.9)
    assert sorted(p.name for p in old_run.iterdir()) == sorted(f.name for f in files)
    assert pd.read_csv(old_run / "pairs.csv")[["source_doc", "target_doc"]].values.tolist() == [
        ["C", "D"]
    ]
    assert json.loads((old_run / "params.json").read_text())["min_jaccard"] == 0.9
    assert _siblings(old_run) == []


def test_a_crash_between_the_two_renames_is_recovered_by_the_next_run(
    old_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(old_run)
    real_rename = folders.os.rename

    def rename(src: Path, dst: Path) -> None:
        if Path(src).name.startswith(".out.new-"):  # old moved aside, new not yet in
            raise KeyboardInterrupt
        real_rename(src, dst)

    monkeypatch.setattr(folders.os, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        run.run_reuse(_corpus(tmp_path / "new.jsonl", ("C", "D")), old_run)
    monkeypatch.undo()
    folders.recover(old_run)
    assert _snapshot(old_run) == before and _siblings(old_run) == []


def test_a_folder_that_is_no_run_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    with pytest.raises(UsageError, match="no params.json"):
        run.run_reuse(_corpus(tmp_path / "new.jsonl", ("C", "D")), out)
    assert (out / "thesis.tex").read_text() == "precious"
