"""Write the register's figures together with the data behind them."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pandas as pd

from bluehelmet.figures.mandates import mandates_figure
from bluehelmet.figures.partnership import deaths_figure, partner_deaths_spec, predicted_deaths_spec
from bluehelmet.figures.personnel import personnel_figure
from bluehelmet.figures.save import save_figure
from bluehelmet.figures.timeline import timeline_figure
from bluehelmet.files import atomic_path
from bluehelmet.models.battle_deaths import PartnershipEstimate
from bluehelmet.output import for_csv
from bluehelmet.panels.panel import Panel
from bluehelmet.register.mandates import (
    FIRST_YEAR,
    LAST_YEAR,
    mandate_basis_counts,
    years_without_texts,
)
from bluehelmet.register.theatres import theatre_operations


def write_figure_data(df: pd.DataFrame, path: Path) -> Path:
    """Write a figure's data ``df`` to the CSV file ``path`` (dates as ISO days), atomically.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> write_figure_data(pd.DataFrame({"year": [2000]}), out).name
    'f.csv'
    """
    with atomic_path(path) as tmp:
        for_csv(df).to_csv(tmp, index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return path


def mandates_data(counts: pd.DataFrame, without_texts: Collection[int]) -> pd.DataFrame:
    """The mandates figure's data: ``counts`` per year with ``texts`` (false where the year's
    missions come from the index and their basis is not coded).

    >>> c = pd.DataFrame({"chapter_vii": [1, 0]}, index=pd.Index([1994, 1995], name="year"))
    >>> mandates_data(c, [1995])["texts"].tolist()
    [True, False]
    """
    return counts.reset_index().assign(texts=lambda df: ~df["year"].isin(list(without_texts)))


def write_mandates_figure(
    out: Path, start: int = FIRST_YEAR, end: int = LAST_YEAR
) -> tuple[Path, Path]:
    """Write the mandates figure to ``out`` and its counts to ``out`` with suffix ``.csv``
    (``texts`` false: the year's missions come from the index, their basis not coded).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_mandates_figure(d / "m.svg")]
    ['m.svg', 'm.csv']
    """
    counts = mandate_basis_counts(start, end)
    without = years_without_texts(start, end)
    fig_path = save_figure(mandates_figure(counts, without), out)
    return fig_path, write_figure_data(mandates_data(counts, without), out.with_suffix(".csv"))


def write_timeline_figure(out: Path, start: int = 1988) -> tuple[Path, Path]:
    """Write the operations timeline to ``out`` and its rows to ``out`` with suffix ``.csv``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_timeline_figure(d / "t.png")]
    ['t.png', 't.csv']
    """
    rows = theatre_operations(start)
    fig_path = save_figure(timeline_figure(rows), out)
    return fig_path, write_figure_data(rows, out.with_suffix(".csv"))


def write_predicted_deaths_figure(estimate: PartnershipEstimate, out: Path) -> Path:
    """Write predicted battle deaths over UN troops, with and without a partner: non-UN
    troops (conflict-month) or a regional operation (dyad-month); the curves as CSV.

    >>> import tempfile, pathlib
    >>> pred = pd.DataFrame({"regional_pko": [0, 0, 1, 1], "troop_lag1000": [0, 5, 0, 5],
    ...     "estimate": [5, 4, 6, 7], "conf_low": [3, 2, 2, 2], "conf_high": [8, 9, 20, 30]})
    >>> est = PartnershipEstimate(None, pd.DataFrame(), "dyad-month", pred)  # type: ignore
    >>> write_predicted_deaths_figure(est, pathlib.Path(tempfile.mkdtemp()) / "p.png").name
    'p.csv'
    """
    pred = estimate.predictions
    conflict_month = estimate.unit == "conflict-month"
    spec = partner_deaths_spec(pred) if conflict_month else predicted_deaths_spec(pred)
    save_figure(deaths_figure(spec), out)
    return write_figure_data(pred, out.with_suffix(".csv"))


def write_personnel_figure(panel: Panel, conflict_id: int, out: Path) -> Path:
    """Write the personnel-by-organisation chart of one conflict (and its rows as CSV).

    >>> import tempfile, pathlib
    >>> d = pd.DataFrame({"conflict_id": [1, 1], "date": pd.to_datetime(["2000-01-01",
    ...     "2000-02-01"]), **{f"{o}_{k}": [1.0, 2.0] for o in ("un", "regional",
    ...     "international") for k in ("troops", "police", "observers")}})
    >>> png = pathlib.Path(tempfile.mkdtemp()) / "c.png"
    >>> len(pd.read_csv(write_personnel_figure(Panel("conflict-month", d), 1, png)))
    2
    """
    save_figure(personnel_figure(panel.data, conflict_id), out)
    rows = panel.data[panel.data["conflict_id"] == conflict_id]
    return write_figure_data(rows, out.with_suffix(".csv"))
