"""IPI mission-month importer: fixture values, bad layouts and the shared file."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.ipi import read_ipi

DATA = Path(__file__).parents[1] / "data" / "panels"
REGISTER = pd.DataFrame({"acronym": ["UNAMSIL"], "start_date": pd.to_datetime(["1999-10-22"])})


def test_fixture_values() -> None:
    with pytest.warns(UserWarning, match="1 IPI mission names not in .*UNOTESTIA"):
        out = read_ipi(DATA / "ipi_fixture.csv", register=REGISTER)
    d = out.data
    assert len(d) == 4
    first = d.iloc[0]
    assert (first["mission"], first["year"], first["month"]) == ("UNAMSIL", 1999, 1)
    assert first["date"] == pd.Timestamp("1999-01-01")
    assert pd.isna(first["troops"]) and pd.isna(first["police"])
    assert first["observers"] == 12 and first["total"] == 12 and first["host_iso3"] == "SLE"
    assert d["before_start"].tolist()[:3] == [True, False, False]
    other = d[d["mission"] == "UNOTESTIA"].iloc[0]
    assert pd.isna(other["before_start"]) and pd.isna(other["register_acronym"])
    assert d.loc[2, ["troops", "police", "observers", "total"]].tolist() == [8000, 30, 250, 8280]
    assert (out.coverage.source, out.coverage.unit) == ("ipi", "mission-month")
    assert (out.coverage.start, out.coverage.end) == ("1999-01", "2000-02")


def test_wrong_layout_names_file_and_column() -> None:
    with pytest.raises(DataFormatError, match=r"^ipi_wrong_layout.csv: column 'Mission' missing"):
        read_ipi(DATA / "ipi_wrong_layout.csv", register=REGISTER)


def test_duplicated_mission_month() -> None:
    with pytest.raises(
        DataFormatError, match=r"ipi_duplicated.csv: duplicated key .*UNAMSIL, 2000, 2"
    ):
        read_ipi(DATA / "ipi_duplicated.csv", register=REGISTER)


def test_shared_file(shared_data: Path) -> None:
    path = shared_data / "deployments" / "ipi_mission_month_1990_2017.csv"
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    unamsil = [r for r in rows if r["Mission"] == "UNAMSIL"]
    with pytest.warns(UserWarning, match="not in the operations register"):
        out = read_ipi(path)
    d = out.data
    assert len(d) == len(rows) == 5330
    assert d["mission"].nunique() == len({r["Mission"] for r in rows}) == 78
    assert (out.coverage.start, out.coverage.end) == ("1990-11", "2017-03")
    ours = d[d["mission"] == "UNAMSIL"]
    assert len(ours) == len(unamsil)
    assert ours["date"].min() == pd.Timestamp("1999-01-01")
    # README quirk: UNAMSIL rows start 1999-01, before resolution 1270 (22 October 1999).
    jan = ours[ours["date"] == "1999-01-01"].iloc[0]
    raw_jan = next(r for r in unamsil if r["Date"] == "1999-01-31")
    assert jan["total"] == int(raw_jan["Total"]) and jan["before_start"]
    assert not ours[ours["date"] == "1999-11-01"]["before_start"].iloc[0]
    assert int(d["total"].sum()) == sum(int(r["Total"]) for r in rows)
