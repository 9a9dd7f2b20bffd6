"""One month grid for every monthly table and chart."""

from __future__ import annotations

import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.panels.months import every_month, month_range


def test_a_month_missing_from_the_table_is_on_the_grid_with_na() -> None:
    monthly = pd.DataFrame(
        {
            "date": pd.to_datetime(["1999-11-15", "2000-02-01", "1999-12-01"]),
            "troops": [10, 30, 20],
            "status": pd.Series(["a", "c", "b"], dtype="string"),
        }
    )
    full = every_month(monthly)
    assert full["date"].tolist() == list(pd.to_datetime(["1999-11-01", "1999-12-01",
                                                         "2000-01-01", "2000-02-01"]))  # fmt: skip
    january = full[full["date"] == pd.Timestamp("2000-01-01")].iloc[0]
    assert pd.isna(january["troops"]) and pd.isna(january["status"])
    assert full["troops"].tolist()[:2] == [10, 20] and full["troops"].iloc[3] == 30
    assert full.index.tolist() == [0, 1, 2, 3]


def test_a_month_given_twice_is_refused() -> None:
    twice = pd.DataFrame({"date": pd.to_datetime(["2000-01-01", "2000-01-20"]), "x": [1, 2]})
    with pytest.raises(UsageError, match="more than one row for 2000-01"):
        every_month(twice)


def test_an_empty_table_stays_empty() -> None:
    empty = pd.DataFrame({"date": pd.to_datetime([]), "x": []})
    assert every_month(empty).empty


def test_month_range_covers_both_end_months() -> None:
    months = month_range("1999-12-31", pd.Timestamp("2000-03-15"))
    assert [f"{d:%Y-%m-%d}" for d in months] == [
        "1999-12-01", "2000-01-01", "2000-02-01", "2000-03-01",
    ]  # fmt: skip
