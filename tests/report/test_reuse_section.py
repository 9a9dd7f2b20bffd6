"""The report's reuse section: its tables checked by hand; present with a corpus, absent without."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import bluehelmet as bh
from bluehelmet.report.reuse import (
    family_diffusion,
    largest_families,
    novelty_by_year,
    reuse_tables,
    shared_language,
)
from bluehelmet.reuse.measures import group_matrix


def _members() -> pd.DataFrame:
    # family 5: 3 resolutions (R1 twice), family 9: 3 resolutions, 4 paragraphs,
    # family 1: 2 resolutions, family 4: a single paragraph (not a family to show)
    rows = [
        ("R1", "1:1", "Extends   the mandate " + "x" * 200, "1970-01-05", "UNX", 5, True),
        ("R1", "1:2", "extends the mandate", "1970-01-05", "UNX", 5, False),
        ("R2", "2:1", "extends the mandate", "1972-06-01", "UNY", 5, False),
        ("R3", "3:1", "extends the mandate", "1972-12-01", "UNX", 5, False),
        ("R2", "2:2", "calls upon", "1972-06-01", "UNY", 9, True),
        ("R3", "3:2", "calls upon", "1972-12-01", "UNX", 9, False),
        ("R4", "4:1", "calls upon", "", "", 9, False),
        ("R5", "5:1", "calls upon", "1975", "UNZ", 9, False),
        ("R6", "6:1", "welcomes", "1960-01-01", "", 1, True),
        ("R7", "7:1", "welcomes", "1961-01-01", "", 1, False),
        ("R8", "8:1", "alone", "1980-01-01", "UNX", 4, True),
    ]
    cols = ["doc", "id", "text", "date", "group", "family", "origin"]
    return pd.DataFrame(rows, columns=cols)


def test_largest_families_ranks_by_resolutions_then_paragraphs() -> None:
    table = largest_families(_members(), top=3)
    # 9 reaches R2, R3, R4, R5; 5 reaches R1, R2, R3 (with 4 paragraphs too); 1 reaches 2
    assert table["family"].tolist() == [9, 5, 1]
    assert table["resolutions"].tolist() == [4, 3, 2]
    assert table["paragraphs"].tolist() == [4, 4, 2]
    first = table.iloc[1]
    assert (first["origin"], first["paragraph"], first["operation"]) == ("R1", "1", "UNX")
    assert first["operations"] == "UNX;UNY"  # in order of first use
    assert first["label"] == "1:1 · UNX"
    # the origin's text on one line, cut to 140 characters with an ellipsis
    assert first["text"].startswith("Extends the mandate xxx") and first["text"].endswith("…")
    assert len(first["text"]) == 140
    assert table.iloc[2]["label"] == "6:1 · no operation"
    assert largest_families(_members(), top=1)["family"].tolist() == [9]


def test_family_diffusion_counts_each_resolution_once_from_its_year() -> None:
    largest = pd.DataFrame({"family": [9, 5], "label": ["nine", "five"]})
    d = family_diffusion(_members(), largest)
    assert d["family"].tolist() == [9, 9, 5, 5]  # the order of ``largest``
    # family 9: R2, R3 in 1972, R4 undated (left out), R5 in 1975
    assert d[d["family"] == 9][["year", "new", "resolutions"]].values.tolist() == [
        [1972, 2, 2],
        [1975, 1, 3],
    ]
    # family 5: R1 (two paragraphs, one resolution) in 1970, R2 and R3 in 1972
    assert d[d["family"] == 5][["year", "new", "resolutions"]].values.tolist() == [
        [1970, 1, 1],
        [1972, 2, 3],
    ]
    assert d[d["family"] == 5]["label"].unique().tolist() == ["five"]


def test_novelty_by_year_takes_quartiles_over_resolutions() -> None:
    resolutions = pd.DataFrame(
        {
            "date": ["1990-01-01", "1990-05-01", "1990-07-01", "1990-09-01", "", "1992"],
            "novelty": [0.0, 0.4, 0.6, 1.0, 0.3, 0.9],
        }
    )
    repetition = pd.DataFrame({"year": [1990, 1991, 1992], "repetition_index": [0.5, 0.2, 0.1]})
    out = novelty_by_year(resolutions, repetition)
    assert out["year"].tolist() == [1990, 1992]
    assert out["resolutions"].tolist() == [4, 1]
    # 1990: 0, .4, .6, 1 -> median .5, linear quartiles .3 and .7
    assert out.iloc[0][["q25", "median", "q75"]].tolist() == pytest.approx([0.3, 0.5, 0.7])
    assert out["repetition_index"].tolist() == [0.5, 0.1]


def test_shared_language_counts_distinct_later_paragraphs_per_operation_pair() -> None:
    paragraphs = pd.DataFrame(
        {
            "doc": ["A", "A", "B", "C", "C", "D", "E"],
            "id": ["a1", "a2", "b1", "c1", "c2", "d1", "e1"],
            "text": ["t"] * 7,
            "date": ["1980", "1980", "1981", "1982", "1982", "1979", "1983"],
            "group": ["UNX", "UNX", "UNY", "UNY", "UNY", "UNW", ""],
        }
    )
    pairs = pd.DataFrame(
        [
            ("A", "a1", "C", "c1"),  # UNX -> UNY
            ("A", "a2", "C", "c1"),  # the same later paragraph again: still one
            ("A", "a1", "B", "b1"),  # UNX -> UNY
            ("B", "b1", "C", "c2"),  # UNY -> UNY
            ("C", "c1", "C", "c2"),  # within one resolution: not counted
            ("C", "c1", "A", "a1"),  # source later than target: not counted
            ("A", "a1", "E", "e1"),  # target without an operation: not counted
            ("D", "d1", "A", "a2"),  # UNW -> UNX
        ],
        columns=["source_doc", "source_id", "target_doc", "target_id"],
    )
    matrix = group_matrix(pairs, paragraphs)  # the one count the CLI writes too
    out = shared_language(matrix, paragraphs)
    # operations in order of their first paragraph: UNW (1979), UNX (1980), UNY (1981)
    assert out.index.tolist() == out.columns.tolist() == ["UNW", "UNX", "UNY"]
    assert out.values.tolist() == [[0, 1, 0], [0, 0, 2], [0, 0, 1]]
    # the top 2 by paragraphs as source plus as target: UNX (3) and UNY (3), not UNW (1)
    assert shared_language(matrix, paragraphs, top=2).values.tolist() == [[0, 2], [0, 1]]


def test_reuse_tables_runs_the_engine_and_leaves_boilerplate_out() -> None:
    # 16 tokens, the last one differing: 11 of 13 distinct 5-grams shared (Jaccard 0.85)
    clause = "decides to extend the mandate of the observer force for a further period ending {}"
    seized = "Decides to remain seized of the matter."
    rows = []
    for n in range(30):
        date = f"{1970 + n}-06-01"
        doc = f"S/RES/{n}"
        rows.append((doc, f"{n}:1", clause.format(1970 + n), date, "UNX"))
        rows.append((doc, f"{n}:2", f"unique text number {n} " * 3, date, "UNX"))
        rows.append((doc, f"{n}:3", seized, date, "UNX"))
    paragraphs = pd.DataFrame(rows, columns=["doc", "id", "text", "date", "group"])
    t = reuse_tables(paragraphs)
    assert (t.n_documents, t.n_paragraphs) == (30, 90)
    # the clause: a pair per two resolutions; "remain seized" (30 > 20 resolutions) is boilerplate
    assert t.n_pairs == 30 * 29 // 2 and t.n_boilerplate_pairs == 30 * 29 // 2
    assert t.n_families == 1
    assert t.largest[["origin", "resolutions"]].values.tolist() == [["S/RES/0", 30]]
    assert t.diffusion["resolutions"].tolist() == list(range(1, 31))
    assert t.shared.values.tolist() == [[29]]  # every later clause reuses earlier UNX language


def _subset(texts_dir: Path, into: Path, numbers: range) -> Path:
    into.mkdir()
    for n in numbers:
        for f in texts_dir.glob(f"S_RES_{n:04d}_*"):
            shutil.copy(f, into / f.name)
    return into


def test_reuse_section_appears_with_a_corpus_and_is_absent_without(
    texts_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1973-1979: the early UNEF II and UNDOF renewals, copied from the shared corpus
    corpus = _subset(texts_dir, tmp_path / "corpus", range(340, 460))
    # the partnership section (slow, and not under test here) is left out without shared data
    monkeypatch.setenv("BLUEHELMET_SHARED_DATA", str(tmp_path / "nowhere"))
    monkeypatch.delenv("BLUEHELMET_CORPUS", raising=False)
    html = bh.build_report(tmp_path / "without").read_text()
    assert 'id="reuse"' not in html and 'href="#reuse"' not in html
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(corpus))
    first = bh.build_report(tmp_path / "a").read_bytes()
    assert first == bh.build_report(tmp_path / "b").read_bytes()
    html = first.decode()
    assert 'href="#reuse"' in html
    section = html.split('id="reuse"')[1].split("<h2")[0]
    assert section.count("<svg") == 3
    assert "Diffusion of the largest clause families" in section
    assert "Shared language between operations" in section
    table = section.split("The largest clause families")[1].split("</table>")[0]
    assert "<th>origin</th>" in table and "UNDOF" in table
