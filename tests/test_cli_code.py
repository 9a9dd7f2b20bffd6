"""The coder's commands: code a file or folder, evaluate, audit, fetch (bad input only)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from bluehelmet.cli import app

runner = CliRunner()
GOOD = (
    "RESOLUTION 9301 (1993)\n\nAdopted by the Security Council at its 9999th meeting, "
    "on 4 June 1993\n\nThe Security Council,\n\nActing under Chapter VII of the Charter,\n\n"
    "1. Authorizes Member States to use all necessary means to enforce the ban;\n"
)


def test_code_file_json(tmp_path: Path) -> None:
    path = tmp_path / "S_RES_9301_1993_EN.txt"
    path.write_text(GOOD)
    result = runner.invoke(app, ["code", str(path)])
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)[0]
    assert (row["resolution"], row["chapter_vii_scope"], row["force_addressees"]) == (
        9301,
        "preamble",
        "member_states",
    )


def test_code_folder_skips_bad_files_and_summarises(tmp_path: Path) -> None:
    (tmp_path / "S_RES_9301_1993_EN.txt").write_text(GOOD)
    (tmp_path / "S_RES_9302_1993_EN.txt").write_text("")
    (tmp_path / "S_RES_9303_1993_EN.txt").write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["code", str(tmp_path), "--format", "csv", "--table", "evidence"])
    assert result.exit_code == 0
    evidence = pd.read_csv(io.StringIO(result.stdout))
    assert set(evidence["resolution"]) == {9301}
    assert "force" in set(evidence["code"])
    assert "2" in result.stderr and "skipped" in result.stderr.lower()


def test_code_bad_arguments(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["code", str(tmp_path / "nope.txt")])
    assert missing.exit_code != 0 and missing.stderr.startswith("error: ")
    path = tmp_path / "r.txt"
    path.write_text(GOOD)
    for args, message in (
        (["--table", "words"], "unknown table"),
        (["--format", "xml"], "unknown format"),
    ):
        result = runner.invoke(app, ["code", str(path), *args])
        assert result.exit_code != 0 and message in result.stderr
        assert result.stderr.count("\n") == 1


def test_evaluate_on_a_small_gold_set(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "S_RES_9301_1993_EN.txt").write_text(GOOD)
    gold = tmp_path / "gold_t.csv"
    gold.write_text(
        "resolution,code,paragraph,value,detail,reason\n"
        "9301,chapter_vii,preamble,preamble,,Acting under Chapter VII\n"
        "9301,force,1,member_states,enforcement,Authorizes Member States\n"
        "9301,event,,none,,no operation\n"
    )
    result = runner.invoke(
        app, ["code", "evaluate", "--gold", str(gold), "--corpus", str(corpus), "--format", "csv"]
    )
    assert result.exit_code == 0, result.stderr
    scores = pd.read_csv(io.StringIO(result.stdout)).set_index("code")
    assert scores.loc["chapter_vii", "f1"] == 1.0 and scores.loc["force", "tp"] == 1


def test_fetch_rejects_bad_numbers() -> None:
    result = runner.invoke(app, ["corpus", "fetch", "12a"])
    assert result.exit_code == 2 and "12a" in result.stderr


def test_audit_needs_a_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["mandates", "audit", str(tmp_path / "none")])
    assert result.exit_code != 0 and "corpus folder not found" in result.stderr
    # it suggests only what `mandates audit` takes: a folder argument, or the variable
    assert "--corpus" not in result.stderr and "BLUEHELMET_CORPUS" in result.stderr
