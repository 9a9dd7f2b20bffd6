"""Stacked bars: resolutions authorising force each year, by addressee; years without texts
shaded."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bluehelmet import palette
from bluehelmet.figures.style import finish, shade_years

LABELS = {
    "un_operation": "the UN operation",
    "member_states": "member states / MNF",
    "regional_organisation": "a regional organisation",
}
COLOURS = palette.FORCE_ADDRESSEE


def force_figure(counts: pd.DataFrame) -> Figure:
    """Figure of ``force_by_addressee`` output; a year whose counts are all NA (no text covers
    it) is shaded and labelled, not drawn as zero.

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"un_operation": [1, pd.NA], "member_states": [2, pd.NA],
    ...                        "regional_organisation": [0, pd.NA]}, index=[1993, 1996],
    ...                       dtype="Int64")
    >>> ax = force_figure(counts).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()][0]
    'no resolution texts'
    """
    fig = Figure(figsize=(10, 3.6))
    ax = fig.add_subplot()
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
    shade_years(ax, counts.index[uncovered].astype(int))
    if len(counts):
        ax.set_xlim(counts.index.min() - 0.5, counts.index.max() + 0.5)
    ax.set_ylabel("resolutions")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Security Council resolutions authorising force, by addressee")
    finish(
        fig,
        ax,
        "Source: bluehelmet mandate coder on the configured corpus "
        "(machine coding; see the evaluation in the README). Shaded: years without "
        "resolution texts (counts missing, not zero).",
        legend_loc="upper left",
    )
    return fig
