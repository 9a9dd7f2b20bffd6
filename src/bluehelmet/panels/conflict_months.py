"""The conflict-month panel: UN and non-UN personnel, deployment status, handovers, lags.

Conflict-level columns given with the conflict-years (e.g. ``region``, ``intrastate``)
are carried onto each month of that year.

Deployments come in tidy Bara–Hultman form (``conflict_id, date, org, troops, police,
observers`` with ``org`` one of ``un``, ``regional``, ``international``); conflicts as active
conflict-years (``conflict_id, year``). Inside the deployment source's coverage a
conflict-month without any mission has zero personnel; outside it every personnel
value is NA, never zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.panels.importers.base import Coverage
from bluehelmet.panels.lags import lag_columns
from bluehelmet.panels.months import month_range
from bluehelmet.panels.panel import Panel, check_keys, require_unit

ORGS = ("un", "regional", "international")
KINDS = ("troops", "police", "observers")
STATUSES = ("none", "un_only", "non_un_only", "parallel")


def _grid(deployments: pd.DataFrame, conflicts: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    months = pd.DataFrame({"date": month_range(start, end)})
    months["year"] = months["date"].dt.year
    active = conflicts[["conflict_id", "year"]].drop_duplicates().merge(months, on="year")
    deployed = deployments[["conflict_id", "date"]].drop_duplicates()
    deployed = deployed[deployed["date"].between(months["date"].min(), months["date"].max())]
    grid = pd.concat([active[["conflict_id", "date"]], deployed]).drop_duplicates()
    return grid.sort_values(["conflict_id", "date"]).reset_index(drop=True)


def _personnel(deployments: pd.DataFrame) -> pd.DataFrame:
    wide = deployments.pivot_table(
        index=["conflict_id", "date"], columns="org", values=list(KINDS), aggfunc="sum"
    )
    wide.columns = [f"{org}_{kind}" for kind, org in wide.columns]
    for org in ORGS:
        for kind in KINDS:
            wide[f"{org}_{kind}"] = wide.get(f"{org}_{kind}", 0.0)
    return wide.reset_index()


def _handover(
    present_from: pd.Series, present_to: pd.Series, conflict: pd.Series, months: int
) -> pd.Series:
    """First month the ``to`` side is alone after the ``from`` side was there within ``months``."""
    was_there = (
        present_from.groupby(conflict)
        .transform(lambda s: s.shift(1).rolling(months, min_periods=1).max())
        .fillna(0)
        .astype(bool)
    )
    alone = present_to & ~present_from
    starts = alone & ~alone.groupby(conflict).shift(1, fill_value=False).astype(bool)
    return starts & was_there


def _run_length(present: pd.Series, conflict: pd.Series, date: pd.Series) -> pd.Series:
    """Consecutive calendar months ``present`` has held within each conflict (0 where not).

    Rows are sorted by conflict and date; a missing month ends a spell.

    >>> dates = pd.to_datetime(["2000-01-01", "2000-02-01", "2000-04-01", "2000-01-01"])
    >>> _run_length(pd.Series([True, True, True, True]), pd.Series([1, 1, 1, 2]),
    ...             pd.Series(dates)).tolist()
    [1.0, 2.0, 1.0, 1.0]
    """
    months = date.dt.year * 12 + date.dt.month
    follows = months.groupby(conflict).diff().eq(1)
    same = present.eq(present.groupby(conflict).shift(1)) & follows
    spell = (~same).cumsum()
    return present.astype(float).groupby([conflict, spell]).cumsum()


def conflict_months(
    deployments: pd.DataFrame,
    conflicts: pd.DataFrame,
    start: str,
    end: str,
    coverage: Coverage,
    handover_months: int = 6,
) -> Panel:
    """Build the conflict-month panel between ``start`` and ``end`` (``YYYY-MM``).

    >>> dep = pd.DataFrame({"conflict_id": [1, 1], "org": ["un", "regional"],
    ...     "date": pd.to_datetime(["2000-01-01", "2000-02-01"]),
    ...     "troops": [100, 50], "police": [0, 0], "observers": [5, 0]})
    >>> cov = Coverage("bara_hultman_2020", "mission-conflict-month", "1993-01", "2016-12")
    >>> p = conflict_months(dep, pd.DataFrame({"conflict_id": [1], "year": [2000]}),
    ...                     "2000-01", "2000-03", cov)
    >>> p.data[["status", "handover_un_to_non_un"]].values.tolist()
    [['un_only', False], ['non_un_only', True], ['none', False]]
    """
    if handover_months < 1:
        raise UsageError(f"handover_months must be at least 1, got {handover_months}")
    needed = {"conflict_id", "date", "org", *KINDS}
    missing = needed - set(deployments.columns)
    if missing:
        raise UsageError(f"deployments lack column(s) {sorted(missing)}")
    unknown = set(deployments["org"].dropna()) - set(ORGS)
    if unknown:
        raise UsageError(f"deployments have unknown org value(s) {sorted(unknown)}")
    data = _grid(deployments, conflicts, start, end).merge(
        _personnel(deployments), on=["conflict_id", "date"], how="left"
    )
    inside = data["date"].between(pd.Timestamp(coverage.start), pd.Timestamp(coverage.end))
    cols = [f"{org}_{kind}" for org in ORGS for kind in KINDS]
    data[cols] = data[cols].astype(float).where(~inside, data[cols].fillna(0.0))
    data.loc[~inside, cols] = np.nan
    data["non_un_troops"] = data["regional_troops"] + data["international_troops"]
    data["un_personnel"] = data[[f"un_{k}" for k in KINDS]].sum(axis=1, min_count=1)
    data["non_un_personnel"] = data[[c for c in cols if not c.startswith("un_")]].sum(
        axis=1, min_count=1
    )
    un, non = data["un_personnel"] > 0, data["non_un_personnel"] > 0
    status = np.select([un & non, un, non], ["parallel", "un_only", "non_un_only"], "none")
    data["status"] = pd.Series(status, index=data.index).where(inside, pd.NA).astype("string")
    data["handover_un_to_non_un"] = _handover(un, non, data["conflict_id"], handover_months)
    data["handover_non_un_to_un"] = _handover(non, un, data["conflict_id"], handover_months)
    data["deployment_months"] = _run_length(un | non, data["conflict_id"], data["date"]).where(
        inside
    )
    data["in_deployment_coverage"] = inside
    data["year"] = data["date"].dt.year
    extra = [c for c in conflicts.columns if c not in ("conflict_id", "year")]
    if extra:
        per_year = conflicts.drop_duplicates(["conflict_id", "year"])
        data = data.merge(
            per_year[["conflict_id", "year", *extra]], on=["conflict_id", "year"], how="left"
        )
    panel = Panel("conflict-month", data, (coverage,))
    check_keys(panel)
    return panel


def add_lags(panel: Panel, columns: list[str], lags: int = 1) -> Panel:
    """Add ``<col>_lag<k>`` for k = 1..lags within each conflict (months, not rows).

    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [1, 1],
    ...     "date": pd.to_datetime(["2000-01-01", "2000-03-01"]), "x": [1.0, 2.0]}))
    >>> add_lags(p, ["x"]).data["x_lag1"].tolist()
    [nan, nan]
    """
    require_unit(panel, "conflict-month", "add_lags")
    data = panel.data
    for k in range(1, lags + 1):
        data = lag_columns(data, columns, lag=k, unit="conflict_id")
    out = Panel(panel.unit, data, panel.coverage)
    check_keys(out)
    return out
