"""Exports: CSV, Parquet and Stata files by suffix, from the Python API and every table command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import bluehelmet as bh
from bluehelmet.cli import app
from bluehelmet.errors import UsageError
from bluehelmet.export import STATA_STR_MAX, stata_names, write_any

runner = CliRunner()


def _long_noted() -> pd.DataFrame:
    """The operations table with one note longer than Stata's str# limit."""
    df = bh.operations()
    df.loc[0, "note"] = "a long note. " * (STATA_STR_MAX // 10)
    return df


def _stata_raw(path: Path) -> pd.DataFrame:
    """A .dta file as stored: integer codes, Stata missing values kept as such."""
    return pd.read_stata(
        path, convert_missing=True, convert_dates=False, convert_categoricals=False
    )


def test_operations_with_long_notes_round_trip_through_stata(tmp_path: Path) -> None:
    df = _long_noted()
    orgs = sorted(df["org"].unique())
    labels = {"note": "Notes on the operation " * 10, "active": "Active today"}
    written = bh.write_table(
        df, tmp_path / "ops.dta", variable_labels=labels, value_labels={"org": orgs}
    )
    assert written == [tmp_path / "ops.dta"]
    back = pd.read_stata(written[0])
    assert back["note"].tolist() == df["note"].fillna("").tolist()
    assert len(back.loc[0, "note"]) > STATA_STR_MAX
    assert back["acronym"].tolist() == df["acronym"].tolist()
    assert back["org"].astype(str).tolist() == df["org"].tolist()
    assert back["start_date"].tolist() == df["start_date"].tolist()
    with pd.io.stata.StataReader(written[0]) as reader:
        read_labels = reader.variable_labels()
        value_labels = reader.value_labels()
    assert read_labels["active"] == "Active today"
    assert read_labels["note"] == labels["note"][:80]
    assert list(value_labels["org"].values()) == orgs

    raw = _stata_raw(written[0])
    present = df["active"].notna()
    assert raw.loc[present, "active"].tolist() == df.loc[present, "active"].astype(int).tolist()
    assert not any(isinstance(v, int) for v in raw.loc[~present, "active"])
    numbers = df["establishing_resolution"].notna()
    stored = raw.loc[numbers, "establishing_resolution"]
    assert all(type(v) is int for v in stored)
    assert stored.tolist() == df.loc[numbers, "establishing_resolution"].tolist()


def test_stata_counts_stay_integers_and_categories_get_value_labels(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "troops": [120.0, None, 3.0],
            "share": [0.5, 0.25, None],
            "kind": pd.Categorical(["UN", "AU", None]),
            "flag": [True, False, True],
        }
    )
    write_any(df, tmp_path / "t.dta")
    raw = _stata_raw(tmp_path / "t.dta")
    assert [type(v) for v in raw["troops"][[0, 2]]] == [int, int]
    assert raw["troops"][[0, 2]].tolist() == [120, 3]
    assert raw["share"][[0, 1]].tolist() == [0.5, 0.25]
    assert raw["flag"].tolist() == [1, 0, 1]
    with pd.io.stata.StataReader(tmp_path / "t.dta") as reader:
        assert set(reader.value_labels()["kind"].values()) == {"UN", "AU"}
    assert pd.read_stata(tmp_path / "t.dta")["kind"].tolist()[:2] == ["UN", "AU"]


def test_stata_names_are_made_valid_and_collisions_refused(tmp_path: Path) -> None:
    df = pd.DataFrame({"share (%)": [1], "in": [2], "2019": [3], "str10": [4]})
    write_any(df, tmp_path / "n.dta")
    back = pd.read_stata(tmp_path / "n.dta")
    assert back.columns.tolist() == ["share____", "_in", "_2019", "_str10"]
    assert back.iloc[0].tolist() == [1, 2, 3, 4]
    with pytest.raises(UsageError, match="'a b' and 'a-b' both become Stata variable 'a_b'"):
        stata_names(["a b", "a-b"])
    with pytest.raises(UsageError, match="both become"):
        write_any(pd.DataFrame({"a b": [1], "a_b": [2]}), tmp_path / "c.dta")
    assert not (tmp_path / "c.dta").exists()


def test_value_labels_refuse_values_outside_them(tmp_path: Path) -> None:
    df = pd.DataFrame({"vote": ["yes", "maybe"]})
    with pytest.raises(UsageError, match="'vote' has values outside its value labels: maybe"):
        write_any(df, tmp_path / "v.dta", value_labels={"vote": ["yes", "no"]})


def test_parquet_round_trip_keeps_dtypes(tmp_path: Path) -> None:
    df = _long_noted()
    write_any(df, tmp_path / "ops.parquet")
    back = pd.read_parquet(tmp_path / "ops.parquet")
    assert back.dtypes.astype(str).tolist() == df.dtypes.astype(str).tolist()
    pd.testing.assert_frame_equal(back, df, check_dtype=False)


def test_csv_round_trip_and_codebook_beside(tmp_path: Path) -> None:
    df = bh.operations()
    written = write_any(df, tmp_path / "ops.csv", codebook="# operations\n")
    assert written == [tmp_path / "ops.csv", tmp_path / "ops.codebook.md"]
    assert written[1].read_text() == "# operations\n"
    back = pd.read_csv(written[0], dtype=str, keep_default_na=False)
    assert back["acronym"].tolist() == df["acronym"].tolist()
    iso = df["start_date"].dt.strftime("%Y-%m-%d").fillna("")
    assert back["start_date"].tolist() == iso.tolist()


def test_bad_suffix_is_one_line_error(tmp_path: Path) -> None:
    message = "^unknown file suffix '.xlsx'; use .csv, .json, .parquet, .dta$"
    with pytest.raises(UsageError, match=message):
        write_any(pd.DataFrame({"a": [1]}), tmp_path / "t.xlsx")
    assert list(tmp_path.iterdir()) == []
    result = runner.invoke(app, ["votes", "--year", "2020", "--out", str(tmp_path / "v.xlsx")])
    assert result.exit_code == 2
    assert "unknown file suffix '.xlsx'" in result.stderr


@pytest.mark.parametrize("fmt", ["dta", "parquet"])
def test_file_formats_need_out(fmt: str) -> None:
    result = runner.invoke(app, ["operations", "--format", fmt])
    assert result.exit_code == 2
    assert f"--format {fmt} writes a file: add --out FILE.{fmt}" in result.stderr
    assert result.stdout == ""


def test_format_must_agree_with_out(tmp_path: Path) -> None:
    result = runner.invoke(app, ["operations", "--format", "csv", "--out", str(tmp_path / "o.dta")])
    assert result.exit_code == 2
    assert "--format csv does not match --out" in result.stderr
    assert not (tmp_path / "o.dta").exists()


def test_operations_out_dta_writes_every_column(tmp_path: Path) -> None:
    out = tmp_path / "ops.dta"
    result = runner.invoke(app, ["operations", "--org", "UN", "--format", "dta", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    expected = bh.operations(org="UN")
    assert f"wrote {out}: {len(expected)} rows" in result.stdout
    back = pd.read_stata(out)
    assert back.columns.tolist() == expected.columns.tolist()
    assert back["note"].tolist() == expected["note"].fillna("").tolist()


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--operation", "UNAMSIL"],
        ["resolutions", "--year", "1999"],
        ["votes", "--year", "2020"],
        ["mandate-panel", "--operation", "UNAMSIL"],
        ["countries"],
        ["consent"],
        ["drafts", "--year", "2019"],
        ["contestation", "--by", "year"],
        ["contestation", "vetoes"],
        ["versions"],
        ["sql", "SELECT acronym, start_date FROM operations"],
    ],
)
def test_table_commands_write_parquet_and_stata(args: list[str], tmp_path: Path) -> None:
    shown = runner.invoke(app, [*args, "--format", "csv", "--out", str(tmp_path / "t.csv")])
    assert shown.exit_code == 0, shown.stderr
    csv = pd.read_csv(tmp_path / "t.csv")
    for suffix in ("parquet", "dta"):
        out = tmp_path / f"t.{suffix}"
        result = runner.invoke(app, [*args, "--out", str(out)])
        assert result.exit_code == 0, result.stderr
        back = pd.read_parquet(out) if suffix == "parquet" else pd.read_stata(out)
        assert back.columns.tolist() == [stata_names(csv.columns)[c] for c in csv.columns]
        assert len(back) == len(csv) > 0


def test_mandate_panel_months_to_stata(tmp_path: Path) -> None:
    out = tmp_path / "months.dta"
    args = ["mandate-panel", "--unit", "month", "--operation", "MINUSMA", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    expected = bh.mandate_panel(unit="month", operation="MINUSMA")
    raw = _stata_raw(out)
    assert raw["month"].tolist() == expected["month"].tolist()
    coded = expected["coded"].astype("boolean")
    assert raw.loc[coded.notna(), "coded"].tolist() == coded.dropna().astype(int).tolist()


@pytest.mark.shared
def test_panel_build_out_dta(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.dta"
    args = ["panel", "build", "--out", str(out), "--from", "2000-01", "--to", "2000-03"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    expected = bh.panel(start="2000-01", end="2000-03").data
    back = pd.read_stata(out)
    assert back.columns.tolist() == expected.columns.tolist()
    assert back["conflict_id"].tolist() == expected["conflict_id"].tolist()
    assert back["date"].tolist() == expected["date"].tolist()
    raw = _stata_raw(out)
    present = expected["un_troops"].notna()
    assert all(type(v) is int for v in raw.loc[present, "un_troops"])
    assert raw.loc[present, "un_troops"].tolist() == expected.loc[present, "un_troops"].tolist()
    assert set(raw["intrastate"]) <= {0, 1}


def test_panel_build_bad_suffix_fails_before_building(tmp_path: Path) -> None:
    result = runner.invoke(app, ["panel", "build", "--out", str(tmp_path / "p.sav")])
    assert result.exit_code == 2
    assert "unknown file suffix '.sav'; use .csv, .json, .parquet, .dta" in result.stderr


def test_cli_export_writes_the_codebook_beside_and_labels_from_it(tmp_path: Path) -> None:
    from bluehelmet.register import vocab
    from bluehelmet.register.schema import columns

    out = tmp_path / "ops.dta"
    result = CliRunner().invoke(app, ["operations", "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = (tmp_path / "ops.codebook.md").read_text()
    assert book.startswith("# Codebook: operations") and "| acronym |" in book
    reader = pd.io.stata.StataReader(out)
    meaning = {c.name: c.meaning for c in columns("operations")}
    assert reader.variable_labels()["org"] == meaning["org"][:80]
    assert set(reader.value_labels()["org"].values()) == set(vocab.ORGS)


def test_panel_export_has_the_units_codebook(tmp_path: Path) -> None:
    from bluehelmet.panels.build import Panel, write_panel

    built = Panel(
        "country-month", pd.DataFrame({"iso3": ["SLE"], "date": pd.to_datetime(["2000-01-01"])})
    )
    write_panel(built, tmp_path / "p.parquet")
    assert (tmp_path / "p.codebook.md").read_text().startswith("# Codebook: country-month")
