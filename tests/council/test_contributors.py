"""Troop contributors: the importer, the groups, and the API against the raw file."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.council.contributors import FILE, contributor_group, contributors
from bluehelmet.errors import DataFormatError, NotFoundError, UsageError
from bluehelmet.panels.importers.un_contributions import read_un_contributions

HEADER = '"","Year","Country","Mission","Female","Male","Total"\n'


def _folder(tmp_path: Path, rows: list[str]) -> Path:
    (tmp_path / FILE.parent).mkdir(parents=True)
    (tmp_path / FILE).write_text(HEADER + "".join(f'"{i}",{r}\n' for i, r in enumerate(rows)))
    return tmp_path


def test_unmapped_names_are_kept_and_named_in_a_warning(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ['2019,"Atlantis","MINUSMA",0,5,5', '2019,"Mali","MINUSMA",0,5,5'])
    with pytest.warns(UserWarning, match="1 contributor names without an ISO3 code.*Atlantis"):
        imported = read_un_contributions(folder / FILE)
    assert imported.data["iso3"].isna().sum() == 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        groups = contributors("MINUSMA", 2019, by="group", shared=folder).set_index("group")
    assert groups.loc["unmapped", "share"] == 0.5 and groups.loc["African states", "share"] == 0.5


def test_a_negative_or_fractional_count_is_a_format_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ['2019,"Mali","MINUSMA",0,5,4.5'])
    with pytest.raises(DataFormatError, match="column 'Total' holds '4.5'"):
        read_un_contributions(folder / FILE)


def test_groups_follow_the_documented_lists() -> None:
    codes = ["FRA", "RUS", "DEU", "UKR", "CYP", "TUR", "MAR", "EGY", "ZAF", "SSD", "AFG", "LKA"]
    expected = ["P5", "P5", "Europe", "Europe", "Europe", "other", "African states",
                "African states", "African states", "African states", "South Asia",
                "South Asia"]  # fmt: skip
    assert contributor_group(pd.Series(codes)).tolist() == expected


def test_group_rows_cover_every_group_and_zero_personnel_operation_years_are_left_out(
    tmp_path: Path,
) -> None:
    folder = _folder(
        tmp_path,
        ['2019,"China","MINUSMA",1,9,10', '2019,"Nepal","MINUSMA",0,30,30',
         '2018,"Nepal","MINUSMA",0,0,0', '2019,"Nepal","UNMISS",0,0,0'],
    )  # fmt: skip
    out = contributors(by="group", shared=folder)
    assert set(zip(out["operation"], out["year"], strict=True)) == {("MINUSMA", 2019)}
    assert out["group"].tolist() == ["P5", "Europe", "African states", "South Asia", "other"]
    assert out["personnel"].tolist() == [10, 0, 0, 30, 0]
    assert out["contributors"].tolist() == [1, 0, 0, 1, 0]


def test_bad_options_are_one_line_errors(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ['2019,"Nepal","MINUSMA",0,30,30'])
    with pytest.raises(UsageError, match="unknown by 'region'; use country, group"):
        contributors(by="region", shared=folder)
    with pytest.raises(UsageError, match="--year 2005 is outside the contributions data"):
        contributors(year=2005, shared=folder)
    with pytest.raises(NotFoundError, match="UNAMSIL is not in the UN contributions data"):
        contributors("unamsil", shared=folder)
    with pytest.raises(NotFoundError, match="troop contributions need"):
        contributors(shared=tmp_path / "nowhere")


@pytest.fixture(scope="module")
def raw(shared_data: Path) -> pd.DataFrame:
    return pd.read_csv(shared_data / FILE)


@pytest.mark.shared
def test_minusma_2019_matches_a_pandas_sum_of_the_raw_file(
    raw: pd.DataFrame, shared_data: Path
) -> None:
    rows = raw[(raw["Mission"] == "MINUSMA") & (raw["Year"] == 2019) & (raw["Total"] > 0)]
    out = contributors("MINUSMA", 2019, shared=shared_data)
    assert len(out) == len(rows)
    assert int(out["personnel"].sum()) == int(rows["Total"].sum())
    assert (out["operation_total"] == rows["Total"].sum()).all()
    china = rows.loc[rows["Country"] == "China", "Total"].iloc[0]
    shown = out.set_index("contributor").loc["CHN", "share"]
    assert shown == pytest.approx(china / rows["Total"].sum())
    european = {"Germany", "Sweden", "Netherlands", "Norway", "Belgium"}
    named = rows.loc[rows["Country"].isin(european), "Total"].sum()
    grouped = out.loc[out["contributor_name"].isin(european), "personnel"].sum()
    assert int(grouped) == int(named)
    assert set(out.loc[out["contributor_name"].isin(european), "group"]) == {"Europe"}


@pytest.mark.shared
def test_every_contributor_name_in_the_raw_file_is_mapped(raw: pd.DataFrame) -> None:
    from bluehelmet.register.council import member_iso3

    assert [n for n in sorted(raw["Country"].unique()) if member_iso3(n) is None] == []


@pytest.mark.shared
def test_group_shares_sum_to_one_in_every_operation_year(shared_data: Path) -> None:
    groups = contributors(by="group", shared=shared_data)
    countries = contributors(shared=shared_data)
    sums = groups.groupby(["operation", "year"])["share"].sum()
    assert sums.to_numpy() == pytest.approx(1.0)
    pairs = countries.groupby(["operation", "year"])["personnel"].sum()
    assert groups.groupby(["operation", "year"])["personnel"].sum().equals(pairs)
    assert "unmapped" not in set(groups["group"])


@pytest.mark.shared
def test_partial_years_are_flagged(shared_data: Path) -> None:
    out = contributors("MINUSMA", shared=shared_data)
    flags = out.drop_duplicates("year").set_index("year")["partial_year"]
    assert bool(flags[2021]) and not flags[2019] and not flags[2015]


@pytest.mark.shared
def test_the_command_prints_one_row_per_group(raw: pd.DataFrame) -> None:
    from typer.testing import CliRunner

    from bluehelmet.cli import app

    args = ["contributors", "--operation", "MINUSMA", "--year", "2019", "--by", "group"]
    result = CliRunner().invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    shown = pd.read_csv(io.StringIO(result.stdout))
    minusma = raw[(raw["Mission"] == "MINUSMA") & (raw["Year"] == 2019)]
    assert shown["personnel"].sum() == minusma["Total"].sum() and len(shown) == 5
