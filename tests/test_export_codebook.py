"""Exports carry their codebook: Parquet field and table metadata; counts written as integers."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import bluehelmet as bh
from bluehelmet.cli import app
from bluehelmet.panels.build import Panel, write_panel
from bluehelmet.register.schema import columns

runner = CliRunner()


def _declared(table: str) -> dict[str, tuple[str, str]]:
    """Each column's (meaning, unit) as the schema declares it."""
    return {c.name: (c.meaning, c.unit) for c in columns(table)}


def test_parquet_fields_carry_the_schemas_meaning_and_unit(tmp_path: Path) -> None:
    out = tmp_path / "r.parquet"
    result = runner.invoke(app, ["resolutions", "--year", "1999", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    schema = pq.read_schema(out)
    declared = _declared("resolutions")
    meaning, unit = declared["yes"]
    assert unit == "votes"  # the declaration this test relies on
    assert schema.field("yes").metadata == {
        b"description": meaning.encode(),
        b"unit": unit.encode(),
    }
    for name in schema.names:
        assert schema.field(name).metadata[b"description"].decode() == declared[name][0], name
    assert b"unit" not in schema.field("number").metadata  # no unit declared, none written


def test_parquet_table_metadata_holds_codebook_name_sources_version(tmp_path: Path) -> None:
    out = tmp_path / "ops.parquet"
    result = runner.invoke(app, ["operations", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    meta = {k.decode(): v.decode() for k, v in pq.read_schema(out).metadata.items()}
    assert meta["bluehelmet.table"] == "operations"
    assert meta["bluehelmet.version"] == bh.__version__
    used = set(bh.operations()["source"].dropna().str.split(";").explode())
    assert set(meta["bluehelmet.sources"].split("; ")) == used
    book = meta["bluehelmet.codebook"]
    assert book.startswith("# Codebook: operations")
    assert book == (tmp_path / "ops.codebook.md").read_text()
    described = json.loads(meta["bluehelmet.columns"])
    assert described["org"]["description"] == _declared("operations")["org"][0]
    assert "pandas" in meta  # pandas' own metadata is kept: the file reads back typed
    assert pd.read_parquet(out)["acronym"].tolist() == bh.operations()["acronym"].tolist()


def _conflict_months() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "conflict_id": pd.array([1, 1, 1], dtype="Int64"),
            "date": pd.to_datetime(["2000-01-01", "2000-02-01", "2000-03-01"]),
            "un_troops": [1234.0, None, 0.0],
            "un_police": [10.5, 11.0, None],  # Bara–Hultman interpolates some months
        }
    )


def test_whole_counts_are_written_as_integers_fractions_kept(tmp_path: Path) -> None:
    data = _conflict_months()
    write_panel(Panel("conflict-month", data), tmp_path / "p.csv")
    text = pd.read_csv(tmp_path / "p.csv", dtype=str, keep_default_na=False)
    assert text["un_troops"].tolist() == ["1234", "", "0"]
    assert text["un_police"].tolist() == ["10.5", "11.0", ""]

    write_panel(Panel("conflict-month", data), tmp_path / "p.parquet")
    schema = pq.read_schema(tmp_path / "p.parquet")
    assert schema.field("un_troops").type == pa.int64()
    assert schema.field("un_police").type == pa.float64()
    assert schema.field("un_troops").metadata[b"unit"] == b"personnel"
    back = pd.read_parquet(tmp_path / "p.parquet")
    assert back["un_troops"].tolist() == [1234, pd.NA, 0]
    assert data["un_troops"].dtype == "float64"  # the panel itself stays float (models)


def test_means_stay_decimal_even_when_whole(tmp_path: Path) -> None:
    data = pd.DataFrame(
        {"mission": ["X"], "year": [2000], "troops_mean": [100.0], "troops_person_months": [1200.0]}
    )
    write_panel(Panel("operation-year", data), tmp_path / "y.csv")
    text = pd.read_csv(tmp_path / "y.csv", dtype=str)
    assert text.loc[0, "troops_mean"] == "100.0"
    assert text.loc[0, "troops_person_months"] == "1200"


@pytest.mark.shared
@pytest.mark.parametrize(
    ("args", "counts"),
    [
        (
            ["--unit", "conflict-month", "--from", "2000-01", "--to", "2000-12"],
            ["un_troops", "un_police", "non_un_personnel", "un_troops_lag1"],
        ),
        (["--unit", "mission-month", "--source", "geopko_v2"], ["troops", "geopko_troops"]),
    ],
)
def test_panel_build_csv_writes_counts_without_decimals(
    shared_data: Path, tmp_path: Path, args: list[str], counts: list[str]
) -> None:
    out = tmp_path / "p.csv"
    result = runner.invoke(app, ["panel", "build", *args, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    text = pd.read_csv(out, dtype=str)
    for column in counts:
        written = text[column].dropna()
        assert len(written) and not written.str.contains(".", regex=False).any(), column
        assert written.astype(float).max() > 1000, column  # real strengths, not only zeros
