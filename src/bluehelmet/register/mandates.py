"""The mandate basis of newly authorised UN missions in civil wars, counted from the register."""

from __future__ import annotations

import pandas as pd

from bluehelmet.register.query import _check_years
from bluehelmet.store import query

CATEGORIES = ("Chapter VI", "Chapter VII", "Shift VI to VII", "Basis not coded")


def mandate_basis(start: int = 1989, end: int = 2016) -> pd.DataFrame:
    """One row per UN mission in an intrastate context and year it enters the count.

    A mission enters in its establishment year as Chapter VI or Chapter VII (by
    whether its establishing resolution acts under Chapter VII), and again in the
    year of a ``shift`` event that moved it from Chapter VI to VII. Missions whose
    establishing resolution has no Chapter VII coding are ``Basis not coded``.

    >>> mandate_basis(1999, 1999).query("operation == 'UNAMSIL'").category.tolist()
    ['Chapter VII']
    """
    _check_years(start, end)
    sql = """
        SELECT year(e.date) AS year, e.operation, e.resolution, e.event, e.chapter_vii
        FROM mandate_events e JOIN operations o ON o.acronym = e.operation
        WHERE o.org = 'UN' AND o.context = 'intrastate'
          AND e.event IN ('establish', 'shift') AND year(e.date) BETWEEN ? AND ?
        ORDER BY e.date, e.operation"""
    df = query(sql, [start, end])
    df = df[(df["event"] == "establish") | (df["chapter_vii"] == True)]  # noqa: E712
    category = df["chapter_vii"].map({True: "Chapter VII", False: "Chapter VI"})
    category = category.where(df["event"] == "establish", "Shift VI to VII")
    df["category"] = category.fillna("Basis not coded")
    return df[["year", "operation", "resolution", "category"]].reset_index(drop=True)


def mandate_basis_counts(start: int = 1989, end: int = 2016) -> pd.DataFrame:
    """Counts per year (rows, every year in range) and category (columns).

    >>> int(mandate_basis_counts(1999, 1999).loc[1999, "Chapter VII"]) >= 1
    True
    """
    long = mandate_basis(start, end)
    counts = pd.crosstab(long["year"], long["category"]).reindex(
        index=range(start, end + 1), columns=list(CATEGORIES), fill_value=0
    )
    counts.index.name = "year"
    counts.columns.name = None
    return counts.astype(int)
