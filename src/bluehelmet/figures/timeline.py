"""Gantt chart of UN and non-UN operations by host country.

Solid bars cover the days an operation surely served. Hatched parts cover what the dates
leave open (``timeline_bars.bar_pieces``, shared with the web's operation timeline); the
label says which date is unknown. An open-ended bar (active, no end date) ends in an arrow.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bluehelmet import palette
from bluehelmet.figures.timeline_bars import bar_pieces, date_spans

UN_COLOUR, OTHER_COLOUR = palette.UN_LIGHT, palette.OTHER
HATCH = "////"
#: Font size of the bar labels, and the height of one bar's row, in inches.
LABEL_SIZE, ROW_HEIGHT = 8.5, 0.26
#: Legend entry of the arrow that ends an open-ended bar.
RUNS_ON = "runs on (no end date)"
#: The chart runs at least to this day (open-ended operations run to it).
UNTIL = pd.Timestamp("2024-12-31")


def timeline_figure(
    rows: pd.DataFrame, until: pd.Timestamp | None = None, since: pd.Timestamp | None = None
) -> Figure:
    """One bar per (country, operation) of ``theatre_operations``; active ones run to ``until``.

    Hatched parts show imprecise or unknown dates (see the module doc); an unknown start
    is hatched from ``since`` (default: the earliest known start). Open-ended bars end in an
    arrow at ``until``.

    >>> from bluehelmet.register.theatres import theatre_operations
    >>> ax = timeline_figure(theatre_operations()).axes[0]
    >>> ax.get_legend().get_texts()[-1].get_text()
    'runs on (no end date)'
    """
    spans = date_spans(rows)
    latest = pd.concat([spans["start_hi"], spans["end_hi"]]).max()
    if until is None:
        until = max(UNTIL, latest) if pd.notna(latest) else UNTIL
    earliest = spans["start_lo"].min()
    since = since or (earliest if pd.notna(earliest) else until)
    fig = Figure(figsize=(11, 1.4 + ROW_HEIGHT * len(rows)))
    ax = fig.add_subplot()
    labels: list[str] = []
    for i, (k, row) in enumerate(rows.iterrows()):
        colour = UN_COLOUR if row["un"] else OTHER_COLOUR
        s = spans.loc[k]
        start, end = (s["start_lo"], s["start_hi"]), (s["end_lo"], s["end_hi"])
        pieces, suffix = bar_pieces(start, end, bool(s["open_ended"]), since, until)
        for left, right, hatched in pieces:
            width = max((right - left).days, 1)
            if hatched:
                ax.barh(i, width, left=left, height=0.7, color="white", edgecolor=colour,
                        hatch=HATCH, linewidth=0.4)  # fmt: skip
            else:
                ax.barh(i, width, left=left, height=0.7, color=colour)
        if s["open_ended"]:
            ax.plot(until, i, marker=">", markersize=6, color=colour, linestyle="none",
                    clip_on=False, label="_nolegend_")  # fmt: skip
        labels.append(f"{row['country'] or row['iso3']} · {row['acronym']}{suffix}")
    ax.set_yticks(range(len(labels)), labels, fontsize=LABEL_SIZE)
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.set_xlabel("Year")
    ax.grid(axis="x", color="#eee")
    ax.set_title("UN (blue) and non-UN (orange) peace operations by host country")
    ax.legend(
        handles=[
            Patch(color=UN_COLOUR, label="UN"),
            Patch(color=OTHER_COLOUR, label="non-UN"),
            Patch(facecolor="white", edgecolor="#555", hatch=HATCH, label="date not exact"),
            Line2D([], [], marker=">", color="#555", linestyle="none", label=RUNS_ON),
        ],
        frameon=False,
        fontsize=8,
        loc="lower left",
    )
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(
        0.01,
        0.005,
        "Hatched: a start or end known only to the month or year, or unknown (the label says "
        "which); unknown ends run to the chart's end, unknown starts from its first year. "
        "An arrow: still deployed, no end date.",
        fontsize=7.5,
        color="#555",
    )
    return fig
