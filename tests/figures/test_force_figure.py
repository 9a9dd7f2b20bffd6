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


def test_novelty_shades_years_whose_count_is_missing() -> None:
    novelty = pd.DataFrame(
        {
            "year": [1993, 1994, 1995, 2000],
            "resolutions": pd.array([90, pd.NA, pd.NA, 50], dtype="Int64"),
            "q25": [0.1, pd.NA, pd.NA, 0.2],
            "median": [0.5, pd.NA, pd.NA, 0.4],
            "q75": [0.9, pd.NA, pd.NA, 0.8],
            "repetition_index": [0.3, pd.NA, pd.NA, 0.5],
        }
    )
    ax = novelty_figure(novelty).axes[0]
    assert _bands(ax) == [(1993.5, 1995.5)]
    assert "no resolution texts" in _legend(ax)


def test_diffusion_shades_the_years_it_is_told_and_only_those() -> None:
    diffusion = pd.DataFrame(
        {"family": [1, 1], "label": ["F", "F"], "year": [1990, 2005], "resolutions": [1, 5]}
    )
    assert _bands(diffusion_figure(diffusion).axes[0]) == []
    ax = diffusion_figure(diffusion, uncovered=[1995, 1996, 1997, 1998, 1999, 1994]).axes[0]
    assert _bands(ax) == [(1993.5, 1999.5)]
