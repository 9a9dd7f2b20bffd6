"""Paragraph inputs: resolutions, JSON Lines, Parquet and folders, with per-record problems."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bluehelmet.coding.code import CodedResolution
from bluehelmet.documents.model import DocumentKind, Paragraph, ParagraphKind, Resolution
from bluehelmet.errors import DataFormatError
from bluehelmet.reuse.inputs import RecordReader, paragraphs_from_resolutions, read_paragraphs
from bluehelmet.reuse.schema import PARAGRAPH_COLUMNS


def _resolution() -> Resolution:
    parts = ["1. Decides to extend the mandate;", "2. Requests the following:", "(a) report;"]
    text = "\n\n".join(parts)
    kinds: list[tuple[ParagraphKind, str, str | None]] = [
        ("operative", "1", None),
        ("operative", "2", None),
        ("subparagraph", "2", "a"),
    ]
    paras, start = [], 0
    for i, (kind, number, sub) in enumerate(kinds):
        end = start + len(parts[i])
        paras.append(Paragraph(i, kind, parts[i], start, end, number, sub))
        start = end + 2
    return Resolution(1500, 2003, None, text, tuple(paras))


def _coded(events: str, labels: list[str], force: list[bool]) -> CodedResolution:
    empty = pd.DataFrame()
    return CodedResolution(
        pd.DataFrame({"events": [events]}),
        pd.DataFrame({"label": labels, "force": force}),
        empty,
        empty,
    )


def test_each_operative_and_subparagraph_is_a_record() -> None:
    coded = _coded("UNMIL:establish;UNAMSIL:extend", ["1", "2", "2(a)"], [False, True, False])
    table = paragraphs_from_resolutions([_resolution()], coded)
    assert list(table.columns) == [*PARAGRAPH_COLUMNS, "force", "number", "label", "kind"]
    assert table["kind"].tolist() == ["resolution"] * 3
    assert table["id"].tolist() == ["1500:1", "1500:2", "1500:2(a)"]
    # ids carried as columns: nobody parses "1500:2(a)" back
    assert table["number"].tolist() == [1500] * 3
    assert table["label"].tolist() == ["1", "2", "2(a)"]
    assert set(table["doc"]) == {"S/RES/1500 (2003)"}
    assert set(table["date"]) == {"2003"}
    assert set(table["group"]) == {"UNMIL"}
    assert table["force"].tolist() == [False, True, False]
    assert table["text"].tolist()[2] == "(a) report;"


def _unnumbered(kind: DocumentKind) -> Resolution:
    parts = ["The Security Council condemns the attack.", "It calls for restraint."]
    paras = tuple(
        Paragraph(i, "other", t, 0, len(t), f"other {i + 1}") for i, t in enumerate(parts)
    )
    symbol = "S/PRST/2015/1" if kind == "presidential_statement" else None
    return Resolution(
        None if symbol else 2200,
        2015,
        None,
        " ".join(parts),
        paras,
        kind=kind,
        doc_symbol=symbol,
    )


def test_a_statement_without_numbered_paragraphs_gives_its_body_paragraphs() -> None:
    table = paragraphs_from_resolutions([_unnumbered("presidential_statement")])
    assert table["text"].tolist() == [
        "The Security Council condemns the attack.",
        "It calls for restraint.",
    ]
    assert table["id"].tolist() == ["S/PRST/2015/1:other 1", "S/PRST/2015/1:other 2"]
    assert set(table["kind"]) == {"presidential_statement"}
    assert not table["force"].any()


def test_a_resolution_without_operative_paragraphs_gives_none() -> None:
    assert paragraphs_from_resolutions([_unnumbered("resolution")]).empty


def test_no_event_gives_an_empty_group_and_coder_runs_when_not_given() -> None:
    table = paragraphs_from_resolutions([_resolution()])
    assert len(table) == 3
    assert set(table["group"]) == {""}
    assert not table["force"].any()


def test_coded_tables_of_other_resolutions_are_refused() -> None:
    with pytest.raises(DataFormatError):
        paragraphs_from_resolutions([_resolution()], _coded("", ["1", "9"], [False, False]))


def _line(**record: object) -> bytes:
    return json.dumps(record).encode()


def test_jsonl_problems_are_reported_by_line_and_good_records_load(tmp_path: Path) -> None:
    lines = [
        _line(doc="A", id="1", text="good one", date="2000-01-01", group="G"),  # 1
        b'{"doc": "A", "id": "2", "text": ',  # 2 invalid JSON
        _line(doc="A", id="3"),  # 3 missing text
        b'{"doc": "A", "id": "4", "text": "caf\xe9"}',  # 4 non-UTF-8, kept
        b"",  # 5 blank, ignored
        _line(doc="A", id="6", text="   "),  # 6 empty text
        _line(doc="A", id="7", text="x" * 51),  # 7 too long
        _line(doc="A", id="1", text="again"),  # 8 duplicate of line 1
        _line(doc="B", id=1, text="numeric id"),  # 9 good
        b"[1, 2]",  # 10 not an object
    ]
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    table, problems = read_paragraphs(path, max_chars=50)
    assert table[["doc", "id"]].values.tolist() == [["A", "1"], ["A", "4"], ["B", "1"]]
    assert table["text"].tolist()[1] == "caf\ufffd"
    assert table["date"].tolist() == ["2000-01-01", "", ""]
    assert problems[:-1] == [
        "line 2: invalid JSON (Expecting value); skipped",
        "line 3: missing field (text); skipped",
        "line 4: non-UTF-8 bytes (replaced by U+FFFD)",
        "line 6: empty text; skipped",
        "line 7: text too long (51 > 50 characters); skipped",
        "line 8: duplicate (doc, id) ('A', '1') first seen at 1; skipped",
        "line 10: not a JSON object; skipped",
    ]
    assert problems[-1] == (
        "summary: 3 records loaded, 6 skipped (duplicate (doc, id): 1, empty text: 1, "
        "invalid JSON: 1, missing field: 1, not a JSON object: 1, text too long: 1), "
        "1 warnings (non-UTF-8 bytes: 1)"
    )


def test_clean_jsonl_has_no_problems_and_keeps_force(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(
        _line(doc="A", id="1", text="t", force=True) + b"\n" + _line(doc="A", id="2", text="u")
    )
    table, problems = read_paragraphs(path)
    assert problems == []
    assert table["force"].tolist() == [True, False]


def test_jsonl_kind_is_kept_and_missing_kind_is_a_resolution(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(
        _line(doc="A", id="1", text="t", kind="presidential_statement")
        + b"\n"
        + _line(doc="B", id="1", text="u")
    )
    table, _ = read_paragraphs(path)
    assert table["kind"].tolist() == ["presidential_statement", "resolution"]
    path.write_bytes(_line(doc="A", id="1", text="t"))
    assert "kind" not in read_paragraphs(path)[0].columns  # measures read it as "resolution"


def test_parquet_gets_the_same_checks(tmp_path: Path) -> None:
    table = pa.table(
        {"doc": ["A", "A", None, "B"], "id": ["1", "1", "2", "1"], "text": ["x", "y", "z", ""]}
    )
    path = tmp_path / "p.parquet"
    pq.write_table(table, path)
    frame, problems = read_paragraphs(path)
    assert frame[["doc", "id", "text"]].values.tolist() == [["A", "1", "x"]]
    assert problems[:-1] == [
        "row 2: duplicate (doc, id) ('A', '1') first seen at 1; skipped",
        "row 3: missing field (doc); skipped",
        "row 4: empty text; skipped",
    ]
    assert problems[-1].startswith("summary: 1 records loaded, 3 skipped")


def test_parquet_round_trip_keeps_values_and_types(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "doc": ["S/RES/50 (1948)", "S/RES/50 (1948)", "S/RES/73 (1949)"],
            "id": ["50:1", "50:2", "73:1"],
            "text": ["Calls upon all parties.", "Decides to remain seized.", "Café, ünïcode."],
            "date": ["1948-05-29", "1948-05-29", None],
            "group": ["UNTSO", "UNTSO", ""],
            "force": [False, True, False],
        }
    )
    path = tmp_path / "p.parquet"
    frame.to_parquet(path, row_group_size=2)  # two row groups: batches are stitched
    table, problems = read_paragraphs(path)
    assert problems == []
    assert table["text"].tolist() == frame["text"].tolist()
    assert table["date"].tolist() == ["1948-05-29", "1948-05-29", ""]
    assert table["force"].tolist() == [False, True, False]
    assert list(table.columns) == [*PARAGRAPH_COLUMNS, "force"]


def test_parquet_numeric_ids_and_binary_text(tmp_path: Path) -> None:
    table = pa.table(
        {"doc": pa.array([7, 7], pa.int64()), "id": pa.array([1, 2], pa.int32()),
         "text": pa.array([b"caf\xe9 au lait", b"plain"], pa.binary())}
    )  # fmt: skip
    path = tmp_path / "p.parquet"
    pq.write_table(table, path)
    frame, problems = read_paragraphs(path)
    assert frame[["doc", "id"]].values.tolist() == [["7", "1"], ["7", "2"]]
    assert frame["text"].tolist() == ["caf\ufffd au lait", "plain"]
    assert problems == [
        "row 1: non-UTF-8 bytes (replaced by U+FFFD)",
        "summary: 2 records loaded, 0 skipped, 1 warnings (non-UTF-8 bytes: 1)",
    ]


def test_parquet_without_a_required_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"doc": ["A"], "text": ["x"]}), path)
    with pytest.raises(DataFormatError, match=r"p.parquet: missing column\(s\) id"):
        read_paragraphs(path)


def test_a_file_that_is_not_parquet_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    path.write_bytes(b"doc,id,text\nA,1,x\n")
    with pytest.raises(DataFormatError, match="not a readable Parquet file"):
        read_paragraphs(path)


def test_folder_reads_resolutions_and_reports_skipped_files(tmp_path: Path) -> None:
    (tmp_path / "S_RES_0005_1946_EN.txt").write_text(
        "RESOLUTION 5 (1946)\n\nThe Security Council,\n\n1. Decides.\n\n2. Requests more."
    )
    (tmp_path / "notes.txt").write_text("")
    table, problems = read_paragraphs(tmp_path)
    assert table["id"].tolist() == ["5:1", "5:2"]
    assert problems == ["file notes.txt: empty file; skipped"]


def test_unknown_suffix_and_missing_path_are_errors(tmp_path: Path) -> None:
    other = tmp_path / "p.csv"
    other.write_text("doc,id,text\n")
    with pytest.raises(DataFormatError):
        read_paragraphs(other)
    with pytest.raises(DataFormatError):
        read_paragraphs(tmp_path / "absent.jsonl")


def test_reader_hands_out_checked_batches_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        _line(doc="A", id="1", text="one"),  # 1
        b"not json",  # 2
        b"",  # 3 blank
        _line(doc="A", id="2", text="two", force=True),  # 4
        _line(doc="A", id="1", text="again"),  # 5 duplicate of line 1
        _line(doc="B", id="1", text="three"),  # 6
        _line(doc="B", id="2", text="four"),  # 7
    ]
    path = tmp_path / "p.jsonl"
    data = b"\n".join(lines) + b"\n"
    path.write_bytes(data)
    reader = RecordReader(path)
    assert reader.total == len(data)
    batches = list(reader.batches(batch_size=2))
    assert [b.numbers for b in batches] == [[1, 4], [6, 7]]
    assert [b.records["text"].tolist() for b in batches] == [["one", "two"], ["three", "four"]]
    assert batches[0].records["force"].tolist() == [False, True]
    assert reader.position == len(data)
    assert reader.report() == [
        "line 2: invalid JSON (Expecting value); skipped",
        "line 5: duplicate (doc, id) ('A', '1') first seen at 1; skipped",
        "summary: 4 records loaded, 2 skipped (duplicate (doc, id): 1, invalid JSON: 1), "
        "0 warnings",
    ]


def test_reader_drop_reports_in_line_order_and_uncounts(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"\n".join([_line(doc="A", id=str(k), text="t") for k in range(1, 4)]))
    reader = RecordReader(path)
    for _ in reader.batches(batch_size=10):
        pass
    reader.drop(3, "no words")
    reader.checker.warn(1, "odd")
    assert reader.report() == [
        "line 1: odd",
        "line 3: no words; skipped",
        "summary: 2 records loaded, 1 skipped (no words: 1), 1 warnings (odd: 1)",
    ]


def test_parquet_row_numbers_run_on_across_read_chunks(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    docs = ["A", "B", "C", "A", "D"]
    pq.write_table(pa.table({"doc": docs, "id": ["1"] * 5, "text": list("vwxyz")}), path)
    reader = RecordReader(path)
    batches = list(reader.batches(batch_size=2))
    assert [b.numbers for b in batches] == [[1, 2], [3, 5]]
    assert (reader.total, reader.position, reader.loaded) == (5, 5, 4)
    assert reader.report()[0] == "row 4: duplicate (doc, id) ('A', '1') first seen at 1; skipped"


def test_batches_of_any_size_add_up_to_the_whole_table(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    records = [dict(doc=f"D{k % 4}", id=str(k % 7), text=f"text {k}") for k in range(40)]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    whole, problems = read_paragraphs(path)
    for size in (1, 3, 100):
        reader = RecordReader(path)
        parts = pd.concat([b.records for b in reader.batches(size)], ignore_index=True)
        pd.testing.assert_frame_equal(parts, whole)
        assert reader.report() == problems
    # 28 distinct (doc, id) keys: k % 4 and k % 7 repeat together every 28 records
    assert len(whole) == 28


def test_folder_paragraphs_are_checked_by_paragraph_number(tmp_path: Path) -> None:
    (tmp_path / "S_RES_0005_1946_EN.txt").write_text(
        "RESOLUTION 5 (1946)\n\nThe Security Council,\n\n1. Decides.\n\n2. Requests more."
    )
    (tmp_path / "notes.txt").write_text("")
    reader = RecordReader(tmp_path, max_chars=12)
    batches = list(reader.batches(batch_size=5))
    assert [b.numbers for b in batches] == [[1]]
    assert reader.report() == [
        "file notes.txt: empty file; skipped",
        "paragraph 2: text too long (17 > 12 characters); skipped",
        "summary: 1 records loaded, 1 skipped (text too long: 1), 0 warnings",
    ]
    # the in-memory reader applies the same checks as the streaming one
    table, problems = read_paragraphs(tmp_path, max_chars=12)
    assert table["id"].tolist() == ["5:1"]
    assert problems == reader.report()


def test_missing_suffix_is_named(tmp_path: Path) -> None:
    path = tmp_path / "paragraphs"
    path.write_text("{}")
    with pytest.raises(DataFormatError, match="not no suffix"):
        RecordReader(path)


def test_a_statement_paragraph_gives_one_record_per_joined_line() -> None:
    lines = ["B. Displacement", "Parties to refrain from displacing civilians."]
    text = "\n".join(lines)
    statement = Resolution(
        None, 2014, None, text, (Paragraph(0, "other", text, 0, len(text), "other 1"),),
        kind="presidential_statement", doc_symbol="S/PRST/2014/3",
    )  # fmt: skip
    table = paragraphs_from_resolutions([statement])
    assert table["text"].tolist() == lines
    assert table["id"].tolist() == ["S/PRST/2014/3:other 1", "S/PRST/2014/3:other 1/2"]
    assert not table["force"].any()
    # a resolution's numbered paragraph stays whole, its continuation lines included
    resolution = Resolution(
        2200, 2015, None, f"1. {text}",
        (Paragraph(0, "operative", f"1. {text}", 0, len(text) + 3, "1"),),
    )  # fmt: skip
    assert paragraphs_from_resolutions([resolution])["text"].tolist() == [f"1. {text}"]


@pytest.mark.shared
def test_the_aide_memoire_of_prst_2014_3_is_read_paragraph_by_paragraph(
    shared_data: Path, tmp_path: Path
) -> None:
    name = "S_PRST_2014_3-1401143E.xml"
    source = shared_data / "unsc" / "akn_2000_2026" / "presidential_statements" / "2014" / name
    (tmp_path / name).write_bytes(source.read_bytes())
    table, problems = read_paragraphs(tmp_path)
    assert problems == []  # it gave one paragraph of 189,340 characters, skipped as too long
    assert len(table) > 500 and table["text"].str.len().max() < 5_000
    # a row of the annex's table of agreed language is a record of its own
    freeze = table[table["text"].str.contains("shall freeze without delay all funds")]
    assert len(freeze) == 1 and len(freeze["text"].iloc[0]) < 2_500


def test_a_statement_with_numbered_items_keeps_its_body_paragraphs_in_text_order() -> None:
    body, item, closing = "The Council recalls its resolutions.", "1. Parties to cease.", "Ends."
    text = f"{body}\n{item}\n{closing}"
    at = [0, len(body) + 1, len(body) + len(item) + 2]
    paras = (
        Paragraph(0, "other", body, at[0], at[0] + len(body), "other 1"),
        Paragraph(1, "operative", item, at[1], at[1] + len(item), "1"),
        Paragraph(2, "other", closing, at[2], at[2] + len(closing), "other 2"),
    )
    prst = Resolution(None, 2014, None, text, paras, kind="presidential_statement",
                      doc_symbol="S/PRST/2014/3")  # fmt: skip
    table = paragraphs_from_resolutions([prst])
    assert table["text"].tolist() == [body, item, closing]
    assert table["id"].tolist() == [
        "S/PRST/2014/3:other 1",
        "S/PRST/2014/3:1",
        "S/PRST/2014/3:other 2",
    ]
