"""The operation page's consent and contributors charts as SVG, drawn from the same specs as
the static figures (``figures/consent.py``, ``figures/contributors.py``)."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from bluehelmet.figures.consent import EMPTY_ROW, MANDATE_COLOUR, MANDATE_LABEL, ConsentSpec
from bluehelmet.figures.contributors import ContributorsSpec
from bluehelmet.web.svg import Scale, el, legend, svg, text, ticks, title, titled_rect, y_axis

#: The hatch laid over a partial year's bar (one pattern, defined in each chart).
HATCH = "partial-hatch"


def marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    """A consent marker in matplotlib's ``shape`` (``^`` a triangle, else a circle), titled.

    >>> marker("^", 10, 10, "#000", "a").startswith("<polygon")
    True
    """
    if shape == "^":
        points = f"{x:.1f},{y - 6:.1f} {x - 6:.1f},{y + 4:.1f} {x + 6:.1f},{y + 4:.1f}"
        return el("polygon", title(tip), points=points, fill=colour, stroke="white")
    return el("circle", title(tip), cx=f"{x:.1f}", cy=f"{y:.1f}", r=5, fill=colour, stroke="white")


def _link(body: str, tip: str, resolution: int | None) -> str:
    if resolution is None:
        return el("g", body, class_="tip", tabindex=0, aria_label=tip)
    return el("a", body, href=f"/resolutions/{resolution}", class_="tip", aria_label=tip)


def _key(items: list[tuple[str, str, str]], left: float, y: float) -> str:
    """The legend: (shape, colour, label), a shape ``|`` being a mandate tick."""
    parts, x = [], left
    for shape, colour, label in items:
        if shape == "|":
            parts.append(el("line", x1=x + 6, x2=x + 6, y1=y - 11, y2=y + 1, stroke=colour))
        else:
            parts.append(marker(shape, x + 6, y - 4, colour, label))
        parts.append(text(x + 16, y, label, font_size=12))
        x += 16 + 7.5 * len(label) + 18
    return "".join(parts)


def consent_chart(spec: ConsentSpec) -> Markup:
    """The consent chart of ``spec`` as SVG: a row per operation, mandate resolutions as grey
    ticks and consent events as markers by actor, each titled and linked to its resolution.

    >>> from bluehelmet.figures.consent import consent_spec
    >>> chart = consent_chart(consent_spec(["UNMIS"]))
    >>> 'href="/resolutions/1997"' in chart, "Security Council" in chart
    (True, True)
    """
    width, left, right, top, row_height = 900, 90, 880, 48, 56
    bottom = top + row_height * len(spec.rows)
    height = bottom + 40
    first, last = spec.span
    x = Scale(first.toordinal(), last.toordinal(), left, right)
    body = []
    for year in ticks(first.year + 1, last.year, 10):
        at = x(pd.Timestamp(int(year), 1, 1).toordinal())
        body.append(el("line", x1=f"{at:.1f}", x2=f"{at:.1f}", y1=top, y2=bottom, stroke="#eee"))
        body.append(text(at, bottom + 18, f"{year:.0f}", text_anchor="middle", font_size=11))
    by_actor = {a.key: a for a in spec.actors}
    for i, row in enumerate(spec.rows):
        mid = top + row_height * (i + 0.5)
        body.append(text(left - 8, mid + 4, row.operation, text_anchor="end"))
        if not row.drawn:
            body.append(text(left + 8, mid + 4, EMPTY_ROW, font_size=11, fill="#555"))
        for when, number in row.mandates:
            tip = f"{when:%Y-%m-%d} {row.operation}: {MANDATE_LABEL} {number}"
            tick_x = f"{x(when.toordinal()):.1f}"
            tick = el("line", title(tip), x1=tick_x, x2=tick_x, y1=mid - 7, y2=mid + 7,
                      stroke=MANDATE_COLOUR, stroke_width=1.5)  # fmt: skip
            body.append(_link(tick, tip, number))
        for mark in row.events:
            actor = by_actor[mark.actor]
            y = mid + actor.offset * row_height / 2
            shape = marker(actor.marker, x(mark.date.toordinal()), y, actor.colour, mark.tip)
            body.append(_link(shape, mark.tip, mark.resolution))
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    items = [("|", MANDATE_COLOUR, MANDATE_LABEL)]
    items += [(a.marker, a.colour, a.label) for a in spec.actors]
    body.append(_key(items, left, 22))
    events = sum(len(r.events) for r in spec.rows)
    desc = f"{len(spec.rows)} rows, {events} dated consent events. {spec.note}".strip()
    return svg(width, height, "".join(body), spec.title, desc, interactive=True)


def _hatch() -> str:
    line = el("line", x1=0, y1=0, x2=0, y2=6, stroke="white", stroke_width=2)
    pattern = el("pattern", line, id=HATCH, width=6, height=6, patternUnits="userSpaceOnUse",
                 patternTransform="rotate(45)")  # fmt: skip
    return el("defs", pattern)


def contributors_chart(spec: ContributorsSpec) -> Markup:
    """The contributors chart of ``spec`` as SVG: stacked share bars per year, each segment
    titled with its share of the year's total; partial years hatched and marked.

    >>> from bluehelmet.figures.contributors import SERIES
    >>> shares = pd.DataFrame({"CHN": [0.25, 0.5], "Europe": [0.75, 0.5]}, index=[2019, 2021])
    >>> spec = ContributorsSpec("X", shares, pd.Series([4, 2], index=[2019, 2021]), (2021,),
    ...     (SERIES[0], SERIES[5]), ())
    >>> chart = contributors_chart(spec)
    >>> "2019, China: 25.0% of 4 uniformed personnel" in chart, "2021*" in chart
    (True, True)
    """
    width, height, left, right, top, bottom = 900, 330, 64, 740, 24, 280
    years = list(spec.shares.index)
    band = (right - left) / max(1, len(years))
    y = Scale(0, 1, bottom, top)
    body = [_hatch(), y_axis(Scale(0, 100, bottom, top), [0, 25, 50, 75, 100], left, right,
                             "Share (%)")]  # fmt: skip
    for i, (year, label) in enumerate(zip(years, spec.year_labels, strict=True)):
        bar_left, bar_width = left + band * (i + 0.125), band * 0.75
        total = spec.totals.get(year)
        if pd.isna(total):
            tip = f"{year}: no personnel in the data"
            body.append(titled_rect(tip, bar_left, top, bar_width, bottom, "transparent",
                                    class_="tip"))  # fmt: skip
        else:
            base = 0.0
            for series in spec.series:
                share = float(spec.shares.loc[year, series.key])
                tip = f"{year}, {series.label}: {share:.1%} of {int(total):,} uniformed personnel"
                body.append(titled_rect(tip, bar_left, y(base + share), bar_width, y(base),
                                        series.colour, class_="tip"))  # fmt: skip
                base += share
            if year in spec.partial:
                body.append(el("rect", x=f"{bar_left:.1f}", y=top, width=f"{bar_width:.1f}",
                               height=bottom - top, fill=f"url(#{HATCH})",
                               pointer_events="none"))  # fmt: skip
        body.append(text(left + band * (i + 0.5), bottom + 18, label, text_anchor="middle",
                         font_size=11))  # fmt: skip
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    for j, series in enumerate(reversed(spec.series)):
        body.append(legend([(series.label, series.colour)], right + 16, top + 12 + 20 * j))
    body.append(text(left, height - 6, spec.note, font_size=11, fill="#555"))
    desc = f"Stacked shares of {len(spec.series)} contributor series over {len(years)} years."
    return svg(width, height, "".join(body), spec.title, desc)
