"""The posterior path of a process trace as an SVG line chart (one line per hypothesis)."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from bluehelmet import palette
from bluehelmet.web.svg import Scale, bar_link, el, legend, svg, swatch_width, text, ticks, y_axis

COLOURS = list(palette.HYPOTHESES)
DASHES = [None, "8 4", "2 3", "10 3 2 3", "4 4", "1 2"]


def _legend_rows(items: list[tuple[str, str]], width: float) -> list[list[tuple[str, str]]]:
    """Legend entries in rows that wrap before ``width``."""
    rows: list[list[tuple[str, str]]] = [[]]
    used = 0.0
    for label, colour in items:
        size = swatch_width(label)
        if rows[-1] and used + size > width:
            rows.append([])
            used = 0.0
        rows[-1].append((label, colour))
        used += size
    return rows


def _step_tip(step: pd.Series, labels: dict[str, str]) -> str:
    where = "Priors" if step["step"] == 0 else f"After {step['unit']}"
    values = " · ".join(f"{labels[h]} {step[h]:.3f}" for h in labels)
    return f"{where}: {values}"


def posterior_chart(
    posteriors: pd.DataFrame, labels: dict[str, str], anchors: dict[str, str], name: str
) -> Markup:
    """Lines of each hypothesis's posterior after each evidence unit (``Trace.posteriors()``).

    ``labels`` maps hypothesis ids to labels, in legend order; ``anchors`` maps unit ids to the
    page fragment each step links to (hover or focus a step for its numbers).

    >>> path = pd.DataFrame({"step": [0, 1], "unit": ["prior", "e1"], "a": [0.5, 0.8],
    ...                      "b": [0.5, 0.2]})
    >>> chart = posterior_chart(path, {"a": "A", "b": "B"}, {"e1": "#item-e1"}, "demo")
    >>> "After e1: A 0.800 · B 0.200" in chart, chart.count("<polyline")
    (True, 2)
    """
    width, height, left, right = 900, 400, 64, 880
    n = len(posteriors)
    colours = [(v, COLOURS[i % len(COLOURS)]) for i, v in enumerate(labels.values())]
    rows = _legend_rows(colours, right - left)
    top, bottom = 40 + 20 * len(rows), 300
    x = Scale(0, max(1, n - 1), left + 12, right - 12)
    y = Scale(0, 100, bottom, top)
    body = [y_axis(y, ticks(0, 100), left, right, "Posterior probability (%)")]
    for i, hypothesis in enumerate(labels):
        colour, dash = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)]
        points = [(x(s), y(100 * p)) for s, p in enumerate(posteriors[hypothesis])]
        body.append(
            el(
                "polyline",
                points=" ".join(f"{px:.1f},{py:.1f}" for px, py in points),
                fill="none",
                stroke=colour,
                stroke_width=2.5,
                stroke_dasharray=dash,
            )
        )
        body += [
            el("circle", cx=f"{px:.1f}", cy=f"{py:.1f}", r=3.5, fill=colour) for px, py in points
        ]
    band = x(1) - x(0)
    for s, (_, step) in enumerate(posteriors.iterrows()):
        cx = x(s)
        tip = _step_tip(step, labels)
        x0, x1 = max(left, cx - band / 2), min(right, cx + band / 2)
        href = anchors.get(str(step["unit"]), "#result")
        body.append(bar_link(tip, x0, top, x1 - x0, bottom, "transparent", href))
        body.append(
            text(
                cx,
                bottom + 14,
                str(step["unit"]),
                font_size=11,
                text_anchor="end",
                transform=f"rotate(-40 {cx:.1f} {bottom + 14})",
            )
        )
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    axis = "Evidence unit (item or dependence group), in ledger order"
    body.append(text((left + right) / 2, height - 6, axis, text_anchor="middle"))
    body.extend(legend(row, left, 18 + 20 * i) for i, row in enumerate(rows))
    label = f"Posterior path of the case {name}"
    desc = (
        f"Lines of {len(labels)} hypotheses' posterior probabilities over {n - 1} evidence units."
    )
    return svg(width, height, "".join(body), label, desc, interactive=True)
