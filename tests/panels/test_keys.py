"""Merge keys on the panels (UCDP ids and names, GW, COW, ISO3) and the year aggregates.

Expected codes are looked up here independently, in ``gw_states.csv`` read with pandas,
and expected sums are computed from the raw IPI and ACD files, never by the code tested.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.panels.build import panel
from bluehelmet.panels.keys import country_keys

IPI = Path("deployments/ipi_mission_month_1990_2017.csv")
ACD = Path("conflict/ucdp_prio_acd_20_1.csv")
PERSONNEL = ("troops", "police", "observers", "total")
ignore_warnings = pytest.mark.filterwarnings("ignore::UserWarning")


def crosswalk(column: str, code: object, day: str, want: str) -> object:
    """The ``want`` code of the gw_states.csv row with ``column == code`` in force on ``day``."""
    table = pd.read_csv(str(files("bluehelmet") / "data" / "gw_states.csv"))
    start, end = table["start_date"].fillna("0000-01-01"), table["end_date"].fillna("9999-12-31")
    rows = table[(table[column] == code) & (start <= day) & (day <= end)]
    assert len(rows) == 1, (column, code, day)
    return rows[want].iloc[0]


@pytest.fixture(scope="module")
def conflicts(shared_data: Path) -> pd.DataFrame:
    with pytest.warns(UserWarning):
        return panel(start="1993-01", end="2016-12", shared=shared_data).data


@pytest.fixture(scope="module")
def raw_ipi(shared_data: Path) -> pd.DataFrame:
    raw = pd.read_csv(shared_data / IPI)
    raw["year"] = raw["Date"].str[:4].astype(int)
    return raw


@pytest.mark.shared
def test_conflict_month_keys_typed(conflicts: pd.DataFrame) -> None:
    for column in ("conflict_id", "gwno_loc", "cown", "year"):
        assert str(conflicts[column].dtype) == "Int64", column
    for column in ("iso3", "conflict_name", "gwno_loc_all"):
        assert str(conflicts[column].dtype) == "string", column
    assert not conflicts.duplicated(["conflict_id", "date"]).any()
    assert conflicts["conflict_name"].notna().all() and conflicts["gwno_loc"].notna().all()


@pytest.mark.shared
def test_conflict_location_from_acd_and_crosswalk(
    conflicts: pd.DataFrame, shared_data: Path
) -> None:
    acd = pd.read_csv(shared_data / ACD, dtype=str)
    sle = acd[(acd.conflict_id == "382") & (acd.year == "2000")].iloc[0]
    row = conflicts[(conflicts.conflict_id == 382) & (conflicts.date == "2000-03-01")].iloc[0]
    assert row.gwno_loc == int(sle.gwno_loc)
    assert row.cown == crosswalk("gwno", int(sle.gwno_loc), "2000-03-31", "cown")
    assert row.iso3 == crosswalk("gwno", int(sle.gwno_loc), "2000-03-31", "iso3") == "SLE"
    assert sle.location in row.conflict_name and sle.side_a in row.conflict_name


@pytest.mark.shared
def test_two_location_conflict_keeps_one_row(conflicts: pd.DataFrame, shared_data: Path) -> None:
    acd = pd.read_csv(shared_data / ACD, dtype=str)
    listed = acd[(acd.conflict_id == "11348") & (acd.year == "2012")].gwno_loc.iloc[0]
    assert listed == "625, 626"  # Sudan–South Sudan, both listed by ACD
    rows = conflicts[(conflicts.conflict_id == 11348) & (conflicts.year == 2012)]
    assert len(rows) == 12
    assert set(rows.gwno_loc) == {625} and set(rows.gwno_loc_all) == {"625;626"}


@pytest.mark.shared
def test_kosovo_after_2006_takes_the_continuing_state(conflicts: pd.DataFrame) -> None:
    # Conflict 412 (Serbia vs UCK, ACD location GW 345) has KFOR/UNMIK months after GW 345
    # ended on 2006-06-04; COW keeps 345 for Serbia and the crosswalk gives GW 345 to SRB.
    late = conflicts[(conflicts.conflict_id == 412) & (conflicts.date == "2010-01-01")].iloc[0]
    assert late.gwno_loc == 345
    assert late.cown == crosswalk("gwno", 340, "2010-01-31", "cown") == 345
    assert late.iso3 == crosswalk("gwno", 345, "2000-01-31", "iso3") == "SRB"


@pytest.mark.shared
@ignore_warnings
def test_host_codes_by_month_match_the_crosswalk(shared_data: Path) -> None:
    months = panel(unit="mission-month", start="2006-01", end="2011-12", shared=shared_data).data
    for column in ("gwno", "cown"):
        assert str(months[column].dtype) == "Int64"
    assert str(months["iso3"].dtype) == "string"

    def codes(mission: str, month: str) -> tuple[int, int]:
        row = months[(months.mission == mission) & (months.date == month)].iloc[0]
        return int(row.gwno), int(row.cown)

    for mission, month, last_day, iso3 in [
        ("UNMIK", "2006-05-01", "2006-05-31", "SRB"),
        ("UNMIK", "2006-07-01", "2006-07-31", "SRB"),
        ("UNAMID", "2011-08-01", "2011-08-31", "SDN"),
        ("UNMISS", "2011-08-01", "2011-08-31", "SSD"),
    ]:
        expected = (
            int(crosswalk("iso3", iso3, last_day, "gwno")),
            int(crosswalk("iso3", iso3, last_day, "cown")),
        )
        assert codes(mission, month) == expected
    assert codes("UNMIK", "2006-05-01") == (345, 345)
    assert codes("UNMIK", "2006-07-01") == (340, 345)
    assert codes("UNMISS", "2011-08-01") == (626, 626)
    assert codes("UNAMID", "2011-08-01") == (625, 625)


def test_month_end_decides_the_code() -> None:
    # South Sudan became independent on 2011-07-09: in force at the end of July, not June.
    with pytest.warns(UserWarning, match="SSD"):
        keys = country_keys(
            pd.Series(["SSD", "SSD"]), pd.Series(pd.to_datetime(["2011-06-01", "2011-07-01"]))
        )
    assert keys["gwno"].isna().tolist() == [True, False]
    assert int(keys["gwno"].iloc[1]) == 626 and int(keys["cown"].iloc[1]) == 626


@pytest.mark.shared
@ignore_warnings
def test_operation_year_sums_its_months(shared_data: Path, raw_ipi: pd.DataFrame) -> None:
    years = panel(unit="operation-year", start="1990-01", end="2017-12", shared=shared_data).data
    assert not years.duplicated(["mission", "year"]).any()
    for column in ("year", "gwno", "cown", "months", "months_covered", "troops_person_months"):
        assert str(years[column].dtype) == "Int64", column
    raw = raw_ipi[(raw_ipi.Mission == "UNMIL") & (raw_ipi.year == 2005)]
    row = years[(years.mission == "UNMIL") & (years.year == 2005)].iloc[0]
    for kind in PERSONNEL:
        assert row[f"{kind}_person_months"] == raw[kind.title()].sum()
        assert row[f"{kind}_mean"] == pytest.approx(raw[kind.title()].mean())
    assert row.months == len(raw) == 12
    assert (row.iso3, row.gwno, row.cown) == ("LBR", 450, 450)
    # IPI covers 1990-11 to 2017-03: the edge years count only the months inside.
    assert set(years.loc[years.year == 2017, "months_covered"]) == {3}
    assert set(years.loc[years.year == 1990, "months_covered"]) == {2}


@pytest.mark.shared
@ignore_warnings
def test_operation_year_keeps_na_never_zero(shared_data: Path, raw_ipi: pd.DataFrame) -> None:
    years = panel(unit="operation-year", start="1990-01", end="2017-12", shared=shared_data).data
    none = raw_ipi.groupby(["Mission", "year"])["Troops"].apply(lambda s: s.isna().all())
    mission, year = none[none].index[0]
    row = years[(years.mission == mission) & (years.year == year)].iloc[0]
    assert pd.isna(row.troops_person_months) and pd.isna(row.troops_mean)
    assert row.total_person_months > 0


@pytest.mark.shared
@ignore_warnings
def test_country_year_sums_missions_and_months(shared_data: Path, raw_ipi: pd.DataFrame) -> None:
    years = panel(unit="country-year", shared=shared_data).data
    assert not years.duplicated(["iso3", "year"]).any()
    raw = raw_ipi[(raw_ipi["Country of Mission ISO-3"] == "SDN") & (raw_ipi.year == 2008)]
    row = years[(years.iso3 == "SDN") & (years.year == 2008)].iloc[0]
    assert row.troops_person_months == raw["Troops"].sum()
    monthly = raw.groupby("Date")["Troops"].sum()
    assert row.troops_mean == pytest.approx(monthly.mean())
    assert row.missions == raw["Mission"].nunique() == 2
    assert (row.gwno, row.cown) == (crosswalk("iso3", "SDN", "2008-12-31", "gwno"), 625)


def test_year_units_take_no_month_sources() -> None:
    with pytest.raises(UsageError, match="joins a mission-month panel, not a operation-year"):
        panel(unit="operation-year", sources=["pko_fatalities"])


@pytest.mark.shared
def test_cli_builds_a_country_year_panel(shared_data: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bluehelmet.cli import app

    out = tmp_path / "country_year.csv"
    args = ["panel", "build", "--unit", "country-year", "--out", str(out), "--to", "2016-12"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    table = pd.read_csv(out)
    assert {"iso3", "year", "gwno", "cown", "troops_person_months"} <= set(table.columns)
    assert table["year"].max() == 2016 and not table.duplicated(["iso3", "year"]).any()
