"""Hand-built SVG pieces for the web charts: a linear scale, ticks, escaped elements and axes.

Charts are plain SVG strings with ``<title>`` tooltips, so they work offline, without
JavaScript and under a strict Content Security Policy (presentation attributes, no inline
styles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape
from matplotlib.ticker import MaxNLocator

from bluehelmet import palette

FONT = 'font-family="system-ui, sans-serif"'


@dataclass(frozen=True)
class Scale:
    """Map the domain ``lo..hi`` linearly onto the drawing range ``start..stop``.

    >>> Scale(0, 10, 100, 200)(5)
    150.0
    """

    lo: float
    hi: float
    start: float
    stop: float

    def __call__(self, value: float) -> float:
        if self.hi == self.lo:
            return (self.start + self.stop) / 2
        return self.start + (value - self.lo) * (self.stop - self.start) / (self.hi - self.lo)


def ticks(lo: float, hi: float, n: int = 5, integer: bool = True) -> list[float]:
    """Round tick values within ``lo..hi`` (matplotlib's MaxNLocator).

    >>> ticks(0, 7)
    [0.0, 2.0, 4.0, 6.0]
    """
    values = MaxNLocator(nbins=n, integer=integer).tick_values(lo, hi)
    return [float(v) for v in values if lo - 1e-9 <= v <= hi + 1e-9]


def attrs(**values: object) -> str:
    """Escaped attributes; trailing underscores are dropped and other underscores become dashes.

    >>> attrs(x=1, class_="bar", aria_label='a "b"')
    'x="1" class="bar" aria-label="a &#34;b&#34;"'
    """
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f'{name}="{escape(str(value))}"')
    return " ".join(parts)


def el(tag: str, content: str = "", **values: object) -> str:
    """One SVG element with escaped attributes; ``content`` must already be safe markup.

    >>> el("rect", x=0, y=1)
    '<rect x="0" y="1"/>'
    """
    opening = f"{tag} {attrs(**values)}".strip()
    return f"<{opening}>{content}</{tag}>" if content else f"<{opening}/>"


def title(text: str) -> str:
    """A ``<title>`` child (the hover tooltip), escaped.

    >>> title("a < b")
    '<title>a &lt; b</title>'
    """
    return f"<title>{escape(text)}</title>"


def text(x: float, y: float, content: str, **values: object) -> str:
    """Escaped text at (x, y) in the chart font.

    >>> text(1, 2, "A&B")
    '<text x="1.0" y="2.0" font-family="system-ui, sans-serif" font-size="12">A&amp;B</text>'
    """
    size = values.pop("font_size", 12)
    rest = attrs(**values)
    extra = f" {rest}" if rest else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}"{extra}>{escape(content)}</text>'
    )


def y_axis(scale: Scale, values: Sequence[float], left: float, right: float, label: str) -> str:
    """Horizontal grid lines with tick labels at ``values`` and a rotated axis label.

    >>> "UN missions" in y_axis(Scale(0, 4, 200, 0), [0, 2, 4], 40, 400, "UN missions")
    True
    """
    parts = []
    for v in values:
        y = scale(v)
        parts.append(el("line", x1=left, x2=right, y1=f"{y:.1f}", y2=f"{y:.1f}", stroke="#ddd"))
        parts.append(text(left - 6, y + 4, f"{v:,.0f}", text_anchor="end", font_size=11))
    middle = (scale.start + scale.stop) / 2
    parts.append(
        text(14, middle, label, text_anchor="middle", transform=f"rotate(-90 14 {middle:.1f})")
    )
    return "".join(parts)


def bar_link(
    tip: str, x: float, top: float, width: float, bottom: float, fill: str, href: str
) -> str:
    """A bar from ``bottom`` up to ``top`` with a hover/focus tooltip, linking to ``href``.

    >>> 'aria-label="1999: 3"' in bar_link("1999: 3", 10, 20, 5, 100, "#000", "#y1999")
    True
    """
    return el(
        "a", titled_rect(tip, x, top, width, bottom, fill), href=href, class_="tip", aria_label=tip
    )


def titled_rect(
    tip: str, x: float, top: float, width: float, bottom: float, fill: str, **attrs: str
) -> str:
    """A rectangle from ``top`` down to ``bottom`` whose title ``tip`` shows on hover.

    >>> titled_rect("1995: no texts", 0, 10, 5, 20, "#ddd").startswith("<rect")
    True
    """
    return el(
        "rect",
        title(tip),
        x=f"{x:.1f}",
        y=f"{top:.1f}",
        width=f"{width:.1f}",
        height=f"{bottom - top:.1f}",
        fill=fill,
        **attrs,
    )


def hover_column(tip: str, x: float, width: float, top: float, bottom: float) -> str:
    """An invisible full-height column from ``x`` that shows ``tip`` on hover (one month of a
    time series).

    >>> 'class="tip"' in hover_column("2000-01: 5", 10, 2, 20, 100)
    True
    """
    return el(
        "rect",
        title(tip),
        x=f"{x:.1f}",
        y=top,
        width=f"{max(width, 1):.1f}",
        height=bottom - top,
        fill="transparent",
        class_="tip",
    )


def x_label(x: float, bottom: float, label: str) -> str:
    """A category label under the x axis at ``x``, turned to read upwards.

    >>> "rotate(-90 5.0 108)" in x_label(5, 100, "1999")
    True
    """
    return text(
        x, bottom + 8, label, font_size=11, text_anchor="end",
        transform=f"rotate(-90 {x:.1f} {bottom + 8})",
    )  # fmt: skip


def svg(
    width: int, height: int, body: str, label: str, description: str, interactive: bool = False
) -> Markup:
    """The outer ``<svg>``: scalable (viewBox), labelled, described.

    An ``interactive`` chart holds links (one per bar or marker) and is a group, not an image,
    so that assistive technology reaches them.

    >>> str(svg(10, 10, "", "T", "D")).startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    True
    """
    head = attrs(
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        class_="chart",
        role="group" if interactive else "img",
        aria_label=label,
    )
    return Markup(f"<svg {head}><desc>{escape(description)}</desc>{body}</svg>")


NO_TEXTS_COLOUR = palette.NO_TEXTS


def no_texts_band(x: float, width: float, top: float, bottom: float, tip: str) -> str:
    """A grey band over a year no resolution text covers (what it counts is unknown or
    not coded, never zero), titled ``tip``.

    >>> 'class="tip no-texts"' in no_texts_band(0, 5, 10, 20, "1995: no resolution texts")
    True
    """
    return titled_rect(tip, x, top, width, bottom, NO_TEXTS_COLOUR, class_="tip no-texts")


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
