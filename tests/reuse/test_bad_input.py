"""Bad input to the streaming engine: per-record problems by line, counts, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import bluehelmet.reuse.pipeline as pipeline
from bluehelmet.cli import app
from bluehelmet.errors import DataFormatError
from bluehelmet.reuse.inputs import read_paragraphs
from bluehelmet.reuse.run import run_reuse
from bluehelmet.reuse.stream import stream_reuse

T1 = "the security council decides to extend the mandate of the mission for six months"
T2 = (
    "calls upon all parties to cooperate fully with the force and to respect its freedom "
    "of movement"
)
T3 = "welcomes the holding of free and fair elections in the country"
KEYS = {"source_id": str, "target_id": str}


def _line(**record: object) -> bytes:
    return json.dumps(record).encode()


LINES = [
    _line(doc="A", id="1", text=T1, date="2000-01-01"),  # 1 good
    _line(doc="B", id="1", text=T1, date="2001-01-01"),  # 2 good, copies line 1
    _line(doc="C", id="1", text=""),  # 3 empty
    _line(doc="C", id="2", text="   "),  # 4 blank text
    _line(doc="C", id="3", text="w " * 2_500_000),  # 5 a 5 MB paragraph
    b'{"doc": "D", "id": "1", "text": "' + T2.encode() + b' caf\xe9", "date": "1990"}',  # 6
    _line(doc="E", id="1", text=T2, date="1991"),  # 7 good, copied by line 6
    _line(doc="A", id="1", text=T3),  # 8 duplicate of line 1
    _line(doc="F", id="1"),  # 9 no text
    _line(id="2", text=T3),  # 10 no doc
    _line(doc="F", text=T3),  # 11 no id
    b'{"doc": "G", "id": "1", "text": "unterminated',  # 12 invalid JSON
    b"",  # 13 blank line, ignored
    b"[1, 2]",  # 14 not an object
    _line(doc="H", id="1", text="... ;; --"),  # 15 no words
    _line(doc="H", id="2", text=None),  # 16 null text
    _line(doc="I", id=7, text=T3),  # 17 good, numeric id
]


@pytest.fixture()
def bad_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(LINES) + b"\n")
    return path


def test_every_bad_record_is_reported_by_line_with_counts(bad_jsonl: Path, tmp_path: Path):
    result = stream_reuse(bad_jsonl, tmp_path / "out", batch_size=2)
    problems = result.problems
    invalid = [p for p in problems if p.startswith("line 12: invalid JSON (")]
    assert len(invalid) == 1 and invalid[0].endswith("; skipped")
    assert [p for p in problems[:-1] if not p.startswith("line 12")] == [
        "line 3: empty text; skipped",
        "line 4: empty text; skipped",
        "line 5: text too long (5000000 > 20000 characters); skipped",
        "line 6: non-UTF-8 bytes (replaced by U+FFFD)",
        "line 8: duplicate (doc, id) ('A', '1') first seen at 1; skipped",
        "line 9: missing field (text); skipped",
        "line 10: missing field (doc); skipped",
        "line 11: missing field (id); skipped",
        "line 14: not a JSON object; skipped",
        "line 15: no words; skipped",
        "line 16: missing field (text); skipped",
    ]
    assert problems[-1] == (
        "summary: 5 records loaded, 11 skipped (duplicate (doc, id): 1, empty text: 2, "
        "invalid JSON: 1, missing field: 4, no words: 1, not a JSON object: 1, "
        "text too long: 1), 1 warnings (non-UTF-8 bytes: 1)"
    )
    assert result.params["paragraphs"] == 5


def test_the_run_completes_for_the_good_records(bad_jsonl: Path, tmp_path: Path) -> None:
    stream_reuse(bad_jsonl, tmp_path / "out", batch_size=2)
    pairs = pd.read_csv(tmp_path / "out" / "pairs.csv", dtype=KEYS)
    got = pairs[["source_doc", "source_id", "target_doc", "target_id"]].values.tolist()
    assert got == [["A", "1", "B", "1"], ["D", "1", "E", "1"]]
    # T2 has 17 words (13 five-grams); line 6 adds "caf" (the replaced byte splits no word)
    assert pairs["jaccard"].tolist() == pytest.approx([1.0, 13 / 14])
    assert pairs["containment"].tolist() == [1.0, 1.0]


def test_stream_reports_what_the_in_memory_reader_reports(bad_jsonl: Path, tmp_path: Path):
    _, expected = read_paragraphs(bad_jsonl)
    got = stream_reuse(bad_jsonl, tmp_path / "out", batch_size=3).problems
    assert [p for p in got[:-1] if "no words" not in p] == expected[:-1]


def test_an_in_memory_run_reports_what_a_streaming_run_reports(bad_jsonl: Path, tmp_path: Path):
    _, memory = run_reuse(bad_jsonl, tmp_path / "memory")
    streamed = stream_reuse(bad_jsonl, tmp_path / "stream", batch_size=2).problems
    assert memory == streamed  # "line 15: no words" included, numbered by line in both
    assert "line 15: no words; skipped" in memory
    stream_pairs = pd.read_csv(tmp_path / "stream" / "pairs.csv", dtype=KEYS)
    memory_pairs = pd.read_csv(tmp_path / "memory" / "pairs.csv", dtype=KEYS)
    pd.testing.assert_frame_equal(memory_pairs, stream_pairs)


def test_too_many_words_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(_line(doc="A", id="1", text=" ".join(["word"] * 12)) + b"\n")
    result = stream_reuse(path, tmp_path / "out", max_tokens=10)
    assert result.problems[0] == "line 1: too many words (12 > 10 words); skipped"


def test_only_bad_records_still_writes_empty_tables(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"not json\n" + _line(doc="A", id="1") + b"\n")
    result = stream_reuse(path, tmp_path / "out")
    assert result.params["paragraphs"] == 0 and result.params["pairs"] == 0
    assert (tmp_path / "out" / "pairs.csv").read_text().startswith("source_doc,source_id,")
    assert len((tmp_path / "out" / "pairs.csv").read_text().splitlines()) == 1


def test_parquet_rows_get_the_same_checks(tmp_path: Path) -> None:
    table = pa.table(
        {
            "doc": ["A", "A", None, "B", "C"],
            "id": ["1", "1", "2", "1", "1"],
            "text": [T1, T2, T2, "", T1],
            "date": ["2000", "2000", "2000", "2000", "2001"],
        }
    )
    path = tmp_path / "p.parquet"
    pq.write_table(table, path)
    result = stream_reuse(path, tmp_path / "out", batch_size=2)
    assert result.problems[:-1] == [
        "row 2: duplicate (doc, id) ('A', '1') first seen at 1; skipped",
        "row 3: missing field (doc); skipped",
        "row 4: empty text; skipped",
    ]
    assert result.problems[-1].startswith("summary: 2 records loaded, 3 skipped")
    pairs = pd.read_csv(tmp_path / "out" / "pairs.csv", dtype=KEYS)
    assert pairs[["source_doc", "target_doc"]].values.tolist() == [["A", "C"]]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.parquet", None, "missing column(s) text"),
        ("p.parquet", b"PAR1 not really parquet", "not a readable Parquet file"),
        ("p.txt", b"some text", "expected .jsonl, .parquet or a folder"),
        ("absent.jsonl", b"", "no such file or folder"),
    ],
)
def test_unreadable_inputs_are_one_error_and_write_nothing(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        pq.write_table(pa.table({"doc": ["A"], "id": ["1"]}), path)
    elif name != "absent.jsonl":
        path.write_bytes(content)
    out = tmp_path / "out"
    with pytest.raises(DataFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        stream_reuse(path, out)
    assert not out.exists() or list(out.iterdir()) == []


def test_a_failing_run_leaves_no_files_and_keeps_the_last_good_ones(
    bad_jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    stream_reuse(bad_jsonl, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "verify", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        stream_reuse(bad_jsonl, out, pair_boilerplate=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    with pytest.raises(RuntimeError):
        stream_reuse(bad_jsonl, tmp_path / "fresh")
    assert list((tmp_path / "fresh").iterdir()) == []


def test_cli_reports_bad_records_and_exits_cleanly(bad_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["reuse", str(bad_jsonl), "--out", str(out), "--stream", "--batch-size", "4"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "line 5: text too long (5000000 > 20000 characters); skipped" in result.stderr
    assert "summary: 5 records loaded, 11 skipped" in result.stderr
    assert (out / "pairs.csv").exists()


def test_cli_unreadable_parquet_is_one_line_and_exit_65(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"doc": ["A"], "text": ["x"]}), path)
    result = CliRunner().invoke(app, ["reuse", str(path), "--out", str(tmp_path / "o"), "--stream"])
    assert result.exit_code == 65
    assert result.stderr.startswith("error: ") and "missing column(s) id" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
