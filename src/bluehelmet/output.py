"""Print DataFrames as a terminal table, CSV or JSON (one shared option set for the CLI)."""

from __future__ import annotations

import sys

import pandas as pd
from rich.console import Console
from rich.table import Table

from bluehelmet.errors import UsageError
from bluehelmet.register import vocab


def select_columns(df: pd.DataFrame, columns: str | None) -> pd.DataFrame:
    """Keep the comma-separated ``columns`` in that order, or raise UsageError naming the unknown.

    >>> select_columns(pd.DataFrame({"a": [1], "b": [2]}), "b").columns.tolist()
    ['b']
    """
    if not columns:
        return df
    wanted = [c.strip() for c in columns.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in df.columns]
    if unknown:
        raise UsageError(
            f"unknown column(s) {', '.join(unknown)}; available: {', '.join(map(str, df.columns))}"
        )
    return df[wanted]


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out


def render(df: pd.DataFrame, fmt: str = "table", title: str | None = None) -> str | None:
    """Render ``df`` as csv/json text, or print a rich table (returns None) for ``table``.

    >>> render(pd.DataFrame({"a": [1]}), "csv")
    'a\\n1\\n'
    """
    if fmt not in vocab.OUTPUT_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(vocab.OUTPUT_FORMATS)}")
    plain = _plain(df)
    if fmt == "csv":
        return plain.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return plain.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in plain.columns:
        table.add_column(str(col), overflow="fold")
    for row in plain.itertuples(index=False):
        table.add_row(*("" if pd.isna(v) else str(v) for v in row))
    Console(soft_wrap=False).print(table)
    return None


def emit(df: pd.DataFrame, fmt: str, columns: str | None = None, title: str | None = None) -> None:
    """Select columns and write the rendering to stdout.

    >>> emit(pd.DataFrame({"a": [1]}), "csv")
    a
    1
    """
    text = render(select_columns(df, columns), fmt, title)
    if text is not None:
        sys.stdout.write(text)
