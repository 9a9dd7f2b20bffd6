"""Reuse charts: clause-family diffusion, novelty over time, force formulas, shared language
between operations."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from bluehelmet import palette
from bluehelmet.documents.coverage import ranges
from bluehelmet.figures.style import finish, mark_gaps, shade_years

#: One colour per family line.
PALETTE = palette.SERIES
SOURCE = "Source: bluehelmet reuse engine on the configured corpus (boilerplate left out)."
FORMULA_SOURCE = "Source: bluehelmet force_formulas, operative paragraphs of the configured corpus."


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


def novelty_figure(years: pd.DataFrame) -> Figure:
    """Per year: the median share of a resolution's operative text that is new (with its
    interquartile band) and the repetition index (with its interval). Gap years (no texts)
    are shaded and labelled "no texts", their values missing (the lines break); years whose
    novelty is measured against an incomplete past are hatched.

    ``years`` has ``year``, ``gap``, ``past_complete``, ``novelty_median``, ``novelty_q25``,
    ``novelty_q75``, ``repetition_index``, ``ci_low`` and ``ci_high``, as made by
    ``report.reuse.resolution_years``.

    >>> y = pd.DataFrame({"year": [1994, 1995, 2000], "gap": [False, True, False],
    ...     "past_complete": [True, True, False], "novelty_median": [0.9, pd.NA, 0.8],
    ...     "novelty_q25": [0.7, pd.NA, 0.6], "novelty_q75": [1.0, pd.NA, 1.0],
    ...     "repetition_index": [0.1, pd.NA, 0.2], "ci_low": [0.1, pd.NA, 0.1],
    ...     "ci_high": [0.1, pd.NA, 0.3]})
    >>> novelty_figure(y).axes[0].get_lines()[0].get_ydata()[:3].tolist()
    [0.9, nan, nan]
    """
    span = range(int(years["year"].min()), int(years["year"].max()) + 1) if len(years) else []
    full = years.set_index(years["year"].astype(int)).reindex(span)
    values = ["novelty_median", "novelty_q25", "novelty_q75", "repetition_index", "ci_low",
              "ci_high"]  # fmt: skip
    v = full[values].astype("Float64").astype(float)  # NA, never 0
    x = full.index.to_numpy()
    gap = full["gap"].astype("boolean").fillna(False).astype(bool)
    partial = ~full["past_complete"].astype("boolean").fillna(True).astype(bool) & ~gap
    fig = Figure(figsize=(10, 4.4))
    ax = fig.add_subplot()
    mark_gaps(ax, x[gap.to_numpy()])
    for i, (first, last) in enumerate(ranges(x[partial.to_numpy()])):
        ax.axvspan(first - 0.5, last + 0.5, fill=False, hatch="///", edgecolor="#c8c8c8",
                   linewidth=0, zorder=0,
                   label="past incomplete (texts missing in the 5 years before)"
                   if i == 0 else "_nolegend_")  # fmt: skip
    ax.plot(x, v["novelty_median"], color=palette.UN, marker=".", label="novelty: median share new")
    ax.fill_between(x, v["novelty_q25"], v["novelty_q75"], color=palette.UN, alpha=0.18,
                    linewidth=0, label="novelty: interquartile range")  # fmt: skip
    ax.plot(x, v["repetition_index"], color=palette.OTHER, marker=".", linestyle="--",
            label="repetition index (mean reused share)")  # fmt: skip
    ax.fill_between(x, v["ci_low"], v["ci_high"], color=palette.OTHER, alpha=0.3, linewidth=0,
                    label="repetition index: 95% interval")  # fmt: skip
    ax.set_ylim(0, 1.32)  # room above the lines for the legend
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_xlabel("year")
    ax.set_ylabel("share of operative text")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#eee")
    ax.set_title("Novelty and repetition of resolutions' operative text per year")
    finish(fig, ax, SOURCE)
    ax.legend(
        fontsize=8, loc="upper center", ncols=3, facecolor="white", edgecolor="white", framealpha=1
    )
    return fig


def formulas_figure(per_year: pd.DataFrame) -> Figure:
    """One panel per formula: resolutions using it per year, a step line; years without
    texts (``gap``) shaded and labelled "no texts", their counts NA so the line breaks.

    ``per_year`` is ``force_formulas(per_year=True)`` (``formula``, ``year``,
    ``resolutions``, ``gap``), formulas drawn in the order they first appear in it.

    >>> t = pd.DataFrame({"formula": ["F"] * 3, "year": [1994, 1995, 2000],
    ...     "resolutions": pd.array([1, pd.NA, 0], dtype="Int64"), "gap": [False, True, False]})
    >>> formulas_figure(t).axes[0].get_lines()[0].get_ydata().tolist()
    [1.0, nan, 0.0]
    """
    names = list(dict.fromkeys(per_year["formula"]))
    fig = Figure(figsize=(10, 1.0 + 1.3 * max(len(names), 1)))
    axes = fig.subplots(
        max(len(names), 1), 1, sharex=True, squeeze=False, gridspec_kw={"hspace": 0.55}
    )[:, 0]
    for i, (ax, name) in enumerate(zip(axes, names, strict=False)):
        part = per_year[per_year["formula"] == name].sort_values("year", kind="stable")
        x = part["year"].astype(int).to_numpy()
        mark_gaps(ax, x[part["gap"].astype(bool).to_numpy()])
        counts = part["resolutions"].astype("Float64").astype(float)  # NA, never 0
        ax.step(x, counts.to_numpy(), where="mid", color=PALETTE[i % len(PALETTE)])
        ax.set_title(name, loc="left", fontsize=9)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
        ax.grid(axis="y", color="#eee")
        ax.spines[["top", "right"]].set_visible(False)
    axes[-1].set_xlabel("year")
    axes[-1].xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.supylabel("resolutions using the formula, per year", fontsize=9)
    fig.suptitle("Diffusion of the force and protection formulas")
    finish(fig, axes[0], FORMULA_SOURCE, legend_loc="upper left")
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
