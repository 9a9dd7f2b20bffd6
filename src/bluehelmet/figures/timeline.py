"""Gantt chart of UN and non-UN operations by host country."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

UN_COLOUR, OTHER_COLOUR = "#2b8cbe", "#e6550d"


def timeline_figure(rows: pd.DataFrame, until: pd.Timestamp | None = None) -> Figure:
    """One bar per (country, operation) of ``theatre_operations``; active ones run to ``until``.

    Operations that ended on an unknown date get a marker at their start.

    >>> from bluehelmet.register.theatres import theatre_operations
    >>> len(timeline_figure(theatre_operations()).axes)
    1
    """
    until = until or pd.Timestamp("2024-12-31")
    fig = Figure(figsize=(10, 0.8 + 0.19 * len(rows)))
    ax = fig.add_subplot()
    labels: list[str] = []
    for i, row in enumerate(rows.itertuples()):
        colour = UN_COLOUR if row.un else OTHER_COLOUR
        label = f"{row.country or row.iso3} · {row.acronym}"
        if pd.isna(row.end_date) and not (pd.notna(row.active) and bool(row.active)):
            ax.plot(row.start_date, i, marker=">", color=colour)
            label += " (end unknown)"
        else:
            end = row.end_date if pd.notna(row.end_date) else until
            ax.barh(i, (end - row.start_date).days, left=row.start_date, height=0.7, color=colour)
        labels.append(label)
    ax.set_yticks(range(len(labels)), labels, fontsize=6.5)
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.set_xlabel("Year")
    ax.grid(axis="x", color="#eee")
    ax.set_title("UN (blue) and non-UN (orange) peace operations by host country")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
