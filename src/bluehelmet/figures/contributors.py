"""Who supplies an operation's uniformed personnel: stacked bars per year of each
contributor group's share, the permanent members one by one, 2010–2021.

Shares, not levels: in partial years (the source lacks months, see
:mod:`bluehelmet.council.contributors`) levels understate, so those bars are hatched and
their year marked.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from bluehelmet.council.contributors import SOURCE as DATA_KEY
from bluehelmet.council.contributors import contributors
from bluehelmet.figures.style import finish

SOURCE = (
    f"Source: UN troop and police contributions per mission and year (key {DATA_KEY}) via "
    "bluehelmet.contributors; shares of the year's uniformed personnel."
)
#: How a partial year's label is marked.
PARTIAL_MARK = "*"
PARTIAL_NOTE = (
    f"{PARTIAL_MARK} partial year (hatched): the source lacks months, so read shares, not levels."
)


@dataclass(frozen=True)
class Series:
    """One stacked series: a permanent member (ISO3) or a group, its label and colour."""

    key: str
    label: str
    colour: str


#: The series, bottom up: the permanent members in purples, then the other groups.
SERIES = (
    Series("CHN", "China", "#3f007d"),
    Series("FRA", "France", "#6a51a3"),
    Series("GBR", "UK", "#9e9ac8"),
    Series("USA", "US", "#cbc9e2"),
    Series("RUS", "Russia", "#54278f"),
    Series("Europe", "Europe", "#2b8cbe"),
    Series("African states", "African states", "#e6550d"),
    Series("South Asia", "South Asia", "#31a354"),
    Series("other", "other", "#969696"),
)


@dataclass(frozen=True)
class ContributorsSpec:
    """What the contributors chart shows, whoever draws it (matplotlib here, SVG on an
    operation's page): one row per year of ``shares`` (a column per series key, summing to
    1; NaN in a year without personnel), the ``totals`` and the partial years."""

    operation: str
    shares: pd.DataFrame
    totals: pd.Series
    partial: tuple[int, ...]
    series: tuple[Series, ...]
    absent: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"Who supplies {self.operation}'s uniformed personnel"

    @property
    def y_title(self) -> str:
        return "Share of uniformed personnel"

    @property
    def year_labels(self) -> tuple[str, ...]:
        """Each year, marked when partial."""
        return tuple(f"{y}{PARTIAL_MARK if y in self.partial else ''}" for y in self.shares.index)

    @property
    def note(self) -> str:
        """Partial years and the series left out as they sent no one."""
        parts = [PARTIAL_NOTE] if self.partial else []
        if self.absent:
            parts.append(f"No personnel from {', '.join(self.absent)} in these years.")
        return " ".join(parts)


def contributors_spec(operation: str, shared: Path | str | None = None) -> ContributorsSpec:
    """The contributors chart of ``operation``: each series' share per year from its first to
    its last year with personnel (years between without any stay, blank); series that sent
    no one in those years are left out and named. ``shared`` as for
    :func:`~bluehelmet.council.contributors.contributors`.

    >>> import tempfile
    >>> from bluehelmet.council.contributors import FILE
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / FILE.parent).mkdir(parents=True)
    >>> _ = (folder / FILE).write_text('"","Year","Country","Mission","Female","Male","Total"\\n'
    ...     '"1",2019,"China","MINUSMA",0,3,3\\n"2",2021,"Nepal","MINUSMA",0,1,1\\n')
    >>> spec = contributors_spec("MINUSMA", shared=folder)
    >>> spec.shares.to_dict("index")
    {2019: {'CHN': 1.0, 'South Asia': 0.0}, 2020: {'CHN': nan, 'South Asia': nan}, \
2021: {'CHN': 0.0, 'South Asia': 1.0}}
    """
    by_country = contributors(operation, by="country", shared=shared)
    by_group = contributors(operation, by="group", shared=shared)
    name = str(by_group["operation"].iloc[0])
    members = by_country[by_country["group"] == "P5"].pivot_table(
        index="year", columns="contributor", values="share", aggfunc="sum"
    )
    groups = by_group[by_group["group"] != "P5"].pivot_table(
        index="year", columns="group", values="share", aggfunc="sum", observed=True
    )
    years = range(int(by_group["year"].min()), int(by_group["year"].max()) + 1)
    keys = [s.key for s in SERIES]
    shares = pd.concat([members, groups], axis=1).reindex(index=years, columns=keys)
    shares = shares.fillna(0.0)
    shares.loc[~shares.index.isin(by_group["year"])] = float("nan")
    shares.columns.name, shares.index.name = None, "year"
    sent = shares.fillna(0.0).gt(0).any()
    totals = by_group.drop_duplicates("year").set_index("year")["operation_total"]
    partial = by_group.loc[by_group["partial_year"], "year"].unique()
    return ContributorsSpec(
        name,
        shares[[s.key for s in SERIES if sent[s.key]]],
        totals.reindex(years),
        tuple(int(y) for y in sorted(partial)),
        tuple(s for s in SERIES if sent[s.key]),
        tuple(s.label for s in SERIES if not sent[s.key]),
    )


def contributors_figure(spec: ContributorsSpec) -> Figure:
    """The contributors chart of ``spec``: stacked share bars per year, partial years hatched
    and marked.

    >>> shares = pd.DataFrame({"CHN": [0.25, 0.5], "Europe": [0.75, 0.5]}, index=[2019, 2021])
    >>> spec = ContributorsSpec("X", shares, pd.Series([4, 2], index=[2019, 2021]), (2021,),
    ...     (SERIES[0], SERIES[5]), ())
    >>> [t.get_text() for t in contributors_figure(spec).axes[0].get_xticklabels()]
    ['2019', '2021*']
    """
    fig = Figure(figsize=(9, 3.8))
    ax = fig.add_subplot()
    years = list(spec.shares.index)
    base = pd.Series(0.0, index=spec.shares.index)
    for series in spec.series:
        values = spec.shares[series.key]
        bars = ax.bar(
            range(len(years)), values.fillna(0.0), bottom=base, width=0.75,
            color=series.colour, label=series.label, edgecolor="white", linewidth=0.3,
        )  # fmt: skip
        for bar, year in zip(bars, years, strict=True):
            if year in spec.partial:
                bar.set_hatch("///")
        base = base + values.fillna(0.0)
    ax.set_xticks(range(len(years)), list(spec.year_labels))
    ax.set_ylim(0, 1)
    ax.set_ylabel(spec.y_title)
    ax.set_title(spec.title)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    finish(fig, ax, "\n".join(textwrap.wrap(f"{SOURCE} {spec.note}".strip(), 150)))
    handles, labels = ax.get_legend_handles_labels()  # listed top down, as stacked
    ax.legend(handles[::-1], labels[::-1], frameon=False, fontsize=8, loc="upper left",
              bbox_to_anchor=(1.0, 1.0))  # fmt: skip
    return fig
