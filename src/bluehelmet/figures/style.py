"""The finishing touches every chart shares: a quiet legend and frame, and its source line."""

from __future__ import annotations

from typing import Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure


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
