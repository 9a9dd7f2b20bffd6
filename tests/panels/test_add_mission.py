"""Mission-month sources: fatalities, authorised strength and Geo-PKO sites, joined by panel().

Hand-made files in a temporary shared folder, and the real files in ../shared/data.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.panels.add_mission import add_fatalities
from bluehelmet.panels.build import panel
from bluehelmet.panels.importers.fatalities import RAW_COLUMNS as FATALITY_COLUMNS
from bluehelmet.panels.importers.fatalities import read_fatalities
from bluehelmet.panels.importers.geopko import RAW_COLUMNS as GEOPKO_COLUMNS
from bluehelmet.panels.importers.shortfall import RAW_COLUMNS as SHORTFALL_COLUMNS
from bluehelmet.panels.sources import FATALITIES, GEOPKO, IPI, SHORTFALL, SOURCES

MISSION_SOURCES = ["pko_fatalities", "pko_shortfall", "geopko_v2"]


def _fatality(mission: str, year: int, month: int, nationality: str, **deaths: int) -> dict:
    row: dict = dict.fromkeys(list(FATALITY_COLUMNS)[5:], 0)
    row |= {"Year": year, "Month": month, "Mission": mission, "Nationality": nationality}
    row |= {"Cowcontr": 1.0, **deaths}
    row["Total"] = sum(row[c] for c in ("Illness", "Accident", "Malicious", "Other"))
    row["Mil"] = row["Total"]
    return row


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A shared folder with UNMIL in IPI 2004-01 to 2004-04 and the three sources."""
    (tmp_path / IPI).parent.mkdir(parents=True)
    (tmp_path / IPI).write_text(
        '"Date","Mission","Troops","Police","Observers","Total"\n'
        + "".join(f'2004-0{m}-28,"UNMIL",{14000 + m},NA,200,{14200 + m}\n' for m in range(1, 5))
    )
    fatalities = [
        _fatality("UNMIL", 2003, 12, "Ghana", Illness=1),  # coverage: 2003-12 to 2004-03
        _fatality("UNMIL", 2004, 2, "Ghana", Illness=1, Malicious=1),
        _fatality("UNMIL", 2004, 2, "Nigeria", Accident=2),
        _fatality("UNMIL", 2004, 3, "Ghana", Other=1),
        _fatality("UNIPSIL", 2004, 3, "Kenya", Illness=1),  # a mission IPI does not list
    ]
    pd.DataFrame(fatalities).to_stata(tmp_path / FATALITIES, write_index=False)
    short = pd.DataFrame([dict.fromkeys(SHORTFALL_COLUMNS, 1.0)] * 2)
    short[["mission", "missioncountry"]] = [["UNMIL", "Liberia"]] * 2
    short[["year", "month"]] = [[2004, 1], [2004, 2]]
    short[["authtroop", "authpolice", "authmilobs"]] = [[15000.0, 1115.0, 250.0],
                                                       [15000.0, float("nan"), 250.0]]  # fmt: skip
    short.to_stata(tmp_path / SHORTFALL, write_index=False)
    geopko = [
        ["Map no. 4180 Rev. 1", "UNMIL", 2004, 1, "Monrovia", "Liberia", 6.3, -10.8, 3000],
        ["Map no. 4180 Rev. 1", "UNMIL", 2004, 1, "Gbarnga", "Liberia", 7.0, -9.5, "unknown"],
        ["Map no. 4180 Rev. 2", "UNMIL", 2004, 1, "Monrovia", "Liberia", 6.3, -10.8, 3100],
        ["Map no. 4180 Rev. 3", "UNMIL", 2004, 3, "Monrovia", "Liberia", 6.3, -10.8, 3200],
    ]
    pd.DataFrame(geopko, columns=list(GEOPKO_COLUMNS)).to_csv(tmp_path / GEOPKO, index=False)
    return tmp_path


def _mission_panel(folder: Path, sources: list[str]) -> pd.DataFrame:
    built = panel(unit="mission-month", start="2004-01", end="2004-04", shared=folder,
                  sources=sources)  # fmt: skip
    return built.data.set_index("date")


def test_fatalities_summed_over_contributors_zero_inside_na_after(folder: Path) -> None:
    data = _mission_panel(folder, ["pko_fatalities"])
    # File coverage ends 2004-03 (its last listed death): 2004-04 is unknown, not 0.
    assert data["fatalities"].tolist()[:3] == [0, 4, 1] and pd.isna(data["fatalities"].iloc[3])
    assert data["fatalities_accident"].tolist()[:3] == [0, 2, 0]
    assert data["fatalities_malicious"].tolist()[:3] == [0, 1, 0]


def test_fatalities_of_missions_the_panel_lacks_are_noted(folder: Path) -> None:
    built = panel(unit="mission-month", start="2004-01", end="2004-04", shared=folder,
                  sources=["pko_fatalities"])  # fmt: skip
    note = built.coverage[-1].note
    assert built.coverage[-1].source == "pko_fatalities"
    assert "left out deaths of 1 missions the panel lacks: UNIPSIL" in note


def test_authorised_strength_missing_stays_na(folder: Path) -> None:
    data = _mission_panel(folder, ["pko_shortfall"])
    assert data["authorised_troops"].tolist()[:2] == [15000.0, 15000.0]
    assert pd.isna(data["authorised_police"].iloc[1])  # blank in the file
    assert data["authorised_troops"].iloc[2:].isna().all()  # months the file does not list


def test_geopko_one_map_a_month_most_sites_then_latest_revision(folder: Path) -> None:
    data = _mission_panel(folder, ["geopko_v2"])
    jan = data.loc["2004-01-01"]
    # Rev. 1 shows two sites (one with troops 'unknown'), Rev. 2 one: Rev. 1 is kept.
    assert (jan.geopko_sites, jan.geopko_troops, jan.geopko_sites_troops_unknown) == (2, 3000, 1)
    assert jan.geopko_map == "Map no. 4180 Rev. 1"
    assert pd.isna(data.loc["2004-02-01", "geopko_sites"])  # no map that month: NA, not 0
    assert data.loc["2004-03-01", "geopko_troops"] == 3200


def test_all_mission_sources_keep_rows_and_add_their_declared_columns(folder: Path) -> None:
    base = panel(unit="mission-month", start="2004-01", end="2004-04", shared=folder)
    built = panel(unit="mission-month", start="2004-01", end="2004-04", shared=folder,
                  sources=MISSION_SOURCES)  # fmt: skip
    declared = [c for key in MISSION_SOURCES for c in SOURCES[key].columns]
    assert list(built.data.columns) == [*base.data.columns, *declared]
    pd.testing.assert_frame_equal(built.data[base.data.columns], base.data)
    assert [c.source for c in built.coverage] == ["ipi", *MISSION_SOURCES]


def test_mission_sources_refused_on_other_units_and_twice(folder: Path) -> None:
    with pytest.raises(UsageError, match="'pko_fatalities' joins a mission-month panel, not a "
                       "country-month one"):  # fmt: skip
        panel(unit="country-month", shared=folder, sources=["pko_fatalities"])
    with pytest.raises(UsageError, match="'geopko_v2' given twice"):
        panel(unit="mission-month", shared=folder, sources=["geopko_v2", "geopko_v2"])
    with pytest.raises(UsageError, match="unknown source 'acled'; use hks_2014, pko_fatalities"):
        panel(unit="mission-month", shared=folder, sources=["acled"])
    twice = panel(unit="mission-month", shared=folder, sources=["pko_fatalities"])
    with pytest.raises(UsageError, match="add_fatalities: the panel already has fatalities"):
        add_fatalities(twice, read_fatalities(folder / FATALITIES))


# --- the real files ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(shared_data: Path) -> pd.DataFrame:
    with pytest.warns(UserWarning):  # IPI names outside the register, as without sources
        built = panel(unit="mission-month", start="1990-01", end="2017-12", shared=shared_data,
                      sources=MISSION_SOURCES)  # fmt: skip
    return built.data.set_index(["mission", "date"])


@pytest.mark.shared
def test_real_fatalities_match_the_raw_file(real: pd.DataFrame, shared_data: Path) -> None:
    raw = pd.read_stata(shared_data / FATALITIES, convert_categoricals=False)
    rows = raw[raw.Mission == "UNMIL"]
    dates = pd.to_datetime({"year": rows.Year, "month": rows.Month, "day": 1})
    deaths = rows.groupby(dates).Total.sum()
    got = real.loc["UNMIL"]["fatalities"]
    inside = got[: pd.Timestamp("2015-06-01")]
    expected = deaths.reindex(inside.index, fill_value=0)
    assert inside.astype(int).tolist() == expected.astype(int).tolist()
    assert (expected == 0).sum() > 10 and expected.sum() > 100  # zeros inside, not NA
    assert pd.isna(got[pd.Timestamp("2015-07-01")])  # after the file's coverage (2015-06)


@pytest.mark.shared
def test_real_authorised_strength_matches_the_raw_file(
    real: pd.DataFrame, shared_data: Path
) -> None:
    raw = pd.read_stata(shared_data / SHORTFALL, convert_categoricals=False)
    row = raw[(raw.mission == "UNMIL") & (raw.year == 2005) & (raw.month == 6)].iloc[0]
    got = real.loc[("UNMIL", pd.Timestamp("2005-06-01"))]
    assert got.authorised_troops == row.authtroop and got.authorised_police == row.authpolice
    assert real["authorised_troops"].notna().sum() > 4000


@pytest.mark.shared
def test_real_geopko_picks_the_full_map_of_a_month_with_two(real: pd.DataFrame) -> None:
    # Raw file, MINUSTAH 2010-04: map 4224 Rev. 25 with 26 sites (10,960 troops) and
    # Rev. 26 with one site (150): summing would give 27 sites, the latest map 1.
    got = real.loc[("MINUSTAH", pd.Timestamp("2010-04-01"))]
    assert (got.geopko_sites, got.geopko_troops) == (26, 10960)
    assert got.geopko_map == "Map no. 4224 Rev. 25"
    assert real.index.is_unique
