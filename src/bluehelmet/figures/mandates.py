"""Bar chart: mandates of newly authorised UN missions in civil wars, by year."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bluehelmet import palette
from bluehelmet.figures.style import finish, shade_years

COLOURS = palette.MANDATE_BASIS


NOT_READ = "no resolution texts: missions from the index, basis not coded"


@dataclass(frozen=True)
class MandatesSpec:
    """What the mandates figure shows, whoever draws it (matplotlib here, SVG on the web):
    the counts of the categories shown (years × categories), their colours and the years
    shaded because no text covers them."""

    counts: pd.DataFrame
    colours: dict[str, str]
    shaded: tuple[int, ...]

    @property
    def categories(self) -> list[str]:
        """The categories shown, in legend order."""
        return [str(c) for c in self.counts.columns]

    @property
    def years(self) -> list[int]:
        """Every year of the figure, in order."""
        return [int(y) for y in self.counts.index]


def mandates_spec(counts: pd.DataFrame, without_texts: Collection[int] = ()) -> MandatesSpec:
    """The figure of ``mandate_basis_counts`` output: "Basis not coded" only when some year
    has it; the years ``without_texts`` that fall in the figure are shaded.

    >>> from bluehelmet.register.mandates import mandate_basis_counts
    >>> s = mandates_spec(mandate_basis_counts(1989, 1991), [1990, 1995])
    >>> s.categories, s.shaded
    (['Chapter VI', 'Chapter VII', 'Shift VI to VII'], (1990,))
    """
    shown = [c for c in counts.columns if counts[c].sum() > 0 or c != "Basis not coded"]
    shaded = tuple(int(y) for y in without_texts if y in counts.index)
    return MandatesSpec(counts[shown], {c: COLOURS[c] for c in shown}, shaded)


def mandates_figure(counts: pd.DataFrame, without_texts: Collection[int] = ()) -> Figure:
    """Grouped bars of ``mandate_basis_counts`` output (years × categories); the years
    ``without_texts`` (see ``years_without_texts``) are shaded and labelled.

    >>> from bluehelmet.register.mandates import mandate_basis_counts
    >>> fig = mandates_figure(mandate_basis_counts(1989, 2016), [1995])
    >>> NOT_READ in [p.get_label() for p in fig.axes[0].patches]
    True
    """
    spec = mandates_spec(counts, without_texts)
    fig = Figure(figsize=(10, 4.2))
    ax = fig.add_subplot()
    width = 0.8 / len(spec.categories)
    years = spec.counts.index.to_numpy()
    for i, cat in enumerate(spec.categories):
        ax.bar(
            years - 0.4 + width * (i + 0.5),
            spec.counts[cat],
            width=width,
            label=cat,
            color=spec.colours[cat],
        )
    shade_years(ax, list(spec.shaded), NOT_READ)
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
