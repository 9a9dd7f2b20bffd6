"""Importers for Geo-PKO, personnel shortfall, fatalities and the HKS 2013/2014 files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.fatalities import read_fatalities
from bluehelmet.panels.importers.geopko import read_geopko
from bluehelmet.panels.importers.hks2013 import read_hks2013, read_hks2013_model1
from bluehelmet.panels.importers.hks2014 import COLUMNS as HKS2014_COLUMNS
from bluehelmet.panels.importers.hks2014 import read_hks2014
from bluehelmet.panels.importers.shortfall import read_shortfall

DATA = Path(__file__).resolve().parents[1] / "data" / "panels"


def _drop_column(src: Path, dst: Path, column: str, sep: str = ",") -> Path:
    df = pd.read_csv(src, sep=sep, dtype=str, keep_default_na=False)
    df.drop(columns=[column]).to_csv(dst, sep=sep, index=False)
    return dst


# --- Geo-PKO ----------------------------------------------------------------------------


def test_geopko_fixture_values_and_quirks() -> None:
    imp = read_geopko(DATA / "geopko_sample.csv")
    df = imp.data
    assert len(df) == 5
    assert df["troops"].tolist()[0] == 650
    assert pd.isna(df.loc[1, "troops"])  # 'unknown' is NA, never 0
    assert df.loc[2, "troops"] == 0  # a coded 0 stays 0
    assert df.loc[0, "latitude"] == pytest.approx(10.25)
    assert df.loc[1, "latitude"] == pytest.approx(0.066667)
    assert df.loc[1, "longitude"] == pytest.approx(-1.5)  # decimal comma
    assert pd.isna(df.loc[2, "latitude"])
    assert df["map_no"].tolist()[:4] == ["1000"] * 4
    assert df.loc[1, "map_rev"] == "2"
    assert pd.isna(df.loc[4, "map_no"])
    assert (imp.coverage.start, imp.coverage.end) == ("2005-03", "2006-05")
    assert imp.coverage.unit == "deployment location per source map"
    note = imp.coverage.note
    assert "'unknown' -> NA in 1 rows" in note
    assert "coordinates blank in 1 rows" in note
    assert "scientific notation or decimal comma in 2 values" in note
    assert "2 rows share a" in note  # the two 'Gamma' rows on map 1000 Rev. 2


def test_geopko_missing_column(tmp_path: Path) -> None:
    bad = _drop_column(DATA / "geopko_sample.csv", tmp_path / "geo.csv", "no.troops")
    with pytest.raises(DataFormatError, match=r"^geo\.csv: column 'no\.troops' missing"):
        read_geopko(bad)


def test_geopko_bad_troop_text(tmp_path: Path) -> None:
    df = pd.read_csv(DATA / "geopko_sample.csv", dtype=str, keep_default_na=False)
    df.loc[0, "no.troops"] = "about 600"
    df.to_csv(tmp_path / "geo.csv", index=False)
    with pytest.raises(DataFormatError, match="geo.csv: column 'no.troops'.*'about 600'"):
        read_geopko(tmp_path / "geo.csv")


# --- personnel shortfall ---------------------------------------------------------------


def _shortfall_raw() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "mission": ["UNTEST", "UNTEST", "UNOTHER"],
            "missioncountry": ["Testland", "Testland", "Otherland"],
            "year": [1995, 1995, 1994],
            "month": [1, 2, 12],
            "authtroop": [1000.0, 1000.0, float("nan")],
            "authpolice": [50.0, 50.0, 0.0],
            "authmilobs": [10.0, 10.0, 5.0],
            "troop": [800.0, float("nan"), 0.0],
            "police": [40.0, 45.0, 0.0],
            "milobs": [9.0, 10.0, 5.0],
            "shortfalltroop": [200.0, float("nan"), float("nan")],
        }
    )


def test_shortfall_values(tmp_path: Path) -> None:
    path = tmp_path / "short.dta"
    _shortfall_raw().to_stata(path, write_index=False)
    imp = read_shortfall(path)
    df = imp.data
    assert df["mission"].tolist() == ["UNOTHER", "UNTEST", "UNTEST"]  # sorted by key
    assert df.loc[1, ["auth_troops", "troops", "observers"]].tolist() == [1000, 800, 9]
    assert pd.isna(df.loc[0, "auth_troops"]) and pd.isna(df.loc[2, "troops"])
    assert "shortfalltroop" not in df.columns
    assert (imp.coverage.start, imp.coverage.end) == ("1994-12", "1995-02")
    assert imp.coverage.unit == "mission × month"
    assert "0 rows share a" in imp.coverage.note


def test_shortfall_duplicates_reported(tmp_path: Path) -> None:
    raw = _shortfall_raw()
    raw.loc[1, "month"] = 1
    raw.to_stata(tmp_path / "short.dta", write_index=False)
    assert (
        "2 rows share a (mission, year, month) key"
        in read_shortfall(tmp_path / "short.dta").coverage.note
    )


def test_shortfall_wrong_layout(tmp_path: Path) -> None:
    raw = _shortfall_raw().drop(columns=["milobs"])
    raw.to_stata(tmp_path / "short.dta", write_index=False)
    with pytest.raises(DataFormatError, match=r"^short\.dta: column 'milobs' missing"):
        read_shortfall(tmp_path / "short.dta")
    raw = _shortfall_raw()
    raw["troop"] = ["800", "n/a", "0"]
    raw.to_stata(tmp_path / "short.dta", write_index=False)
    with pytest.raises(DataFormatError, match=r"^short\.dta: column 'troop' is not numeric"):
        read_shortfall(tmp_path / "short.dta")


# --- peacekeeper fatalities ------------------------------------------------------------


def _fatalities_raw() -> pd.DataFrame:
    zero = [0, 0, 0]
    return pd.DataFrame(
        {
            "Year": [1993, 1993, 1948],
            "Month": [6, 6, 7],
            "Nationality": ["Pakistan", "ZZ [Undetermined]", "France"],
            "Mission": ["UNOSOM", "UNOSOM", "UNTSO"],
            "Illness": zero,
            "Accident": [0, 1, 0],
            "Malicious": [25, 0, 1],
            "Other": zero,
            "Total": [25, 1, 1],
            "Mil": [25, 1, 1],
            "Obs": zero,
            "Police": zero,
            "Local": zero,
            "International": zero,
            "Otherstaff": zero,
            "Cowcontr": [770.0, float("nan"), 220.0],
        }
    )


def test_fatalities_values(tmp_path: Path) -> None:
    _fatalities_raw().to_stata(tmp_path / "fat.dta", write_index=False)
    imp = read_fatalities(tmp_path / "fat.dta")
    df = imp.data
    assert df["contributor"].tolist() == ["France", "Pakistan", "ZZ [Undetermined]"]
    assert df.loc[1, ["malicious", "total", "contributor_cow"]].tolist() == [25, 25, 770]
    assert pd.isna(df.loc[2, "contributor_cow"])
    assert (imp.coverage.start, imp.coverage.end) == ("1948-07", "1993-06")
    assert "27 deaths" in imp.coverage.note
    assert "COW code missing in 1 rows" in imp.coverage.note
    assert "causes do not add up to total in 0 rows" in imp.coverage.note


def test_fatalities_duplicates_and_bad_sums(tmp_path: Path) -> None:
    raw = _fatalities_raw()
    raw.loc[1, "Nationality"] = "Pakistan"
    raw.loc[1, "Total"] = 3
    raw.to_stata(tmp_path / "fat.dta", write_index=False)
    note = read_fatalities(tmp_path / "fat.dta").coverage.note
    assert "2 rows share a (contributor, mission, year, month) key" in note
    assert "causes do not add up to total in 1 rows, categories in 1" in note


def test_fatalities_wrong_layout(tmp_path: Path) -> None:
    _fatalities_raw().drop(columns=["Malicious"]).to_stata(tmp_path / "fat.dta", write_index=False)
    with pytest.raises(DataFormatError, match=r"^fat\.dta: column 'Malicious' missing"):
        read_fatalities(tmp_path / "fat.dta")
    raw = _fatalities_raw()
    raw["Total"] = [25.5, 1.0, 1.0]
    raw.to_stata(tmp_path / "fat.dta", write_index=False)
    with pytest.raises(DataFormatError, match=r"^fat\.dta: column 'Total' is not a whole"):
        read_fatalities(tmp_path / "fat.dta")


# --- HKS 2013 ----------------------------------------------------------------------------


def test_hks2013_full_values() -> None:
    imp = read_hks2013(DATA / "hks2013_full_sample.tab")
    df = imp.data
    assert len(df) == 3
    assert df["conflict_id"].tolist() == [70, 70, 71]
    assert str(df["mon"].dtype) == "Int64"
    assert df["osvAll"].tolist() == [29.0, 4.0, 0.0]
    assert pd.isna(df.loc[0, "troopLag"]) and df.loc[1, "troopLag"] == 0.5
    assert df.loc[1, "mission"] == "UNTEST" and pd.isna(df.loc[0, "mission"])
    assert df.loc[2, "sideb"] == "Front B"
    assert (imp.coverage.start, imp.coverage.end) == ("1991-01", "1991-02")
    assert "0 rows share a (conflict_id, year, mon) key" in imp.coverage.note


def test_hks2013_full_wrong_layout(tmp_path: Path) -> None:
    bad = _drop_column(DATA / "hks2013_full_sample.tab", tmp_path / "h.tab", "osvAll", "\t")
    with pytest.raises(DataFormatError, match=r"^h\.tab: column 'osvAll' missing"):
        read_hks2013(bad)


def test_hks2013_model1_values_and_shared_keys() -> None:
    imp = read_hks2013_model1(DATA / "hks2013_model1_sample.csv")
    df = imp.data
    assert list(df.columns)[:4] == ["location", "year", "mon", "osvAll"]
    assert df["osvAll"].tolist() == [4, 0, 1]
    assert df.loc[2, "militaryobserversLag"] == pytest.approx(0.02)
    assert (imp.coverage.start, imp.coverage.end) == ("1991-02", "1991-03")
    assert "2 rows share a (location, year, mon) key" in imp.coverage.note


def test_hks2013_model1_not_numeric(tmp_path: Path) -> None:
    df = pd.read_csv(DATA / "hks2013_model1_sample.csv", dtype=str)
    df.loc[0, "troopLag"] = "0,5"
    df.to_csv(tmp_path / "m.csv", index=False)
    with pytest.raises(DataFormatError, match=r"^m\.csv: column 'troopLag' is not numeric"):
        read_hks2013_model1(tmp_path / "m.csv")


# --- HKS 2014 layout -------------------------------------------------------------------


def _hks2014_raw() -> pd.DataFrame:
    raw = pd.DataFrame({c: [0.0, 0.0, 0.0] for c in HKS2014_COLUMNS})
    raw["year_month"] = [1992.01001, 1991.119995, float("nan")]
    raw["conflict_ID"] = [222.0, 113.099998, 113.099998]
    raw["gov"] = ["Central African Republic", "Sudan", "Sudan"]
    raw["rebel_group"] = ["Military faction (forces of André Kolingba)", "JEM", "JEM"]
    raw["brf_grc"] = [32.0, 8.0, float("nan")]
    return raw


def test_hks2014_values(tmp_path: Path) -> None:
    path = tmp_path / "d.Rdata"
    pyreadr.write_rdata(str(path), _hks2014_raw(), df_name="pko")
    imp = read_hks2014(path)
    df = imp.data
    assert df["year"].tolist()[:2] == [1992, 1991] and pd.isna(df.loc[2, "year"])
    assert df["month"].tolist()[:2] == [1, 12]
    assert df["conflict_ID"].tolist() == [222.0, 113.1, 113.1]
    assert df.loc[0, "rebel_group"] == "Military faction (forces of André Kolingba)"
    assert df["brf_grc"].tolist()[:2] == [32.0, 8.0]
    assert (imp.coverage.start, imp.coverage.end) == ("1992-01", "2011-12")
    note = imp.coverage.note
    assert "old UCDP/PRIO conflict numbering" in note
    assert "1 rows dated before 1992-01" in note and "1 without year_month" in note


def test_hks2014_duplicates_reported(tmp_path: Path) -> None:
    raw = _hks2014_raw()
    raw.loc[2, "year_month"] = 1991.119995
    pyreadr.write_rdata(str(tmp_path / "d.Rdata"), raw, df_name="pko")
    assert (
        "2 rows share a (conflict_ID, gov, rebel_group, year, month) key"
        in read_hks2014(tmp_path / "d.Rdata").coverage.note
    )


def test_hks2014_wrong_layout(tmp_path: Path) -> None:
    path = tmp_path / "d.Rdata"
    pyreadr.write_rdata(str(path), _hks2014_raw().drop(columns=["brf_gr"]), df_name="pko")
    with pytest.raises(DataFormatError, match=r"^d\.Rdata: column 'brf_gr' missing"):
        read_hks2014(path)
    pyreadr.write_rdata(str(path), _hks2014_raw(), df_name="other")
    with pytest.raises(DataFormatError, match=r"^d\.Rdata: R object 'pko' missing"):
        read_hks2014(path)


# --- real shared data ------------------------------------------------------------------


@pytest.mark.shared
def test_real_geopko(shared_data: Path) -> None:
    imp = read_geopko(shared_data / "deployments" / "geopko_v2_raw.csv")
    df = imp.data
    assert len(df) == 18_699 and df["mission"].nunique() == 52
    assert (imp.coverage.start, imp.coverage.end) == ("1994-01", "2020-12")
    assert int(df["troops"].isna().sum()) == 502  # the raw 'unknown' coding
    monrovia = df[(df["source"] == "Map no. 4211 Rev. 04") & (df["location"] == "Monrovia")]
    assert monrovia[["year", "month", "troops"]].iloc[0].tolist() == [2005, 3, 1585]
    mbandaka = df[
        (df["mission"] == "MONUC")
        & (df["year"] == 2000)
        & (df["month"] == 6)
        & (df["location"] == "Mbandaka")
    ]
    assert float(mbandaka["latitude"].iloc[0]) == pytest.approx(0.066667)
    assert "8 rows share a" in imp.coverage.note


@pytest.mark.shared
def test_real_shortfall(shared_data: Path) -> None:
    imp = read_shortfall(shared_data / "deployments" / "personnel_shortfall_1990_2015.dta")
    df = imp.data
    assert len(df) == 4_833 and df["mission"].nunique() == 71
    assert (imp.coverage.start, imp.coverage.end) == ("1990-01", "2015-05")
    row = df[(df["mission"] == "UNAMID") & (df["year"] == 2008) & (df["month"] == 9)].iloc[0]
    assert [int(row[c]) for c in ("auth_troops", "auth_police", "troops", "police")] == [
        19195,
        6432,
        8287,
        2039,
    ]


@pytest.mark.shared
def test_real_fatalities(shared_data: Path) -> None:
    imp = read_fatalities(shared_data / "deployments" / "peacekeeper_fatalities_1948_2015.dta")
    df = imp.data
    assert len(df) == 2_492 and int(df["total"].sum()) == 3_370
    assert (imp.coverage.start, imp.coverage.end) == ("1948-07", "2015-06")
    row = df[
        (df["mission"] == "UNOSOM")
        & (df["year"] == 1993)
        & (df["month"] == 6)
        & (df["contributor"] == "Pakistan")
    ].iloc[0]
    assert int(row["malicious"]) == 25


@pytest.mark.shared
def test_real_hks2013(shared_data: Path) -> None:
    full = read_hks2013(shared_data / "replication" / "hks2013_full.tab")
    assert len(full.data) == 3_972
    assert (full.coverage.start, full.coverage.end) == ("1991-01", "2008-12")
    sudan = full.data[
        (full.data["location"] == "Sudan") & (full.data["year"] == 2005) & (full.data["mon"] == 1)
    ].iloc[0]
    assert int(sudan["conflict_id"]) == 113 and sudan["osvAll"] == 374
    model1 = read_hks2013_model1(shared_data / "replication" / "hks2013_model1.csv")
    assert len(model1.data) == 3_746 and len(model1.data.columns) == 12
    assert int(model1.data["osvAll"].sum()) == 260_483
    assert not model1.data.isna().any().any()


@pytest.mark.shared
def test_real_hks2014(shared_data: Path) -> None:
    path = shared_data / "conflict" / "africa_dyad_month_battle_deaths_1992_2011.Rdata"
    imp = read_hks2014(path)
    df = imp.data
    assert len(df) == 21_518
    first = df.iloc[0]
    assert (first["gov"], first["rebel_group"], int(first["year"]), int(first["month"])) == (
        "Algeria",
        "AIS",
        1992,
        1,
    )
    assert first["brf_grc"] == 32
    assert df["rebel_group"].str.contains("André Kolingba").any()
    assert "2 without year_month" in imp.coverage.note
