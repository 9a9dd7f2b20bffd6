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
    assert result.exit_code == 2
    assert result.stderr == "error: min_jaccard must be a number in (0, 1], got 1.5\n"


def test_reuse_writes_parquet_with_the_duckdb_join(tmp_path: Path) -> None:
    rows = [
        {"doc": "R1", "id": "1", "text": TEXT, "date": "1990-01-01", "group": "X"},
        {"doc": "R2", "id": "1", "text": TEXT + " again", "date": "1991-01-01", "group": "Y"},
        {"doc": "R3", "id": "1", "text": "elections and voter registration", "date": "1992"},
    ]
    source = tmp_path / "paragraphs.parquet"
    pd.DataFrame(rows).to_parquet(source)
    args = ["reuse", str(source), "--out", str(tmp_path / "pq")]
    result = CliRunner().invoke(app, [*args, "--format", "parquet", "--candidates", "duckdb"])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "pq").iterdir())
    assert "pairs.parquet" in written and not any(n.endswith(".csv") for n in written)
    pairs = pd.read_parquet(tmp_path / "pq" / "pairs.parquet")
    assert pairs[["source_doc", "target_doc"]].values.tolist() == [["R1", "R2"]]
    # 15 words, 11 shingles in R1, all of them in R2 (12 shingles): J = 11/12, C = 1
    assert pairs["jaccard"].tolist() == [11 / 12] and pairs["containment"].tolist() == [1.0]
    matrix = pd.read_parquet(tmp_path / "pq" / "group_matrix.parquet")
    assert int(matrix.loc["X", "Y"]) == 1
    params = json.loads((tmp_path / "pq" / "params.json").read_text())
    assert params["candidate_join"] == "duckdb"


def test_reuse_rejects_unknown_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["reuse", str(tmp_path), "--out", str(tmp_path / "o"), "--format", "xlsx"]
    )
    assert result.exit_code == 2
    assert result.stderr == "error: unknown fmt 'xlsx'; use csv, parquet\n"


def test_reuse_input_format_goes_with_the_spark_engine(tmp_path: Path) -> None:
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"doc": "R1", "id": "1", "text": TEXT}) + "\n")
    args = ["reuse", str(source), "--out", str(tmp_path / "o"), "--input-format", "jsonl"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --input-format goes with --engine spark")
