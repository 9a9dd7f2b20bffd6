"""Bara-Hultman importer: a written .dta fixture, bad input and the shared file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.bara_hultman import read_bara_hultman


def _raw() -> pd.DataFrame:
    """Two missions in conflict 285 in one month; one mission in two Bosnian conflicts."""
    n = 4
    return pd.DataFrame(
        {
            "ccode": [490, 490, 346, 346],
            "location": ["DR Congo (Zaire)"] * 2 + ["Bosnia-Herzegovina"] * 2,
            "conflictid": [285, 285, 394, 395],
            "episodenum": [28502, 28502, 39401, 39501],
            "activity": [1, 1, 0, 0],
            "incomp": [2, 2, 1, 1],
            "date": pd.to_datetime(["2003-06-01", "2003-06-01", "1996-03-01", "1996-03-01"]),
            "year": [2003, 2003, 1996, 1996],
            "missionid": [490023.0, 490001.0, 346060.0, 346060.0],
            "mission": ["EUFOR", "MONUC", "IFOR", "IFOR"],
            "org": [3.0, 1.0, 2.0, 2.0],
            "onlypolice": [0.0] * n,
            "troops_iepo": [1400.0, 8700.5, 60000.0, 60000.0],
            "police_iepo": [0.0, 0.0, 0.0, 0.0],
            "observers_iepo": [0.0, 550.0, 0.0, 0.0],
            "totals_iepo": [1400.0, 9250.5, 60000.0, 60000.0],
        }
    )


def test_fixture_values(tmp_path: Path) -> None:
    path = tmp_path / "bh.dta"
    _raw().to_stata(path, write_index=False)
    out = read_bara_hultman(path)
    d = out.data
    assert len(d) == 4
    assert dict(zip(d["mission"], d["org"], strict=True)) == {
        "EUFOR": "international",
        "MONUC": "un",
        "IFOR": "regional",
    }
    monuc = d[d["mission"] == "MONUC"].iloc[0]
    assert (monuc["conflict_id"], monuc["year"], monuc["month"]) == (285, 2003, 6)
    assert monuc["troops"] == 8700.5 and monuc["observers"] == 550.0
    # conflict view: sum missions per conflict-month; mission view: one row per mission-month
    assert d[(d["conflict_id"] == 285)]["troops"].sum() == 10100.5
    assert len(d.drop_duplicates(["mission_id", "date"])) == 3
    assert (out.coverage.start, out.coverage.end) == ("1996-03", "2003-06")
    assert out.coverage.unit == "mission-conflict-month"


def test_duplicated_key(tmp_path: Path) -> None:
    path = tmp_path / "dup.dta"
    raw = _raw()
    pd.concat([raw, raw.iloc[[1]]]).to_stata(path, write_index=False)
    with pytest.raises(DataFormatError, match=r"^dup.dta: duplicated key .*490001, 285, 2003-06"):
        read_bara_hultman(path)


def test_wrong_layout_and_unknown_org(tmp_path: Path) -> None:
    path = tmp_path / "bad.dta"
    _raw().drop(columns="missionid").to_stata(path, write_index=False)
    with pytest.raises(DataFormatError, match=r"^bad.dta: column 'missionid' missing"):
        read_bara_hultman(path)
    _raw().assign(org=[1.0, 4.0, 2.0, 2.0]).to_stata(path, write_index=False)
    with pytest.raises(DataFormatError, match=r"column 'org' has 1 values outside"):
        read_bara_hultman(path)


def test_shared_file(shared_data: Path) -> None:
    path = shared_data / "deployments" / "bara_hultman_un_nonun_v2_2019.dta"
    raw = pd.read_stata(path)
    out = read_bara_hultman(path)
    assert len(out.data) == len(raw) == 8100
    assert (out.coverage.start, out.coverage.end) == ("1993-01", "2016-12")  # codebook: 1993-2016
    counts = out.data["org"].value_counts()
    assert counts["un"] == (raw["org"] == 1).sum()
    assert counts["international"] == (raw["org"] == 3).sum()
    # codebook: from 2015 SIPRI merges observers into troops (observers 0); the
    # interpolated series reaches 0 by December 2015
    assert (raw.loc[raw["year"] >= 2015, "SIPRI_observers"].dropna() == 0).all()
    late = out.data["date"] >= pd.Timestamp("2015-12-01")
    assert (out.data.loc[late, "observers"] == 0).all()
    # codebook: the same conflict-month holds several missions
    assert out.data.duplicated(["conflict_id", "date"]).any()
    assert out.data["troops"].sum() == pytest.approx(raw["troops_iepo"].sum())
