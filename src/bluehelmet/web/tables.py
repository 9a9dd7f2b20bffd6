"""Tables for the web: plain values (ISO dates, None for missing) and JSON records."""

from __future__ import annotations

from typing import Any

import pandas as pd


def _values(column: pd.Series) -> list[Any]:
    """A column as plain Python values: dates as ``YYYY-MM-DD``, missing values as None."""
    if pd.api.types.is_datetime64_any_dtype(column):
        column = column.dt.strftime("%Y-%m-%d")
    return column.to_numpy(dtype=object, na_value=None).tolist()


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with dates as ``YYYY-MM-DD`` strings and every missing value as None.

    >>> plain(pd.DataFrame({"d": pd.to_datetime(["2000-01-02", None])})).d.tolist()
    ['2000-01-02', None]
    """
    columns = {col: pd.Series(_values(df[col]), index=df.index, dtype=object) for col in df}
    return pd.DataFrame(columns, index=df.index, columns=df.columns)


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, ready for JSON.

    >>> records(pd.DataFrame({"n": pd.array([1, None], dtype="Int64"), "x": [0.5, None]}))
    [{'n': 1, 'x': 0.5}, {'n': None, 'x': None}]
    """
    names = list(df.columns)
    columns = [_values(df[col]) for col in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
