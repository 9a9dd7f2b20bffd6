"""The finishing touches every chart shares: a quiet legend and frame, and its source line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bluehelmet import palette
from bluehelmet.coding.summary import NO_TEXTS
from bluehelmet.documents.coverage import ranges

#: Colour of the bands over years no text covers.
SHADE = palette.NO_TEXTS


def finish(
    fig: Figure, ax: Axes, source: str, legend_loc: Literal["best", "upper left"] = "best"
) -> None:
    """Frameless legend, no top/right spines, and ``source`` in small grey under the chart.

    >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.plot([0, 1], label="x")
    >>> finish(fig, ax, "Source: test"); fig.texts[0].get_text()
    'Source: test'
    """
    ax.legend(frameon=False, fontsize=8, loc=legend_loc)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, -0.03, source, fontsize=7, color="#555")


def shade_years(ax: Axes, years: Iterable[int], label: str = NO_TEXTS) -> None:
    """Grey bands over ``years`` (each year spans year ± 0.5), one legend entry for all.

    >>> fig = Figure(); ax = fig.add_subplot()
    >>> shade_years(ax, [1995, 1996, 1999]); [p.get_label() for p in ax.patches]
    ['no resolution texts', '_nolegend_']
    """
    for i, (first, last) in enumerate(ranges(years)):
        ax.axvspan(
            first - 0.5,
            last + 0.5,
            color=SHADE,
            alpha=0.6,
            linewidth=0,
            zorder=0,
            label=label if i == 0 else "_nolegend_",
        )


def mark_gaps(ax: Axes, years: Iterable[int], label: str = "no texts") -> None:
    """:func:`shade_years` over ``years`` with ``label`` also written upright across each band.

    >>> fig = Figure(); ax = fig.add_subplot()
    >>> mark_gaps(ax, [1995, 1996, 1999]); [t.get_text() for t in ax.texts]
    ['no texts', 'no texts']
    """
    years = list(years)
    shade_years(ax, years, label=label)
    for first, last in ranges(years):
        ax.text((first + last) / 2, 0.5, label, ha="center", va="center", rotation=90,
                fontsize=8, color="#555", transform=ax.get_xaxis_transform())  # fmt: skip
