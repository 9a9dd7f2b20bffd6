"""The conflict-month panel on small hand-made deployments with known answers."""

from __future__ import annotations

import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.panels.conflict_months import add_lags, conflict_months
from bluehelmet.panels.describe import configurations, partner_share
from bluehelmet.panels.importers.base import Coverage
from bluehelmet.panels.panel import Panel

COVERAGE = Coverage("bara_hultman_2020", "mission-conflict-month", "1999-02", "1999-12")


def _dep(rows: list[tuple[int, str, str, float]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["conflict_id", "date", "org", "troops"])
    df["date"] = pd.to_datetime(df["date"])
    return df.assign(police=0.0, observers=0.0)


DEPLOYMENTS = _dep(
    [
        (7, "1999-02-01", "regional", 1000.0),
        (7, "1999-03-01", "regional", 800.0),
        (7, "1999-03-01", "un", 50.0),
        (7, "1999-03-01", "un", 25.0),  # a second UN mission in the same conflict-month
        (7, "1999-04-01", "un", 6000.0),
        (9, "1999-06-01", "international", 300.0),
    ]
)
CONFLICTS = pd.DataFrame({"conflict_id": [7, 9], "year": [1999, 1999]})


@pytest.fixture
def panel() -> Panel:
    return conflict_months(DEPLOYMENTS, CONFLICTS, "1999-01", "1999-12", COVERAGE)


def _row(panel: Panel, conflict: int, date: str) -> pd.Series:
    d = panel.data
    return d[(d.conflict_id == conflict) & (d.date == pd.Timestamp(date))].iloc[0]


def test_grid_is_every_active_month_with_unique_keys(panel: Panel) -> None:
    assert len(panel.data) == 24  # two conflicts × 12 months of 1999
    assert not panel.data.duplicated(["conflict_id", "date"]).any()


def test_personnel_sum_missions_and_missing_is_missing(panel: Panel) -> None:
    march = _row(panel, 7, "1999-03-01")
    assert (march.un_troops, march.regional_troops, march.non_un_troops) == (75.0, 800.0, 800.0)
    assert march.status == "parallel"
    assert _row(panel, 7, "1999-08-01").un_troops == 0.0  # inside coverage, no mission
    january = _row(panel, 7, "1999-01-01")  # before the source's coverage
    assert pd.isna(january.un_troops) and pd.isna(january.status)
    assert not january.in_deployment_coverage


def test_status_and_handovers(panel: Panel) -> None:
    statuses = panel.data[panel.data.conflict_id == 7].set_index("date")["status"]
    assert statuses["1999-02-01"] == "non_un_only" and statuses["1999-04-01"] == "un_only"
    april = _row(panel, 7, "1999-04-01")
    assert bool(april.handover_non_un_to_un) and not bool(april.handover_un_to_non_un)
    assert not panel.data.loc[panel.data.conflict_id == 9, "handover_non_un_to_un"].any()


def test_lags_are_by_calendar_month(panel: Panel) -> None:
    lagged = add_lags(panel, ["un_troops"], lags=2)
    assert len(lagged.data) == len(panel.data)
    april = _row(lagged, 7, "1999-04-01")
    assert (april.un_troops_lag1, april.un_troops_lag2) == (75.0, 0.0)
    assert pd.isna(_row(lagged, 7, "1999-02-01").un_troops_lag1)  # January outside coverage


def test_bad_input_is_refused() -> None:
    with pytest.raises(UsageError, match="unknown org"):
        conflict_months(DEPLOYMENTS.assign(org="nato"), CONFLICTS, "1999-01", "1999-12", COVERAGE)
    mission_panel = Panel("mission-month", pd.DataFrame({"mission": [], "date": []}))
    with pytest.raises(UsageError, match="add_lags needs a conflict-month panel"):
        add_lags(mission_panel, ["x"])


def test_partner_share_counts_intrastate_un_months() -> None:
    conflicts = CONFLICTS.assign(intrastate=[True, False], region=["Africa", "Europe"])
    extra = _dep([(9, "1999-07-01", "un", 10.0), (9, "1999-07-01", "international", 5.0)])
    panel = conflict_months(
        pd.concat([DEPLOYMENTS, extra]), conflicts, "1999-01", "1999-12", COVERAGE
    )
    overall = partner_share(panel).iloc[0]
    # conflict 7: UN present in March (beside the regional force) and April (alone);
    # conflict 9's parallel July is interstate and does not count.
    assert (overall.un_months, overall.with_partner) == (2, 1)
    assert overall.share == pytest.approx(0.5)
    by_region = partner_share(panel, by="region")
    assert by_region["region"].tolist() == ["Africa"]
    config = configurations(panel).set_index("configuration")["months"]
    assert config["parallel"] == 2 and config["sequential: non-UN to UN"] == 1


def test_deployment_months_count_consecutive_presence(panel: Panel) -> None:
    # Conflict 7: present Feb, Mar, Apr (1, 2, 3), absent May; January is inside the
    # panel but outside COVERAGE, so NA. Conflict 9: present only in June.
    by_month = panel.data.set_index(["conflict_id", "date"])["deployment_months"]
    assert pd.isna(by_month[(7, pd.Timestamp("1999-01-01"))])
    assert [by_month[(7, pd.Timestamp(f"1999-0{m}-01"))] for m in (2, 3, 4, 5)] == [1, 2, 3, 0]
    assert by_month[(9, pd.Timestamp("1999-06-01"))] == 1
    assert by_month[(9, pd.Timestamp("1999-07-01"))] == 0
