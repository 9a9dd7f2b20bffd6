"""Read and write the packaged tables with their declared types."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.files import atomic_path
from bluehelmet.paths import PACKAGE_DATA
from bluehelmet.register.schema import TABLES, columns

_TRUE = {"true": True, "false": False}


def _convert(df: pd.DataFrame, table: str, path: Path) -> pd.DataFrame:
    for col in columns(table):
        raw = df[col.name]
        try:
            if col.kind == "int":
                df[col.name] = pd.to_numeric(raw, errors="raise").astype("Int64")
            elif col.kind == "date":
                df[col.name] = pd.to_datetime(raw, format="%Y-%m-%d").astype("datetime64[ns]")
            elif col.kind == "bool":
                bad = raw.dropna()[~raw.dropna().str.lower().isin(list(_TRUE))]
                if len(bad):
                    raise ValueError(f"{bad.iloc[0]!r} is not true/false")
                df[col.name] = raw.str.lower().map(_TRUE).astype("boolean")
            else:
                df[col.name] = raw.astype("string")
        except (ValueError, TypeError) as exc:
            line = _first_bad_line(raw, col.kind)
            raise DataFormatError(
                f"{path.name} line {line}, column {col.name}: expected {col.kind} ({exc}); "
                "correct the value"
            ) from None
    return df


def _first_bad_line(raw: pd.Series, kind: str) -> int:
    for i, value in raw.items():
        if pd.isna(value):
            continue
        try:
            if kind == "int":
                int(value)
            elif kind == "date":
                pd.to_datetime(value, format="%Y-%m-%d")
            elif kind == "bool" and value.lower() not in _TRUE:
                raise ValueError
        except (ValueError, TypeError):
            return int(str(i)) + 2
    return 0


def read_table(table: str, path: Path | None = None) -> pd.DataFrame:
    """Read a packaged table (or a file of the same layout) with its declared types.

    >>> read_table("sources").columns[0]
    'key'
    """
    path = path or PACKAGE_DATA / f"{table}.csv"
    if not path.exists():
        raise DataFormatError(f"{path}: file not found; rebuild it with its data-raw script")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    expected = [c.name for c in TABLES[table]]
    if list(df.columns) != expected:
        missing = [c for c in expected if c not in df.columns]
        extra = [c for c in df.columns if c not in expected]
        raise DataFormatError(
            f"{path.name} line 1: columns differ from the schema (missing {missing}, "
            f"unexpected {extra}); see src/bluehelmet/data/README.md"
        )
    return _convert(df, table, path)


def write_table(df: pd.DataFrame, table: str, path: Path | None = None) -> Path:
    """Write a table as CSV atomically (temporary file, then rename), in schema column order.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_table(read_table("sources"), "sources", d / "s.csv").name
    's.csv'
    """
    path = path or PACKAGE_DATA / f"{table}.csv"
    out = df[[c.name for c in TABLES[table]]].copy()
    for col in columns(table):
        if col.kind == "date":
            out[col.name] = pd.to_datetime(out[col.name]).dt.strftime("%Y-%m-%d")
        elif col.kind == "bool":
            out[col.name] = out[col.name].map({True: "true", False: "false"})
    with atomic_path(path) as tmp:
        out.to_csv(tmp, index=False, lineterminator="\n")
    return path
