"""Reuse charts drawn from small hand-made tables: labels, series, cells and plotted values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from bluehelmet.figures.reuse import (
    diffusion_figure,
    formulas_figure,
    novelty_figure,
    shared_language_figure,
)
from bluehelmet.figures.save import figure_svg
from bluehelmet.reuse.templates import force_formulas


def _diffusion() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "family": [7, 7, 7, 2, 2],
            "label": ["A", "A", "A", "B", "B"],
            "year": [1970, 1972, 1975, 1980, 1981],
            "resolutions": [2, 3, 6, 1, 4],
        }
    )


def test_diffusion_draws_one_step_line_per_family_and_marks_each_origin() -> None:
    ax = diffusion_figure(_diffusion()).axes[0]
    assert ax.get_xlabel() == "year"
    assert "cumulative" in ax.get_ylabel()
    lines = ax.get_lines()
    named = [line for line in lines if not line.get_label().startswith("_")]
    # two families, in the table's order, plus the legend entry for origins
    assert [line.get_label() for line in named] == ["A", "B", "origin (first resolution)"]
    # the step line of family A passes through the table's values, year by year
    a = named[0]
    assert set(zip(a.get_xdata(), a.get_ydata(), strict=True)) >= {
        (1970, 2),
        (1972, 3),
        (1975, 6),
    }
    assert a.get_drawstyle() == "steps-post"
    # the origin markers sit on each family's first year and count
    markers = [line for line in lines if line.get_marker() == "o" and len(line.get_xdata()) == 1]
    assert [(m.get_xdata()[0], m.get_ydata()[0]) for m in markers] == [(1970, 2), (1980, 1)]
    assert markers[0].get_color() == a.get_color() != markers[1].get_color()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["A", "B", "origin (first resolution)"]


def test_novelty_plots_median_band_index_and_interval_never_zero_in_gap_years() -> None:
    years = pd.DataFrame(
        {
            "year": [1990, 1991, 1992, 1994],  # 1993 absent: no row at all
            "gap": [False, False, True, False],
            "past_complete": [True, True, True, False],
            "novelty_q25": [0.1, 0.2, pd.NA, 0.3],
            "novelty_median": [0.5, 0.6, pd.NA, 0.7],
            "novelty_q75": [0.9, 1.0, pd.NA, 0.95],
            "repetition_index": [0.4, 0.3, pd.NA, 0.2],
            "ci_low": [0.35, 0.25, pd.NA, 0.05],
            "ci_high": [0.45, 0.35, pd.NA, 0.25],
        }
    )
    ax = novelty_figure(years).axes[0]
    assert ax.get_xlabel() == "year" and ax.get_ylabel() == "share of operative text"
    median, index = ax.get_lines()
    assert median.get_xdata().tolist() == [1990, 1991, 1992, 1993, 1994]
    got = median.get_ydata().tolist()
    assert got[:2] == [0.5, 0.6] and math.isnan(got[2]) and math.isnan(got[3]) and got[4] == 0.7
    rep = index.get_ydata().tolist()
    assert rep[:2] == [0.4, 0.3] and math.isnan(rep[2]) and index.get_linestyle() == "--"
    iqr, interval = ax.collections
    # the bands span their quartiles / interval wherever the year has texts, and nothing else
    ys = np.concatenate([p.vertices[:, 1] for p in iqr.get_paths()])
    assert math.isclose(ys.min(), 0.1) and math.isclose(ys.max(), 1.0)
    xs = np.concatenate([p.vertices[:, 0] for p in interval.get_paths()])
    assert not set(xs.round().astype(int)) & {1992, 1993}
    ys = np.concatenate([p.vertices[:, 1] for p in interval.get_paths()])
    assert math.isclose(ys.min(), 0.05) and math.isclose(ys.max(), 0.45)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "novelty: interquartile range" in legend and "repetition index: 95% interval" in legend
    assert "no texts" in legend


def test_formulas_panels_break_in_years_without_texts_and_label_them() -> None:
    paragraphs = pd.DataFrame(
        {
            "resolution": [800, 801, 1289, 1290],
            "date": ["1994-03-01", "1994-05-01", "2000-02-07", "2000-03-01"],
            "year": [1994, 1994, 2000, 2000],
            "text": ["all necessary means", "all necessary means", "imminent threat", "x"],
            "operations": ["", "", "UNAMSIL", ""],
        }
    )
    patterns = {"means": "necessary means", "threat": "imminent threat"}
    per_year = force_formulas(patterns, paragraphs, per_year=True)
    fig = formulas_figure(per_year)
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in panels] == ["means", "threat"]
    expected = {"means": [2, 0], "threat": [0, 1]}  # 1994, 2000: counted by hand
    for ax in panels:
        (line,) = ax.get_lines()
        assert line.get_xdata().tolist() == list(range(1994, 2001))
        got = line.get_ydata().tolist()
        assert [got[0], got[-1]] == expected[ax.get_title(loc="left")]
        assert all(math.isnan(v) for v in got[1:6])  # 1995-1999: NA, never 0
        assert [t.get_text() for t in ax.texts] == ["no texts"]  # one band, labelled
        (band,) = [p for p in ax.patches if p.get_label() == "no texts"]
        xs = band.get_path().transformed(band.get_patch_transform()).vertices[:, 0]
        assert (xs.min(), xs.max()) == (1994.5, 1999.5)
    assert figure_svg(formulas_figure(per_year)) == figure_svg(formulas_figure(per_year))


def test_shared_language_heatmap_shows_every_cell_and_labels_nonzero_values() -> None:
    names = ["UNEF II", "UNDOF", "UNIFIL"]
    shared = pd.DataFrame([[5, 12, 0], [0, 30, 1], [0, 0, 7]], index=names, columns=names)
    fig = shared_language_figure(shared)
    ax = fig.axes[0]
    assert "later operation" in ax.get_xlabel() and "earlier operation" in ax.get_ylabel()
    assert [t.get_text() for t in ax.get_xticklabels()] == names
    assert [t.get_text() for t in ax.get_yticklabels()] == names
    image = ax.get_images()[0].get_array()
    assert image.shape == (3, 3)
    assert image.mask.sum() == 4  # the zero cells are blank
    assert image[0, 1] == 12 and image[1, 2] == 1
    # one label per non-zero cell, at (column, row), carrying the cell's value
    cells = {(int(t.get_position()[1]), int(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert cells == {(0, 0): "5", (0, 1): "12", (1, 1): "30", (1, 2): "1", (2, 2): "7"}
    outlines = [p for p in ax.patches if isinstance(p, Rectangle) and not p.get_fill()]
    assert sorted(p.get_xy() for p in outlines) == [(-0.5, -0.5), (0.5, 0.5), (1.5, 1.5)]
    assert len(fig.axes) == 2  # the heatmap and its colour bar


def test_reuse_figures_render_to_identical_svg_twice() -> None:
    shared = pd.DataFrame([[1, 2], [0, 3]], index=["A", "B"], columns=["A", "B"])
    first = figure_svg(shared_language_figure(shared)) + figure_svg(diffusion_figure(_diffusion()))
    again = figure_svg(shared_language_figure(shared)) + figure_svg(diffusion_figure(_diffusion()))
    assert first == again
