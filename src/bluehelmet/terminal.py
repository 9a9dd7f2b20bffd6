"""Tables in the terminal, readable at 80 columns: no column is squeezed below 12 characters.

A column may be narrower only if its widest cell (header included) is: ids, dates and counts
keep their natural width and never fold. When the columns cannot all get that much room, the
table is printed as records instead, one block of ``column  value`` lines per row.
"""

from __future__ import annotations

import pandas as pd
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bluehelmet.layout import MIN_COLUMN


def column_floor(texts: list[str]) -> int:
    """A column's narrowest width: its widest line (header included), at most :data:`MIN_COLUMN`.

    >>> column_floor(["org", "UN", "AU"]), column_floor(["name", "United Nations Mission"])
    (3, 12)
    """
    widest = max((cell_len(line) for text in texts for line in text.splitlines()), default=0)
    return min(MIN_COLUMN, widest)


def fits(floors: list[int], width: int) -> bool:
    """Whether columns of these widths fit ``width`` with Rich's borders and padding (3 each, +1).

    >>> fits([12] * 5, 80), fits([12] * 6, 80)
    (True, False)
    """
    return sum(floors) + 3 * len(floors) + 1 <= width


def _cells(df: pd.DataFrame) -> dict[str, list[str]]:
    return {str(col): ["" if pd.isna(v) else str(v) for v in df[col]] for col in df.columns}


def _as_table(cells: dict[str, list[str]], floors: list[int], title: str | None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    for (name, values), floor in zip(cells.items(), floors, strict=True):
        short = column_floor([name, *values]) < MIN_COLUMN
        table.add_column(name, min_width=floor, no_wrap=short, overflow="fold")
    for row in zip(*cells.values(), strict=True):
        table.add_row(*row)
    return table


def _as_records(cells: dict[str, list[str]], title: str | None) -> Group:
    parts: list[RenderableType] = [Text(title, style="bold")] if title else []
    rows = len(next(iter(cells.values()), []))
    for i in range(rows):
        parts.append(Rule(f"{i + 1} of {rows}", align="left"))
        record = Table.grid(padding=(0, 2))
        record.add_column(style="bold", no_wrap=True)
        record.add_column(overflow="fold")
        for name, values in cells.items():
            record.add_row(name, values[i])
        parts.append(record)
    if not rows:
        parts.append(Text("No rows."))
    return Group(*parts)


def print_table(df: pd.DataFrame, title: str | None = None, console: Console | None = None) -> None:
    """Print ``df`` as a table if every column gets its floor (:func:`column_floor`), else as
    records.

    >>> df = pd.DataFrame({c: ["United Nations Mission"] for c in "abc"})
    >>> print_table(df, console=Console(width=40))
    ... # doctest: +ELLIPSIS
    1 of 1 ───...
    a  United Nations Mission
    b  United Nations Mission
    c  United Nations Mission
    """
    console = console or Console(soft_wrap=False)
    cells = _cells(df)
    floors = [column_floor([name, *values]) for name, values in cells.items()]
    if fits(floors, console.width):
        console.print(_as_table(cells, floors, title))
    else:
        console.print(_as_records(cells, title))
