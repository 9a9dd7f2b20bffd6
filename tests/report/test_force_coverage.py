"""Force authorisations per year over 1946-2026: years no text covers are NA, never zero."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import bluehelmet as bh
from bluehelmet.coding.code import code_texts
from bluehelmet.coding.summary import force_by_addressee, force_years, text_coverage
from bluehelmet.documents import load_corpus
from bluehelmet.documents.model import Paragraph, Resolution

AUTHORISES = "1. Authorizes Member States to use all necessary means to restore peace;"


def _resolution(number: int, year: int, text: str = AUTHORISES) -> Resolution:
    return Resolution(
        number, year, None, text, (Paragraph(0, "operative", text, 0, len(text), "1"),)
    )


def test_a_year_without_texts_is_na_and_a_covered_year_without_force_is_zero() -> None:
    # every 1990 and 1991 resolution has a text (646-683, 684-725); nothing after
    texts = [(n, 1990) for n in range(646, 684)] + [(n, 1991) for n in range(684, 726)]
    coverage = text_coverage(texts)
    counts = force_by_addressee(code_texts([_resolution(678, 1990)]), coverage)
    assert counts.index.min() == 1946 and counts.index.max() >= 2022
    assert counts.loc[1990].tolist() == [0, 1, 0]
    assert counts.loc[1991].tolist() == [0, 0, 0]  # covered, no authorisation: a true zero
    assert counts.loc[1996].isna().all() and counts.loc[1989].isna().all()
    assert str(counts.dtypes.iloc[0]) == "Int64"
    listed = force_years(counts, coverage).set_index("year")
    assert 1990 in listed.index and 1991 not in listed.index and 1996 in listed.index
    assert pd.isna(listed.loc[1996, "member_states"]) and listed.loc[1996, "with_text"] == 0


def test_a_text_later_than_the_register_extends_the_years() -> None:
    coverage = text_coverage([(2900, 2027)]).set_index("year")  # the index ends in 2026
    assert coverage.index.max() == 2027
    assert coverage.loc[2027, ["adopted", "with_text"]].tolist() == [1, 1]
    assert bool(coverage.loc[2027, "covered"])


@pytest.fixture(scope="module")
def both_corpora(shared_data: Path) -> list[Resolution]:
    unsc = shared_data / "unsc"
    folders = [unsc / "resolutions_en_1946_1994", unsc / "akn_2000_2026" / "resolutions"]
    return load_corpus(folders, progress=False).resolutions


def test_on_both_corpora_1994_to_1999_are_uncovered_and_na(
    both_corpora: list[Resolution],
) -> None:
    coverage = text_coverage((r.number, r.year) for r in both_corpora)
    covered = coverage.set_index("year")["covered"]
    assert covered.index.min() == 1946 and covered.index.max() == 2026
    assert not covered.loc[1994:1999].any()
    assert covered.loc[1946:1993].all() and covered.loc[2000:2026].all()
    # code two resolutions only (fast): the chart's data for 1996 is NA, not 0
    chosen = [r for r in both_corpora if r.number in (678, 2100)]
    counts = force_by_addressee(code_texts(chosen), coverage)
    assert counts.loc[1996].isna().all()
    assert counts.loc[1990, "member_states"] == 1
    assert counts.loc[2013, "un_operation"] == 1 and counts.loc[2013, "member_states"] == 1
    assert counts.loc[2020].tolist() == [0, 0, 0]


def test_report_reads_several_folders_and_shades_years_without_texts(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old"
    old.mkdir()
    for n in (97, 98):  # all of 1952
        name = f"S_RES_{n:04d}_1952_EN_GOLD.txt"
        shutil.copy(shared_data / "unsc" / "resolutions_en_1946_1994" / name, old / name)
    shutil.copytree(
        shared_data / "unsc" / "akn_2000_2026" / "resolutions" / "2013", tmp_path / "akn" / "2013"
    )
    monkeypatch.setenv("BLUEHELMET_SHARED_DATA", str(tmp_path / "nowhere"))  # no partnership
    monkeypatch.setenv("BLUEHELMET_CORPUS", f"{old}{os.pathsep}{tmp_path / 'akn'}")
    html = bh.build_report(tmp_path / "out").read_text()
    section = html.split('id="force"')[1].split("<h2")[0]
    assert "<code>old</code>, <code>akn</code>" in section
    assert "read 49 resolutions" in section
    assert "Resolutions per year, 1946–2026" in section
    assert "no resolution texts" in section  # the legend of the shaded bands
    shaded = section.split("are in the corpus): ")[1].split(".")[0]
    assert shaded == "1946–1951, 1953–2012, 2014–2026"
    table = section.split("<table")[1].split("</table>")[0]
    table = re.sub(r' class="(?:short|text|prose)"', "", table)  # cells' layout classes
    row_2013 = re.findall(r"<td>([^<]*)</td>", table.split("<td>2013</td>")[1].split("</tr>")[0])
    assert row_2013[-2:] == ["47", "47"] and int(row_2013[0]) >= 1
    row_1996 = re.findall(r"<td>([^<]*)</td>", table.split("<td>1996</td>")[1].split("</tr>")[0])
    assert row_1996[:3] == ["", "", ""]
