"""The mandates figure as SVG: grouped bars per year that link to their missions."""

from __future__ import annotations

import math
from collections.abc import Collection

import pandas as pd
from markupsafe import Markup

from bluehelmet.documents.coverage import ranges_text
from bluehelmet.figures.mandates import NOT_READ, mandates_spec
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
    x_label,
    y_axis,
)


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
    spec = mandates_spec(counts, without_texts)
    shown, years = spec.categories, spec.years
    width, height, left, right, top, bottom = 900, 380, 56, 890, 44, 320
    x = Scale(0, len(years), left, right)
    peak = max(1, int(spec.counts.to_numpy().max()) if len(years) else 1)
    y = Scale(0, peak, bottom, top)
    body = [y_axis(y, ticks(0, peak), left, right, "UN missions entering the count")]
    band = (right - left) / max(1, len(years))
    bar_w = band * 0.8 / len(shown)
    label_every = 1 if len(years) <= 30 else math.ceil(len(years) / 30)
    shaded = list(spec.shaded)
    for i, year in enumerate(years):
        if year in spec.shaded:
            body.append(no_texts_band(x(i), band, top, bottom, f"{year}: {NOT_READ}"))
        for j, cat in enumerate(shown):
            n = int(spec.counts.loc[year, cat])
            if n == 0:
                continue
            rows = basis[(basis["year"] == year) & (basis["category"] == cat)]
            who = ", ".join(f"{r.operation} (S/RES/{r.resolution})" for r in rows.itertuples())
            tip = f"{year} · {cat}: {_plural(n, 'mission')} — {who}"
            x0 = x(i) + band * 0.1 + j * bar_w
            body.append(bar_link(tip, x0, y(n), bar_w, bottom, spec.colours[cat], f"#y{year}"))
        if i % label_every == 0:
            body.append(x_label(x(i) + band / 2, bottom, str(year)))
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    body.append(text((left + right) / 2, height - 4, "Year", text_anchor="middle"))
    keys = [*spec.colours.items()] + ([(NOT_READ, NO_TEXTS_COLOUR)] if shaded else [])
    body.append(legend(keys, left, 18))
    first, last = (years[0], years[-1]) if years else (0, 0)
    label = f"Mandates of newly authorised UN missions in civil wars, {first}–{last}"
    total = int(spec.counts.to_numpy().sum())
    desc = f"Grouped bars per year and mandate basis; {_plural(total, 'entry')} in all."
    if shaded:
        desc += f" Shaded, {NOT_READ}: {ranges_text(shaded)}."
    return svg(width, height, "".join(body), label, desc, interactive=True)
