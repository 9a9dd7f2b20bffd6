"""The report's reuse section: its tables checked by hand; present with a corpus, absent without."""

from __future__ import annotations

import math
import re
import shutil
from collections import defaultdict
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest

import bluehelmet as bh
from bluehelmet.coding.batch import code_folders
from bluehelmet.documents import load_corpus
from bluehelmet.figures.reuse import formulas_figure, novelty_figure
from bluehelmet.report.reuse import (
    boilerplate_by_era,
    family_diffusion,
    kind_pairs_line,
    largest_families,
    repetition_sentence,
    repetition_table,
    reuse_tables,
    shared_language,
    untexted_years,
)
from bluehelmet.reuse.coverage import adopted_per_year
from bluehelmet.reuse.inputs import paragraphs_from_resolutions
from bluehelmet.reuse.measures import group_matrix
from bluehelmet.reuse.repetition import force_repetition, force_repetition_summary
from bluehelmet.reuse.templates import (
    force_formulas,
    force_sources,
    force_templates,
    formula_paragraphs,
    template_cells,
)


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


def _summary() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "operation": ["UNA", "UNB", "total"],
            "mandates": [5, 3, 8],
            "with_text": [4, 3, 7],
            "chapter_vii": [4, 1, 5],
            "chvii_force": [4, 0, 4],
            "without_clause": [1, 0, 1],
            "with_previous": [3, 0, 3],
            "repeated": [2, 0, 2],
            "share_repeated": pd.array([2 / 3, pd.NA, 2 / 3], dtype="Float64"),
        }
    )


def test_repetition_table_shows_integers_and_rounded_shares_under_readable_names() -> None:
    table = repetition_table(_summary())
    assert table.columns.tolist() == [
        "operation", "mandates 1999–2026", "with text", "Chapter VII", "Chapter VII force",
        "comparable", "repeated near-verbatim", "share",
    ]  # fmt: skip
    assert table.iloc[:, 1:7].dtypes.map(str).eq("int64").all()
    assert table["share"].iloc[0] == 0.67 and pd.isna(table["share"].iloc[1])
    assert table["operation"].tolist() == ["UNA", "UNB", "total"]


def test_repetition_sentence_reads_every_number_from_the_total_row() -> None:
    text = repetition_sentence(_summary(), [1999], "1995–1999")
    assert text.startswith("Of the 8 mandate resolutions of multidimensional operations 1999–2026")
    assert "7 have a text (the 1 without, adopted in 1999, are unknown" in text
    assert "no resolution texts for 1995–1999" in text and "never counted" in text
    assert "5 of those act under Chapter VII; in 4 the register" in text
    assert "in 1 of them the coder finds no force paragraph" in text
    assert "3 have a force clause in both" in text and "2 of these (67%) repeat it" in text
    assert "at least 80%" in text and "at least 5 matching words" in text
    changed = _summary().assign(repeated=[3, 0, 3], share_repeated=[1.0, pd.NA, 1.0])
    assert "3 of these (100%)" in repetition_sentence(changed, [1999], "1995–1999")
    # nothing without text: no unknown clause
    full = _summary().assign(with_text=[5, 3, 8])
    assert "unknown" not in repetition_sentence(full, [], "1995–1999")


def test_untexted_years_are_those_of_counted_mandates_without_text() -> None:
    table = pd.DataFrame(
        {
            "operation": ["UNA", "UNA", "UNA", "UNB", "UNZ"],
            "date": pd.to_datetime(
                ["1998-01-01", "1999-05-01", "2003-01-01", "2001-01-01", "2002-01-01"]
            ),  # fmt: skip
            "text": [False, False, False, True, False],
        }
    )
    # 1998 is before the summary's years; UNZ is not in the summary
    assert untexted_years(table, _summary()) == [1999, 2003]


def test_resolution_years_keeps_gap_years_as_na_from_yearly() -> None:
    text = "the council decides to extend the mandate of the force for six months"
    paras = pd.DataFrame(
        {
            "doc": ["A", "B", "C"],
            "id": ["1", "1", "1"],
            "text": [text] * 3,
            "date": ["1993-01-01", "2000-01-01", "2001-01-01"],
        }
    )
    adopted = pd.DataFrame({"year": range(1993, 2002), "n_docs_adopted": [1] * 9})
    years = reuse_tables(paras, adopted).years.set_index("year")
    assert years.index.tolist() == list(range(1993, 2002))
    gap = years.loc[1994:1999]
    assert gap["gap"].all() and gap["n_docs"].eq(0).all()
    assert gap[["repetition_index", "novelty_median", "ci_low"]].isna().all().all()
    assert years.loc[2000, "novelty_median"] == 0.0  # all of it repeated from 1993: a true 0
    assert not years.loc[2000, "past_complete"] and years.loc[1993, "past_complete"]


def test_boilerplate_by_era_keeps_the_biggest_formulas_of_each_era() -> None:
    formulas = pd.DataFrame(
        {
            "era": ["1946-1994", "1946-1994", "1946-1994", "2000-2026"],
            "documents": [71, 69, 47, 775],
            "example": [
                "6. Decides to remain seized",
                "Decides:",
                "(a) Other",
                "15.\nDecides " * 20,
            ],
        }
    )
    out = boilerplate_by_era(formulas, top=2)
    assert out["era"].tolist() == ["1946-1994", "1946-1994", "2000-2026"]
    assert out["documents"].tolist() == [71, 69, 775]
    assert out["example"].tolist()[:2] == ["Decides to remain seized", "Decides:"]
    # the number gone, the lines joined, cut at 90 characters with an ellipsis
    assert (
        out["example"].iloc[2].startswith("Decides 15. Decides")
        and len(out["example"].iloc[2]) == 90
    )


def test_kind_pairs_line_names_the_pairs_left_out() -> None:
    kinds = pd.DataFrame(
        {
            "source_kind": ["resolution"],
            "target_kind": ["statement"],
            "pairs": [12],
            "counted": [False],
        }
    )
    assert kind_pairs_line(kinds) == "resolution → statement: 12 (left out of the measures)"
    assert kind_pairs_line(kinds.iloc[:0]) == "no pairs between documents"


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
    into.mkdir(exist_ok=True)
    for n in numbers:
        for f in texts_dir.glob(f"**/S_RES_{n:04d}_*"):
            shutil.copy(f, into / f.name)
    return into


def _html_table(html: str, as_type: type | None = None) -> pd.DataFrame:
    """The first table of ``html``; with ``as_type`` (str) every cell as written, blank ""."""
    if as_type is None:
        return pd.read_html(StringIO(html), flavor="lxml")[0]
    return pd.read_html(StringIO(html), flavor="lxml", converters=defaultdict(lambda: as_type),
                        keep_default_na=False)[0]  # fmt: skip


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)


def test_reuse_section_appears_with_a_corpus_and_is_absent_without(
    texts_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1973-1979: the early UNEF II and UNDOF renewals; the last 1994 texts and the first of
    # 2000 around the 1995-1999 gap; 2013-2014: MINUSMA, UNMISS, MONUSCO, MINUSCA renewals
    corpus = _subset(texts_dir, tmp_path / "corpus", range(340, 460))
    corpus = _subset(texts_dir, corpus, range(893, 903))
    akn = texts_dir.parent / "akn_2000_2026" / "resolutions"
    corpus = _subset(akn, corpus, range(1285, 1300))
    corpus = _subset(akn, corpus, range(2085, 2200))
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
    assert section.count("<svg") == 4
    # the order: the answer, over time, formulas, templates, families and shared language,
    # boilerplate
    heads = ["Force clauses repeated at renewal", "Novelty and repetition over time",
             "Diffusion of the force and protection formulas", "Templates across operations",
             "Clause families and shared language", "Boilerplate, reported apart"]  # fmt: skip
    assert [section.index(h) for h in heads] == sorted(section.index(h) for h in heads)

    # the answer table is force_repetition_summary of the corpus's texts, computed here
    resolutions = load_corpus([corpus], progress=False).resolutions
    table = force_repetition(corpus=resolutions)
    expected = force_repetition_summary(table)
    assert expected["with_previous"].iloc[-1] > 0  # something to compare in this corpus
    answer = section.split("Force clauses repeated at renewal")[1].split("</table>")[0]
    shown = _html_table(answer + "</table>")
    assert shown["operation"].tolist() == expected["operation"].tolist()
    for column, name in [("mandates", "mandates 1999–2026"), ("with_text", "with text"),
                         ("chapter_vii", "Chapter VII"), ("chvii_force", "Chapter VII force"),
                         ("with_previous", "comparable"),
                         ("repeated", "repeated near-verbatim")]:  # fmt: skip
        assert shown[name].tolist() == expected[column].astype(int).tolist(), name
    shares = expected["share_repeated"].astype(float).tolist()
    for got, want in zip(shown["share"], shares, strict=True):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want, abs=0.005)
    # the sentence quotes the total row
    total = expected.iloc[-1]
    lead = re.sub(r"\s+", " ", section.split("<h3")[0])
    assert f"Of the {total['mandates']:,} mandate resolutions" in lead
    assert (
        f"{total['with_text']:,} have a text (the {total['mandates'] - total['with_text']:,}"
        in lead
    )
    assert f"{total['repeated']:,} of these ({total['share_repeated']:.0%})" in lead
    assert ", 1995–1999, " in lead  # among the years without texts

    # over time: 1995-1999 are gap years with blank measures (NA, not 0), and the caption says so
    years = _html_table(section.split("novelty quartiles")[1].split("</table>")[0] + "</table>")
    gap = years.set_index("year").loc[1995:1999]
    assert gap["gap"].all() and gap["n_docs"].eq(0).all()
    assert gap[["repetition_index", "novelty_median", "ci_low", "ci_high"]].isna().all().all()
    caption = re.sub(r"\s+", " ", section.split("Novelty and repetition over time")[1])
    assert "Shaded years (" in caption and ", 1995–1999, " in caption and "have no texts" in caption

    # the formulas' first appearances: force_formulas of the same corpus, computed here
    read, coded = code_folders([corpus], progress=False)
    formulas = force_formulas(paragraphs=formula_paragraphs(read.resolutions, coded))
    assert formulas["first_resolution"].notna().sum() >= 3  # something to show in this corpus
    part = section.partition("Diffusion of the force and protection formulas")[2]
    shown = _html_table(part[part.index("<table") :].split("</table>")[0] + "</table>", str)
    assert shown.to_dict("list") == {
        "formula": formulas["formula"].tolist(),
        "first resolution": [_text(v) for v in formulas["first_resolution"]],
        "date": [_text(v) for v in formulas["first_date"]],
        "operation": [_text(v) for v in formulas["first_operations"]],
        "note": formulas["note"].tolist(),
        "resolutions": [_text(v) for v in formulas["resolutions"]],
        "operations": [_text(v) for v in formulas["operations"]],
    }
    caption = re.sub(r"\s+", " ", part.split("</figure>")[0].split("<figcaption>")[1])
    assert "Shaded years (" in caption and "1995–1999" in caption and "missing, not zero" in caption

    # templates across operations: template_cells of the same corpus, computed here
    cells = template_cells(force_templates(force_sources(table)))
    assert len(cells) > 0  # something to show in this corpus
    part = section.partition("Templates across operations")[2].split("</table>")[0] + "</table>"
    assert "at least 30% of the clause" in re.sub(r"\s+", " ", part)
    shown = _html_table(part)
    assert shown.columns.tolist() == ["source operation", "target operation", "clauses"]
    assert shown.values.tolist() == cells.values.tolist()

    # families and shared language: the families' table keeps its operations
    table = section.split("The largest clause families")[1].split("</table>")[0]
    assert '<th class="short">origin</th>' in table and "UNDOF" in table

    # boilerplate apart: the formulas per era, and the pairs by kind
    boiler = _html_table(
        section.split("Boilerplate, reported apart")[1].split("</table>")[0] + "</table>"
    )
    assert boiler.columns.tolist() == ["era", "documents", "example"]
    assert boiler["example"].str.contains("remain", case=False).any()
    assert "Reuse pairs by kind of source and target document: resolution → resolution:" in section


def test_the_figure_data_of_both_corpora_have_na_not_zero_in_1995_1999(shared_data: Path) -> None:
    unsc = shared_data / "unsc"
    folders = [unsc / "resolutions_en_1946_1994", unsc / "akn_2000_2026" / "resolutions"]
    read, coded = code_folders(folders, progress=False)
    paragraphs = paragraphs_from_resolutions(read.resolutions, coded)
    years = reuse_tables(paragraphs, adopted_per_year()).years.set_index("year")
    gap = years.loc[1995:1999]
    assert gap["gap"].all() and gap["novelty_median"].isna().all()
    assert not years.loc[[1994, 2000], "gap"].any()
    line = novelty_figure(years.reset_index()).axes[0].get_lines()[0]
    plotted = dict(zip(line.get_xdata().tolist(), line.get_ydata().tolist(), strict=True))
    assert all(math.isnan(plotted[y]) for y in range(1995, 2000))
    assert not math.isnan(plotted[1994]) and not math.isnan(plotted[2000])


def test_the_formulas_figure_of_both_corpora_breaks_in_1995_1999(shared_data: Path) -> None:
    per_year = force_formulas(per_year=True)  # the shared corpus, both folders
    gap = per_year[per_year["year"].between(1995, 1999)]
    assert gap["gap"].all() and gap["resolutions"].isna().all()
    assert not per_year[per_year["year"].isin([1994, 2000])]["gap"].any()
    fig = formulas_figure(per_year)
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert len(panels) == per_year["formula"].nunique()
    for ax in panels:
        (line,) = ax.get_lines()
        plotted = dict(zip(line.get_xdata().tolist(), line.get_ydata().tolist(), strict=True))
        assert all(math.isnan(plotted[y]) for y in range(1995, 2000))
        assert not math.isnan(plotted[1994]) and not math.isnan(plotted[2000])
        assert [t.get_text() for t in ax.texts] == ["no texts"]
