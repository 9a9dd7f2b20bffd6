"""Bar chart: mandates of newly authorised UN missions in civil wars, by year."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bluehelmet import palette
from bluehelmet.figures.style import finish, shade_years

COLOURS = palette.MANDATE_BASIS


NOT_READ = "no resolution texts: missions from the index, basis not coded"


def mandates_figure(counts: pd.DataFrame, without_texts: Collection[int] = ()) -> Figure:
    """Grouped bars of ``mandate_basis_counts`` output (years × categories); the years
    ``without_texts`` (see ``years_without_texts``) are shaded and labelled.

    >>> from bluehelmet.register.mandates import mandate_basis_counts
    >>> fig = mandates_figure(mandate_basis_counts(1989, 2016), [1995])
    >>> NOT_READ in [p.get_label() for p in fig.axes[0].patches]
    True
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
    shade_years(ax, [y for y in without_texts if y in counts.index], NOT_READ)
    step = 1 if len(years) <= 40 else 5
    ax.set_xticks(years[::step], [str(y) for y in years[::step]], rotation=90, fontsize=8)
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
