"""``add_*`` verbs: join one more source onto a panel without changing its rows."""

from __future__ import annotations

import pandas as pd

from bluehelmet.panels.importers.base import Imported
from bluehelmet.panels.importers.ucdp_ged import ged_conflict_month
from bluehelmet.panels.panel import Panel, check_keys, require_unit

DEATH_COLUMNS = {
    "best": "battle_deaths",
    "low": "battle_deaths_low",
    "high": "battle_deaths_high",
    "deaths_civilians": "battle_civilian_deaths",
}


def add_ged_deaths(panel: Panel, ged: Imported) -> Panel:
    """Add state-based battle deaths (UCDP GED type 1, full layout) per conflict-month.

    Inside GED's coverage a conflict-month without events has 0 deaths; outside it NA.

    >>> from bluehelmet.panels.importers.base import Coverage
    >>> ev = pd.DataFrame({"id": [1], "conflict_new_id": [7], "type_of_violence": [1],
    ...     "date_prec": [1], "best": [8], "low": [8], "high": [9], "deaths_civilians": [2],
    ...     "date_start": pd.to_datetime(["2000-02-10"]),
    ...     "date_end": pd.to_datetime(["2000-02-10"])})
    >>> ged = Imported(ev, Coverage("ucdp_ged_20_1", "event", "2000-01", "2000-02"))
    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [7, 7, 7],
    ...     "date": pd.to_datetime(["2000-01-01", "2000-02-01", "2000-03-01"])}))
    >>> add_ged_deaths(p, ged).data["battle_deaths"].tolist()
    [0.0, 8.0, nan]
    """
    require_unit(panel, "conflict-month", "add_ged_deaths")
    monthly = ged_conflict_month(ged)
    monthly = monthly[monthly["type_of_violence"] == 1]
    deaths = (
        monthly.groupby(["conflict_new_id", "date"])[list(DEATH_COLUMNS)]
        .sum()
        .rename(columns=DEATH_COLUMNS)
        .reset_index()
        .rename(columns={"conflict_new_id": "conflict_id"})
    )
    data = panel.data.merge(deaths, on=["conflict_id", "date"], how="left")
    inside = data["date"].between(pd.Timestamp(ged.coverage.start), pd.Timestamp(ged.coverage.end))
    for col in DEATH_COLUMNS.values():
        data[col] = data[col].astype(float).where(~inside, data[col].fillna(0.0))
        data.loc[~inside, col] = float("nan")
    out = Panel(panel.unit, data, (*panel.coverage, ged.coverage))
    check_keys(out)
    return out
