"""The reuse explorer's per-year chart shades the years no resolution text covers."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.etree
import pandas as pd

from bluehelmet.web.sections.reuse.charts import family_years_chart
from bluehelmet.web.sections.reuse.data import compute


def test_years_without_texts_are_shaded_not_empty_slots() -> None:
    years = pd.DataFrame(
        {"year": [1993, 2000], "resolutions": [2, 1], "symbols": ["S/RES/1, S/RES/2", "S/RES/3"]}
    )
    chart = lxml.etree.fromstring(str(family_years_chart(years, 1993, "F", set(range(1994, 2000)))))
    ns = {"s": "http://www.w3.org/2000/svg"}
    shaded = chart.findall(".//s:rect[@class='tip no-texts']", ns)
    assert [r.findtext("s:title", namespaces=ns) for r in shaded] == [
        f"{y}: no resolution texts" for y in range(1994, 2000)
    ]
    bars = [a.get("aria-label") for a in chart.iter("{http://www.w3.org/2000/svg}a")]
    assert bars == ["1993: 2 resolutions — S/RES/1, S/RES/2", "2000: 1 resolution — S/RES/3"]
    assert "no resolution texts" in "".join(chart.itertext())
    assert "1994–1999" in chart.findtext("s:desc", namespaces=ns)
    plain = str(family_years_chart(years, 1993, "F"))
    assert "no-texts" not in plain and "no resolution texts" not in plain


def test_the_explorer_knows_which_years_lack_texts(shared_data: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    for f in (shared_data / "unsc" / "resolutions_en_1946_1994").glob("S_RES_*_1993_*"):
        shutil.copy(f, old / f.name)
    akn = shared_data / "unsc" / "akn_2000_2026" / "resolutions" / "2000"
    shutil.copytree(akn, tmp_path / "akn" / "2000")
    data = compute([str(old), str(tmp_path / "akn")])
    assert data.uncovered == frozenset(range(1994, 2000))
    assert data.folders == (str(old), str(tmp_path / "akn"))
    numbers = set(data.paragraphs["number"].dropna().astype(int))
    assert {816, 1285} <= numbers


def test_a_resolution_in_two_folders_is_explored_once_and_said(tmp_path: Path) -> None:
    text = (
        "RESOLUTION 1000 (1995)\n\nThe Security Council,\n\n1. Decides to extend the mandate "
        "of the United Nations Peacekeeping Force in Cyprus for a further period ending 31 "
        "December 1995;\n"
    )
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "S_RES_1000_1995_EN.txt").write_text(text)
    data = compute([str(tmp_path / "a"), str(tmp_path / "b")])
    assert data.paragraphs.duplicated(["doc", "id"]).sum() == 0
    assert len(data.paragraphs) == 1
    assert any("duplicate (doc, id)" in p for p in data.problems)
