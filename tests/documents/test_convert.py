"""corpus convert: canonical texts with paragraph ids, switched in whole; corpus info."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.documents.convert import convert_corpus
from bluehelmet.errors import UsageError
from tests.documents.akn_fixture import akn, paragraph, point


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "2013").mkdir(parents=True)
    body = paragraph("1.", "Decides the mandate:", point("(a)", "To protect civilians;"))
    (root / "2013" / "odd-name-1.xml").write_bytes(akn(number=9100, body=body))
    (root / "2013" / "odd-name-2.xml").write_bytes(akn(number=9100, body=body))
    (root / "prst.xml").write_bytes(akn(symbol="S/PRST/2013/4"))
    (root / "S_RES_0005_1946.txt").write_text(
        "RESOLUTION 5 (1946)\n\nThe Security Council,\n\n1. Decides to defer.", encoding="utf-8"
    )
    return root


def test_jsonl_has_one_record_per_paragraph_with_ids_and_spans(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = convert_corpus(folder, out, "jsonl")
    records = [json.loads(line) for line in (out / "paragraphs.jsonl").read_text().splitlines()]
    ids = [r["id"] for r in records if r["paragraph_kind"] in ("operative", "subparagraph")]
    assert ids == ["S/RES/5 (1946)#1", "S/RES/9100 (2013)#1", "S/RES/9100 (2013)#1(a)"]
    assert {r["kind"] for r in records} == {"resolution", "presidential_statement"}
    assert result.duplicates == [("2013/odd-name-2.xml", "2013/odd-name-1.xml (same text)")]


def test_txt_files_and_index_spans_slice_the_text(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert_corpus(folder, out, "txt")
    index = pd.read_csv(out / "paragraphs.csv")
    assert set(index["file"]) == {"S_RES_5_1946.txt", "S_RES_9100_2013.txt", "S_PRST_2013_4.txt"}
    row = index[index["id"] == "S/RES/9100 (2013)#1(a)"].iloc[0]
    text = (out / row["file"]).read_text(encoding="utf-8")
    assert text[row["start"] : row["end"]] == "(a) To protect civilians;"


def test_parquet_round_trips(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert_corpus(folder, out, "parquet")
    frame = pd.read_parquet(out / "paragraphs.parquet")
    assert frame.loc[frame["id"] == "S/RES/5 (1946)#1", "number"].tolist() == [5]


def test_an_existing_folder_or_unknown_format_is_refused_and_nothing_written(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UsageError, match="already exists"):
        convert_corpus(folder, out, "jsonl")
    assert list(out.iterdir()) == []
    with pytest.raises(UsageError, match="unknown format 'csv'"):
        convert_corpus(folder, tmp_path / "new", "csv")
    assert not (tmp_path / "new").exists()


def test_cli_info_and_convert(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    info = runner.invoke(app, ["corpus", "info", str(folder)])
    assert info.exit_code == 0, info.output
    assert "3 documents read (presidential_statement: 1, resolution: 2), 1 files skipped" in (
        info.output
    )
    assert "duplicate: 2013/odd-name-2.xml repeats 2013/odd-name-1.xml (same text)" in info.output
    out = tmp_path / "o"
    done = runner.invoke(app, ["corpus", "convert", str(folder), "--to", "txt", "--out", str(out)])
    assert done.exit_code == 0 and (out / "paragraphs.csv").exists()
    again = runner.invoke(app, ["corpus", "convert", str(folder), "--out", str(out)])
    assert again.exit_code != 0 and "already exists" in again.output
