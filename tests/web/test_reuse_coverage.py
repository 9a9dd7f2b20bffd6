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
