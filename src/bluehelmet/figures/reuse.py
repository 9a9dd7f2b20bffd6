"""Reuse charts: clause-family diffusion, novelty over time, shared language between operations."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from bluehelmet import palette
from bluehelmet.figures.style import finish, shade_years

#: One colour per family line.
PALETTE = palette.SERIES
SOURCE = "Source: bluehelmet reuse engine on the configured corpus (boilerplate left out)."


def diffusion_figure(diffusion: pd.DataFrame, uncovered: Iterable[int] = ()) -> Figure:
    """One step line per clause family: resolutions using it so far, by year; origin marked;
    the ``uncovered`` years (no resolution texts) shaded.

    ``diffusion`` has ``family``, ``label``, ``year`` and ``resolutions`` (cumulative),
    families in the order to draw, as made by ``report.reuse.family_diffusion``.

    >>> d = pd.DataFrame({"family": [3, 3], "label": ["F"] * 2, "year": [1990, 1992],
    ...                   "resolutions": [1, 4]})
    >>> [line.get_label() for line in diffusion_figure(d).axes[0].get_lines()]
    ['F', '_child1', 'origin (first resolution)']
    """
    fig = Figure(figsize=(10, 4.6))
    ax = fig.add_subplot()
    for i, (_, part) in enumerate(diffusion.groupby("family", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        years, counts = part["year"].to_numpy(), part["resolutions"].to_numpy()
        ax.step(years, counts, where="post", color=colour, label=part["label"].iloc[0])
        ax.plot(years[:1], counts[:1], "o", color=colour, markerfacecolor="white")
    ax.plot([], [], "o", color="#555", markerfacecolor="white", label="origin (first resolution)")
    shade_years(ax, uncovered)
    ax.set_xlabel("year")
    ax.set_ylabel("resolutions using the clause (cumulative)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#eee")
    ax.set_title("Diffusion of the largest clause families (origin paragraph · operation)")
    finish(fig, ax, SOURCE, legend_loc="upper left")
    return fig


def novelty_figure(novelty: pd.DataFrame) -> Figure:
    """Per year: median share of operative text that is new (with its interquartile band)
    and the repetition index. Years without resolutions break the lines; years whose
    ``resolutions`` count is NA (no text covers them) are shaded.

    ``novelty`` has ``year``, ``q25``, ``median``, ``q75``, ``repetition_index`` and
    optionally ``resolutions``, as made by ``report.reuse.novelty_by_year``.

    >>> n = pd.DataFrame({"year": [1990, 1991], "q25": [0.2, 0.5], "median": [0.6, 0.9],
    ...                   "q75": [1.0, 1.0], "repetition_index": [0.3, 0.1]})
    >>> novelty_figure(n).axes[0].get_lines()[0].get_ydata().tolist()
    [0.6, 0.9]
    """
    years = novelty["year"].astype(int)
    span = range(int(years.min()), int(years.max()) + 1) if len(years) else range(0)
    values = ["q25", "median", "q75", "repetition_index"]
    full = novelty.set_index(years).reindex(span)[values].astype("Float64").astype(float)
    fig = Figure(figsize=(10, 4))
    ax = fig.add_subplot()
    x = full.index.to_numpy()
    if "resolutions" in novelty:
        shade_years(ax, years[novelty["resolutions"].isna().to_numpy()])
    ax.plot(x, full["median"], color=palette.UN, marker=".", label="median share of text new")
    ax.fill_between(
        x, full["q25"], full["q75"], color=palette.UN, alpha=0.18, label="interquartile range"
    )
    ax.plot(
        x,
        full["repetition_index"],
        color=palette.OTHER,
        linestyle="--",
        label="repetition index (mean reused share of paragraphs)",
    )
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("year")
    ax.set_ylabel("share of operative text")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#eee")
    ax.set_title("Novelty of resolutions' operative text over time")
    finish(fig, ax, SOURCE)
    return fig


def shared_language_figure(shared: pd.DataFrame) -> Figure:
    """Heatmap of an operations x operations table (rows: earlier, columns: later operation).

    Zero cells are left blank, others are labelled with their value; colours are on a log
    scale; the diagonal (reuse within an operation) is outlined. ``shared`` is square, as
    made by ``report.reuse.shared_language``.

    >>> s = pd.DataFrame([[3, 1], [0, 2]], index=["A", "B"], columns=["A", "B"])
    >>> [t.get_text() for t in shared_language_figure(s).axes[0].texts]
    ['3', '1', '2']
    """
    values = shared.to_numpy(dtype=float)
    n = len(shared)
    fig = Figure(figsize=(1.6 + 0.42 * n, 1.6 + 0.38 * n))
    ax = fig.add_subplot()
    norm = LogNorm(vmin=1, vmax=max(float(values.max(initial=0)), 2.0))
    image = ax.imshow(np.ma.masked_less(values, 1), cmap="Blues", norm=norm, aspect="auto")
    for (i, j), value in np.ndenumerate(values):
        if value >= 1:
            colour = "white" if norm(value) > 0.6 else "#222"
            ax.text(j, i, f"{value:g}", ha="center", va="center", fontsize=7, color=colour)
    for k in range(n):
        ax.add_patch(
            Rectangle(
                (k - 0.5, k - 0.5),
                1,
                1,
                fill=False,
                edgecolor="#444",
                linewidth=0.8,
                label="same operation" if k == 0 else "_nolegend_",
            )
        )
    ax.set_xticks(range(n), [str(c) for c in shared.columns], rotation=90, fontsize=8)
    ax.set_yticks(range(n), [str(r) for r in shared.index], fontsize=8)
    ax.set_xlabel("later operation (reusing the language)")
    ax.set_ylabel("earlier operation (source of the language)")
    fig.colorbar(image, ax=ax, shrink=0.8, format="%g", label="paragraphs reusing its language")
    ax.set_title("Shared language between operations")
    finish(fig, ax, SOURCE, legend_loc="upper left")
    legend = ax.get_legend()
    if legend is not None:  # below the diagonal: little language goes back in time
        legend.set_loc("lower left")
    return fig
