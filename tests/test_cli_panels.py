"""Panel and estimation commands on the shared data (skipped without it), and bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app

runner = CliRunner()


@pytest.mark.shared
def test_panel_build_and_share(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "panel.csv"
    built = runner.invoke(
        app, ["panel", "build", "--out", str(out), "--from", "1999-01", "--to", "2000-12"]
    )
    assert built.exit_code == 0, built.stderr
    panel = pd.read_csv(out)
    assert set(panel["date"].str[:4]) == {"1999", "2000"}
    share = runner.invoke(app, ["panel", "share", "--by", "region", "--format", "csv"])
    table = pd.read_csv(io.StringIO(share.stdout)).set_index("region")
    assert (table["with_partner"] <= table["un_months"]).all()
    assert table["share"].between(0, 1).all()


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore:add_battle_deaths")
def test_panel_build_with_battle_deaths(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "panel.csv"
    args = ["panel", "build", "--out", str(out), "--from", "2000-01", "--to", "2000-02"]
    built = runner.invoke(app, [*args, "--source", "hks_2014"])
    assert built.exit_code == 0, built.stderr
    panel = pd.read_csv(out)
    assert {"battle_deaths", "battle_deaths_gr", "battle_deaths_lag1"} <= set(panel.columns)
    assert panel.loc[panel.region != "Africa", "battle_deaths"].isna().all()


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore:add_battle_deaths")
def test_estimate_partnership_on_conflict_months(shared_data: Path, tmp_path: Path) -> None:
    figure = tmp_path / "deaths.svg"
    result = runner.invoke(
        app, ["estimate", "partnership", "-f", "latex", "--out", str(tmp_path / "t.tex"),
              "--figure", str(figure)]
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert r"un\_troops\_lag1:non\_un\_troops\_lag1" in result.stdout
    assert (tmp_path / "t.tex").read_text() == result.stdout
    assert "conflict-months, " in result.stderr and "converged: True" in result.stderr
    predictions = pd.read_csv(figure.with_suffix(".csv"))
    assert set(predictions.partner) == {False, True}


@pytest.mark.shared
def test_estimate_partnership_writes_table_and_figure(shared_data: Path, tmp_path: Path) -> None:
    figure = tmp_path / "deaths.png"
    result = runner.invoke(
        app,
        ["estimate", "partnership", "--unit", "dyad-month", "-f", "csv", "--figure", str(figure)],
    )
    assert result.exit_code == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert {"troop_lag1000", "regional_pko", "troop_lag1000:regional_pko"} <= set(table.term)
    assert figure.read_bytes()[:4] == b"\x89PNG"
    predictions = pd.read_csv(figure.with_suffix(".csv"))
    assert set(predictions.regional_pko) == {0, 1}


def test_bad_panel_and_estimate_arguments(tmp_path: Path) -> None:
    bad = runner.invoke(
        app, ["panel", "build", "--out", str(tmp_path / "p.csv"), "--unit", "dyad-year"]
    )
    assert bad.exit_code == 2 and "unknown unit 'dyad-year'" in bad.stderr
    bad = runner.invoke(app, ["estimate", "partnership", "--format", "html"])
    assert bad.exit_code == 2 and "unknown format 'html'" in bad.stderr
    bad = runner.invoke(app, ["estimate", "partnership", "--unit", "country-year"])
    assert bad.exit_code == 2 and "unknown unit 'country-year'" in bad.stderr


@pytest.mark.shared
def test_panel_chart_for_one_conflict(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "sle.svg"
    result = runner.invoke(app, ["panel", "chart", "--conflict", "382", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text().lstrip().startswith("<?xml")
    rows = pd.read_csv(out.with_suffix(".csv"))
    assert set(rows.conflict_id) == {382}
    missing = runner.invoke(app, ["panel", "chart", "--conflict", "99999", "--out", str(out)])
    assert missing.exit_code == 2 and "conflict 99999 is not in the panel" in missing.stderr


def test_panel_sources_and_bad_panel_options(tmp_path: Path) -> None:
    listed = runner.invoke(app, ["panel", "sources", "--format", "csv"])
    assert listed.exit_code == 0, listed.stderr
    table = pd.read_csv(io.StringIO(listed.stdout)).set_index("source")
    assert table.loc["pko_shortfall", "verb"] == "add_authorised_strength"
    out = str(tmp_path / "p.csv")
    bad = runner.invoke(app, ["panel", "build", "--out", out, "--source", "pko_fatalities"])
    assert bad.exit_code == 2
    assert "source 'pko_fatalities' joins a mission-month panel, not a conflict-month" in bad.stderr
    bad = runner.invoke(app, ["panel", "share", "--by", "conflict"])
    assert bad.exit_code == 2 and "unknown by 'conflict'; use year, region" in bad.stderr
