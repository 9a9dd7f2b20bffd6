"""The report's carry-over table on two MINUSMA mandates written by hand; the force formulas'
two tables from one search."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest

import bluehelmet as bh
from bluehelmet.register.query import mandate_events, operations
from bluehelmet.reuse.templates import force_formulas, formula_tables
from tests.carryover_corpus import SHARE_PREVIOUS, write_two_mandates


def test_the_report_shows_the_carryover_of_each_operation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_two_mandates(tmp_path / "corpus")
    monkeypatch.setenv("BLUEHELMET_SHARED_DATA", str(tmp_path / "nowhere"))  # no partnership
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(corpus))
    html = bh.build_report(tmp_path / "out").read_text()
    part = html.split('id="reuse-carryover"')[1].split("</table>")[0] + "</table>"
    shown = pd.read_html(StringIO(part), flavor="lxml")[0].set_index("operation")
    # mandates 1999-2026 of multidimensional operations, counted from the register here
    ops = operations()
    multi = set(ops.loc[ops["type"] == "multidimensional", "acronym"])
    events = mandate_events().drop_duplicates(["operation", "resolution"])
    events = events[events["operation"].isin(multi) & events["date"].dt.year.between(1999, 2026)]
    minusma = int((events["operation"] == "MINUSMA").sum())
    assert shown.loc["MINUSMA", "mandates 1999–2026"] == minusma
    assert shown.loc["all", "mandates 1999–2026"] == len(events)
    assert shown.loc["MINUSMA", "with text"] == shown.loc["all", "with text"] == 2
    # 2100 is the first mandate: the median from the previous one is 2164's alone
    row = shown.loc["MINUSMA"]
    assert row["from the previous mandate"] == pytest.approx(SHARE_PREVIOUS, abs=0.03)
    assert row["from other operations' mandates"] == 0
    assert row["new"] == pytest.approx((1 + (1 - SHARE_PREVIOUS)) / 2, abs=0.03)
    # every operation without any text has blank medians, never zeros
    blank = shown.drop(index=["MINUSMA", "all"])
    assert (blank["with text"] == 0).all() and blank["new"].isna().all()
    lead = re.sub(r"\s+", " ", html.split('id="reuse-carryover"')[1].split("<table")[0])
    assert f"Of the {len(events):,} mandate resolutions" in lead
    assert f"carries {row['from the previous mandate']:.2f} of its operative characters" in lead


def test_formula_tables_are_force_formulas_both_ways() -> None:
    p = pd.DataFrame(
        {
            "resolution": [1289, 1291, 1270, 2100],
            "date": ["2000-02-07", "2000-02-24", "1994-10-22", "2013-04-25"],
            "year": [2000, 2000, 1994, 2013],
            "text": ["take the necessary action", "all necessary means", "x", "necessary action"],
            "operations": ["UNAMSIL", "MONUC", "", "MINUSMA"],
        }
    )
    first, per_year = formula_tables(p)
    pd.testing.assert_frame_equal(first, force_formulas(paragraphs=p))
    pd.testing.assert_frame_equal(per_year, force_formulas(paragraphs=p, per_year=True))
    assert first.set_index("formula").loc["necessary action", "resolutions"] == 2
