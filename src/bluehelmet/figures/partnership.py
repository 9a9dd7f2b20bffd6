"""Predicted battle deaths over UN troop levels, with and without a partner: one spec per
source table (a regional operation in dyad-months, non-UN troops in conflict-months), drawn
here with matplotlib and on the web as SVG."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from bluehelmet import palette
from bluehelmet.figures.style import finish

#: Colours of the curves without and with a partner.
COLOURS = (palette.UN, palette.OTHER)
X_TITLE = "UN troops last month (thousands)"
TITLE = "Battle deaths over UN troop levels (NB2, conflict fixed effects)"


@dataclass(frozen=True)
class DeathsLine:
    """One curve: the estimate and its 95% interval at each ``x``; ``rows`` are the index
    labels of its points in the source table."""

    label: str
    colour: str
    rows: tuple[Hashable, ...]
    x: tuple[float, ...]
    estimate: tuple[float, ...]
    conf_low: tuple[float, ...]
    conf_high: tuple[float, ...]


@dataclass(frozen=True)
class DeathsSpec:
    """What the predicted-deaths figure shows, whoever draws it (matplotlib here, SVG on the
    web): its curves, axis titles, whether y is on a log scale, title, caption, and the lowest
    value the y axis shows (bands below it are cut at the axis)."""

    lines: tuple[DeathsLine, ...]
    x_title: str
    y_title: str
    log: bool
    title: str
    caption: str
    y_min: float


def _line(part: pd.DataFrame, x: str, label: str, colour: str) -> DeathsLine:
    def values(column: str) -> tuple[float, ...]:
        return tuple(float(v) for v in part[column])

    rows = tuple(part.index)
    columns = ("estimate", "conf_low", "conf_high")
    return DeathsLine(label, colour, rows, values(x), *(values(c) for c in columns))


def y_floor(lines: tuple[DeathsLine, ...]) -> float:
    """The y axis's lowest value: a tenth of the lowest estimate, or the lowest band if that is
    higher (a lower band bound near zero would stretch a log axis over empty decades).

    >>> line = DeathsLine("a", "#000", (0,), (0.0,), (4.0,), (0.001,), (90.0,))
    >>> y_floor((line,))
    0.4
    """
    lowest_band = min(v for line in lines for v in line.conf_low)
    return max(lowest_band, min(v for line in lines for v in line.estimate) / 10)


def log_reason(lines: tuple[DeathsLine, ...]) -> str:
    """The caption's sentence on why y is on a log scale, and where the bands are cut.

    >>> line = DeathsLine("a", "#000", (0,), (0.0,), (4.0,), (0.001,), (90.0,))
    >>> log_reason((line,))
    'Log scale: the 95% bands run from 0.001 to 90 deaths; bands below 0.4 are cut at the axis.'
    """
    lo = min(v for line in lines for v in line.conf_low)
    hi = max(v for line in lines for v in line.conf_high)
    floor = y_floor(lines)
    cut = f"; bands below {floor:.2g} are cut at the axis" if floor > lo else ""
    return f"Log scale: the 95% bands run from {lo:.2g} to {hi:,.0f} deaths{cut}."


def _spec(lines: tuple[DeathsLine, ...], y_title: str, caption: str) -> DeathsSpec:
    """A log-scale spec of ``lines`` whose caption says why and where its bands are cut."""
    caption = f"{caption} {log_reason(lines)}"
    return DeathsSpec(lines, X_TITLE, y_title, True, TITLE, caption, y_floor(lines))


def predicted_deaths_spec(pred: pd.DataFrame) -> DeathsSpec:
    """The figure of ``predicted_deaths`` output (dyad-months): curves over ``troop_lag1000``
    without and with a regional operation (``regional_pko`` 0 and 1).

    >>> p = pd.DataFrame({"troop_lag1000": [0, 1] * 2, "regional_pko": [0, 0, 1, 1],
    ...     "estimate": [5, 4, 6, 7], "conf_low": [3, 2, 2, 2], "conf_high": [8, 9, 20, 30]})
    >>> [(line.label, line.estimate) for line in predicted_deaths_spec(p).lines]
    [('no regional operation', (5.0, 4.0)), ('with a regional operation', (6.0, 7.0))]
    """
    names = ("no regional operation", "with a regional operation")
    lines = tuple(
        _line(pred[pred["regional_pko"] == value], "troop_lag1000", name, colour)
        for value, name, colour in zip((0, 1), names, COLOURS, strict=True)
    )
    caption = (
        "Data: HKS (2014) layout dyad-months, Africa 1992–2011; bands: 95% simulation intervals."
    )
    return _spec(lines, "Predicted battle deaths per dyad-month", caption)


def partner_deaths_spec(
    pred: pd.DataFrame, x: str = "un_troops_lag1", non_un: str = "non_un_troops_lag1"
) -> DeathsSpec:
    """The figure of ``partnership_effects`` predictions (conflict-months): curves over ``x``
    without and with non-UN troops (``partner``), the latter at the table's ``non_un`` level.

    >>> p = pd.DataFrame({"un_troops_lag1": [0, 1] * 2, "non_un_troops_lag1": [0, 0, 2, 2],
    ...     "partner": [False, False, True, True], "estimate": [5, 4, 6, 7],
    ...     "conf_low": [3, 2, 2, 2], "conf_high": [8, 9, 20, 30]})
    >>> [(line.label, line.rows) for line in partner_deaths_spec(p).lines]
    [('no non-UN troops', (0, 1)), ('with 2.0 thousand non-UN troops', (2, 3))]
    """
    level = float(pred.loc[pred["partner"], non_un].iloc[0])
    names = ("no non-UN troops", f"with {level:.1f} thousand non-UN troops")
    lines = tuple(
        _line(pred[pred["partner"] == value], x, name, colour)
        for value, name, colour in zip((False, True), names, COLOURS, strict=True)
    )
    caption = (
        "Data: Bara & Hultman (2020) personnel, HKS (2014) layout battle deaths on UCDP conflict "
        "ids, Africa 1993–2011; bands: 95% simulation intervals."
    )
    return _spec(lines, "Predicted battle deaths per conflict-month", caption)


def deaths_figure(spec: DeathsSpec) -> Figure:
    """Lines with their 95% interval bands, as ``spec`` says.

    >>> p = pd.DataFrame({"troop_lag1000": [0, 1] * 2, "regional_pko": [0, 0, 1, 1],
    ...     "estimate": [5, 4, 6, 7], "conf_low": [3, 2, 2, 2], "conf_high": [8, 9, 20, 30]})
    >>> ax = deaths_figure(predicted_deaths_spec(p)).axes[0]
    >>> ax.get_yscale(), [line.get_label() for line in ax.lines]
    ('log', ['no regional operation', 'with a regional operation'])
    """
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    for line in spec.lines:
        ax.plot(line.x, line.estimate, color=line.colour, label=line.label)
        ax.fill_between(line.x, line.conf_low, line.conf_high, color=line.colour, alpha=0.15)
    if spec.log:
        ax.set_yscale("log")
        ax.set_ylim(bottom=spec.y_min)
    ax.set_xlabel(spec.x_title)
    ax.set_ylabel(spec.y_title)
    ax.set_title(spec.title)
    finish(fig, ax, spec.caption)
    return fig
