"""Gantt chart of UN and non-UN operations by host country.

Solid bars cover the days an operation surely served. Hatched parts cover what the dates
leave open: a start or end known only to the month or year (its whole period is
hatched), an unknown end (hatched on to the chart's end) or an unknown start (hatched
from the chart's first year); the label says which date is unknown.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bluehelmet import palette
from bluehelmet.register.dates import period

UN_COLOUR, OTHER_COLOUR = palette.UN_LIGHT, palette.OTHER
HATCH = "////"
#: The chart runs at least to this day (open-ended operations run to it).
UNTIL = pd.Timestamp("2024-12-31")


Piece = tuple[pd.Timestamp, pd.Timestamp, bool]


def _pieces(
    start: tuple[pd.Timestamp, pd.Timestamp],
    end: tuple[pd.Timestamp, pd.Timestamp],
    open_ended: bool,
    since: pd.Timestamp,
    until: pd.Timestamp,
) -> tuple[list[Piece], str]:
    """(left, right, hatched) pieces of one bar from the periods of its two dates, and the
    label's suffix.

    >>> day = pd.Timestamp("2003-09-01"), pd.Timestamp("2003-09-30")
    >>> _pieces(day, (pd.NaT, pd.NaT), False, pd.Timestamp("1990"), pd.Timestamp("2024"))[1]
    ' (end unknown)'
    """
    (s_lo, s_hi), (e_lo, e_hi) = start, end
    if pd.isna(s_lo):
        unknown = pd.isna(e_lo) and not open_ended
        return [(since, until if pd.isna(e_hi) else e_hi, True)], (
            " (dates unknown)" if unknown else " (start unknown)"
        )
    pieces = [(s_lo, s_hi, True)] if s_lo < s_hi else []
    if open_ended:
        return [*pieces, (s_hi, until, False)], ""
    if pd.isna(e_lo):
        return [*pieces, (s_hi, until, True)], " (end unknown)"
    pieces.append((s_hi, e_lo, False))
    if e_lo < e_hi:
        pieces.append((e_lo, e_hi, True))
    return pieces, ""


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
    s_lo, s_hi = period(rows["start_date"], rows["start_precision"])
    e_lo, e_hi = period(rows["end_date"], rows["end_precision"])
    latest = pd.concat([s_hi, e_hi]).max()
    if until is None:
        until = max(UNTIL, latest) if pd.notna(latest) else UNTIL
    earliest = s_lo.min()
    since = since or (earliest if pd.notna(earliest) else until)
    active = rows["active"].astype("boolean").fillna(False).astype(bool)
    fig = Figure(figsize=(10, 1.2 + 0.19 * len(rows)))
    ax = fig.add_subplot()
    labels: list[str] = []
    for i, (k, row) in enumerate(rows.iterrows()):
        colour = UN_COLOUR if row["un"] else OTHER_COLOUR
        open_ended = bool(active[k]) and pd.isna(e_lo[k])
        pieces, suffix = _pieces((s_lo[k], s_hi[k]), (e_lo[k], e_hi[k]), open_ended, since, until)
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
