"""Tests of the reader of the vetoed draft resolutions list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.paths import PACKAGE_DATA
from bluehelmet.register.load import write_table
from bluehelmet.register.vetoes import COLUMNS, read_vetoes, vetoed_by

SAMPLE = Path(__file__).parents[1] / "data" / "vetoes_sample.csv"


def test_sample_columns_order_and_values() -> None:
    df = read_vetoes(SAMPLE)
    assert list(df.columns) == list(COLUMNS)
    assert df["date"].tolist() == ["1946-02-16", "1977-10-31", "2022-05-26"]
    first = df.iloc[0]
    assert (first["draft"], first["meeting"], first["topic"], first["region"]) == (
        "S/PV.23",
        "S/PV.23",
        "Lebanon",
        "Middle East",
    )
    assert set(df["source"]) == {"vetoes_datalab"}


def test_members_come_from_member_columns_not_indicators() -> None:
    df = read_vetoes(SAMPLE).set_index("draft")
    assert df.loc["S/12310/Rev.1", "vetoed_by"] == "France;UK;USA"  # France indicator is 0
    assert df.loc["S/2022/431", "vetoed_by"] == "China;Russia"
    assert df.loc["S/12310/Rev.1", "agenda_item"] == "The question of South Africa"


def test_vetoed_by_rejects_unknown_member() -> None:
    with pytest.raises(DataFormatError, match="line 5"):
        vetoed_by(["Germany", None], "v.csv line 5")


def test_bad_date_names_file_and_line(tmp_path: Path) -> None:
    lines = SAMPLE.read_text().splitlines()
    lines[2] = lines[2].replace("2/16/1946", "1946-02-16")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataFormatError, match=r"^bad\.csv line 3: date '1946-02-16'"):
        read_vetoes(bad)


def test_missing_column_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,draft\n2/16/1946,S/PV.23\n")
    with pytest.raises(DataFormatError, match=r"^bad\.csv line 1: missing columns"):
        read_vetoes(bad)


@pytest.fixture(scope="module")
def real(shared_data: Path) -> pd.DataFrame:
    return read_vetoes(shared_data / "unsc" / "vetoes_1946_2022.csv")


@pytest.mark.shared
def test_real_count_and_known_vetoes(real: pd.DataFrame) -> None:
    assert len(real) == 214  # as stated in the shared data README
    first = real.iloc[0]
    assert (first["date"], first["vetoed_by"]) == ("1946-02-16", "USSR")
    ukraine = real[real["draft"] == "S/2022/155"].iloc[0]
    assert (ukraine["date"], ukraine["vetoed_by"]) == ("2022-02-25", "Russia")
    dprk = real[real["draft"] == "S/2022/431"].iloc[0]
    assert (dprk["date"], dprk["vetoed_by"]) == ("2022-05-26", "China;Russia")


@pytest.mark.shared
def test_real_members_are_soviet_before_1992_and_russian_after(real: pd.DataFrame) -> None:
    members = real.assign(m=real["vetoed_by"].str.split(";")).explode("m")
    assert (members.loc[members["m"] == "USSR", "date"] < "1992-01-01").all()
    assert (members.loc[members["m"] == "Russia", "date"] >= "1992-01-01").all()


@pytest.mark.shared
def test_packaged_csv_equals_a_fresh_read(real: pd.DataFrame, tmp_path: Path) -> None:
    fresh = write_table(real, "vetoes", tmp_path / "vetoes.csv")
    packaged = PACKAGE_DATA / "vetoes.csv"
    assert packaged.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        "vetoes.csv is out of date: run data-raw/vetoes.py"
    )
