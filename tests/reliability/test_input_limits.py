"""Memory bombs and endless files: YAML aliases and nesting, devices, FIFOs, size caps, long
JSON lines. Each test fails (or times out) without the limit it checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.coding.evaluate import read_gold
from bluehelmet.documents import read_resolution
from bluehelmet.documents.corpus import load_corpus
from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.files import max_file_bytes, read_limited
from bluehelmet.reuse import inputs
from bluehelmet.reuse.inputs import read_paragraphs
from bluehelmet.tracing import load_case

RESOLUTION = (
    "RESOLUTION 1 (1946)\n\nThe Security Council,\n\n"
    "1. Authorizes Member States to use all necessary means;\n"
)
# Three levels of the "billion laughs": small enough to expand, so nothing here can blow up.
LAUGHS = 'a: &a ["lol", "lol", "lol"]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n'
CLI = [sys.executable, "-c", "from bluehelmet.cli import app; app()"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess that cannot hang the test run."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60)


def _fifo(tmp_path: Path, name: str) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / name
    os.mkfifo(path)
    return path


def test_yaml_aliases_are_refused_with_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS)
    with pytest.raises(DataFormatError) as info:
        load_case(path)
    assert str(info.value).startswith(f"{path}:1:4: YAML anchors and aliases")
    assert "write each value out in full" in str(info.value)


def test_deep_yaml_is_one_line_error_not_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 5000 + "]" * 5000 + "\n")
    result = CliRunner().invoke(app, ["trace", str(path)])
    assert result.exit_code == 65, result.output
    assert result.stderr.startswith(f"error: {path}:1:") and "nested more than" in result.stderr
    assert result.stderr.count("\n") == 1


def test_code_refuses_a_fifo_instead_of_hanging(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, "resolution.txt")
    result = _cli("code", str(fifo))
    assert result.returncode == 65
    assert result.stderr == (
        f"error: {fifo}: resolution is not a regular file (device, FIFO or socket); "
        "give a regular file\n"
    )


def test_trace_refuses_a_fifo_case_file(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, "case.yaml")
    result = _cli("trace", str(fifo))
    assert result.returncode == 65
    assert "case file is not a regular file" in result.stderr


def test_devices_are_refused_without_reading() -> None:
    # /dev/null, not /dev/zero: without the check this test must fail, not fill the memory.
    with pytest.raises(DataFormatError, match="not a regular file"):
        read_resolution(Path("/dev/null"))


def test_resolution_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.txt"
    path.write_text(RESOLUTION + "2. Decides to remain seized of the matter.\n" * 100)
    monkeypatch.setenv("BLUEHELMET_MAX_FILE_MB", "0.001")  # 1,048 bytes
    with pytest.raises(DataFormatError) as info:
        read_resolution(path)
    assert "over the 1,048-byte limit; split it or raise BLUEHELMET_MAX_FILE_MB" in str(info.value)


def test_corpus_files_over_the_limit_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "big.txt").write_text(RESOLUTION * 50)
    monkeypatch.setenv("BLUEHELMET_MAX_FILE_MB", "0.001")
    result = load_corpus(tmp_path, cache=False, progress=False)
    assert "over the 1,048-byte limit" in result.skipped[0][1]


def test_case_and_gold_files_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case, gold = tmp_path / "c.yaml", tmp_path / "gold.csv"
    case.write_text("case: {id: c}\n" + "# padding\n" * 200)
    gold.write_text("resolution,code,paragraph,value,detail,reason\n" + "1,x,,,,\n" * 200)
    monkeypatch.setenv("BLUEHELMET_MAX_FILE_MB", "0.001")
    with pytest.raises(DataFormatError, match="case file of 2,"):
        load_case(case)
    with pytest.raises(DataFormatError, match="gold label file of 1,"):
        read_gold([gold])


def test_limit_override_must_be_a_positive_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLUEHELMET_MAX_FILE_MB", "lots")
    with pytest.raises(UsageError, match="BLUEHELMET_MAX_FILE_MB='lots' is not a number"):
        max_file_bytes()


def test_read_limited_reads_no_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, limit=100) == b"x" * 100
    with pytest.raises(DataFormatError, match="100 bytes is over the 99-byte limit"):
        read_limited(path, limit=99)


def test_jsonl_line_without_newline_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.jsonl"
    good = json.dumps({"doc": "A", "id": "1", "text": "the council decides"}).encode()
    path.write_bytes(good + b"\n" + b"0" * 5000)  # a "line" as long as the file
    monkeypatch.setattr(inputs, "MAX_LINE_BYTES", 1000)
    table, problems = read_paragraphs(path)
    assert len(table) == 1
    assert problems[0] == "line 2: line too long (5,000 > 1,000 bytes); skipped"
