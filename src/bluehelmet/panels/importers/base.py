"""What every importer shares: the imported table, its coverage, and layout checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError


@dataclass(frozen=True)
class Coverage:
    """Where a source has data: its unit, first and last period (``YYYY-MM`` or ``YYYY``).

    Outside ``start``..``end`` a value from this source is missing (NA), never zero.
    """

    source: str
    unit: str
    start: str
    end: str
    note: str = ""


@dataclass(frozen=True)
class Imported:
    """An imported source: tidy data (lower snake case columns) and its coverage."""

    data: pd.DataFrame
    coverage: Coverage


def require_columns(df: pd.DataFrame, needed: Iterable[str], path: Path, layout: str) -> None:
    """Raise a one-line DataFormatError naming the file and the first missing column.

    >>> require_columns(pd.DataFrame({"a": [1]}), ["a"], Path("x.csv"), "IPI")
    >>> require_columns(pd.DataFrame({"a": [1]}), ["b"], Path("x.csv"), "IPI")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: x.csv: column 'b' missing; expected the IPI layout
    """
    for col in needed:
        if col not in df.columns:
            raise DataFormatError(
                f"{path.name}: column {col!r} missing; expected the {layout} layout"
            )


def _show(value: object) -> str:
    return f"{value:%Y-%m}" if isinstance(value, pd.Timestamp) else str(value)


def reject_duplicates(df: pd.DataFrame, key: list[str], path: Path) -> None:
    """Raise a one-line DataFormatError naming the file, the first duplicated key and the count.

    >>> reject_duplicates(pd.DataFrame({"a": [1, 1], "b": [2, 2]}), ["a", "b"], Path("x.csv"))
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: x.csv: duplicated key (a, b) = (1, 2) in 2 rows
    """
    dup = df.duplicated(key, keep=False)
    if not dup.any():
        return
    values = [_show(v) for v in df.loc[dup, key].iloc[0]]
    shown = (
        f"{key[0]} = {values[0]}"
        if len(key) == 1
        else f"({', '.join(key)}) = ({', '.join(values)})"
    )
    raise DataFormatError(f"{path.name}: duplicated key {shown} in {int(dup.sum())} rows")
