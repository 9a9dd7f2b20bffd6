"""`bluehelmet reuse` on a small JSON Lines corpus with a bad record."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from bluehelmet.cli import app

TEXT = "decides to extend the mandate of the force until thirty june and requests a report"


def test_reuse_writes_tables_and_reports_bad_records(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc": "R1", "id": "1", "text": TEXT, "date": "1990-01-01", "group": "X"}),
        "{not json",
        json.dumps({"doc": "R2", "id": "1", "text": TEXT, "date": "1991-01-01", "group": "Y"}),
        json.dumps(
            {
                "doc": "R3",
                "id": "1",
                "text": "an unrelated paragraph about elections "
                "and voter registration in the provinces",
                "date": "1992-01-01",
            }
        ),
    ]
    source = tmp_path / "paragraphs.jsonl"
    source.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["reuse", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert "line 2" in result.stderr
    pairs = pd.read_csv(tmp_path / "out" / "pairs.csv")
    assert pairs[["source_doc", "target_doc"]].values.tolist() == [["R1", "R2"]]
    shares = pd.read_csv(tmp_path / "out" / "resolution_reuse.csv").set_index("doc")
    assert shares.loc["R2", "share_other"] == 1.0 and shares.loc["R1", "novelty"] == 1.0


def test_reuse_rejects_bad_threshold(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["reuse", str(tmp_path), "--out", str(tmp_path / "o"), "--min-jaccard", "1.5"]
    )
    assert result.exit_code == 2 and "--min-jaccard must be in (0, 1]" in result.stderr
