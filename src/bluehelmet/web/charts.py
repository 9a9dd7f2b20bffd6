"""Web charts as SVG: the mandates figure (bars link to their missions) and deployments."""

from __future__ import annotations

import math
from collections.abc import Collection

import pandas as pd
from markupsafe import Markup

from bluehelmet.documents.coverage import ranges_text
from bluehelmet.figures.mandates import COLOURS, NOT_READ
from bluehelmet.web.svg import (
    NO_TEXTS_COLOUR,
    Scale,
    bar_link,
    el,
    hover_column,
    no_texts_band,
    svg,
    text,
    ticks,
    x_label,
    y_axis,
)

SERIES_COLOURS = {"troops": "#08519c", "police": "#d94801", "observers": "#238b45"}


def swatch_width(label: str) -> float:
    """Width a legend entry takes: swatch, gap, label (7.5 units a character) and spacing.

    >>> swatch_width("UN")
    49.0
    """
    return 16 + 7.5 * len(label) + 18


def legend(items: list[tuple[str, str]], left: float, y: float) -> str:
    """A row of colour swatches with their labels, from ``left`` at baseline ``y``.

    >>> legend([("UN", "#08519c")], 10, 20).count("<rect")
    1
    """
    parts, x = [], left
    for label, colour in items:
        parts.append(el("rect", x=f"{x:.1f}", y=y - 10, width=12, height=12, fill=colour))
        parts.append(text(x + 16, y, label, font_size=12))
        x += swatch_width(label)
    return "".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def mandates_chart(
    counts: pd.DataFrame, basis: pd.DataFrame, without_texts: Collection[int] = ()
) -> Markup:
    """Grouped bars of ``mandate_basis_counts``; each bar names its missions and links to them.

    ``basis`` is ``mandate_basis`` output (year, operation, resolution, category). Each bar is
    a link to ``#y<year>`` (the year's rows in the missions table) with a tooltip listing the
    missions and resolutions behind it. Years ``without_texts`` are shaded: their missions
    come from the index and their basis is not coded.

    >>> from bluehelmet.register.mandates import mandate_basis, mandate_basis_counts
    >>> "UNAMSIL (S/RES/1270)" in mandates_chart(mandate_basis_counts(1999, 1999),
    ...                                          mandate_basis(1999, 1999))
    True
    """
    shown = [c for c in counts.columns if counts[c].sum() > 0 or c != "Basis not coded"]
    years = [int(y) for y in counts.index]
    width, height, left, right, top, bottom = 900, 380, 56, 890, 44, 320
    x = Scale(0, len(years), left, right)
    peak = max(1, int(counts[shown].to_numpy().max()) if len(years) else 1)
    y = Scale(0, peak, bottom, top)
    body = [y_axis(y, ticks(0, peak), left, right, "UN missions entering the count")]
    band = (right - left) / max(1, len(years))
    bar_w = band * 0.8 / len(shown)
    label_every = 1 if len(years) <= 30 else math.ceil(len(years) / 30)
    shaded = [year for year in years if year in without_texts]
    for i, year in enumerate(years):
        if year in without_texts:
            body.append(no_texts_band(x(i), band, top, bottom, f"{year}: {NOT_READ}"))
        for j, cat in enumerate(shown):
            n = int(counts.loc[year, cat])
            if n == 0:
                continue
            rows = basis[(basis["year"] == year) & (basis["category"] == cat)]
            who = ", ".join(f"{r.operation} (S/RES/{r.resolution})" for r in rows.itertuples())
            tip = f"{year} · {cat}: {_plural(n, 'mission')} — {who}"
            x0 = x(i) + band * 0.1 + j * bar_w
            body.append(bar_link(tip, x0, y(n), bar_w, bottom, COLOURS[cat], f"#y{year}"))
        if i % label_every == 0:
            body.append(x_label(x(i) + band / 2, bottom, str(year)))
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    body.append(text((left + right) / 2, height - 4, "Year", text_anchor="middle"))
    keys = [(c, COLOURS[c]) for c in shown] + ([(NOT_READ, NO_TEXTS_COLOUR)] if shaded else [])
    body.append(legend(keys, left, 18))
    first, last = (years[0], years[-1]) if years else (0, 0)
    label = f"Mandates of newly authorised UN missions in civil wars, {first}–{last}"
    total = int(counts[shown].to_numpy().sum())
    desc = f"Grouped bars per year and mandate basis; {_plural(total, 'entry')} in all."
    if shaded:
        desc += f" Shaded, {NOT_READ}: {ranges_text(shaded)}."
    return svg(width, height, "".join(body), label, desc, interactive=True)


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


def _every_month(monthly: pd.DataFrame) -> pd.DataFrame:
    """One row per calendar month from the first to the last; months not in the data are NA."""
    dates = pd.to_datetime(monthly["date"]).dt.to_period("M").dt.to_timestamp()
    full = pd.date_range(dates.min(), dates.max(), freq="MS")
    return monthly.assign(date=dates).set_index("date").reindex(full).rename_axis("date")


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
    monthly = _every_month(monthly).reset_index()
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
