"""Stacked bars: resolutions authorising force each year, by addressee; years without texts
shaded."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bluehelmet import palette
from bluehelmet.coding.summary import NO_TEXTS
from bluehelmet.figures.style import finish, mark_gaps

LABELS = {
    "un_operation": "the UN operation",
    "member_states": "member states / MNF",
    "regional_organisation": "a regional organisation",
}
COLOURS = palette.FORCE_ADDRESSEE


def covered_span(counts: pd.DataFrame) -> pd.DataFrame:
    """``counts`` from its first to its last year with a count (years no text covers, all NA,
    dropped at either end; those between kept).

    >>> counts = pd.DataFrame({"n": [pd.NA, 1, pd.NA, 2, pd.NA]}, index=range(1990, 1995),
    ...                       dtype="Int64")
    >>> covered_span(counts).index.tolist()
    [1991, 1992, 1993]
    """
    covered = counts.index[counts.notna().any(axis=1)]
    if covered.empty:
        return counts
    return counts.loc[covered.min() : covered.max()]


def force_figure(counts: pd.DataFrame) -> Figure:
    """Figure of ``force_by_addressee`` output over the years the texts cover; a year between
    them whose counts are all NA (no text covers it) is shaded and labelled, not drawn as zero.

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"un_operation": [1, pd.NA, 2], "member_states": [2, pd.NA, 0],
    ...     "regional_organisation": [0, pd.NA, 0]}, index=[1993, 1996, 1997], dtype="Int64")
    >>> ax = force_figure(counts).axes[0]
    >>> ax.get_legend().get_texts()[0].get_text(), [float(x) for x in ax.get_xlim()]
    ('no resolution texts', [1992.5, 1997.5])
    """
    fig = Figure(figsize=(10, 3.6))
    ax = fig.add_subplot()
    counts = covered_span(counts)
    uncovered = counts.isna().all(axis=1)
    shown = counts[~uncovered].astype(float)
    bottom = pd.Series(0.0, index=shown.index)
    for col in shown.columns:
        ax.bar(
            shown.index,
            shown[col],
            bottom=bottom,
            label=f"authorises {LABELS[col]}",
            color=COLOURS[col],
            width=0.8,
        )
        bottom = bottom + shown[col]
    mark_gaps(ax, counts.index[uncovered].astype(int), label=NO_TEXTS)
    if len(counts):
        ax.set_xlim(counts.index.min() - 0.5, counts.index.max() + 0.5)
    ax.set_ylabel("resolutions")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Security Council resolutions authorising force, by addressee")
    finish(
        fig,
        ax,
        "Source: bluehelmet mandate coder on the configured corpus "
        "(machine coding; see the evaluation in the README). The axis spans the years the "
        "texts cover; shaded: years between without resolution texts (counts missing, not "
        "zero).",
        legend_loc="upper left",
    )
    return fig
