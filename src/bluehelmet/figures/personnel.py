"""Stacked areas: personnel by organisation type over time in one conflict."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from bluehelmet import palette
from bluehelmet.errors import NotFoundError
from bluehelmet.figures.style import finish
from bluehelmet.panels.conflicts import personnel_totals
from bluehelmet.panels.months import every_month


@dataclass(frozen=True)
class Layer:
    """One stacked series: its column, its legend label and its colour."""

    key: str
    label: str
    colour: str


#: The stacked series, bottom up.
LAYERS = (
    Layer("un", "UN", palette.ORGANISATION["un"]),
    Layer("regional", "regional", palette.ORGANISATION["regional"]),
    Layer("international", "international (non-UN)", palette.ORGANISATION["international"]),
)


@dataclass(frozen=True)
class PersonnelSpec:
    """What the personnel chart shows, whoever draws it (matplotlib here, SVG on the web's
    conflict page): every month of one conflict on one grid (``date``, one column per layer,
    ``status`` when given) and the layers stacked."""

    months: pd.DataFrame
    layers: tuple[Layer, ...] = LAYERS

    @property
    def stack(self) -> pd.DataFrame:
        """The layers' values (float) to stack, one row per month: in a month with any value
        an NA layer counts as 0; a month with none (not in the panel, or outside the
        deployment source's coverage) is NaN throughout, drawn blank."""
        values = self.months[[layer.key for layer in self.layers]].astype(float)
        return values.fillna(0.0).where(values.notna().any(axis=1))


def personnel_spec(months: pd.DataFrame) -> PersonnelSpec:
    """The personnel chart of one conflict's panel months (``date`` and ``<org>_<kind>``
    columns): uniformed personnel per organisation type on the full month grid.

    >>> m = pd.DataFrame({"date": pd.to_datetime(["2000-01-01", "2000-03-01"]),
    ...     **{f"{o}_{k}": [1.0, 2.0] for o in ("un", "regional", "international")
    ...        for k in ("troops", "police", "observers")}})
    >>> personnel_spec(m).stack["un"].tolist()
    [3.0, nan, 6.0]
    """
    return PersonnelSpec(every_month(personnel_totals(months)))


def personnel_figure(data: pd.DataFrame, conflict_id: int) -> Figure:
    """Troops, police and observers of each organisation type in ``conflict_id``, by month;
    months outside the panel or its deployment coverage are blank.

    >>> d = pd.DataFrame({"conflict_id": [1, 1], "date": pd.to_datetime(["2000-01-01",
    ...     "2000-02-01"]), **{f"{o}_{k}": [1.0, 2.0] for o in ("un", "regional",
    ...     "international") for k in ("troops", "police", "observers")}})
    >>> len(personnel_figure(d, 1).axes)
    1
    """
    rows = data[data["conflict_id"] == conflict_id].sort_values("date")
    if rows.empty:
        raise NotFoundError(f"conflict {conflict_id} is not in the panel")
    spec = personnel_spec(rows)
    fig = Figure(figsize=(9, 3.6))
    ax = fig.add_subplot()
    stack = spec.stack
    ax.stackplot(
        spec.months["date"],
        *[stack[layer.key] for layer in spec.layers],
        labels=[layer.label for layer in spec.layers],
        colors=[layer.colour for layer in spec.layers],
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
