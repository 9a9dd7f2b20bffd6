"""Mandate panels and an operation's mandate history, on small synthetic frames."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

import bluehelmet as bh
from bluehelmet.cli import app
from bluehelmet.register.mandate_panel import mandate_panel, write_mandate_panel
from bluehelmet.register.query import mandate_history

from .mandate_frames import event, events, operations

OPS = operations(
    {"acronym": "UNX", "org": "UN", "end_date": "1996-04-15", "active": False},
    {"acronym": "UNY", "org": "UN", "end_date": None, "active": True},
)
CODED: dict[str, Any] = {
    "chapter_vii": False,
    "chapter_vii_scope": "none",
    "force_authorised": False,
    "poc": False,
}


def _panel(unit: str, *rows: dict[str, object], **kwargs: object) -> pd.DataFrame:
    return mandate_panel(unit, events=events(*rows), operations=OPS, **kwargs)  # type: ignore[arg-type]


def test_changes_are_recorded_against_the_previous_resolution() -> None:
    p = _panel(
        "resolution",
        event("UNX", 30, "1994-06-01", "expand", **{**CODED, "troop_ceiling": 900}),
        event("UNX", 20, "1994-01-10", "establish", **{**CODED, "troop_ceiling": 500}),
        event("UNX", 40, "1994-12-01", **{**CODED, "chapter_vii": True, "troop_ceiling": 900}),
    )
    assert p["resolution"].tolist() == [20, 30, 40]
    assert p["previous_resolution"].tolist()[1:] == [20, 30]
    assert pd.isna(p["previous_resolution"].iloc[0])
    assert p["changed"].tolist() == ["", "troop_ceiling;event", "chapter_vii;event"]
    assert p["not_coded"].iloc[1] == (
        "force_addressee;force_purposes;police_ceiling;tasks;mandate_until"
    )


def test_not_coded_values_never_count_as_changes() -> None:
    p = _panel(
        "resolution",
        event("UNX", 20, "1994-01-10", "establish", **{**CODED, "poc": True}),
        event("UNX", 1000, "1995-06-01", verification="index"),  # index-only: nothing coded
        event("UNX", 1100, "1996-01-10", **{**CODED, "poc": True, "chapter_vii": True}),
    )
    assert p["changed"].tolist() == ["", "event", ""]
    assert "poc" in p["not_coded"].iloc[1].split(";")
    assert {"poc", "chapter_vii"} <= set(p["not_coded"].iloc[2].split(";"))
    assert p["coded"].tolist() == [True, False, True]


def test_lists_compare_as_sets() -> None:
    p = _panel(
        "resolution",
        event("UNY", 2000, "2010-01-10", "establish", force_addressee="un_operation;member_states"),
        event("UNY", 2010, "2010-06-10", force_addressee="member_states;un_operation"),
    )
    assert p["changed"].iloc[1] == "event"  # establish -> extend; the addressees are the same


def test_month_panel_with_known_end() -> None:
    m = _panel(
        "month",
        event("UNX", 20, "1994-01-10", "establish", **CODED, mandate_until="1995-02-28"),
        event("UNX", 30, "1994-03-01", "expand", **CODED),  # before the texts stop (4 March)
        event("UNX", 1000, "1995-11-01", verification="index"),
    )
    assert m["month"].iloc[0] == "1994-01" and m["month"].iloc[-1] == "1996-04"
    assert len(m) == 28 and m["end_known"].all()
    in_force = m.set_index("month")["resolution"]
    assert (in_force["1994-02"], in_force["1994-03"], in_force["1995-11"]) == (20, 30, 1000)
    coded = m.set_index("month")["coded"]
    assert bool(coded["1994-12"])
    # 1995-03: no texts then, the resolution in force is older and its period has run out
    assert not bool(coded["1995-03"]) and not bool(coded["1995-11"])  # then an index-only row
    first = _panel("month", event("UNX", 20, "1994-01-10", "establish", **CODED,
                                  mandate_until="1995-02-28"))  # fmt: skip
    assert bool(first.set_index("month")["coded"]["1995-02"])  # its own period reaches it
    assert bool(first.set_index("month")["lapsed"]["1995-03"])


def test_month_panel_with_unknown_end_stops_at_the_last_mandate() -> None:
    m = _panel(
        "month",
        event("UNY", 2000, "2010-01-10", "establish", **CODED, mandate_until="2010-06-30"),
        event("UNY", 2010, "2010-06-20", **CODED, mandate_until="2011-06-30"),
        event("UNY", 2020, "2011-03-01", "expand", **CODED),
    )
    assert m["month"].iloc[-1] == "2011-06" and len(m) == 18
    assert not m["end_known"].any()
    just_a_decision = _panel("month", event("UNY", 2000, "2010-01-10", "establish"))
    assert just_a_decision["month"].tolist() == ["2010-01"]


def test_years_operation_and_bad_unit() -> None:
    rows = (
        event("UNX", 20, "1994-01-10", "establish", **CODED),
        event("UNY", 2000, "2010-01-10", "establish", **CODED, mandate_until="2010-12-31"),
    )
    assert _panel("resolution", *rows, operation="uny")["operation"].unique().tolist() == ["UNY"]
    assert _panel("month", *rows, start=1995, end=1995)["month"].str[:4].unique().tolist() == [
        "1995"
    ]
    with pytest.raises(bh.UsageError):
        _panel("year", *rows)
    with pytest.raises(bh.NotFoundError):
        _panel("resolution", *rows, operation="NOPE")


def test_history_says_not_coded_never_blank_or_false() -> None:
    h = mandate_history(
        events(
            event("UNX", 20, "1994-01-10", "establish", **CODED, troop_ceiling=500),
            event("UNX", 1000, "1995-06-01", verification="index"),
            event("UNX", 1001, "1995-07-01", force_authorised=True),
            event("UNX", 1002, "1995-08-01", force_authorised=True, force_addressee="un_operation"),
        )
    )
    assert h.loc[0, ["chapter_vii", "force", "poc", "troop_ceiling", "mandate_until"]].tolist() == [
        "no",
        "no",
        "no",
        "500",
        "not coded",
    ]
    assert set(h.loc[1, ["chapter_vii", "force", "poc", "troop_ceiling"]]) == {"not coded"}
    assert h["force"].tolist()[2:] == ["yes (addressee not coded)", "yes (un_operation)"]


def test_operation_and_resolutions_list_every_linked_resolution() -> None:
    linked = set(bh.mandate_events("MINUSMA")["resolution"])
    assert set(bh.resolutions(operation="MINUSMA")["number"]) == linked
    rec = bh.operation("MINUSMA")
    assert rec.history["resolution"].tolist() == rec.events["resolution"].tolist()
    assert not (rec.history == "").any().any() and not rec.history.isna().any().any()


def test_cli_panel_and_operation(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["mandate-panel", "--operation", "unamsil", "--format", "csv"])
    assert result.exit_code == 0
    df = pd.read_csv(io.StringIO(result.stdout))
    assert {"changed", "not_coded", "previous_resolution"} <= set(df.columns)
    out = tmp_path / "months.json"
    result = runner.invoke(app, ["mandate-panel", "--unit", "month", "--out", str(out)])
    assert result.exit_code == 0 and "coded" in json.loads(out.read_text())[0]
    assert runner.invoke(app, ["mandate-panel", "--out", str(tmp_path / "p.txt")]).exit_code == 2
    shown = runner.invoke(app, ["operation", "UNAMSIL", "--format", "json"])
    assert shown.exit_code == 0 and '"not_coded"' in shown.stdout


def test_write_csv_keeps_dates_iso(tmp_path: Path) -> None:
    p = _panel("resolution", event("UNY", 2000, "2010-01-10", "establish"))
    text = write_mandate_panel(p, tmp_path / "p.csv").read_text()
    assert "UNY,2000,2010-01-10,establish" in text
