"""The operation page's deployments panel: IPI uniformed personnel per month, where available.

IPI counts UN missions only, 1990–2017, and is read from the shared data folder
(``BLUEHELMET_SHARED_DATA``); without it the panel is simply not shown.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import pandas as pd

from bluehelmet.errors import BluehelmetError
from bluehelmet.panels.build import panel
from bluehelmet.web.data import all_operations
from bluehelmet.web.sections import OperationPanel, PanelContent
from bluehelmet.web.sections.deployments.charts import deployments_chart

COLUMNS = ["date", "troops", "police", "observers", "total", "before_start"]
SOURCE = (
    "Source: IPI Peacekeeping Database (key ipi), uniformed UN personnel per mission and "
    "month, via bluehelmet.panel(unit='mission-month'). NA where a category was not reported."
)


@lru_cache(maxsize=1)
def _mission_months() -> pd.DataFrame | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            built = panel(unit="mission-month", start="1990-01", end="2017-12")
    except BluehelmetError:
        return None
    return built.data


def monthly_personnel(acronym: str) -> pd.DataFrame:
    """Months (date, troops, police, observers, total, before_start) of one operation in IPI.

    ``before_start`` flags months before the operation's start date in the register.

    Empty when the shared data are absent or IPI has no series for the operation.

    >>> list(monthly_personnel("NO-SUCH-OPERATION").columns)
    ['date', 'troops', 'police', 'observers', 'total', 'before_start']
    """
    data = _mission_months()
    if data is None:
        return pd.DataFrame(columns=COLUMNS)
    rows = data[data["register_acronym"] == acronym]
    return rows[COLUMNS].sort_values("date").reset_index(drop=True)


def deployments_panel(acronym: str) -> PanelContent | None:
    """The panel for one operation, or None where IPI has no months for it.

    >>> deployments_panel("NO-SUCH-OPERATION") is None
    True
    """
    monthly = monthly_personnel(acronym)
    if monthly.empty:
        return None
    first, last = monthly["date"].iloc[0], monthly["date"].iloc[-1]
    note = f"{len(monthly)} months of data, {first:%Y-%m} to {last:%Y-%m}."
    early = int(monthly["before_start"].fillna(False).sum())
    if early:
        note += f" IPI reports {early} of them before the operation's start in the register."
    ops = all_operations()
    start = ops.loc[ops["acronym"] == acronym, "start_date"]
    when = start.iloc[0] if len(start) and pd.notna(start.iloc[0]) else None
    return PanelContent(deployments_chart(monthly, acronym, when), monthly, SOURCE, note)


DEPLOYMENTS = OperationPanel("deployments", "Deployments", deployments_panel)
