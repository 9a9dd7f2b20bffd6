"""Tests of the parser of the UN "Meetings conducted / actions taken" tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from bluehelmet.errors import DataFormatError
from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.meetings import (
    COLUMNS,
    SOURCE,
    ParseReport,
    parse_date,
    parse_meeting,
    parse_meetings_dir,
    parse_meetings_page,
)

DATA = Path(__file__).parents[1] / "data"
GOOD = DATA / "meetings"
BAD = DATA / "meetings_bad"


def _page(name: str, year: int, folder: Path = GOOD) -> pd.DataFrame:
    return parse_meetings_page((folder / name).read_text(encoding="utf-8"), year, name)


def _row(df: pd.DataFrame, number: int) -> pd.Series:
    rows = df[df["number"] == number]
    assert len(rows) == 1, f"S/RES/{number} found {len(rows)} times"
    return rows.iloc[0]


# ---- four-column pages (1946-1993) -------------------------------------------------------


def test_four_column_page_gives_one_row_per_resolution_in_page_order() -> None:
    df = _page("scact1948_table_en.html", 1948)
    assert list(df.columns) == list(COLUMNS)
    assert df["number"].tolist() == [62, 61, 60, 59, 58]
    assert set(df["source"]) == {"un_sc_meetings"}


def test_rowspan_header_cells_and_two_day_meeting() -> None:
    row = _row(_page("scact1948_table_en.html", 1948), 62)
    assert (row["meeting"], row["date"], row["topic"]) == (
        "S/PV.390",
        "1948-11-23",
        "The Palestine question",
    )
    assert (row["vote"], row["adoption"]) == ("8-0-3", "vote")
    assert (row["yes"], row["no"], row["abstain"]) == (8, 0, 3)


def test_several_resolutions_in_one_cell_skip_the_vetoed_draft() -> None:
    df = _page("scact1948_table_en.html", 1948)
    r61, r60 = _row(df, 61), _row(df, 60)
    assert (r61["vote"], r61["adoption"]) == ("adopted unanimously", "unanimous")
    assert (r60["vote"], r60["adoption"]) == ("without vote", "without_vote")
    assert pd.isna(r61["yes"]) and pd.isna(r60["abstain"])
    assert r61["meeting"] == "S/PV.389"  # "(closed)" dropped
    assert r61["topic"] == "Application of Ceylon;Voting procedure"  # </br> splits topics


def test_blank_meeting_and_date_cells_continue_the_row_above() -> None:
    row = _row(_page("scact1948_table_en.html", 1948), 59)
    assert (row["meeting"], row["date"], row["topic"]) == (
        "S/PV.389",
        "1948-11-04",
        "The Hyderabad question",
    )
    assert (row["yes"], row["no"], row["abstain"]) == (11, 0, 0)


def test_symbol_without_space_and_abbreviated_month() -> None:
    row = _row(_page("scact1948_table_en.html", 1948), 58)
    assert (row["year"], row["date"], row["vote"]) == (1948, "1948-09-15", "9-1-1")


# ---- five-column pages (1994-2022) -------------------------------------------------------


def test_five_column_page_reads_topic_past_the_press_release() -> None:
    df = _page("scact1999_table_en.html", 1999)
    assert df["number"].tolist() == [1290, 1288, 1289, 1287, 1286]
    assert _row(df, 1287)["topic"] == "Africa"
    assert _row(df, 1287)["meeting"] == "S/PV.4081 (Resumption 1)"
    assert _row(df, 1288)["meeting"] == "S/PV.4085"  # "+Corr.1" dropped


def test_vote_printed_once_after_joined_symbols_covers_both() -> None:
    df = _page("scact1999_table_en.html", 1999)
    for number in (1288, 1289):
        row = _row(df, number)
        assert (row["vote"], row["yes"], row["no"], row["abstain"]) == (
            "14-0-0 (1 absent)",
            14,
            0,
            0,
        )


def test_unclosed_symbol_consensus_and_no_vote_printed() -> None:
    df = _page("scact1999_table_en.html", 1999)
    assert (_row(df, 1287)["year"], _row(df, 1287)["vote"]) == (1999, "11-0-4")
    assert _row(df, 1286)["adoption"] == "without_vote"
    assert _row(df, 1286)["vote"] == "adopted by consensus"
    r1290 = _row(df, 1290)
    assert r1290["adoption"] == "unknown" and pd.isna(r1290["vote"])


def test_seven_column_videoconference_page() -> None:
    df = _page("scact2020_covid_table_en.html", 2020)
    assert df["number"].tolist() == [2560, 2558]
    r2560, r2558 = _row(df, 2560), _row(df, 2558)
    assert pd.isna(r2560["meeting"]) and r2560["date"] == "2020-12-29"
    assert r2560["topic"] == "Threats to international peace and security"
    assert (r2558["vote"], r2558["adoption"]) == ("without a vote", "without_vote")


# ---- helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19 December ", "1946-12-19"),
        ("07 September", "1946-09-07"),
        ("14-15 October", "1946-10-15"),
        ("29 + 30 March", "1946-03-30"),
        ("2 Sep.", "1946-09-02"),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text, 1946).isoformat() == expected


@pytest.mark.parametrize("text", ["", "December", "31 Smarch", "30 February"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, 1946)


def test_parse_meeting_variants() -> None:
    assert parse_meeting("S/PV.2970 (PartI)\u2028S/PV.2970 (PartII)") == "S/PV.2970"
    assert parse_meeting("S/PV.3842 (Resumption)") == "S/PV.3842 (Resumption 1)"
    assert parse_meeting("S/PV.5035(closed)") == "S/PV.5035"


# ---- errors and folders -------------------------------------------------------------------


def test_page_without_table_raises_naming_the_file() -> None:
    with pytest.raises(DataFormatError, match=r"^scact1950_table_en\.html: no meetings table"):
        _page("scact1950_table_en.html", 1950, BAD)


def test_unreadable_row_raises_naming_file_and_line() -> None:
    with pytest.raises(DataFormatError, match=r"^scact1951_table_en\.html line 10: .*sometime"):
        _page("scact1951_table_en.html", 1951, BAD)


def test_folder_is_sorted_by_number() -> None:
    report = ParseReport()
    df = parse_meetings_dir(GOOD, report)
    assert df["number"].tolist() == [58, 59, 60, 61, 62, 1286, 1287, 1288, 1289, 1290, 2558, 2560]
    assert report.skipped == [] and report.duplicates == []


def test_folder_skips_bad_pages_and_reports_why(tmp_path: Path) -> None:
    for page in [*GOOD.glob("*.html"), *BAD.glob("*.html")]:
        shutil.copy(page, tmp_path / page.name)
    (tmp_path / "scact_veto_table_en.html").write_text("<table></table>")
    report = ParseReport()
    df = parse_meetings_dir(tmp_path, report)
    assert len(df) == 12
    skipped = dict(report.skipped)
    assert sorted(skipped) == [
        "scact1950_table_en.html",
        "scact1951_table_en.html",
        "scact_veto_table_en.html",
    ]
    assert "line 10" in skipped["scact1951_table_en.html"]


def test_duplicate_number_keeps_first_and_records_conflict(tmp_path: Path) -> None:
    # two pages of the same year, read in file-name order; only S/RES/58 differs
    shutil.copy(GOOD / "scact1948_table_en.html", tmp_path / "scact1948_a_table_en.html")
    text = (GOOD / "scact1948_table_en.html").read_text().replace("S/PV.388", "S/PV.999")
    (tmp_path / "scact1948_table_en.html").write_text(text)
    report = ParseReport()
    df = parse_meetings_dir(tmp_path, report)
    assert len(df) == 5
    assert _row(df, 58)["date"] == "1948-09-15" and _row(df, 58)["meeting"] == "S/PV.388"
    assert len(report.duplicates) == 1 and report.duplicates[0].startswith("S/RES/58:")


# ---- the real UN pages --------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(shared_data: Path) -> pd.DataFrame:
    report = ParseReport()
    df = parse_meetings_dir(shared_data / "unsc" / "meetings_tables_html", report)
    assert all(name == "scact_veto_table_en.html" for name, _ in report.skipped)
    return df


@pytest.mark.shared
def test_real_count(real: pd.DataFrame) -> None:
    assert 2600 <= len(real) <= 2680
    assert real["number"].is_unique


@pytest.mark.shared
@pytest.mark.parametrize(
    ("number", "date", "meeting"),
    [
        (1270, "1999-10-22", "S/PV.4054"),
        (794, "1992-12-03", "S/PV.3145"),
        (678, "1990-11-29", "S/PV.2963"),
        (2640, "2022-06-29", "S/PV.9082"),
    ],
)
def test_real_known_resolutions(real: pd.DataFrame, number: int, date: str, meeting: str) -> None:
    row = _row(real, number)
    assert (row["date"], row["meeting"]) == (date, meeting)


@pytest.mark.shared
def test_real_vote_on_678(real: pd.DataFrame) -> None:
    row = _row(real, 678)
    assert (row["yes"], row["no"], row["abstain"], row["adoption"]) == (12, 2, 1, "vote")


@pytest.mark.shared
@pytest.mark.parametrize(
    ("number", "year", "date"),
    [
        (207, 1965, "1965-08-10"),
        (666, 1990, "1990-09-13"),
        (695, 1991, "1991-05-30"),
        (770, 1992, "1992-08-13"),
        (663, 1990, "1990-08-14"),
        (701, 1991, "1991-07-31"),
    ],
)
def test_real_misprinted_symbols_are_corrected(
    real: pd.DataFrame, number: int, year: int, date: str
) -> None:
    row = _row(real, number)
    assert (row["year"], row["date"]) == (year, date)


@pytest.mark.shared
def test_real_numbers_increase_with_date(real: pd.DataFrame) -> None:
    dates = pd.to_datetime(real.sort_values("number")["date"])
    assert (dates.diff().dropna() >= pd.Timedelta(0)).all()
    assert (pd.to_datetime(real["date"]).dt.year == real["year"]).all()


@pytest.mark.shared
def test_packaged_rows_to_2022_equal_a_fresh_parse(real: pd.DataFrame, tmp_path: Path) -> None:
    """The index keeps the meetings tables' rows where they exist (titles added)."""
    packaged = read_table("resolutions")
    packaged = packaged[packaged["number"] <= int(real["number"].max())]
    fields = [c for c in real.columns if c != "source"]
    written = write_table(real.assign(title=None), "resolutions", tmp_path / "r.csv")
    fresh = read_table("resolutions", written)
    # On failure: resolutions.csv is out of date, run data-raw/resolutions.py.
    assert_frame_equal(packaged[fields].reset_index(drop=True), fresh[fields], check_dtype=False)
    assert packaged["source"].str.startswith(SOURCE).all()
