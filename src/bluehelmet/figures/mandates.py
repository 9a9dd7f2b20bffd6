"""Bar chart: mandates of newly authorised UN missions in civil wars, by year."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bluehelmet.figures.style import finish

COLOURS = {
    "Chapter VI": "#9ecae1",
    "Chapter VII": "#08519c",
    "Shift VI to VII": "#fd8d3c",
    "Basis not coded": "#bdbdbd",
}


def mandates_figure(counts: pd.DataFrame) -> Figure:
    """Grouped bars of ``mandate_basis_counts`` output (years × categories).

    >>> from bluehelmet.register.mandates import mandate_basis_counts
    >>> len(mandates_figure(mandate_basis_counts(1989, 2016)).axes)
    1
    """
    shown = [c for c in counts.columns if counts[c].sum() > 0 or c != "Basis not coded"]
    fig = Figure(figsize=(10, 4.2))
    ax = fig.add_subplot()
    width = 0.8 / len(shown)
    years = counts.index.to_numpy()
    for i, cat in enumerate(shown):
        ax.bar(
            years - 0.4 + width * (i + 0.5), counts[cat], width=width, label=cat, color=COLOURS[cat]
        )
    ax.set_xticks(years, [str(y) for y in years], rotation=90, fontsize=8)
    ax.set_ylabel("UN missions")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Mandates of newly authorised UN missions in civil wars, by year")
    finish(
        fig,
        ax,
        "Source: bluehelmet register (mandate_events, operations); shifts are "
        "counted again in the year of the shift.",
    )
    return fig
