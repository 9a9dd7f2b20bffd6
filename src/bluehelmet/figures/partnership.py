"""Predicted battle deaths over UN troop levels, with and without a regional operation."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from bluehelmet import palette
from bluehelmet.figures.style import finish


def predicted_deaths_figure(pred: pd.DataFrame) -> Figure:
    """Lines with 95% simulation intervals (log scale) from ``predicted_deaths`` output.

    >>> p = pd.DataFrame({"troop_lag1000": [0, 1] * 2, "regional_pko": [0, 0, 1, 1],
    ...     "estimate": [5, 4, 6, 7], "conf_low": [3, 2, 2, 2], "conf_high": [8, 9, 20, 30]})
    >>> len(predicted_deaths_figure(p).axes)
    1
    """
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    for value, label, colour in (
        (0, "no regional operation", palette.UN),
        (1, "with a regional operation", palette.OTHER),
    ):
        part = pred[pred["regional_pko"] == value]
        ax.plot(part["troop_lag1000"], part["estimate"], color=colour, label=label)
        ax.fill_between(
            part["troop_lag1000"], part["conf_low"], part["conf_high"], color=colour, alpha=0.15
        )
    ax.set_yscale("log")
    ax.set_xlabel("UN troops last month (thousands)")
    ax.set_ylabel("predicted battle deaths per dyad-month")
    ax.set_title("Battle deaths over UN troop levels (NB2, conflict fixed effects)")
    finish(
        fig,
        ax,
        "Data: HKS (2014) layout dyad-months, Africa 1992–2011; bands: 95% simulation intervals.",
    )
    return fig


def partner_deaths_figure(
    pred: pd.DataFrame, x: str = "un_troops_lag1", non_un: str = "non_un_troops_lag1"
) -> Figure:
    """Lines with 95% intervals (log scale) from ``partnership_effects`` predictions.

    >>> p = pd.DataFrame({"un_troops_lag1": [0, 1] * 2, "non_un_troops_lag1": [0, 0, 2, 2],
    ...     "partner": [False, False, True, True], "estimate": [5, 4, 6, 7],
    ...     "conf_low": [3, 2, 2, 2], "conf_high": [8, 9, 20, 30]})
    >>> len(partner_deaths_figure(p).axes)
    1
    """
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    level = pred.loc[pred["partner"], non_un].iloc[0]
    for value, label, colour in (
        (False, "no non-UN troops", palette.UN),
        (True, f"with {level:.1f} thousand non-UN troops", palette.OTHER),
    ):
        part = pred[pred["partner"] == value]
        ax.plot(part[x], part["estimate"], color=colour, label=label)
        ax.fill_between(part[x], part["conf_low"], part["conf_high"], color=colour, alpha=0.15)
    ax.set_yscale("log")
    ax.set_xlabel("UN troops last month (thousands)")
    ax.set_ylabel("predicted battle deaths per conflict-month")
    ax.set_title("Battle deaths over UN troop levels (NB2, conflict fixed effects)")
    finish(
        fig,
        ax,
        "Data: Bara & Hultman (2020) personnel, HKS (2014) layout battle deaths on UCDP conflict "
        "ids, Africa 1993–2011; bands: 95% simulation intervals.",
    )
    return fig
