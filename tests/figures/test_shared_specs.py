"""The predicted-deaths and posterior-path charts: each spec holds its input table's values,
and the matplotlib figure and the web's SVG draw the same series from one spec."""

from __future__ import annotations

from dataclasses import replace

import lxml.etree
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from bluehelmet import palette
from bluehelmet.figures.partnership import (
    deaths_figure,
    partner_deaths_spec,
    predicted_deaths_spec,
)
from bluehelmet.figures.trace import posterior_path_figure, posterior_path_spec
from bluehelmet.web.sections.partnership.charts import predicted_chart
from bluehelmet.web.sections.tracing.charts import posterior_chart

NS = {"s": "http://www.w3.org/2000/svg"}


def _svg(markup: object) -> lxml.etree._Element:
    return lxml.etree.fromstring(str(markup))


def _texts(svg: lxml.etree._Element) -> list[str]:
    return [t.text for t in svg.iterfind(".//s:text", NS)]


def _partner_table() -> pd.DataFrame:
    """Conflict-month predictions, the two curves interleaved, on an index not 0..n-1."""
    return pd.DataFrame(
        {
            "un": [0.0, 0.0, 1.5, 1.5, 3.0, 3.0],
            "non_un": [0.0, 2.25, 0.0, 2.25, 0.0, 2.25],
            "partner": [False, True] * 3,
            "estimate": [5.0, 6.5, 4.0, 7.0, 3.0, 9.0],
            "conf_low": [3.0, 2.0, 2.5, 2.0, 1.0, 4.0],
            "conf_high": [8.0, 20.0, 9.0, 30.0, 6.0, 40.0],
        },
        index=[10, 11, 12, 13, 14, 15],
    )


def _regional_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "troop_lag1000": [0.0, 2.0, 4.0, 0.0, 2.0, 4.0],
            "regional_pko": [0, 0, 0, 1, 1, 1],
            "estimate": [5.0, 4.0, 3.0, 6.0, 7.0, 8.0],
            "conf_low": [3.0, 2.0, 1.0, 2.0, 2.0, 2.0],
            "conf_high": [8.0, 9.0, 7.0, 20.0, 30.0, 40.0],
        }
    )


def test_partner_spec_holds_the_tables_values_per_curve() -> None:
    pred = _partner_table()
    spec = partner_deaths_spec(pred, "un", "non_un")
    without, with_partner = spec.lines
    for line, part in ((without, pred[~pred["partner"]]), (with_partner, pred[pred["partner"]])):
        assert line.rows == tuple(part.index)
        assert line.x == tuple(part["un"])
        assert line.estimate == tuple(part["estimate"])
        assert line.conf_low == tuple(part["conf_low"])
        assert line.conf_high == tuple(part["conf_high"])
    assert without.label == "no non-UN troops"
    assert with_partner.label == "with 2.2 thousand non-UN troops"  # the table's level, 2.25
    assert (without.colour, with_partner.colour) == (palette.UN, palette.OTHER)
    assert spec.log and spec.y_title.endswith("per conflict-month")


def test_regional_spec_holds_the_tables_values_per_curve() -> None:
    pred = _regional_table()
    spec = predicted_deaths_spec(pred)
    for line, value in zip(spec.lines, (0, 1), strict=True):
        part = pred[pred["regional_pko"] == value]
        assert line.x == tuple(part["troop_lag1000"])
        assert line.estimate == tuple(part["estimate"])
        assert line.conf_low == tuple(part["conf_low"])
        assert line.conf_high == tuple(part["conf_high"])
    assert [line.label for line in spec.lines] == [
        "no regional operation",
        "with a regional operation",
    ]
    assert spec.y_title.endswith("per dyad-month")


@pytest.mark.parametrize("log", [True, False])
def test_deaths_figure_and_svg_draw_the_same_curves(log: bool) -> None:
    pred = _partner_table()
    spec = replace(partner_deaths_spec(pred, "un", "non_un"), log=log)
    ax = deaths_figure(spec).axes[0]
    svg = _svg(predicted_chart(spec))
    labels = [line.label for line in spec.lines]
    colours = [line.colour for line in spec.lines]
    # matplotlib: one line and one band per curve, with the spec's labels, colours and values
    assert [line.get_label() for line in ax.lines] == labels
    assert [to_hex(line.get_color()) for line in ax.lines] == colours
    assert [to_hex(band.get_facecolor()[0], keep_alpha=False) for band in ax.collections] == (
        colours
    )
    for drawn, line in zip(ax.lines, spec.lines, strict=True):
        assert tuple(drawn.get_xdata()) == line.x and tuple(drawn.get_ydata()) == line.estimate
    assert ax.get_yscale() == ("log" if log else "linear")
    # SVG: the same colours in the same order, the same legend, titles and points
    assert [p.get("stroke") for p in svg.iterfind(".//s:polyline", NS)] == colours
    assert [p.get("fill") for p in svg.iterfind(".//s:polygon", NS)] == colours
    texts = _texts(svg)
    assert all(label in texts for label in labels)
    assert ax.get_xlabel() == spec.x_title and spec.x_title in texts
    assert ax.get_ylabel() == spec.y_title
    assert (f"{spec.y_title} (log scale)" if log else spec.y_title) in texts
    assert svg.get("aria-label") == ax.get_title() == spec.title
    # every row of the table is one point, linked to its row, named by its curve's label
    points = {a.get("href"): a.get("aria-label") for a in svg.iterfind(".//s:a", NS)}
    assert len(points) == len(pred)
    level = pred.loc[pred["partner"], "non_un"].iloc[0]
    for row, r in pred.iterrows():
        who = f"with {level:.1f} thousand non-UN troops" if r["partner"] else "no non-UN troops"
        assert points[f"#p{row}"] == (
            f"{r['un']:.1f} thousand UN troops, {who}: {r['estimate']:.1f} "
            f"(95% interval {r['conf_low']:.1f}–{r['conf_high']:.1f})"
        )


def test_deaths_band_cut_at_a_decade_below_the_estimates_and_the_caption_says_why() -> None:
    pred = _regional_table().assign(conf_low=[3.0, 2.0, 1e-4, 2.0, 2.0, 2.0])
    spec = predicted_deaths_spec(pred)
    assert spec.y_min == 0.3  # lowest estimate 3, over 10; not the band's 0.0001
    assert spec.caption.endswith(
        "Log scale: the 95% bands run from 0.0001 to 40 deaths; bands below 0.3 are cut at "
        "the axis."
    )
    ax = deaths_figure(spec).axes[0]
    assert ax.get_yscale() == "log" and ax.get_ylim()[0] == pytest.approx(0.3)
    assert spec.caption in [t.get_text() for t in ax.figure.texts]
    svg = _svg(predicted_chart(spec))
    assert "0.1" not in _texts(svg)  # no tick below the cut
    assert spec.caption in (svg.findtext(".//s:desc", namespaces=NS) or "")


def test_deaths_caption_names_no_cut_when_the_bands_stay_above_it() -> None:
    spec = predicted_deaths_spec(_regional_table())
    assert spec.y_min == 1.0
    assert spec.caption.endswith("Log scale: the 95% bands run from 1 to 40 deaths.")


def _posteriors(n_hypotheses: int) -> tuple[pd.DataFrame, dict[str, str]]:
    ids = [f"h{i}" for i in range(n_hypotheses)]
    values = {h: [1 / n_hypotheses, (i + 1) / 30, (i + 2) / 40] for i, h in enumerate(ids)}
    path = pd.DataFrame({"step": [0, 1, 2], "unit": ["prior", "e1", "g2"], **values})
    return path, {h: f"Hypothesis {h.upper()}" for h in ids}


def test_path_spec_holds_the_tables_values_and_the_palette() -> None:
    path, labels = _posteriors(7)  # one more than the palette: colours wrap around
    spec = posterior_path_spec(path, labels)
    assert spec.steps == (0, 1, 2) and spec.units == ("prior", "e1", "g2")
    assert [line.label for line in spec.lines] == list(labels.values())
    for line, hypothesis in zip(spec.lines, labels, strict=True):
        assert line.values == tuple(path[hypothesis])
    hues = palette.HYPOTHESES
    assert [line.colour for line in spec.lines] == [*hues, hues[0]]
    assert spec.lines[0].dash == () and len({line.dash for line in spec.lines[:6]}) == 6


def test_path_figure_and_svg_draw_the_same_lines() -> None:
    path, labels = _posteriors(3)
    spec = posterior_path_spec(path, labels)
    fig = posterior_path_figure(spec)
    ax = fig.axes[0]
    svg = _svg(posterior_chart(spec, {}, "demo"))
    colours = [line.colour for line in spec.lines]
    # matplotlib: the spec's labels, palette colours, dashes (the first solid) and values
    assert [line.get_label() for line in ax.lines] == list(labels.values())
    assert [to_hex(line.get_color()) for line in ax.lines] == colours
    assert [line.is_dashed() for line in ax.lines] == [bool(line.dash) for line in spec.lines]
    for drawn, line in zip(ax.lines, spec.lines, strict=True):
        assert tuple(drawn.get_ydata()) == line.values
    assert [t.get_text() for t in ax.get_xticklabels()] == list(spec.units)
    # SVG: the same colours and dash patterns, legend, axis titles and units
    lines = list(svg.iterfind(".//s:polyline", NS))
    assert [p.get("stroke") for p in lines] == colours
    dashes = [" ".join(map(str, line.dash)) or None for line in spec.lines]
    assert [p.get("stroke-dasharray") for p in lines] == dashes
    texts = _texts(svg)
    assert all(label in texts for label in labels.values())
    assert ax.get_ylabel() == spec.y_title and spec.y_title in texts
    assert ax.get_xlabel() == spec.x_title and spec.x_title in texts
    assert [t for t in texts if t in spec.units] == list(spec.units)
    # both on the 0–1 scale of the tips: the figure's limits and the SVG's top tick
    assert ax.get_ylim() == (-0.02, 1.02) and "1" in texts and "100" not in texts
    tips = [a.get("aria-label") for a in svg.iterfind(".//s:a", NS)]
    last = path.iloc[-1]
    assert tips[-1] == "After g2: " + " · ".join(f"{labels[h]} {last[h]:.3f}" for h in labels)
