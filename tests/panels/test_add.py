"""add_ged_deaths and add_battle_deaths on hand-written fixtures: sums worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.panels.add import add_battle_deaths, add_ged_deaths
from bluehelmet.panels.importers.base import Imported
from bluehelmet.panels.importers.ucdp_ged import read_ucdp_ged
from bluehelmet.panels.panel import Panel
from tests.panels.conflict_fixtures import tiny_acd, tiny_hks

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "panels" / "ged_full_fixture.csv"


def _panel() -> Panel:
    months = pd.date_range("1999-12-01", "2000-04-01", freq="MS")
    data = pd.DataFrame({"conflict_id": 9001, "date": months})
    data = pd.concat([data, pd.DataFrame({"conflict_id": [9002], "date": [months[1]]})])
    return Panel("conflict-month", data.reset_index(drop=True))


def test_battle_deaths_per_conflict_month() -> None:
    out = add_ged_deaths(_panel(), read_ucdp_ged(FIXTURE)).data
    assert len(out) == 6
    c9001 = out[out.conflict_id == 9001].set_index("date")["battle_deaths"]
    # Jan: 6 + 4 + half of event 103 (30 Jan - 2 Feb, known to the day) = 14;
    # Feb: the other half + 4 = 8; Mar: event 105 (date known only to the month) = 10.
    assert c9001.loc["2000-01-01":"2000-04-01"].tolist() == [14.0, 8.0, 10.0, 0.0]
    assert pd.isna(c9001.loc["1999-12-01"])  # before GED's coverage: missing, not zero
    # conflict 9002's events are one-sided violence (type 3): no battle deaths
    assert out.loc[out.conflict_id == 9002, "battle_deaths"].tolist() == [0.0]


def test_wrong_unit_is_refused() -> None:
    panel = Panel("mission-month", pd.DataFrame({"mission": [], "date": []}))
    with pytest.raises(UsageError, match="add_ged_deaths needs a conflict-month panel"):
        add_ged_deaths(panel, read_ucdp_ged(FIXTURE))


def _deaths_panel() -> Panel:
    rows = [
        (900, "1991-12-01"),  # before HKS coverage (the file has a row: 100 deaths)
        (900, "2000-01-01"),
        (900, "2000-02-01"),
        (900, "2000-03-01"),  # no dyad of 900 has a row this month
        (900, "2001-03-01"),
        (900, "2012-01-01"),  # after coverage
        (902, "2000-06-01"),
        (906, "1998-09-01"),
        (907, "2000-01-01"),  # a conflict without HKS dyads (e.g. outside Africa)
    ]
    data = pd.DataFrame(rows, columns=["conflict_id", "date"])
    return Panel("conflict-month", data.assign(date=pd.to_datetime(data["date"])))


@pytest.mark.filterwarnings("ignore:add_battle_deaths")
def test_battle_deaths_na_outside_coverage_zero_inside() -> None:
    out = add_battle_deaths(_deaths_panel(), tiny_hks(), tiny_acd()).data
    got = out.set_index(["conflict_id", out["date"].dt.strftime("%Y-%m")])
    deaths = got["battle_deaths"]
    # 2000-01: Red Front 5 (its repeated row not counted twice); Ghost Brigade (9) has no
    # new id. 2000-02: Red Front 0 + Blue Army of old 10.2, 8. 2001-03: Blue Army 7.
    assert deaths[(900, "2000-01")] == 5 and deaths[(900, "2000-02")] == 8
    assert deaths[(900, "2001-03")] == 7
    assert deaths[(902, "2000-06")] == 4 and deaths[(906, "1998-09")] == 6
    for key in [(900, "1991-12"), (900, "2000-03"), (900, "2012-01"), (907, "2000-01")]:
        assert pd.isna(deaths[key]), key
    assert got.loc[(900, "2000-01"), "battle_deaths_gr"] == 4
    # lag: the previous calendar month of the conflict's series (NA where it has none)
    lag = got["battle_deaths_lag1"]
    assert lag[(900, "2000-02")] == 5 and pd.isna(lag[(900, "2000-01")])
    assert pd.isna(lag[(900, "2001-03")])


def test_battle_deaths_zero_when_covered_month_has_none() -> None:
    acd, hks = tiny_acd(), tiny_hks()
    quiet = hks.data[hks.data["rebel_group"] == "Red Front"]  # only Red Front rows
    out = add_battle_deaths(_deaths_panel(), Imported(quiet, hks.coverage), acd).data
    feb = out[(out.conflict_id == 900) & (out.date == "2000-02-01")]["battle_deaths"]
    assert feb.tolist() == [0.0]


def test_unmatched_dyad_months_are_counted() -> None:
    with pytest.warns(UserWarning, match=r"3 HKS dyad-months \(13 battle deaths\)"):
        out = add_battle_deaths(_deaths_panel(), tiny_hks(), tiny_acd())
    note = out.coverage[-1].note
    # Green League (3, ambiguous), PFNR (1) and Ghost Brigade (9) have no new id; 901's one
    # translated conflict-month (2003-05, 2 deaths) is not a row of the panel.
    assert "3 dyad-months (13 battle deaths) without a new conflict id" in note
    assert "1 translated conflict-months (2 battle deaths) not in the panel" in note
    assert out.coverage[-1].source == "hks_2014" and len(out.data) == 9


def test_battle_deaths_refuse_wrong_unit() -> None:
    panel = Panel("country-month", pd.DataFrame({"iso3": [], "date": []}))
    with pytest.raises(UsageError, match="add_battle_deaths needs a conflict-month panel"):
        add_battle_deaths(panel, tiny_hks(), tiny_acd())


def test_a_second_battle_death_source_is_refused() -> None:
    with_ged = add_ged_deaths(_panel(), read_ucdp_ged(FIXTURE))
    with pytest.raises(UsageError, match="add_battle_deaths: the panel already has battle_deaths"):
        add_battle_deaths(with_ged, tiny_hks(), tiny_acd())
    with pytest.raises(UsageError, match="add_ged_deaths: the panel already has battle_deaths"):
        add_ged_deaths(with_ged, read_ucdp_ged(FIXTURE))
