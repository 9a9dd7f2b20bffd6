"""UCDP Conflict Termination importer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.ucdp_termination import read_ucdp_termination


def _years() -> pd.DataFrame:
    n = 5
    return pd.DataFrame(
        {
            "conflictep_id": [90011, 90011, 90011, 90012, 90012],
            "conflictepisode": [1, 1, 1, 2, 2],
            "conflict_id": [9001] * n,
            "year": [1990, 1991, 1992, 1999, 2020],
            "confterm": [0, 0, 1, 0, 0],
            "ependdate": pd.to_datetime([None, None, "1992-06-02", None, None]),
            "ependprec": [None, None, 1.0, None, None],
            "outcome": [None, None, 1.0, None, None],
            "recur": [0, 0, 0, 1, 0],
            "location": ["Testland"] * n,
            "side_a": ["Government of Testland"] * n,
            "side_b": ["TLF"] * 3 + ["TLF-2"] * 2,
            "incompatibility": [2] * n,
            "intensity_level": [1, 2, 1, 1, 1],
            "type_of_conflict": [3] * n,
            "start_date2": pd.to_datetime(["1990-01-05"] * 3 + ["1999-02-01", "2020-03-01"]),
            "gwno_loc": [999] * n,
        }
    )


def test_fixture_values(tmp_path: Path) -> None:
    path = tmp_path / "term.xlsx"
    _years().to_excel(path, index=False)
    with pytest.warns(UserWarning, match="1 conflictep_id values hold rows of a second episode"):
        out = read_ucdp_termination(path)
    d = out.data
    assert len(d) == 3
    first = d.iloc[0]
    assert (first["first_year"], first["last_year"], first["outcome"]) == (
        1990,
        1992,
        "peace agreement",
    )
    assert first["end_date"] == pd.Timestamp("1992-06-02") and first["terminated"]
    assert d["recur"].tolist() == [False, True, False]
    assert pd.isna(d.loc[2, "outcome"]) and not d.loc[2, "terminated"]
    assert (out.coverage.unit, out.coverage.start, out.coverage.end) == (
        "conflict-episode",
        "1990",
        "2020",
    )


def test_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    _years().drop(columns="outcome").to_excel(path, index=False)
    with pytest.raises(DataFormatError, match=r"^bad.xlsx: column 'outcome' missing"):
        read_ucdp_termination(path)
    pd.concat([_years(), _years().iloc[[0]]]).to_excel(path, index=False)
    with pytest.raises(DataFormatError, match=r"^bad.xlsx: duplicated key .*9001, 1990"):
        read_ucdp_termination(path)
    _years().assign(outcome=[None, None, 9.0, None, None]).to_excel(path, index=False)
    with pytest.raises(DataFormatError, match="column 'outcome' has 1 unknown codes"):
        read_ucdp_termination(path)


def test_shared_file(shared_data: Path) -> None:
    path = shared_data / "conflict" / "ucdp_conflict_termination_3_2021.xlsx"
    raw = pd.read_excel(path)
    with pytest.warns(UserWarning, match="second episode"):
        out = read_ucdp_termination(path)
    d = out.data
    assert len(d) == len(raw[["conflictep_id", "start_date2"]].drop_duplicates())
    assert int(d["terminated"].sum()) == int(raw["confterm"].sum())
    assert (out.coverage.start, out.coverage.end) == ("1946", "2020")
    # Ethiopia, episode 26702: EPRDF victory (side B) on 2 June 1991 ended it.
    eth = d[(d["episode_id"] == 26702) & (d["last_year"] == 1991)].iloc[0]
    assert eth["location"] == "Ethiopia" and eth["outcome"] == "victory side b"
    assert eth["end_date"] == pd.Timestamp("1991-06-02")
