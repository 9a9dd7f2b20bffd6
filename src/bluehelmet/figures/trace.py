"""Line chart: each hypothesis's posterior after each evidence unit of a process trace."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure


def posterior_path_figure(posteriors: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """Figure of ``Trace.posteriors()``: steps on x, P(H | evidence so far) on y.

    >>> path = pd.DataFrame({"step": [0, 1], "unit": ["prior", "e1"], "a": [0.5, 0.8],
    ...                      "b": [0.5, 0.2]})
    >>> len(posterior_path_figure(path, {"a": "A", "b": "B"}).axes[0].lines)
    2
    """
    fig = Figure(figsize=(7.5, 3.2))
    ax = fig.add_subplot()
    for hypothesis, label in labels.items():
        ax.plot(posteriors["step"], posteriors[hypothesis], marker="o", markersize=3, label=label)
    ax.set_xticks(posteriors["step"], posteriors["unit"], rotation=45, ha="right", fontsize=7)
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("posterior probability")
    ax.set_xlabel("evidence unit (item or dependence group), in ledger order", fontsize=8)
    ax.set_title("Posterior path", fontsize=10)
    ax.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.spines[["top", "right"]].set_visible(False)
    return fig
