"""The country-code crosswalk: hand-typed conversions, dates, errors, warnings, and UCDP checks."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet import convert_country, country_codes, panel
from bluehelmet.cli import app
from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.register.checks import countries_in_gw_states, gw_periods_disjoint
from bluehelmet.register.load import read_table
from bluehelmet.register.schema import check_schema

# Typed here from the GW and ISO lists, independently of the packaged table.
HOSTS = {
    "AFG": 700, "AGO": 540, "BDI": 516, "BGD": 771, "BIH": 346, "CAF": 482, "CIV": 437,
    "COD": 490, "CYP": 352, "ERI": 531, "ETH": 530, "GEO": 372, "HRV": 344, "HTI": 41,
    "IND": 750, "ISR": 666, "ITA": 325, "KHM": 811, "KOR": 732, "LBN": 660, "LBR": 450,
    "MKD": 343, "MLI": 432, "MMR": 775, "MOZ": 541, "NPL": 790, "PAK": 770, "PRK": 731,
    "RWA": 517, "SDN": 625, "SLE": 451, "SOM": 520, "SSD": 626, "TCD": 483, "TLS": 860,
    "TWN": 713, "XKX": 347,
}  # fmt: skip
#: Every post-1945 case where the COW number is not the GW number (Beger's list of
#: G&W/COW differences, plus COW keeping 345 for Serbia after 2006).
COW_DIFFERENCES = {
    (260, 255), (340, 345), (678, 679), (970, 946), (971, 970), (972, 955), (973, 947)
}  # fmt: skip


def _gw(values: list[object], **kw: object) -> list[object]:
    return convert_country(values, "iso3", "gwno", **kw).tolist()  # type: ignore[arg-type]


def test_host_countries_convert_as_typed() -> None:
    assert _gw(list(HOSTS), date="2012-01-01") == list(HOSTS.values())


def test_germany_gw_260_throughout_cow_255_after_unification() -> None:
    assert _gw(["DEU", "DEU"], date=["1985-01-01", "1995-01-01"]) == [260, 260]
    cow = convert_country(["DEU", "DEU"], "iso3", "cown", date=["1990-10-02", "1990-10-03"])
    assert cow.tolist() == [260, 255]
    assert convert_country([255], "cown", "gwno", date="2000-01-01").tolist() == [260]
    assert convert_country(["DDR"], "iso3", "gwno").tolist() == [265]


def test_yemen_unification_changes_the_cow_number_only() -> None:
    cow = convert_country([678, 678, 680], "gwno", "cown", date=["1985-01-01", "1995-01-01", None])
    assert cow.tolist() == [678, 679, 680]
    assert convert_country([679], "cown", "gwno").tolist() == [678]
    assert convert_country([680], "gwno", "iso3").tolist() == ["YMD"]


def test_serbia_is_gw_345_until_june_2006_and_340_after() -> None:
    days = ["1999-06-10", "2006-06-04", "2006-06-05", "2015-01-01"]
    assert _gw(["SRB"] * 4, date=days) == [345, 345, 340, 340]
    assert convert_country([340, 345], "gwno", "cown").tolist() == [345, 345]
    days = ["2000-01-01", "2010-01-01"]
    assert convert_country([345, 345], "cown", "gwno", date=days).tolist() == [345, 340]
    assert _gw(["SRB"]) == [340]  # no date: the current code


def test_vietnam_and_microstates() -> None:
    assert _gw(["VNM"], date="1970-01-01") == [816]
    assert convert_country([817], "gwno", "name", date="1970-01-01").tolist() == ["South Vietnam"]
    assert convert_country([970, 971, 972, 973], "gwno", "cown").tolist() == [946, 970, 955, 947]
    assert convert_country([970], "cown", "gwno").tolist() == [971]  # COW 970 is Nauru


def test_letters_and_names() -> None:
    assert convert_country(["DEU", "YEM"], "iso3", "gwc").tolist() == ["GFR", "YEM"]
    assert convert_country(["GFR"], "gwc", "iso3").tolist() == ["DEU"]
    assert convert_country(["ita"], "iso3", "name").tolist() == ["Italy"]


def test_series_index_and_missing_values_are_kept_without_warning() -> None:
    values = pd.Series(["SLE", None, "LBR"], index=[10, 11, 12])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = convert_country(values)
    assert out.index.tolist() == [10, 11, 12] and out.name == "gwno"
    assert out.tolist() == [451, pd.NA, 450]
    assert str(out.dtype) == "Int64"


def test_numbers_given_as_text_convert() -> None:
    assert convert_country(["260", " 345 "], "gwno", "iso3").tolist() == ["DEU", "SRB"]


def test_unmatched_values_are_counted_and_named_in_one_warning() -> None:
    with pytest.warns(UserWarning, match=r"3 of 4 value\(s\) got no gwno: ESH \(unknown iso3") as w:
        out = convert_country(["ESH", "SLE", "ESH", "PSE"])
    assert out.isna().tolist() == [True, False, True, True]
    assert len(w) == 1 and "PSE (unknown iso3 code)" in str(w[0].message)


def test_warning_says_why_a_known_code_has_no_result() -> None:
    with pytest.warns(UserWarning, match="DEU \\(no state with that code on that date\\)"):
        assert _gw(["DEU"], date="1947-01-01") == [pd.NA]
    with pytest.warns(UserWarning, match="751 \\(no iso3 for that state\\)"):
        convert_country([751], "gwno", "iso3")


def test_long_lists_of_unmatched_values_are_cut() -> None:
    codes = [f"X{i:02d}" for i in range(12)]
    with pytest.warns(UserWarning, match="12 of 12 .* and 2 more$"):
        convert_country(codes)


def test_strict_raises_naming_the_values() -> None:
    with pytest.raises(NotFoundError, match="1 of 2 value\\(s\\) got no gwno: ESH"):
        convert_country(["ESH", "SLE"], strict=True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source": "iso2"}, "unknown source code 'iso2'; use iso3, gwno, gwc, cown"),
        ({"target": "ccode"}, "unknown target code 'ccode'; use iso3, gwno, gwc, cown, name"),
        ({"source": "gwno", "target": "gwno"}, "both 'gwno'"),
        ({"date": ["2000-01-01", "2001-01-01"]}, "2 dates for 1 values"),
        ({"date": "yesterday-ish"}, "bad date"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        convert_country(["SLE"], **kwargs)  # type: ignore[arg-type]


def test_table_schema_and_code_differences() -> None:
    codes = country_codes()
    check_schema(codes, "gw_states")
    diffs = codes[codes.cown.notna() & (codes.cown != codes.gwno)]
    assert set(zip(diffs.gwno, diffs.cown, strict=True)) == COW_DIFFERENCES
    ended = codes[~codes.current]
    assert set(ended.gwno) == {260, 265, 315, 345, 511, 678, 680, 711, 751, 817}


def test_checks_catch_overlapping_periods_and_foreign_host_codes() -> None:
    tables = {"gw_states": read_table("gw_states"), "countries": read_table("countries")}
    assert gw_periods_disjoint(tables) == [] and countries_in_gw_states(tables) == []
    states = tables["gw_states"]
    states.loc[states.gwno == 340, "start_date"] = pd.Timestamp("2006-01-01")
    assert "gw_states: rows with iso3 SRB overlap in time" in gw_periods_disjoint(tables)
    countries = tables["countries"]
    countries.loc[countries.iso3 == "SLE", "gwno"] = 450
    assert countries_in_gw_states(tables) == [
        "countries SLE: gwno 450 is not a GW state with that ISO3"
    ]


# --- cross-checks against the shared UCDP, IPI and PKOC data --------------------------

#: Names the shared data spell differently from the table (after removing accents and
#: punctuation; a name in brackets, "Serbia (Yugoslavia)", also counts).
ALIASES = {
    "dr congo": "democratic republic of the congo",
    "ivory coast": "cote d ivoire",
    "bosnia herzegovina": "bosnia and herzegovina",
    "macedonia": "north macedonia",
    "syrian arab republic": "syria",
}
PAIRS = [
    ("location", "gwno_loc"),
    ("side_a", "gwno_a"),
    ("side_a_2nd", "gwno_a_2nd"),
    ("side_b", "gwno_b"),
    ("side_b_2nd", "gwno_b_2nd"),
]


def _norm(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return ALIASES.get(text, text)


def _spellings(name: str) -> set[str]:
    name = name.replace("Government of ", "").strip()
    bracket = re.match(r"^(.*?)\s*\((.*)\)$", name)
    return {_norm(name)} | ({_norm(bracket[1]), _norm(bracket[2])} if bracket else set())


def _split(value: object) -> list[str]:
    return [] if pd.isna(value) else [v.strip() for v in str(value).split(",")]


@pytest.fixture(scope="module")
def ucdp(shared_data: Path) -> list[pd.DataFrame]:
    conflict = shared_data / "conflict"
    return [
        pd.read_csv(conflict / "ucdp_prio_acd_20_1.csv"),
        pd.read_excel(conflict / "ucdp_conflict_termination_3_2021.xlsx"),
    ]


@pytest.mark.shared
def test_every_ucdp_gw_code_names_the_same_state(ucdp: list[pd.DataFrame]) -> None:
    names = country_codes().groupby("gwno")["name"].first().map(_norm)
    seen, problems = set(), []
    for df in ucdp:
        for field, code_field in [p for p in PAIRS if p[1] in df.columns]:
            for given, codes in zip(df[field], df[code_field], strict=True):
                codes = [int(c) for c in _split(codes)]
                spellings = [_spellings(n) for n in str(given).split(",")]
                if not codes:
                    continue
                for code in codes:  # each code claims one distinct name of the cell
                    hit = next((s for s in spellings if names.get(code) in s), None)
                    if hit is None:
                        problems.append((code_field, code, given))
                    else:
                        spellings.remove(hit)
                seen.update(codes)
    assert problems == []
    codes = country_codes()
    marked = set(codes.loc[codes.verified.fillna("").str.contains("gwno"), "gwno"])
    assert marked == seen  # exactly the UCDP codes are marked verified
    assert len(seen) >= 160 and {260, 345, 678, 680, 751, 816, 817, 972} <= seen


@pytest.mark.shared
def test_iso3_codes_name_the_same_country_as_ipi_and_pkoc(shared_data: Path) -> None:
    ipi = pd.read_csv(shared_data / "deployments" / "ipi_mission_month_1990_2017.csv")
    pkoc = pd.read_csv(shared_data / "operations" / "pkoc_mission_start.csv")
    pairs = set(zip(ipi["Country of Mission ISO-3"], ipi["Country of Mission"], strict=True))
    pairs |= set(zip(pkoc["iso3c"], pkoc["mission_country"], strict=True))
    codes = country_codes()
    confirmed = set()
    for iso3, name in pairs:
        rows = codes[codes.iso3 == iso3]
        if iso3 == "ESH":  # Western Sahara: not a GW state
            assert rows.empty
            continue
        match = rows[rows.name.map(_norm) == _norm(name)]
        assert not match.empty, (iso3, name)
        confirmed |= set(match.index)
    marked = set(codes.index[codes.verified.fillna("").str.contains("iso3")])
    assert marked == confirmed and len(confirmed) == 41


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_country_month_panel_takes_gw_from_the_crosswalk(shared_data: Path) -> None:
    built = panel(unit="country-month", start="1997-01", end="2007-12", shared=shared_data)
    data = built.data
    assert set(data.loc[data.iso3 == "ITA", "gwno"]) == {325}  # UNLB Brindisi, 1997
    srb = data[data.iso3 == "SRB"].set_index("date")["gwno"]
    # Codes in force on the month's last day (IPI dates its June figure 2006-06-30), and
    # GW 340 begins on 2006-06-05: May is 345, June already 340.
    assert srb[pd.Timestamp("2006-05-01")] == 345 and srb[pd.Timestamp("2006-06-01")] == 340
    assert srb[pd.Timestamp("2006-07-01")] == 340
    assert data.loc[data.iso3 == "ESH", "gwno"].isna().all()


# --- command line ------------------------------------------------------------------------

runner = CliRunner()


def test_cli_converts_with_a_date() -> None:
    result = runner.invoke(app, ["countries", "DEU", "SRB", "--date", "1995-06-30", "-f", "csv"])
    assert result.exit_code == 0
    assert pd.read_csv(io.StringIO(result.stdout)).values.tolist() == [["DEU", 260], ["SRB", 345]]


def test_cli_lists_the_table_and_converts_gw_to_cow() -> None:
    listed = runner.invoke(app, ["countries", "-f", "csv", "-c", "gwno,cown"])
    assert listed.exit_code == 0 and "260,255" in listed.stdout.splitlines()
    result = runner.invoke(
        app, ["countries", "678", "--from", "gwno", "--to", "cown", "-f", "json"]
    )
    assert '"cown":679' in result.stdout.replace(" ", "")


def test_cli_warns_or_fails_on_unmatched_codes() -> None:
    result = runner.invoke(app, ["countries", "ESH", "SLE", "-f", "csv"])
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: convert_country: 1 of 2 value(s) got no gwno: ESH")
    failed = runner.invoke(app, ["countries", "ESH", "--strict"])
    assert failed.exit_code == 2
    assert failed.stderr.startswith("error: 1 of 1 value(s) got no gwno: ESH")
    assert len(failed.stderr.strip().splitlines()) == 1
