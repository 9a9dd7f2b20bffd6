"""The posterior path of a process trace as an SVG line chart (one line per hypothesis)."""

from __future__ import annotations

from markupsafe import Markup

from bluehelmet.figures.trace import PathSpec
from bluehelmet.web.svg import Scale, bar_link, el, legend, svg, swatch_width, text, ticks, y_axis


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


def _step_tip(spec: PathSpec, s: int) -> str:
    where = "Priors" if spec.steps[s] == 0 else f"After {spec.units[s]}"
    values = " · ".join(f"{line.label} {line.values[s]:.3f}" for line in spec.lines)
    return f"{where}: {values}"


def posterior_chart(spec: PathSpec, anchors: dict[str, str], name: str) -> Markup:
    """The posterior path of ``spec`` as SVG, for the case ``name``.

    ``anchors`` maps unit ids to the page fragment each step links to (hover or focus a step
    for its numbers).

    >>> import pandas as pd
    >>> from bluehelmet.figures.trace import posterior_path_spec
    >>> path = pd.DataFrame({"step": [0, 1], "unit": ["prior", "e1"], "a": [0.5, 0.8],
    ...                      "b": [0.5, 0.2]})
    >>> spec = posterior_path_spec(path, {"a": "A", "b": "B"})
    >>> chart = posterior_chart(spec, {"e1": "#item-e1"}, "demo")
    >>> "After e1: A 0.800 · B 0.200" in chart, chart.count("<polyline")
    (True, 2)
    """
    width, height, left, right = 900, 400, 64, 880
    n = len(spec.steps)
    rows = _legend_rows([(line.label, line.colour) for line in spec.lines], right - left)
    top, bottom = 40 + 20 * len(rows), 300
    x = Scale(0, max(1, n - 1), left + 12, right - 12)
    y = Scale(0, 1, bottom, top)
    body = [y_axis(y, [], left, right, spec.y_title)]  # the title; ticks read 0–1 below
    for tick in ticks(0, 1, integer=False):
        body.append(el("line", x1=left, x2=right, y1=f"{y(tick):.1f}", y2=f"{y(tick):.1f}",
                       stroke="#ddd"))  # fmt: skip
        body.append(text(left - 6, y(tick) + 4, f"{tick:g}", text_anchor="end", font_size=11))
    for line in spec.lines:
        points = [(x(s), y(p)) for s, p in enumerate(line.values)]
        body.append(
            el(
                "polyline",
                points=" ".join(f"{px:.1f},{py:.1f}" for px, py in points),
                fill="none",
                stroke=line.colour,
                stroke_width=2.5,
                stroke_dasharray=" ".join(map(str, line.dash)) or None,
            )
        )
        body += [
            el("circle", cx=f"{px:.1f}", cy=f"{py:.1f}", r=3.5, fill=line.colour)
            for px, py in points
        ]
    band = x(1) - x(0)
    for s, unit in enumerate(spec.units):
        cx = x(s)
        x0, x1 = max(left, cx - band / 2), min(right, cx + band / 2)
        href = anchors.get(unit, "#result")
        body.append(bar_link(_step_tip(spec, s), x0, top, x1 - x0, bottom, "transparent", href))
        body.append(
            text(
                cx,
                bottom + 14,
                unit,
                font_size=11,
                text_anchor="end",
                transform=f"rotate(-40 {cx:.1f} {bottom + 14})",
            )
        )
    body.append(el("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke="#333"))
    body.append(text((left + right) / 2, height - 6, spec.x_title, text_anchor="middle"))
    body.extend(legend(row, left, 18 + 20 * i) for i, row in enumerate(rows))
    label = f"{spec.title} of the case {name}"
    desc = (
        f"Lines of {len(spec.lines)} hypotheses' posterior probabilities over {n - 1} "
        "evidence units."
    )
    return svg(width, height, "".join(body), label, desc, interactive=True)
