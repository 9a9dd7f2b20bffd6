"""Stacked bars: resolutions authorising force each year, by addressee."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bluehelmet.figures.style import finish

LABELS = {
    "un_operation": "the UN operation",
    "member_states": "member states / MNF",
    "regional_organisation": "a regional organisation",
}
COLOURS = {
    "un_operation": "#08519c",
    "member_states": "#e6550d",
    "regional_organisation": "#31a354",
}


def force_figure(counts: pd.DataFrame) -> Figure:
    """Figure of ``force_by_addressee`` output.

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"un_operation": [1], "member_states": [2],
    ...                        "regional_organisation": [0]}, index=[1993])
    >>> len(force_figure(counts).axes)
    1
    """
    fig = Figure(figsize=(10, 3.6))
    ax = fig.add_subplot()
    bottom = pd.Series(0, index=counts.index)
    for col in counts.columns:
        ax.bar(
            counts.index,
            counts[col],
            bottom=bottom,
            label=f"authorises {LABELS[col]}",
            color=COLOURS[col],
            width=0.8,
        )
        bottom = bottom + counts[col]
    ax.set_ylabel("resolutions")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Security Council resolutions authorising force, by addressee")
    finish(
        fig,
        ax,
        "Source: bluehelmet mandate coder on the configured corpus "
        "(machine coding; see the evaluation in the README).",
        legend_loc="upper left",
    )
    return fig
