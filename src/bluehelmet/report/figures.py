"""The report's figures: shown inline as SVG and written beside the report for publication."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from bluehelmet.figures.save import figure_svg, save_figure
from bluehelmet.figures.write import write_figure_data

#: The formats each figure is written in (PNG at 300 dpi).
SUFFIXES = (".png", ".svg", ".pdf")


class ReportFigures:
    """Collects the report's figures: :meth:`show` returns a figure's inline SVG and, when
    ``folder`` is given, writes it there as PNG, SVG and PDF with its data as CSV.

    >>> import tempfile, pathlib
    >>> figs = ReportFigures(pathlib.Path(tempfile.mkdtemp()))
    >>> figs.show("empty", Figure(), pd.DataFrame({"year": [2000]})).startswith("<svg")
    True
    >>> sorted(p.name for p in figs.written)
    ['empty.csv', 'empty.pdf', 'empty.png', 'empty.svg']
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.written: list[Path] = []

    def show(self, name: str, fig: Figure, data: pd.DataFrame | dict[str, pd.DataFrame]) -> str:
        """``fig`` as inline SVG; written as ``name``.png/.svg/.pdf with ``data`` as
        ``name``.csv (a dict of tables: ``name-KEY.csv`` each) when collecting to a folder."""
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            for suffix in SUFFIXES:
                self.written.append(save_figure(fig, self.folder / f"{name}{suffix}"))
            tables = data if isinstance(data, dict) else {"": data}
            for key, table in tables.items():
                stem = f"{name}-{key}" if key else name
                flat = table if isinstance(table.index, pd.RangeIndex) else table.reset_index()
                self.written.append(write_figure_data(flat, self.folder / f"{stem}.csv"))
        return figure_svg(fig)
