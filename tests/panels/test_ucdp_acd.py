"""UCDP/PRIO ACD importer."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.ucdp_acd import read_ucdp_acd

DATA = Path(__file__).parents[1] / "data" / "panels"


def test_fixture_values() -> None:
    out = read_ucdp_acd(DATA / "acd_fixture.csv")
    d = out.data
    assert len(d) == 3
    assert d["gwno_loc"].tolist() == ["999", "999", "999, 998"]
    assert d["gwno_loc_first"].tolist() == [999, 999, 999]
    assert d.loc[0, "side_b_id"] == "902, 903"
    assert d.loc[1, "ep_end_date"] == pd.Timestamp("1999-12-21")
    assert pd.isna(d.loc[0, "ep_end_date"]) and pd.isna(d.loc[0, "side_a_2nd"])
    assert d["intensity_level"].tolist() == [1, 2, 1]
    assert (out.coverage.source, out.coverage.unit) == ("ucdp_acd_20_1", "conflict-year")
    assert (out.coverage.start, out.coverage.end) == ("1998", "1999")


def test_bad_input() -> None:
    with pytest.raises(DataFormatError, match=r"^acd_wrong_layout.csv: column 'gwno_loc' missing"):
        read_ucdp_acd(DATA / "acd_wrong_layout.csv")
    with pytest.raises(DataFormatError, match=r"^acd_duplicated.csv: duplicated key .*9001, 1998"):
        read_ucdp_acd(DATA / "acd_duplicated.csv")


def test_shared_file(shared_data: Path) -> None:
    path = shared_data / "conflict" / "ucdp_prio_acd_20_1.csv"
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    out = read_ucdp_acd(path)
    assert len(out.data) == len(rows) == 2448
    assert (out.coverage.start, out.coverage.end) == ("1946", "2019")
    india = out.data[(out.data["conflict_id"] == 11342) & (out.data["year"] == 2012)].iloc[0]
    assert india["location"] == "India" and india["gwno_loc_first"] == 750
    multi = [r for r in rows if r["gwno_loc"] == "651, 666"]
    ours = out.data[out.data["gwno_loc"] == "651, 666"]
    assert len(ours) == len(multi) > 0 and (ours["gwno_loc_first"] == 651).all()
