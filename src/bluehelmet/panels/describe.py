"""Descriptive partnership figures: how often UN deployments had a non-UN partner."""

from __future__ import annotations

import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.panels.panel import Panel, require_unit

PARTNER_DEFINITION = (
    "Share of UN deployment-months (conflict-months with UN troops, police or observers) in "
    "intrastate conflicts during which non-UN personnel (regional organisations and "
    "coalitions, or international ones from outside the region) were deployed in the same "
    "conflict; only months inside the "
    "deployment source's coverage count."
)


def partner_share(panel: Panel, by: str | None = None) -> pd.DataFrame:
    """UN deployment-months, those with a non-UN partner, and the share; overall or by a column.

    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [1, 1, 2],
    ...     "date": pd.to_datetime(["2000-01-01", "2000-02-01", "2000-01-01"]),
    ...     "status": ["parallel", "un_only", "un_only"], "intrastate": [True, True, False]}))
    >>> partner_share(p).to_dict("records")[0] == {
    ...     "group": "all", "un_months": 2, "with_partner": 1, "share": 0.5}
    True
    """
    require_unit(panel, "conflict-month", "partner_share")
    data = panel.data
    if "intrastate" not in data.columns:
        raise UsageError("partner_share needs an 'intrastate' column (from the conflict data)")
    if by is not None and by not in data.columns:
        raise UsageError(f"partner_share: unknown column {by!r}")
    un = data[data["status"].isin(["un_only", "parallel"]) & data["intrastate"].fillna(False)]
    grouped = un.assign(all="all").groupby(by or "all")
    out = pd.DataFrame(
        {
            "un_months": grouped.size(),
            "with_partner": grouped["status"].apply(lambda s: int((s == "parallel").sum())),
        }
    )
    out["share"] = out["with_partner"] / out["un_months"]
    return out.reset_index(names=by or "group")


def configurations(panel: Panel) -> pd.DataFrame:
    """Conflict-months by deployment status, and the number of handovers each way.

    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [1], "date":
    ...     pd.to_datetime(["2000-01-01"]), "status": ["parallel"],
    ...     "handover_un_to_non_un": [False], "handover_non_un_to_un": [False]}))
    >>> int(configurations(p).set_index("configuration").loc["parallel", "months"])
    1
    """
    require_unit(panel, "conflict-month", "configurations")
    data = panel.data
    counts = (
        data["status"]
        .value_counts()
        .reindex(["none", "un_only", "non_un_only", "parallel"], fill_value=0)
    )
    rows = [(k, int(v)) for k, v in counts.items()]
    rows += [
        ("sequential: UN to non-UN", int(data["handover_un_to_non_un"].sum())),
        ("sequential: non-UN to UN", int(data["handover_non_un_to_un"].sum())),
    ]
    return pd.DataFrame(rows, columns=["configuration", "months"])


def deaths_by_status(data: pd.DataFrame) -> pd.DataFrame:
    """Conflict-months with known battle deaths by deployment status: months, conflicts, share
    of months with any deaths, mean and total deaths, and a last row for all of them.

    >>> d = pd.DataFrame({"conflict_id": [1, 1, 2], "status": ["none", "parallel", "none"],
    ...     "battle_deaths": [0.0, 30.0, 10.0]})
    >>> out = deaths_by_status(d).round(2)
    >>> out[["status", "months", "with_deaths", "mean_deaths"]].values.tolist()
    [['none', 2, 0.5, 5.0], ['parallel', 1, 1.0, 30.0], ['all', 3, 0.67, 13.33]]
    """
    for col in ("conflict_id", "status", "battle_deaths"):
        if col not in data.columns:
            raise UsageError(f"deaths_by_status: panel has no column {col!r}")
    known = data.dropna(subset=["status", "battle_deaths"])
    known = pd.concat([known, known.assign(status="all")])
    grouped = known.groupby("status", sort=False)
    out = pd.DataFrame(
        {
            "months": grouped.size(),
            "conflicts": grouped["conflict_id"].nunique(),
            "with_deaths": grouped["battle_deaths"].apply(lambda s: float((s > 0).mean())),
            "mean_deaths": grouped["battle_deaths"].mean(),
            "total_deaths": grouped["battle_deaths"].sum(),
        }
    )
    order = [s for s in ("none", "un_only", "non_un_only", "parallel", "all") if s in out.index]
    return out.loc[order].reset_index()
