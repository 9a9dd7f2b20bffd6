"""The mandate-basis counts behind the main figure."""

from __future__ import annotations

import pandas as pd

import bluehelmet as bh
from bluehelmet.register.load import read_table


def test_known_missions_fall_in_their_bars() -> None:
    basis = bh.mandate_basis(1989, 2016)
    cells = set(zip(basis["operation"], basis["year"], basis["category"], strict=True))
    assert ("UNAMSIL", 1999, "Chapter VII") in cells
    assert ("MONUC", 1999, "Chapter VI") in cells
    assert ("MONUC", 2000, "Shift VI to VII") in cells
    assert ("UNOSOM II", 1993, "Chapter VII") in cells


def test_counts_match_an_independent_recount() -> None:
    ops = read_table("operations")
    ev = read_table("mandate_events")
    civil = set(ops.loc[(ops["org"] == "UN") & (ops["context"] == "intrastate"), "acronym"])
    ev = ev[ev["operation"].isin(civil) & ev["date"].dt.year.between(1989, 2016)]
    est = ev[ev["event"] == "establish"]
    shifts = ev[(ev["event"] == "shift") & (ev["chapter_vii"] == True)]  # noqa: E712
    counts = bh.mandate_basis_counts(1989, 2016)
    assert list(counts.index) == list(range(1989, 2017))
    for year in range(1989, 2017):
        in_year = est[est["date"].dt.year == year]
        assert counts.loc[year, "Chapter VII"] == int((in_year["chapter_vii"] == True).sum())  # noqa: E712
        assert counts.loc[year, "Chapter VI"] == int((in_year["chapter_vii"] == False).sum())  # noqa: E712
        assert counts.loc[year, "Shift VI to VII"] == int((shifts["date"].dt.year == year).sum())
    assert counts.to_numpy().sum() == len(est) + len(shifts)


def test_counts_cover_every_year_even_without_missions() -> None:
    counts = bh.mandate_basis_counts(1950, 1951)
    assert counts.to_numpy().sum() == 0
    assert isinstance(counts, pd.DataFrame) and list(counts.index) == [1950, 1951]
