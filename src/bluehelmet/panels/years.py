"""Year aggregates of the IPI month panels: operation-year and country-year.

For merging with state-years (peacesciencer: ``ccode`` = ``cown``, ``year``). Each year
row carries ``months`` (months of the unit in the month panel that year),
``months_covered`` (months of the year inside the panel's span and IPI's coverage), and
per personnel category ``<kind>_person_months`` (sum over the months, NA when no month
reports the category) and ``<kind>_mean`` (mean over the months that report it). The
country codes are those of the unit's last month in that year.
"""

from __future__ import annotations

import pandas as pd

from bluehelmet.panels.months import month_range

KINDS = ("troops", "police", "observers", "total")
#: Columns taken from the unit's last month in the year (when the month panel has them).
CARRIED = ("register_acronym", "iso3", "gwno", "cown")


def months_covered(years: pd.Index, first: str, last: str) -> pd.api.extensions.ExtensionArray:
    """Months of each year between ``first`` and ``last`` (``YYYY-MM``), 0 outside.

    >>> months_covered(pd.Index([1990, 1991, 2017, 2018]), "1990-11", "2017-03").tolist()
    [2, 12, 3, 0]
    """
    counts = pd.Series(month_range(first, last).year).value_counts()
    return pd.array([int(counts.get(year, 0)) for year in years], dtype="Int64")


def year_aggregate(monthly: pd.DataFrame, unit: str, first: str, last: str) -> pd.DataFrame:
    """One row per ``unit`` value and year from month rows (``date``, personnel, codes).

    ``first`` and ``last`` bound the covered months (the panel's span within the source's).

    >>> m = pd.DataFrame({"mission": ["A"] * 3, "iso3": ["SRB"] * 3,
    ...     "gwno": [345, 340, 340], "cown": [345] * 3,
    ...     "date": pd.to_datetime(["2006-05-01", "2006-06-01", "2007-01-01"]),
    ...     "troops": [10, 20, None], "police": [None] * 3, "observers": [1, 1, 1],
    ...     "total": [11, 21, 1]}).astype({"troops": "Int64", "police": "Int64"})
    >>> y = year_aggregate(m, "mission", "2006-01", "2007-12")
    >>> y[["year", "gwno", "troops_person_months", "troops_mean", "months"]].values.tolist()
    [[2006, 340, 30, 15.0, 2], [2007, 340, <NA>, <NA>, 1]]
    >>> bool(y["police_person_months"].isna().all())
    True
    """
    data = monthly.assign(year=monthly["date"].dt.year.astype("Int64")).sort_values("date")
    groups = data.groupby([unit, "year"])
    final = groups.tail(1).set_index([unit, "year"])
    out = final[[c for c in CARRIED if c in data.columns and c != unit]].sort_index()
    out["months"] = groups.size().astype("Int64")
    out["months_covered"] = months_covered(out.index.get_level_values("year"), first, last)
    for kind in KINDS:
        values = data[kind].astype("Float64")
        by = [data[unit], data["year"]]
        out[f"{kind}_person_months"] = values.groupby(by).sum(min_count=1).astype("Int64")
        out[f"{kind}_mean"] = values.groupby(by).mean()
    return out.reset_index()
