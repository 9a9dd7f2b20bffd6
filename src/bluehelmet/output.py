"""Print DataFrames as a terminal table, CSV or JSON (one shared option set for the CLI)."""

from __future__ import annotations

import re
import sys
from typing import Any

import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.options import OutputFormat, check
from bluehelmet.terminal import print_table


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


#: First characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _is_formula(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet would run as a formula."""
    return (
        isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value)
    )


def _neutral(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    return "'" + value if _is_formula(value) else value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy safe to open in a spreadsheet: text cells (and column names) starting with
    ``= + - @``, tab or CR get a leading ``'``; numbers, and text that is a plain number,
    are never changed.

    >>> df = pd.DataFrame({"t": ["=1+1", "@SUM(A1)", "-2", "ok"], "n": [-3, 1, 2, 3]})
    >>> neutralise_formulas(df).values.tolist()
    [["'=1+1", -3], ["'@SUM(A1)", 1], ['-2', 2], ['ok', 3]]
    """
    out = df.rename(columns=_neutral)
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col]):
            continue
        risky = out[col].map(_is_formula).astype(bool)
        if risky.any():
            out[col] = out[col].astype(object).where(~risky, "'" + out[col].astype(str))
    return out


#: Whether every CSV bluehelmet writes is neutralised (``bluehelmet --excel-safe``).
_SETTINGS = {"excel_safe": False}


def set_excel_safe(on: bool) -> None:
    """Neutralise formulas in every CSV written from now on (stdout and files), or stop.

    >>> set_excel_safe(False); excel_safe()
    False
    """
    _SETTINGS["excel_safe"] = on


def excel_safe() -> bool:
    """Whether CSV output is neutralised (see :func:`set_excel_safe`).

    >>> isinstance(excel_safe(), bool)
    True
    """
    return _SETTINGS["excel_safe"]


def for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` as it goes into a CSV file: neutralised when :func:`excel_safe` is on.

    >>> for_csv(pd.DataFrame({"a": ["=1"]})).a.tolist() == (["'=1"] if excel_safe() else ["=1"])
    True
    """
    return neutralise_formulas(df) if excel_safe() else df


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out


def render(
    df: pd.DataFrame, fmt: str = "table", title: str | None = None, excel_safe: bool = False
) -> str | None:
    """Render ``df`` as csv/json text, or print a rich table (returns None) for ``table``.

    With ``excel_safe``, CSV cells a spreadsheet would run as formulas are neutralised
    (:func:`neutralise_formulas`).

    >>> render(pd.DataFrame({"a": [1]}), "csv")
    'a\\n1\\n'
    """
    check("format", fmt, OutputFormat)
    plain = _plain(df)
    if fmt == "csv":
        safe = neutralise_formulas(plain) if excel_safe else plain
        return safe.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return plain.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    print_table(plain, title)
    return None


def emit(
    df: pd.DataFrame,
    fmt: str,
    columns: str | None = None,
    title: str | None = None,
    excel_safe: bool = False,
) -> None:
    """Select columns and write the rendering to stdout (``excel_safe``: see :func:`render`).

    >>> emit(pd.DataFrame({"a": [1]}), "csv")
    a
    1
    """
    text = render(select_columns(df, columns), fmt, title, excel_safe)
    if text is not None:
        sys.stdout.write(text)
