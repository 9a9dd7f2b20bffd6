"""add_ged_deaths on the hand-written GED fixture: sums worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.panels.add import add_ged_deaths
from bluehelmet.panels.importers.ucdp_ged import read_ucdp_ged
from bluehelmet.panels.panel import Panel

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
