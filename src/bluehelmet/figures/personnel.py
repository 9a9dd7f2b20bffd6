"""Stacked areas: personnel by organisation type over time in one conflict."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from bluehelmet import palette
from bluehelmet.errors import NotFoundError
from bluehelmet.figures.style import finish
from bluehelmet.panels.conflicts import personnel_totals

SERIES = (
    ("un", "UN", palette.ORGANISATION["un"]),
    ("regional", "regional", palette.ORGANISATION["regional"]),
    ("international", "international (non-UN)", palette.ORGANISATION["international"]),
)


def personnel_figure(data: pd.DataFrame, conflict_id: int) -> Figure:
    """Troops, police and observers of each organisation type in ``conflict_id``, by month.

    >>> d = pd.DataFrame({"conflict_id": [1, 1], "date": pd.to_datetime(["2000-01-01",
    ...     "2000-02-01"]), **{f"{o}_{k}": [1.0, 2.0] for o in ("un", "regional",
    ...     "international") for k in ("troops", "police", "observers")}})
    >>> len(personnel_figure(d, 1).axes)
    1
    """
    rows = data[data["conflict_id"] == conflict_id].sort_values("date")
    if rows.empty:
        raise NotFoundError(f"conflict {conflict_id} is not in the panel")
    fig = Figure(figsize=(9, 3.6))
    ax = fig.add_subplot()
    totals = personnel_totals(rows)
    ax.stackplot(
        totals["date"],
        *[totals[o].fillna(0) for o, _, _ in SERIES],
        labels=[label for _, label, _ in SERIES],
        colors=[c for _, _, c in SERIES],
    )
    ax.set_ylabel("uniformed personnel")
    ax.set_title(f"Peacekeepers by organisation type, UCDP conflict {conflict_id}")
    finish(
        fig,
        ax,
        "Source: Bara & Hultman (2020) via the bluehelmet conflict-month "
        "panel; months outside its coverage are blank.",
        legend_loc="upper left",
    )
    return fig
