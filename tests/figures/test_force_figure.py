"""The force-by-addressee chart: bars for covered years, shaded bands for years without texts."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb

from bluehelmet.figures.force import force_figure
from bluehelmet.figures.reuse import diffusion_figure, novelty_figure
from bluehelmet.figures.style import SHADE


def _counts() -> pd.DataFrame:
    years = pd.Index([1993, 1994, 1995, 1996, 2000], name="year")
    return pd.DataFrame(
        {
            "un_operation": [3, pd.NA, pd.NA, pd.NA, 2],
            "member_states": [4, pd.NA, pd.NA, pd.NA, 1],
            "regional_organisation": [0, pd.NA, pd.NA, pd.NA, 0],
        },
        index=years,
        dtype="Int64",
    )


def _bands(ax: Axes) -> list[tuple[float, float]]:
    """(left, right) of every grey band on the axes, in data units."""
    grey = to_rgb(SHADE)
    out = []
    for patch in ax.patches:
        if tuple(patch.get_facecolor()[:3]) == grey:
            box = patch.get_extents().transformed(ax.transData.inverted())
            out.append((round(box.x0, 1), round(box.x1, 1)))
    return out


def _legend(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def test_years_without_texts_are_shaded_and_labelled_not_drawn_as_zero() -> None:
    ax = force_figure(_counts()).axes[0]
    assert _bands(ax) == [(1993.5, 1996.5)]
    legend = _legend(ax)
    assert legend[0] == "no resolution texts" and len(legend) == 4
    # bars exist only for the covered years, stacked to the counts
    un, member = ax.containers[0], ax.containers[1]
    assert [round(b.get_x() + b.get_width() / 2) for b in un] == [1993, 2000]
    assert [b.get_height() for b in member] == [4, 1]
    assert [b.get_y() for b in member] == [3, 2]
    assert ax.get_xlim() == (1992.5, 2000.5)


def test_novelty_shades_and_labels_gap_years_and_hatches_an_incomplete_past() -> None:
    na = pd.NA
    years = pd.DataFrame(
        {
            "year": [1993, 1994, 1995, 1996, 1997, 1998],
            "gap": [False, True, True, False, False, False],
            "past_complete": [True, True, False, False, False, True],
            "novelty_median": [0.5, na, na, 0.4, 0.6, 0.7],
            "novelty_q25": [0.1, na, na, 0.2, 0.3, 0.4],
            "novelty_q75": [0.9, na, na, 0.8, 0.9, 1.0],
            "repetition_index": [0.3, na, na, 0.5, 0.4, 0.2],
            "ci_low": [0.2, na, na, 0.4, 0.3, 0.1],
            "ci_high": [0.4, na, na, 0.6, 0.5, 0.3],
        }
    )
    ax = novelty_figure(years).axes[0]
    assert _bands(ax) == [(1993.5, 1995.5)]
    assert "no texts" in _legend(ax)
    assert [t.get_text() for t in ax.texts] == ["no texts"]
    assert ax.texts[0].get_position()[0] == 1994.5  # in the middle of the band
    hatched = [p for p in ax.patches if p.get_hatch()]
    box = hatched[0].get_extents().transformed(ax.transData.inverted())
    # 1996-1997 (not 1995: a gap year is shaded, not hatched; not 1998: complete past)
    assert len(hatched) == 1 and (round(box.x0, 1), round(box.x1, 1)) == (1995.5, 1997.5)
    assert any("past incomplete" in label for label in _legend(ax))


def test_diffusion_shades_the_years_it_is_told_and_only_those() -> None:
    diffusion = pd.DataFrame(
        {"family": [1, 1], "label": ["F", "F"], "year": [1990, 2005], "resolutions": [1, 5]}
    )
    assert _bands(diffusion_figure(diffusion).axes[0]) == []
    ax = diffusion_figure(diffusion, uncovered=[1995, 1996, 1997, 1998, 1999, 1994]).axes[0]
    assert _bands(ax) == [(1993.5, 1999.5)]


def test_axis_spans_only_the_years_the_texts_cover() -> None:
    na = [pd.NA] * 3
    leading, trailing = pd.Index([1946, 1947], name="year"), pd.Index([2001, 2002], name="year")
    uncovered = [pd.DataFrame([na] * 2, index=ix, columns=_counts().columns, dtype="Int64")
                 for ix in (leading, trailing)]  # fmt: skip
    counts = pd.concat([uncovered[0], _counts(), uncovered[1]])
    ax = force_figure(counts).axes[0]
    assert ax.get_xlim() == (1992.5, 2000.5)
    assert _bands(ax) == [(1993.5, 1996.5)]  # the gap between covered years, no band outside
    assert [t.get_text() for t in ax.texts] == ["no resolution texts"]
