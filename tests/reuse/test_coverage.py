"""Yearly coverage, gaps, cross-kind pairs and per-era boilerplate (synthetic and real)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bluehelmet.reuse.coverage import coverage, yearly
from bluehelmet.reuse.explore import explore
from bluehelmet.reuse.measures import resolution_reuse
from bluehelmet.reuse.schema import PAIR_COLUMNS

SHARED = Path(os.environ.get("BLUEHELMET_SHARED_DATA", "/work/shared/data")) / "unsc"
TEXT = "the council decides to extend the mandate of the mission for a further twelve months"


def _paragraphs(years: list[int], per_year: int = 3, kind: str = "resolution") -> pd.DataFrame:
    rows = []
    for year in years:
        for k in range(per_year):
            doc = f"{kind[0]}{year}-{k}"
            text = f"{TEXT} {'and ' * k}notes item {year} {k} of its own unique wording here"
            rows.append(dict(doc=doc, id="1", text=text, date=f"{year}-03-0{k + 1}", kind=kind))
    return pd.DataFrame(rows)


def _pair(source: str, target: str) -> list[object]:
    return [source, "1", target, "1", 1.0, 1.0, 0, 10, 0, 10]


def test_planted_gap_years_are_rows_with_na_measures_never_zero() -> None:
    paras = _paragraphs([1990, 1991, 1995, 1996])
    pairs = pd.DataFrame([_pair("r1990-0", "r1991-0")], columns=list(PAIR_COLUMNS))
    table = yearly(pairs, paras, lookback=3, n_boot=50).set_index("year")
    assert table.index.tolist() == list(range(1990, 1997))
    gaps = table.loc[1992:1994]
    assert gaps["gap"].all() and (gaps["n_docs"] == 0).all()
    for column in ("repetition_index", "ci_low", "ci_high", "novelty_median"):
        assert gaps[column].isna().all(), column
    assert not table.loc[[1990, 1991, 1995, 1996], "gap"].any()
    assert table.loc[1991, "repetition_index"] > 0
    # 1995 looks back at 1992-1994 (all missing), 1996 at 1993-1995 (two missing)
    assert table.loc[1995, "past_years_missing"] == 3
    assert table.loc[1996, "past_years_missing"] == 2
    assert table.loc[1991, "past_complete"] and not table.loc[1996, "past_complete"]


def test_coverage_against_a_small_adopted_table() -> None:
    paras = _paragraphs([2000, 2002], per_year=2)
    adopted = pd.DataFrame({"year": [2000, 2001, 2002], "n_docs_adopted": [4, 3, 0]})
    table = coverage(paras, adopted).set_index("year")
    assert table["n_docs_adopted"].tolist() == [4, 3, 0]
    assert table.loc[2000, "coverage"] == 0.5
    assert table.loc[2001, "gap"] and table.loc[2001, "coverage"] == 0
    # more texts than adopted resolutions (none adopted): no share, and not a gap
    assert pd.isna(table.loc[2002, "coverage"]) and not table.loc[2002, "gap"]
    # years with adopted resolutions before the first text are gaps too
    earlier = pd.concat([adopted, pd.DataFrame({"year": [1998], "n_docs_adopted": [5]})])
    table = coverage(paras, earlier).set_index("year")
    assert table.index.tolist() == [1998, 1999, 2000, 2001, 2002]
    assert table.loc[1998, "gap"] and pd.isna(table.loc[1999, "n_docs_adopted"])
    assert table.loc[1999, "gap"]  # adoptions unknown, no text: a gap like any year without


def test_full_coverage_narrows_the_interval_to_the_value() -> None:
    paras = _paragraphs([2000, 2001], per_year=4)
    pairs = pd.DataFrame([_pair("r2000-0", "r2001-0")], columns=list(PAIR_COLUMNS))
    full = pd.DataFrame({"year": [2000, 2001], "n_docs_adopted": [4, 4]})
    half = pd.DataFrame({"year": [2000, 2001], "n_docs_adopted": [8, 8]})
    row = yearly(pairs, paras, full, n_boot=200).set_index("year").loc[2001]
    assert row["ci_low"] == row["ci_high"] == row["repetition_index"] > 0
    wide = yearly(pairs, paras, half, n_boot=200).set_index("year").loc[2001]
    assert wide["ci_low"] < wide["repetition_index"] < wide["ci_high"]
    plain = yearly(pairs, paras, None, n_boot=200).set_index("year").loc[2001]
    assert plain["ci_high"] - plain["ci_low"] > wide["ci_high"] - wide["ci_low"]


def test_cross_kind_pairs_are_not_reuse_but_are_counted() -> None:
    paras = pd.concat([_paragraphs([2000], 1), _paragraphs([2001], 1, "presidential_statement")])
    pairs = pd.DataFrame([_pair("r2000-0", "p2001-0")], columns=list(PAIR_COLUMNS))
    shares = resolution_reuse(pairs, paras).set_index("doc")
    assert shares.loc["p2001-0", "reused_share"] == 0.0
    assert shares.loc["p2001-0", "kind"] == "presidential_statement"
    same = paras.assign(kind="resolution")
    assert resolution_reuse(pairs, same).set_index("doc").loc["p2001-0", "reused_share"] > 0


def test_explore_keeps_cross_kind_pairs_and_reports_them_apart() -> None:
    paras = pd.concat([_paragraphs([2000], 1), _paragraphs([2001], 1, "presidential_statement")])
    paras["text"] = TEXT
    t = explore(paras)
    assert len(t.pairs) == 1  # the engine keeps it
    assert t.kind_pairs.values.tolist() == [["resolution", "presidential_statement", 1, False]]
    assert t.resolution_shares["reused_share"].tolist() == [0.0, 0.0]
    assert t.yearly["kind"].tolist() == ["presidential_statement", "resolution", "resolution"]


def test_a_formula_frequent_only_in_the_late_era_is_boilerplate_there() -> None:
    # 600 early documents (1950-1969), a gap, 400 late ones (2000-2019). The standard
    # paragraph is in 30 late documents: not over max(20, 5% of 1000) = 50 over all years,
    # but over max(20, 5% of 400) = 20 within the late era.
    rows = []
    for k in range(600):
        rows.append(dict(doc=f"E{k}", id="1", text=f"early text number {k} " * 3,
                         date=f"{1950 + k // 30}-01-01"))  # fmt: skip
    standard = "requests the secretary general to report on sexual exploitation and abuse"
    for k in range(400):
        text = standard if k < 30 else f"late text number {k} " * 3
        rows.append(dict(doc=f"L{k}", id="1", text=text, date=f"{2000 + k // 20}-01-01"))
    paras = pd.DataFrame(rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one_era = explore(paras, eras=())
        per_era = explore(paras)
    assert one_era.params["min_docs"] == 50 and one_era.boilerplate_families.empty
    assert len(one_era.pairs) == 30 * 29 // 2  # not boilerplate: ordinary reuse
    assert per_era.params["era_starts"] == [2000] and per_era.params["min_docs"] == [30, 20]
    families = per_era.boilerplate_families
    assert families[["era", "size", "documents", "first_doc"]].values.tolist() == [
        ["2000-2019", 30, 30, "L0"]
    ]
    assert families["example"].tolist() == [standard]
    assert len(per_era.boilerplate_pairs) == 30 * 29 // 2 and per_era.pairs.empty


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared data")
def test_real_corpus_1995_1999_are_gaps_and_2000_has_an_incomplete_past() -> None:
    from bluehelmet.documents.convert import ALL_KINDS
    from bluehelmet.documents.corpus import load_corpus
    from bluehelmet.reuse.coverage import adopted_per_year
    from bluehelmet.reuse.inputs import paragraphs_from_resolutions

    folders = [SHARED / "resolutions_en_1946_1994", SHARED / "akn_2000_2026"]
    corpus = load_corpus(folders, kinds=ALL_KINDS, progress=False)
    paras = paragraphs_from_resolutions(corpus.resolutions)
    table = coverage(paras, adopted_per_year())
    res = table[table["kind"] == "resolution"].set_index("year")
    assert res.loc[1995:1999, "gap"].all() and (res.loc[1995:1999, "n_docs"] == 0).all()
    assert not res.loc[[1994, 2000], "gap"].any()
    # past_complete from yearly without pairs (no engine run)
    empty = pd.DataFrame(columns=list(PAIR_COLUMNS))
    y = yearly(empty, paras, adopted_per_year(), n_boot=10)
    y = y[y["kind"] == "resolution"].set_index("year")
    assert y.loc[1995:1999, "repetition_index"].isna().all()
    assert not y.loc[2000, "past_complete"] and y.loc[2000, "past_years_missing"] == 5
    assert bool(np.all(y.loc[1991:1994, "past_complete"]))
