"""The panel source registry: panel() joins what it lists; the docs and the CLI name each entry."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.errors import NotFoundError
from bluehelmet.panels import sources
from bluehelmet.panels.build import panel
from bluehelmet.panels.conflicts import PARTNERSHIP_FILES, partnership_panel
from bluehelmet.panels.importers.base import Coverage, Imported
from bluehelmet.panels.panel import Panel
from bluehelmet.panels.sources import IPI, SOURCES, Source, panel_sources

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _read_bonus(path: Path) -> Imported:
    data = pd.read_csv(path, parse_dates=["date"])
    return Imported(data, Coverage("bonus", "mission-month", "2004-01", "2004-12"))


def _add_bonus(panel: Panel, bonus: Imported) -> Panel:
    data = panel.data.merge(bonus.data, on=["mission", "date"], how="left")
    return Panel(panel.unit, data, (*panel.coverage, bonus.coverage))


def test_a_new_source_is_one_registry_entry(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / IPI).parent.mkdir(parents=True)
    (tmp_path / IPI).write_text(
        '"Date","Mission","Troops","Police","Observers","Total"\n2004-01-31,"UNMIL",10,NA,NA,10\n'
    )
    bonus = Source("bonus", ((Path("bonus.csv"), _read_bonus),), _add_bonus, ("mission-month",),
                   ("bonus",))  # fmt: skip
    monkeypatch.setitem(SOURCES, "bonus", bonus)
    with pytest.raises(NotFoundError, match="bonus.csv: source file not found"):
        panel(unit="mission-month", shared=tmp_path, sources=["bonus"])
    (tmp_path / "bonus.csv").write_text("mission,date,bonus\nUNMIL,2004-01-01,7\n")
    built = panel(unit="mission-month", shared=tmp_path, sources=["bonus"])
    assert built.data["bonus"].tolist() == [7]
    assert built.coverage[-1].source == "bonus"
    assert "bonus" in set(panel_sources()["source"])


def test_panel_sources_lists_every_entry_with_its_verb() -> None:
    table = panel_sources().set_index("source")
    assert list(table.index) == list(SOURCES)
    assert table.loc["hks_2014", "verb"] == "add_battle_deaths"
    assert table.loc["geopko_v2", "files"] == "deployments/geopko_v2_raw.csv"
    assert table.loc["pko_fatalities", "units"] == "mission-month"


def test_every_source_and_column_is_documented_and_in_the_cli_help() -> None:
    guide = (DOCS / "panels.md").read_text()
    cli_guide = (DOCS / "cli.md").read_text()
    help_text = " ".join(CliRunner().invoke(app, ["panel", "build", "--help"]).stdout.split())
    for source in SOURCES.values():
        assert f"`{source.key}`" in guide and f"`{source.key}`" in cli_guide, source.key
        assert source.key in help_text, source.key
        assert source.add.__name__ in guide, source.add.__name__
        for column in source.columns:
            assert f"`{column}`" in guide, column


def test_sources_are_frozen_entries() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SOURCES["hks_2014"].key = "x"  # type: ignore[misc]
    assert sources.UNIT_FILES["conflict-month"] == (sources.BARA_HULTMAN, sources.ACD)


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore:add_battle_deaths")
def test_hks_2014_adds_its_declared_columns_only(shared_data: Path) -> None:
    base = panel(shared=shared_data, start="2000-01", end="2000-03")
    built = panel(shared=shared_data, start="2000-01", end="2000-03", sources=["hks_2014"])
    assert list(built.data.columns) == [*base.data.columns, *SOURCES["hks_2014"].columns]
    pd.testing.assert_frame_equal(built.data[base.data.columns], base.data)


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore:add_battle_deaths")
def test_partnership_panel_conflicts_with_peacekeepers(shared_data: Path) -> None:
    assert all((shared_data / f).is_file() for f in PARTNERSHIP_FILES)
    result = partnership_panel(shared_data)
    assert "battle_deaths" in result.panel.data.columns
    sle = result.conflicts.set_index("conflict_id").loc[382]
    assert sle["name"].startswith("Sierra Leone: Government of Sierra Leone vs RUF")
    months = result.panel.data[result.panel.data.conflict_id == 382]["status"].value_counts()
    assert (sle.un_only, sle.parallel) == (months["un_only"], months["parallel"])
    present = result.panel.data[result.panel.data.status.isin(["un_only", "non_un_only",
                                                               "parallel"])]  # fmt: skip
    assert set(result.conflicts.conflict_id) == set(present.conflict_id)
