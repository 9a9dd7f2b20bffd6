"""The operation page's timeline: the operation, its neighbours and its mandate events as SVG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from markupsafe import Markup

from bluehelmet import palette
from bluehelmet.figures.timeline_bars import Span, bar_pieces
from bluehelmet.web.svg import Scale, el, svg, text, ticks, title

EVENT_COLOURS = palette.MANDATE_EVENT
#: Bar colours: the operation itself (True) and the operations around it.
BAR_COLOURS = {True: palette.UN, False: "#9e9ac8"}
#: Ids of the hatch patterns (one per bar colour); the page holds one timeline.
HATCH_IDS = {True: "tl-hatch-own", False: "tl-hatch-other"}


@dataclass(frozen=True)
class Bar:
    """One operation's lifetime: the periods its start and end dates stand for (NaT where
    unknown, see ``timeline_bars.date_spans``); ``open_ended`` means still running at the
    chart's edge."""

    label: str
    start: Span
    end: Span
    open_ended: bool
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


def _hatch(pattern_id: str, colour: str) -> str:
    """A fill of diagonal ``colour`` lines on white: a date the register leaves open."""
    back = el("rect", width=6, height=6, fill="#fff")
    line = el("line", x1=0, y1=0, x2=0, y2=6, stroke=colour, stroke_width=2.5)
    return el(
        "pattern",
        back + line,
        id=pattern_id,
        width=6,
        height=6,
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )


def _piece(x0: float, x1: float, cy: float, colour: str, hatch: str | None) -> str:
    """One solid piece of a bar, or (with ``hatch``, a pattern id) a hatched one."""
    width = f"{max(x1 - x0, 2):.1f}"
    if hatch is None:
        return el("rect", x=f"{x0:.1f}", y=f"{cy - 8:.1f}", width=width, height=16, fill=colour)
    return el(
        "rect",
        x=f"{x0:.1f}",
        y=f"{cy - 7.5:.1f}",
        width=width,
        height=15,
        fill=f"url(#{hatch})",
        stroke=colour,
        stroke_width=1,
    )


def _runs_on(x: float, cy: float, colour: str) -> str:
    """An arrowhead past a bar's right end: the operation runs on (no end date)."""
    points = f"{x + 1:.1f},{cy - 8:.1f} {x + 9:.1f},{cy:.1f} {x + 1:.1f},{cy + 8:.1f}"
    return el("polygon", points=points, fill=colour)


def _legend(y: float, left: float) -> str:
    """What solid, hatched and arrowed bars mean."""
    exact = "dates exact"
    parts = [_piece(left, left + 24, y - 4, BAR_COLOURS[False], None)]
    parts.append(text(left + 30, y, exact, font_size=12))
    lx = left + 30 + 7.2 * len(exact) + 14
    parts.append(_piece(lx, lx + 24, y - 4, BAR_COLOURS[False], HATCH_IDS[False]))
    open_dates = "hatched: date known only to the month or year, or unknown"
    parts.append(text(lx + 30, y, open_dates, font_size=12))
    lx += 30 + 6.4 * len(open_dates) + 14
    parts.append(_runs_on(lx - 1, y - 4, BAR_COLOURS[False]))
    parts.append(text(lx + 14, y, "runs on (no end date)", font_size=12))
    return "".join(parts)


def timeline_chart(bars: list[Bar], markers: list[Marker], until: date, name: str) -> Markup:
    """Horizontal bars (one per operation, own first) with event markers on the own bar.

    Bars are drawn as in the static timeline (``timeline_bars.bar_pieces``): hatched where a
    date is known only to the month or year or is unknown (an unknown end is hatched to
    ``until``); an open-ended bar runs solid to ``until`` and ends in an arrowhead.

    >>> day = pd.Timestamp("1999-10-22"), pd.Timestamp("1999-10-22")
    >>> b = [Bar("UNAMSIL", day, (pd.NaT, pd.NaT), False, "/o", "UNAMSIL", True)]
    >>> m = [Marker(date(1999, 10, 22), "establish", "/r/1270", "S/RES/1270", True)]
    >>> chart = timeline_chart(b, m, date(2023, 1, 1), "UNAMSIL")
    >>> "S/RES/1270" in chart, chart.count('fill="url(#tl-hatch-own)"')
    (True, 1)
    """
    row, left, right, top = 30, 150, 870, 72
    height = top + row * len(bars) + 40
    edge = pd.Timestamp(until)
    starts = [b.start[0] for b in bars if pd.notna(b.start[0])]
    since = min(starts + [pd.Timestamp(m.when) for m in markers], default=edge)
    pieces = [bar_pieces(b.start, b.end, b.open_ended, since, edge)[0] for b in bars]
    lo = _year(since)
    ends = [_year(r) for p in pieces for _, r, _ in p] + [_year(m.when) for m in markers]
    hi = max(ends, default=lo + 1)
    lo, hi = float(int(lo)), float(int(hi) + 1)
    x = Scale(lo, hi, left, right)
    body = [el("defs", "".join(_hatch(HATCH_IDS[own], BAR_COLOURS[own]) for own in BAR_COLOURS))]
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
    for i, (bar, bar_parts) in enumerate(zip(bars, pieces, strict=True)):
        cy = top + row * i + row / 2
        colour = BAR_COLOURS[bar.own]
        drawn = [title(bar.tip)]
        for start, stop, hatched in bar_parts:
            hatch = HATCH_IDS[bar.own] if hatched else None
            drawn.append(_piece(x(_year(start)), x(_year(stop)), cy, colour, hatch))
        if bar.open_ended:
            drawn.append(_runs_on(x(_year(bar_parts[-1][1])), cy, colour))
        body.append(el("a", "".join(drawn), href=bar.href, class_="tip", aria_label=bar.tip))
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
    legend.append(_legend(44, float(left)))
    label = f"Timeline of {name}, related operations and mandate events"
    desc = (
        f"{len(bars)} operations as bars from start to end, hatched where a date is known "
        f"only to the month or year or is unknown; {len(markers)} mandate events."
    )
    return svg(900, height, "".join(body + legend), label, desc, interactive=True)
