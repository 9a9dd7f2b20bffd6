"""The deployments panel's chart: uniformed personnel per month as SVG lines."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from bluehelmet import palette
from bluehelmet.panels.months import every_month
from bluehelmet.web.svg import Scale, el, hover_column, legend, svg, text, ticks, y_axis

SERIES_COLOURS = palette.PERSONNEL


def _segments(values: pd.Series) -> list[list[tuple[int, float]]]:
    """Runs of consecutive non-missing values as (position, value) lists: NA breaks a line."""
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for i, v in enumerate(values):
        if pd.isna(v):
            if current:
                runs.append(current)
            current = []
        else:
            current.append((i, float(v)))
    if current:
        runs.append(current)
    return runs


def deployments_chart(
    monthly: pd.DataFrame, name: str, start: pd.Timestamp | None = None
) -> Markup:
    """Lines of uniformed personnel per month (``date`` plus troops, police, observers).

    Months missing from the data, and NA counts, break the line rather than dropping to zero;
    hovering a month shows its numbers. ``start``, the operation's start in the register, is
    drawn as a dashed line.

    >>> df = pd.DataFrame({"date": pd.to_datetime(["2000-01-01", "2000-03-01"]),
    ...                    "troops": [100, 200], "police": [pd.NA, 5], "observers": [1, 1]})
    >>> chart = deployments_chart(df, "X")
    >>> "2000-03: troops 200 · police 5 · observers 1" in chart, "2000-02: troops NA" in chart
    (True, True)
    """
    monthly = every_month(monthly)
    series = [s for s in SERIES_COLOURS if s in monthly and monthly[s].notna().any()]
    width, height, left, right, top, bottom = 900, 320, 64, 870, 40, 280
    n = len(monthly)
    x = Scale(0, max(1, n - 1), left, right)
    peak = max(1.0, float(monthly[series].max().max()) if series else 1.0)
    y = Scale(0, peak, bottom, top)
    body = [y_axis(y, ticks(0, peak), left, right, "Uniformed personnel")]
    for s in series:
        for run in _segments(monthly[s]):
            points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
            body.append(
                el("polyline", points=points, fill="none", stroke=SERIES_COLOURS[s], stroke_width=2)
            )
    dates = pd.to_datetime(monthly["date"])
    step = (right - left) / max(1, n - 1)
    for i, when in enumerate(dates):
        parts = []
        for s in series:
            v = monthly[s].iloc[i]
            parts.append(f"{s} {'NA' if pd.isna(v) else f'{int(v):,}'}")
        tip = f"{when:%Y-%m}: {' · '.join(parts)}"
        body.append(hover_column(tip, x(i) - step / 2, step, top, bottom))
    for year in ticks(dates.iloc[0].year, dates.iloc[-1].year, 8):
        i = int((dates.dt.year < year).sum())
        body.append(text(x(i), bottom + 18, f"{year:.0f}", text_anchor="middle", font_size=11))
    if start is not None and dates.iloc[0] <= start <= dates.iloc[-1]:
        sx = x(int((dates < start).sum()))
        body.append(
            el(
                "line",
                x1=f"{sx:.1f}",
                x2=f"{sx:.1f}",
                y1=top,
                y2=bottom,
                stroke="#333",
                stroke_dasharray="4 3",
            )
        )
        body.append(
            text(sx + 4, top + 12, f"start in the register: {start:%Y-%m-%d}", font_size=11)
        )
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    body.append(text((left + right) / 2, height - 4, "Month", text_anchor="middle"))
    body.append(legend([(s, SERIES_COLOURS[s]) for s in series], left, 18))
    label = f"Uniformed UN personnel in {name} per month"
    desc = f"Lines of {', '.join(series) or 'no series'} over {n} months."
    return svg(width, height, "".join(body), label, desc)
