"""The reuse explorer's SVG charts: a family's resolutions per year, a resolution's reused share."""

from __future__ import annotations

import math
from collections.abc import Collection

import pandas as pd
from markupsafe import Markup

from bluehelmet import palette
from bluehelmet.coding.summary import NO_TEXTS
from bluehelmet.documents.coverage import ranges_text
from bluehelmet.web.svg import (
    NO_TEXTS_COLOUR,
    Scale,
    bar_link,
    el,
    legend,
    no_texts_band,
    svg,
    text,
    ticks,
    title,
    x_label,
    y_axis,
)

ORIGIN_COLOUR = palette.ACCENT
LATER_COLOUR = palette.UN
SHARE_COLOURS = {
    "from the same operation": palette.UN,
    "from other resolutions": "#6baed6",
    "not reused": "#e0e0e0",
}


def family_years_chart(
    years: pd.DataFrame, origin_year: int | None, name: str, uncovered: Collection[int] = ()
) -> Markup:
    """Bars of the resolutions using a family per year (``year``, ``resolutions``, ``symbols``).

    Every year from the first to the last gets a slot; a bar links to ``#y<year>`` (that
    year's rows in the members table) and names its resolutions; the origin's year is drawn
    in another colour; a year in ``uncovered`` (no resolution texts) is shaded grey.

    >>> y = pd.DataFrame({"year": [1968, 1970], "resolutions": [1, 2],
    ...                   "symbols": ["S/RES/247", "S/RES/281, S/RES/283"]})
    >>> "1970: 2 resolutions — S/RES/281, S/RES/283" in family_years_chart(y, 1968, "F")
    True
    >>> "1969: no resolution texts" in family_years_chart(y, 1968, "F", {1969})
    True
    """
    first, last = int(years["year"].min()), int(years["year"].max())
    slots = list(range(first, last + 1))
    counts = years.set_index("year")
    width, height, left, right, top, bottom = 900, 320, 56, 890, 40, 260
    x = Scale(0, len(slots), left, right)
    peak = max(1, int(years["resolutions"].max()))
    y = Scale(0, peak, bottom, top)
    body = [y_axis(y, ticks(0, peak), left, right, "Resolutions using it")]
    band = (right - left) / len(slots)
    label_every = 1 if len(slots) <= 30 else math.ceil(len(slots) / 30)
    shaded = [year for year in slots if year in uncovered]
    for i, year in enumerate(slots):
        if year in uncovered:
            body.append(no_texts_band(x(i), band, top, bottom, f"{year}: {NO_TEXTS}"))
        if year in counts.index:
            n = int(counts.loc[year, "resolutions"])
            who = str(counts.loc[year, "symbols"])
            tip = f"{year}: {n} resolution{'' if n == 1 else 's'} — {who}"
            colour = ORIGIN_COLOUR if year == origin_year else LATER_COLOUR
            x0 = x(i) + band * 0.15
            body.append(bar_link(tip, x0, y(n), band * 0.7, bottom, colour, f"#y{year}"))
        if i % label_every == 0:
            body.append(x_label(x(i) + band / 2, bottom, str(year)))
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    body.append(text((left + right) / 2, height - 4, "Year", text_anchor="middle"))
    keys = [("origin's year", ORIGIN_COLOUR), ("later years", LATER_COLOUR)]
    body.append(legend(keys + ([(NO_TEXTS, NO_TEXTS_COLOUR)] if shaded else []), left, 18))
    total = int(years["resolutions"].sum())
    label = f"Resolutions using {name} per year, {first}–{last}"
    desc = f"Bars per year; {total} resolution-years in all."
    if shaded:
        desc += f" Shaded, {NO_TEXTS} (uses unknown): {ranges_text(shaded)}."
    return svg(width, height, "".join(body), label, desc, interactive=True)


def share_bar(same: float, other: float, number: int) -> Markup:
    """One bar split into the shares of a resolution's operative characters reused from the
    same operation, from other resolutions, and not reused.

    >>> "from the same operation: 25.0%" in share_bar(0.25, 0.5, 1)
    True
    """
    width, height, left, right, top, bottom = 900, 130, 20, 880, 36, 76
    x = Scale(0, 1, left, right)
    parts = {
        "from the same operation": same,
        "from other resolutions": other,
        "not reused": max(0.0, 1.0 - same - other),
    }
    body, start = [], 0.0
    for name, share in parts.items():
        tip = f"{name}: {share:.1%}"
        body.append(
            el(
                "rect",
                title(tip),
                x=f"{x(start):.1f}",
                y=top,
                width=f"{x(start + share) - x(start):.1f}",
                height=bottom - top,
                fill=SHARE_COLOURS[name],
                class_="tip",
            )
        )
        start += share
    for tick in (0, 0.25, 0.5, 0.75, 1):
        body.append(el("line", x1=x(tick), x2=x(tick), y1=bottom, y2=bottom + 5, stroke="#333"))
        body.append(text(x(tick), bottom + 18, f"{tick:.0%}", text_anchor="middle", font_size=11))
    body.append(
        text(
            (left + right) / 2,
            height - 4,
            "Share of the operative text (characters)",
            text_anchor="middle",
        )
    )
    body.append(legend([(k, c) for k, c in SHARE_COLOURS.items()], left, 18))
    label = f"Operative text of S/RES/{number} repeated from earlier resolutions"
    desc = ", ".join(f"{k} {v:.1%}" for k, v in parts.items())
    return svg(width, height, "".join(body), label, desc)
