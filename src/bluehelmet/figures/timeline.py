"""Gantt chart of UN and non-UN operations by host country.

Solid bars cover the days an operation surely served. Hatched parts cover what the dates
leave open (``timeline_bars.bar_pieces``, shared with the web's operation timeline); the
label says which date is unknown.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bluehelmet import palette
from bluehelmet.figures.timeline_bars import bar_pieces, date_spans

UN_COLOUR, OTHER_COLOUR = palette.UN_LIGHT, palette.OTHER
HATCH = "////"
#: The chart runs at least to this day (open-ended operations run to it).
UNTIL = pd.Timestamp("2024-12-31")


def timeline_figure(
    rows: pd.DataFrame, until: pd.Timestamp | None = None, since: pd.Timestamp | None = None
) -> Figure:
    """One bar per (country, operation) of ``theatre_operations``; active ones run to ``until``.

    Hatched parts show imprecise or unknown dates (see the module doc); an unknown start
    is hatched from ``since`` (default: the earliest known start).

    >>> from bluehelmet.register.theatres import theatre_operations
    >>> len(timeline_figure(theatre_operations()).axes)
    1
    """
    spans = date_spans(rows)
    latest = pd.concat([spans["start_hi"], spans["end_hi"]]).max()
    if until is None:
        until = max(UNTIL, latest) if pd.notna(latest) else UNTIL
    earliest = spans["start_lo"].min()
    since = since or (earliest if pd.notna(earliest) else until)
    fig = Figure(figsize=(10, 1.2 + 0.19 * len(rows)))
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
        labels.append(f"{row['country'] or row['iso3']} · {row['acronym']}{suffix}")
    ax.set_yticks(range(len(labels)), labels, fontsize=6.5)
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
        ],
        frameon=False,
        fontsize=7,
        loc="lower left",
    )
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(
        0.01,
        0.005,
        "Hatched: a start or end known only to the month or year, or unknown (the label says "
        "which); unknown ends run to the chart's end, unknown starts from its first year.",
        fontsize=6.5,
        color="#555",
    )
    return fig
