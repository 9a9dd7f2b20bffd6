"""Exit status: a run that read nothing usable fails with a one-line summary and leaves earlier
results alone; a UTF-8 BOM is not a bad first record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.reuse.inputs import read_paragraphs

runner = CliRunner()
TEXT = "the security council decides to extend the mandate of the mission for six months"


def _jsonl(*docs: str) -> bytes:
    return b"".join(json.dumps({"doc": d, "id": "1", "text": TEXT}).encode() + b"\n" for d in docs)


def test_code_folder_of_junk_fails_with_a_summary(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"junk{i}.txt").write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(app, ["code", str(tmp_path)])
    assert result.exit_code == 65, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {tmp_path}: no resolution could be read (0 resolutions read, 40 files skipped "
        "(binary file (NUL bytes), not text: 40))"
    ]


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("content", [b"", b"\x00\x01\xff\xfe binary\n" * 20])
def test_reuse_without_usable_records_keeps_earlier_results(
    tmp_path: Path, content: bytes, stream: bool
) -> None:
    out = tmp_path / "out"
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_bytes(_jsonl("A", "B"))
    bad.write_bytes(content)
    args = ["--stream"] if stream else []
    assert runner.invoke(app, ["reuse", str(good), "--out", str(out), *args]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = runner.invoke(app, ["reuse", str(bad), "--out", str(out), *args])
    assert result.exit_code == 65, result.output
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: {bad}: no usable record (")
    assert f"nothing written to {out}" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_bom_before_the_first_json_line_is_not_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + _jsonl("A", "B"))
    table, problems = read_paragraphs(path)
    assert (len(table), problems) == (2, [])
