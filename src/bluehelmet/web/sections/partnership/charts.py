"""The partnership section's SVG charts: partner shares, personnel by organisation type in one
conflict, and predicted battle deaths with and without a non-UN partner."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from markupsafe import Markup

from bluehelmet import palette
from bluehelmet.figures.partnership import DeathsSpec
from bluehelmet.figures.personnel import personnel_spec
from bluehelmet.web.svg import (
    Scale,
    bar_link,
    el,
    hover_column,
    legend,
    svg,
    text,
    ticks,
    title,
    x_label,
    y_axis,
)


def share_bars(
    labels: Sequence[str],
    with_partner: Sequence[int],
    totals: Sequence[int],
    anchors: Sequence[str],
    label: str,
) -> Markup:
    """Bars of the partner share (0–100%) per group; each bar links to ``#<anchor>`` (its row in
    the table) and says its numerator and denominator.

    >>> chart = share_bars(["Africa"], [2], [8], ["r-Africa"], "Partner share by region")
    >>> "Africa: 2 of 8 UN deployment-months with a non-UN partner (25.0%)" in chart
    True
    """
    width, height, left, right, top, bottom = 900, 330, 56, 890, 24, 250
    x = Scale(0, max(1, len(labels)), left, right)
    y = Scale(0, 1, bottom, top)
    body = [y_axis(Scale(0, 100, bottom, top), [0, 25, 50, 75, 100], left, right, "Share (%)")]
    band = (right - left) / max(1, len(labels))
    label_every = 1 if len(labels) <= 30 else math.ceil(len(labels) / 30)
    rotate = len(labels) > 8
    for i, (name, part, whole, anchor) in enumerate(
        zip(labels, with_partner, totals, anchors, strict=True)
    ):
        share = part / whole if whole else 0.0
        what = "UN deployment-months with a non-UN partner"
        tip = f"{name}: {part:,} of {whole:,} {what} ({share:.1%})"
        bar_top = min(y(share), bottom - 0.5)  # an empty share still gets a bar to hover
        bar = bar_link(
            tip, x(i) + band * 0.15, bar_top, band * 0.7, bottom, palette.UN, f"#{anchor}"
        )
        body.append(bar)
        if i % label_every == 0:
            cx = x(i) + band / 2
            if rotate:
                body.append(x_label(cx, bottom, name))
            else:
                body.append(text(cx, bottom + 18, name, font_size=12, text_anchor="middle"))
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    desc = f"{len(labels)} bars; the share of UN deployment-months with a non-UN partner."
    return svg(width, height, "".join(body), label, desc, interactive=True)


def personnel_chart(months: pd.DataFrame, name: str) -> Markup:
    """Stacked bars per month of UN, regional and international personnel, from one
    conflict's panel months (``date`` and ``<org>_<kind>`` columns, ``status`` when given).
    Months not in the panel, or with NA personnel (outside the deployment source's coverage),
    are left blank.

    >>> m = pd.DataFrame({"date": pd.to_datetime(["2000-01-01", "2000-03-01"]),
    ...     **{f"{o}_{k}": [100.0 if o == "un" else 0.0, 10.0] for o in
    ...        ("un", "regional", "international") for k in ("troops", "police", "observers")}})
    >>> chart = personnel_chart(m, "X")
    >>> "2000-03: UN 30 · regional 30 · international (non-UN) 30" in chart
    True
    >>> "2000-02: no row" in chart
    True
    """
    spec = personnel_spec(months)
    full, stack = spec.months, spec.stack
    width, height, left, right, top, bottom = 900, 330, 64, 880, 40, 280
    n = len(full)
    x = Scale(0, n, left, right)
    totals = stack.sum(axis=1, min_count=1)
    peak = max(1.0, float(totals.max()) if totals.notna().any() else 1.0)
    y = Scale(0, peak, bottom, top)
    body = [y_axis(y, ticks(0, peak), left, right, "Uniformed personnel")]
    step = (right - left) / max(1, n)
    for i, row in full.iterrows():
        base = 0.0
        month = f"{row['date']:%Y-%m}"
        if pd.isna(totals.iloc[i]):
            missing = "no row" if pd.isna(row.get("status")) else "personnel NA"
            tip = f"{month}: {missing}"
        else:
            for layer in spec.layers:
                value = float(stack[layer.key].iloc[i])
                if value > 0:
                    body.append(
                        el(
                            "rect",
                            x=f"{x(i):.2f}",
                            y=f"{y(base + value):.2f}",
                            width=f"{step:.2f}",
                            height=f"{y(base) - y(base + value):.2f}",
                            fill=layer.colour,
                        )
                    )
                base += value
            parts = [f"{layer.label} {stack[layer.key].iloc[i]:,.0f}" for layer in spec.layers]
            tip = f"{month}: " + " · ".join(parts)
        body.append(hover_column(tip, x(i), step, top, bottom))
    dates = pd.to_datetime(full["date"])
    for year in ticks(dates.iloc[0].year, dates.iloc[-1].year, 8):
        i = int((dates.dt.year < year).sum())
        body.append(text(x(i), bottom + 18, f"{year:.0f}", text_anchor="middle", font_size=11))
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    body.append(text((left + right) / 2, height - 4, "Month", text_anchor="middle"))
    body.append(legend([(layer.label, layer.colour) for layer in spec.layers], left, 18))
    label = f"Peacekeepers by organisation type per month: {name}"
    desc = f"Stacked bars of UN, regional and international personnel over {n} months."
    return svg(width, height, "".join(body), label, desc)


def log_ticks(lo: float, hi: float) -> list[float]:
    """1, 2 and 5 times powers of ten within ``lo..hi`` (both positive).

    >>> log_ticks(0.6, 70)
    [1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
    """
    out = []
    for power in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        for m in (1, 2, 5):
            value = m * 10.0**power
            if lo <= value <= hi:
                out.append(value)
    return out


def predicted_chart(spec: DeathsSpec) -> Markup:
    """The predicted-deaths figure of ``spec`` as SVG: lines with their 95% interval bands.
    Each point links to ``#p<row>`` (its row in the predictions table) and gives its series,
    estimate and interval.

    >>> from bluehelmet.figures.partnership import partner_deaths_spec
    >>> p = pd.DataFrame({"u": [0.0, 1.0] * 2, "n": [0.0, 0.0, 2.5, 2.5],
    ...     "partner": [False, False, True, True], "estimate": [5.0, 4.0, 6.0, 7.0],
    ...     "conf_low": [3.0, 2.0, 2.0, 2.0], "conf_high": [8.0, 9.0, 20.0, 30.0]})
    >>> chart = predicted_chart(partner_deaths_spec(p, "u", "n"))
    >>> tip = "1.0 thousand UN troops, with 2.5 thousand non-UN troops: 7.0 (95% interval 2.0–30.0)"
    >>> tip in chart, 'href="#p3"' in chart
    (True, True)
    """
    width, height, left, right, top, bottom = 900, 380, 64, 880, 44, 320
    xs = [v for line in spec.lines for v in line.x]
    x = Scale(min(xs), max(xs), left, right)
    lo = max(spec.y_min, 1e-3)
    hi = max(v for line in spec.lines for v in line.conf_high)
    if spec.log:
        scale, y_ticks = Scale(math.log10(lo), math.log10(hi), bottom, top), log_ticks(lo, hi)
    else:
        scale, y_ticks = Scale(0, hi, bottom, top), ticks(0, hi, integer=False)

    def y(value: float) -> float:
        return scale(math.log10(max(value, lo))) if spec.log else scale(value)

    y_title = f"{spec.y_title} (log scale)" if spec.log else spec.y_title
    body = []
    for tick in y_ticks:
        body.append(el("line", x1=left, x2=right, y1=f"{y(tick):.1f}", y2=f"{y(tick):.1f}",
                       stroke="#ddd"))  # fmt: skip
        body.append(text(left - 6, y(tick) + 4, f"{tick:g}", text_anchor="end", font_size=11))
    middle = (top + bottom) / 2
    body.append(
        text(14, middle, y_title, text_anchor="middle", font_size=11,
             transform=f"rotate(-90 14 {middle:.1f})")
    )  # fmt: skip

    def points(values: tuple[float, ...], at: tuple[float, ...]) -> list[str]:
        return [f"{x(a):.1f},{y(b):.1f}" for a, b in zip(at, values, strict=True)]

    for line in spec.lines:
        band = " ".join(points(line.conf_high, line.x) + points(line.conf_low, line.x)[::-1])
        body.append(el("polygon", points=band, fill=line.colour, fill_opacity="0.15",
                       stroke="none"))  # fmt: skip
        body.append(el("polyline", points=" ".join(points(line.estimate, line.x)), fill="none",
                       stroke=line.colour, stroke_width=2))  # fmt: skip
    for line in spec.lines:
        for row, at, estimate, low, high in zip(
            line.rows, line.x, line.estimate, line.conf_low, line.conf_high, strict=True
        ):
            tip = (
                f"{at:.1f} thousand UN troops, {line.label}: {estimate:.1f} "
                f"(95% interval {low:.1f}–{high:.1f})"
            )
            dot = el(
                "circle",
                title(tip),
                cx=f"{x(at):.1f}",
                cy=f"{y(estimate):.1f}",
                r=5,
                fill=line.colour,
            )
            body.append(el("a", dot, href=f"#p{row}", class_="tip", aria_label=tip))
    for tick in ticks(min(xs), max(xs), 8):
        body.append(text(x(tick), bottom + 18, f"{tick:g}", text_anchor="middle", font_size=11))
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    body.append(text((left + right) / 2, height - 4, spec.x_title, text_anchor="middle"))
    body.append(legend([(line.label, line.colour) for line in spec.lines], left, 18))
    levels = len(spec.lines[0].x)
    desc = (
        f"{len(spec.lines)} lines with 95% simulation intervals over {levels} UN troop levels. "
        f"{spec.caption}"
    )
    return svg(width, height, "".join(body), spec.title, desc, interactive=True)
