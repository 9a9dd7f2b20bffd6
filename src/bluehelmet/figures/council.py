"""Council contestation: non-unanimous votes by year and who cast them; P5 agreement."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bluehelmet import palette
from bluehelmet.figures.style import finish

#: Who cast an abstention or no vote on a mandate, in stacking order, with its colour.
DISSENTERS = palette.DISSENT
_GROUP = {"RUS": "Russia", "CHN": "China", "FRA": "France, UK, US", "GBR": "France, UK, US",
          "USA": "France, UK, US"}  # fmt: skip
SOURCE = (
    "Source: resolution index (vote counts, UN meetings tables 1946–2022 and AKN metadata); "
    "member votes from the UN's AKN metadata 2000–2026; mandate resolutions from bluehelmet's "
    "mandate events."
)


@dataclass(frozen=True)
class ContestationSpec:
    """What the contestation figure shows.

    ``years`` spans the top panel: the share of resolutions put to a vote that were not
    unanimous, for peace-operation mandates and for all other resolutions (NaN where a year
    has none). ``member_years`` (from 2000, where member votes exist) with ``dissent``: per
    group of :data:`DISSENTERS`, abstentions and no votes on mandates in each of those years.
    """

    years: tuple[int, ...]
    contested_mandates: tuple[float, ...]
    contested_other: tuple[float, ...]
    member_years: tuple[int, ...]
    dissent: dict[str, tuple[int, ...]]


def contestation_spec(by_year: pd.DataFrame, dissent: pd.DataFrame) -> ContestationSpec:
    """The spec from ``bh.contestation(by="year")`` and ``mandate_dissent()``.

    >>> y = pd.DataFrame({"year": [1999, 2000, 2000], "group": ["peacekeeping"] * 2 + ["other"],
    ...     "share_unanimous": [1.0, 0.75, 0.5], "member_level": [False, True, True]})
    >>> d = pd.DataFrame({"year": [2000], "member": ["RUS"], "abstain": [1], "no": [0]})
    >>> s = contestation_spec(y, d)
    >>> s.contested_mandates, s.contested_other, s.dissent["Russia"]
    ((0.0, 0.25), (nan, 0.5), (1,))
    """
    years = tuple(range(int(by_year["year"].min()), int(by_year["year"].max()) + 1))

    def contested(group: str) -> tuple[float, ...]:
        rows = by_year[by_year["group"] == group].set_index("year")["share_unanimous"]
        return tuple(float(1 - v) for v in rows.reindex(years).astype(float))

    first = int(by_year.loc[by_year["member_level"].astype(bool), "year"].min())
    member_years = tuple(y for y in years if y >= first)
    groups = dissent.assign(who=dissent["member"].map(_GROUP).fillna("elected members"))
    counts = (
        groups.assign(n=groups["abstain"] + groups["no"])
        .pivot_table(index="year", columns="who", values="n", aggfunc="sum", fill_value=0)
        .reindex(index=list(member_years), columns=list(DISSENTERS), fill_value=0)
    )
    return ContestationSpec(
        years,
        contested("peacekeeping"),
        contested("other"),
        member_years,
        {who: tuple(int(n) for n in counts[who]) for who in DISSENTERS},
    )


def contestation_figure(spec: ContestationSpec) -> Figure:
    """Two panels: the share of votes not unanimous (mandates and others) over every year;
    below, from the first year with member votes, who abstained or voted no on mandates.

    >>> s = ContestationSpec((1999, 2000), (0.0, 0.25), (0.1, 0.5), (2000,),
    ...     {k: (1,) for k in DISSENTERS})
    >>> legend = contestation_figure(s).axes[1].get_legend()
    >>> [t.get_text() for t in legend.get_texts()][:2]
    ['member votes not recorded (counts only)', 'Russia']
    """
    fig = Figure(figsize=(10, 6.2))
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(1, 1.1))
    x = np.array(spec.years)
    top.plot(x, spec.contested_mandates, color=palette.UN, marker=".",
             label="peace-operation mandates")  # fmt: skip
    top.plot(x, spec.contested_other, color=palette.NOT_CODED, marker=".",
             label="all other resolutions")  # fmt: skip
    top.set_ylabel("share not unanimous")
    top.set_ylim(0, 1)
    top.set_title("Resolutions put to a vote that were not unanimous", fontsize=10, loc="left")
    top.legend(frameon=False, fontsize=8, loc="upper left")
    top.spines[["top", "right"]].set_visible(False)
    base = np.zeros(len(spec.member_years))
    for who, colour in DISSENTERS.items():
        values = np.array(spec.dissent[who], dtype=float)
        bottom.bar(spec.member_years, values, bottom=base, color=colour, label=who, width=0.8)
        base += values
    if spec.member_years and spec.years[0] < spec.member_years[0]:
        bottom.axvspan(spec.years[0] - 0.5, spec.member_years[0] - 0.5, color=palette.NO_TEXTS,
                       alpha=0.5, linewidth=0, zorder=0,
                       label="member votes not recorded (counts only)")  # fmt: skip
    bottom.set_ylabel("abstentions and no votes")
    bottom.set_title("Who did not vote for peace-operation mandates", fontsize=10, loc="left")
    bottom.set_xlabel("year")
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
    finish(fig, bottom, SOURCE, legend_loc="upper left")
    fig.tight_layout()
    return fig


def agreement_figure(agreement: pd.DataFrame) -> Figure:
    """The P5 agreement index per year (mean agreement of the ten pairs of permanent members),
    on mandates and on all resolutions, with the Russia–US pair on mandates.

    >>> a = pd.DataFrame({"year": [2000, 2000], "group": ["peacekeeping", "all"],
    ...     "index": [1.0, 0.9], "RUS_USA": [1.0, 0.8]})
    >>> [line.get_label() for line in agreement_figure(a).axes[0].get_lines()]
    ['P5 index: mandates', 'P5 index: all resolutions', 'Russia–US: mandates']
    """
    fig = Figure(figsize=(10, 3.8))
    ax = fig.add_subplot()
    mandates = agreement[agreement["group"] == "peacekeeping"].sort_values("year")
    every = agreement[agreement["group"] == "all"].sort_values("year")
    ax.plot(mandates["year"], mandates["index"], color=palette.UN, marker=".",
            label="P5 index: mandates")  # fmt: skip
    ax.plot(every["year"], every["index"], color=palette.NOT_CODED, marker=".",
            label="P5 index: all resolutions")  # fmt: skip
    ax.plot(mandates["year"], mandates["RUS_USA"], color=palette.OTHER, linestyle="--",
            label="Russia–US: mandates")  # fmt: skip
    ax.set_ylim(0.5, 1.02)
    ax.set_ylabel("share of votes cast alike")
    ax.set_xlabel("year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    finish(fig, ax, "Source: member votes from the UN's AKN metadata 2000–2026; bluehelmet "
           "p5_agreement (pairs voting the same way, absent counted as different).",
           legend_loc="best")  # fmt: skip
    fig.tight_layout()
    return fig
