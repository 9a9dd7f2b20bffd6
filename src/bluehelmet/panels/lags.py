"""Lags by calendar month within a unit: a gap in the months gives NA, never a wrong month."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from bluehelmet.errors import DataFormatError, UsageError


def lag_columns(
    panel: pd.DataFrame, columns: Sequence[str], lag: int = 1, unit: str = "conflict_id"
) -> pd.DataFrame:
    """Add ``<col>_lag<k>``: the value ``lag`` calendar months earlier in the same unit.

    >>> p = pd.DataFrame({"conflict_id": [1, 1, 1], "date": ["2000-01", "2000-02", "2000-04"],
    ...                   "x": [1.0, 2.0, 3.0]})
    >>> lag_columns(p, ["x"])["x_lag1"].tolist()
    [nan, 1.0, nan]
    """
    for col in [unit, "date", *columns]:
        if col not in panel.columns:
            raise UsageError(f"panel has no column {col!r}")
    out = panel.copy()
    month = pd.to_datetime(out["date"]).dt.to_period("M")
    if (out.assign(_m=month).duplicated([unit, "_m"])).any():
        raise DataFormatError(f"panel has more than one row for some {unit} and month")
    past = out[[unit, *columns]].copy()
    past["_m"] = month + lag
    past = past.rename(columns={c: f"{c}_lag{lag}" for c in columns})
    merged = out.assign(_m=month).merge(past, on=[unit, "_m"], how="left", validate="1:1")
    return merged.drop(columns="_m").set_axis(out.index)
