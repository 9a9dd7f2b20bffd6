"""The operation page's timeline: the operation, its neighbours and its mandate events as SVG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from bluehelmet import palette
from bluehelmet.web.svg import Scale, el, svg, text, ticks, title

EVENT_COLOURS = palette.MANDATE_EVENT


@dataclass(frozen=True)
class Bar:
    """One operation's lifetime; ``end`` None means still running at the chart's edge."""

    label: str
    start: date
    end: date | None
    href: str
    tip: str
    own: bool = False


@dataclass(frozen=True)
class Marker:
    """One mandate event on the operation's own bar; ``ring`` marks Chapter VII."""

    when: date
    event: str
    href: str
    tip: str
    ring: bool


def _year(d: date) -> float:
    return d.year + (d.timetuple().tm_yday - 1) / 365.25


def timeline_chart(bars: list[Bar], markers: list[Marker], until: date, name: str) -> Markup:
    """Horizontal bars (one per operation, own first) with event markers on the own bar.

    >>> b = [Bar("UNAMSIL", date(1999, 10, 22), date(2005, 12, 31), "/o", "UNAMSIL", True)]
    >>> m = [Marker(date(1999, 10, 22), "establish", "/r/1270", "S/RES/1270", True)]
    >>> "S/RES/1270" in timeline_chart(b, m, date(2023, 1, 1), "UNAMSIL")
    True
    """
    row, left, right, top = 30, 150, 870, 52
    height = top + row * len(bars) + 40
    lo = min([_year(b.start) for b in bars] + [_year(m.when) for m in markers] or [_year(until)])
    hi = max([_year(b.end or until) for b in bars] + [_year(m.when) for m in markers] or [lo + 1])
    lo, hi = float(int(lo)), float(int(hi) + 1)
    x = Scale(lo, hi, left, right)
    body = []
    for year in ticks(lo, hi, 10):
        body.append(
            el(
                "line",
                x1=f"{x(year):.1f}",
                x2=f"{x(year):.1f}",
                y1=top - 6,
                y2=height - 34,
                stroke="#e3e3e3",
            )
        )
        body.append(text(x(year), height - 20, f"{year:.0f}", text_anchor="middle", font_size=11))
    for i, bar in enumerate(bars):
        cy = top + row * i + row / 2
        x0, x1 = x(_year(bar.start)), x(_year(bar.end or until))
        fill = palette.UN if bar.own else "#9e9ac8"
        rect = el(
            "rect",
            title(bar.tip),
            x=f"{x0:.1f}",
            y=f"{cy - 8:.1f}",
            width=f"{max(x1 - x0, 2):.1f}",
            height=16,
            fill=fill,
            rx=3,
        )
        body.append(el("a", rect, href=bar.href, class_="tip", aria_label=bar.tip))
        weight = "bold" if bar.own else None
        body.append(text(left - 8, cy + 4, bar.label, text_anchor="end", font_weight=weight))
    cy = top + row / 2
    for m in markers:
        dot = el(
            "circle",
            title(m.tip),
            cx=f"{x(_year(m.when)):.1f}",
            cy=f"{cy:.1f}",
            r=7,
            fill=EVENT_COLOURS.get(m.event, "#777"),
            stroke="#111" if m.ring else "#fff",
            stroke_width=3 if m.ring else 1.5,
        )
        body.append(el("a", dot, href=m.href, class_="tip", aria_label=m.tip))
    body.append(text((left + right) / 2, height - 4, "Year", text_anchor="middle"))
    legend, lx = [], float(left)
    for event, colour in EVENT_COLOURS.items():
        legend.append(el("circle", cx=f"{lx + 6:.1f}", cy=16, r=6, fill=colour))
        legend.append(text(lx + 16, 20, event, font_size=12))
        lx += 24 + 7.2 * len(event) + 10
    legend.append(
        el("circle", cx=f"{lx + 6:.1f}", cy=16, r=6, fill="#fff", stroke="#111", stroke_width=3)
    )
    legend.append(text(lx + 16, 20, "black ring: acts under Chapter VII", font_size=12))
    label = f"Timeline of {name}, related operations and mandate events"
    desc = f"{len(bars)} operations as bars from start to end; {len(markers)} mandate events."
    return svg(900, height, "".join(body + legend), label, desc, interactive=True)
