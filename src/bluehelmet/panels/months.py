"""The month grid: every calendar month of a span, and a monthly table on its full grid.

Light module (pandas only): the conflict-month panel and every monthly chart (static or on the
web) use the same grid, so a month missing from the data shows as a gap, never as a line or
area drawn across it.
"""

from __future__ import annotations

import pandas as pd

from bluehelmet.errors import UsageError


def month_range(start: str | pd.Timestamp, end: str | pd.Timestamp) -> pd.DatetimeIndex:
    """First days of every month from ``start``'s month to ``end``'s month.

    >>> [f"{d:%Y-%m-%d}" for d in month_range("1999-11-20", "2000-02")]
    ['1999-11-01', '1999-12-01', '2000-01-01', '2000-02-01']
    """
    first = pd.Timestamp(start).to_period("M").start_time
    return pd.date_range(first, pd.Timestamp(end), freq="MS")


def every_month(monthly: pd.DataFrame) -> pd.DataFrame:
    """``monthly`` (one row per month, dated in column ``date``) on its full month grid: one
    row per calendar month from its first month to its last, dated on the month's first day;
    months not in ``monthly`` are NA in every other column, so charts leave them blank.

    >>> m = pd.DataFrame({"date": pd.to_datetime(["2000-01-15", "2000-03-01"]), "x": [1, 2]})
    >>> full = every_month(m)
    >>> [f"{d:%Y-%m-%d}" for d in full["date"]], full["x"].isna().tolist()
    (['2000-01-01', '2000-02-01', '2000-03-01'], [False, True, False])
    """
    if "date" not in monthly.columns:
        raise UsageError("the monthly table lacks column 'date'; give one row per month")
    dates = pd.to_datetime(monthly["date"]).dt.to_period("M").dt.to_timestamp()
    repeated = dates[dates.duplicated()]
    if len(repeated):
        raise UsageError(
            f"the monthly table has more than one row for {repeated.iloc[0]:%Y-%m}; "
            "give one row per month"
        )
    if monthly.empty:
        return monthly.assign(date=dates).reset_index(drop=True)
    grid = month_range(dates.min(), dates.max())
    full = monthly.assign(date=dates).set_index("date").reindex(grid)
    return full.rename_axis("date").reset_index()
