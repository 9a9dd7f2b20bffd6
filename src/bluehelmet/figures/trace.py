"""Line chart: each hypothesis's posterior after each evidence unit of a process trace, as one
spec drawn here with matplotlib and on the web as SVG."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from bluehelmet import palette

#: Dash patterns (on, off, ... lengths) of the hypotheses' lines, in order; () is solid.
DASHES: tuple[tuple[int, ...], ...] = ((), (8, 4), (2, 3), (10, 3, 2, 3), (4, 4), (1, 2))


@dataclass(frozen=True)
class PathLine:
    """One hypothesis: its label, colour, dash pattern and posterior (0–1) at each step."""

    label: str
    colour: str
    dash: tuple[int, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class PathSpec:
    """What the posterior-path figure shows, whoever draws it (matplotlib here, SVG on the
    web): the steps and their evidence units, one line per hypothesis, axis titles and title."""

    steps: tuple[int, ...]
    units: tuple[str, ...]
    lines: tuple[PathLine, ...]
    x_title: str
    y_title: str
    title: str


def posterior_path_spec(posteriors: pd.DataFrame, labels: dict[str, str]) -> PathSpec:
    """The figure of ``Trace.posteriors()``; ``labels`` maps hypothesis ids to labels, in legend
    order. Colours and dashes follow ``palette.HYPOTHESES`` and ``DASHES``, cycling.

    >>> path = pd.DataFrame({"step": [0, 1], "unit": ["prior", "e1"], "a": [0.5, 0.8],
    ...                      "b": [0.5, 0.2]})
    >>> [(line.label, line.dash, line.values) for line in posterior_path_spec(path,
    ...     {"a": "A", "b": "B"}).lines]
    [('A', (), (0.5, 0.8)), ('B', (8, 4), (0.5, 0.2))]
    """
    colours = palette.HYPOTHESES
    lines = tuple(
        PathLine(
            label,
            colours[i % len(colours)],
            DASHES[i % len(DASHES)],
            tuple(float(v) for v in posteriors[hypothesis]),
        )
        for i, (hypothesis, label) in enumerate(labels.items())
    )
    return PathSpec(
        tuple(int(s) for s in posteriors["step"]),
        tuple(str(u) for u in posteriors["unit"]),
        lines,
        "Evidence unit (item or dependence group), in ledger order",
        "Posterior probability",
        "Posterior path",
    )


def posterior_path_figure(spec: PathSpec) -> Figure:
    """The posterior path of ``spec``: steps on x, P(H | evidence so far) on y.

    >>> path = pd.DataFrame({"step": [0, 1], "unit": ["prior", "e1"], "a": [0.5, 0.8],
    ...                      "b": [0.5, 0.2]})
    >>> ax = posterior_path_figure(posterior_path_spec(path, {"a": "A", "b": "B"})).axes[0]
    >>> [(line.get_label(), line.get_color()) for line in ax.lines] == [
    ...     ("A", palette.HYPOTHESES[0]), ("B", palette.HYPOTHESES[1])]
    True
    """
    fig = Figure(figsize=(7.5, 3.2))
    ax = fig.add_subplot()
    for line in spec.lines:
        ax.plot(
            spec.steps,
            line.values,
            marker="o",
            markersize=3,
            label=line.label,
            color=line.colour,
            linestyle=(0, line.dash) if line.dash else "-",
        )
    ax.set_xticks(spec.steps, spec.units, rotation=45, ha="right", fontsize=7)
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel(spec.y_title)
    ax.set_xlabel(spec.x_title, fontsize=8)
    ax.set_title(spec.title, fontsize=10)
    ax.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.spines[["top", "right"]].set_visible(False)
    return fig
