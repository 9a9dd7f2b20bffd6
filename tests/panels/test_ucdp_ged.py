"""UCDP GED importer and conflict-month aggregation."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.ucdp_ged import ged_conflict_month, read_ucdp_ged

DATA = Path(__file__).parents[1] / "data" / "panels"


def test_full_fixture_values() -> None:
    out = read_ucdp_ged(DATA / "ged_full_fixture.csv")
    d = out.data
    assert len(d) == 8 and d["id"].tolist() == list(range(101, 109))
    assert (out.coverage.unit, out.coverage.start, out.coverage.end) == (
        "event",
        "2000-01",
        "2001-12",
    )
    ev = d[d["id"] == 104].iloc[0]
    assert ev[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]].tolist() == [
        1,
        1,
        0,
        2,
    ]
    assert (ev["best"], ev["low"], ev["high"], ev["country_id"]) == (4, 3, 5, 999)
    assert ev["source_headline"] == "Clash, invented"
    assert d.loc[0, "date_start"] == pd.Timestamp("2000-01-05")


def test_conflict_month_rule() -> None:
    out = ged_conflict_month(read_ucdp_ged(DATA / "ged_full_fixture.csv"))
    got = {
        (r.conflict_new_id, r.year, r.month): (
            r.best,
            r.deaths_civilians,
            r.events,
            r.unsplit_events,
        )
        for r in out.itertuples()
    }
    assert got == {
        # 103 (prec 2, 30 Jan-2 Feb) split 2 days / 2 days
        (9001, 2000, 1): (14.0, 5.0, 3, 0),
        (9001, 2000, 2): (8.0, 4.0, 2, 0),
        # 105 (prec 4, 25 Mar-20 Apr) not split: all in March
        (9001, 2000, 3): (10.0, 0.0, 1, 1),
        (9001, 2001, 12): (2.0, 0.0, 1, 0),
        (9002, 2000, 1): (12.0, 12.0, 1, 0),
        # 107 (prec 3, 28 Feb-2 Mar 2000, leap year) split 2 / 2 days
        (9002, 2000, 2): (3.0, 3.0, 1, 0),
        (9002, 2000, 3): (3.0, 3.0, 1, 0),
    }
    assert out["best"].sum() == 52
    assert out.loc[0, "date"] == pd.Timestamp("2000-01-01")


def test_subset_layout_and_refusal() -> None:
    out = read_ucdp_ged(DATA / "ged_subset_fixture.csv")
    assert out.data["best"].tolist() == [18, 11, 7]
    assert out.data.loc[2, "where_coordinates"] == "Goma, town"
    assert (out.coverage.start, out.coverage.end) == ("1996", "2017")
    assert "no month" in out.coverage.note and "conflict" in out.coverage.note
    with pytest.raises(DataFormatError, match="conflict-month aggregation needs the full GED"):
        ged_conflict_month(out)


def test_bad_input() -> None:
    with pytest.raises(
        DataFormatError, match=r"^ged_wrong_layout.csv: column 'date_start' missing"
    ):
        read_ucdp_ged(DATA / "ged_wrong_layout.csv")
    with pytest.raises(DataFormatError, match=r"^ged_duplicated_ids.csv: duplicated key id = 103"):
        read_ucdp_ged(DATA / "ged_duplicated_ids.csv")


def test_inconsistent_deaths_warn(tmp_path: Path) -> None:
    raw = pd.read_csv(DATA / "ged_full_fixture.csv", dtype=str)
    raw.loc[0, "best"] = "7"
    path = tmp_path / "ged.csv"
    raw.to_csv(path, index=False)
    with pytest.warns(UserWarning, match="1 events where best differs"):
        read_ucdp_ged(path)


def test_shared_subset(shared_data: Path) -> None:
    path = shared_data / "conflict" / "ucdp_ged_20_1_subset.csv"
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    out = read_ucdp_ged(path)
    assert len(out.data) == len(rows) == 61296
    assert int(out.data["best"].sum()) == sum(int(r["best"]) for r in rows)
    years = [int(r["year"]) for r in rows]
    assert (out.coverage.start, out.coverage.end) == (str(min(years)), str(max(years)))
    with pytest.raises(DataFormatError):
        ged_conflict_month(out)
