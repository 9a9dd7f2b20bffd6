"""The mandate basis of newly authorised UN missions in civil wars, counted from the register."""

from __future__ import annotations

import pandas as pd

from bluehelmet.register.query import _check_years
from bluehelmet.store import query

CATEGORIES = ("Chapter VI", "Chapter VII", "Shift VI to VII", "Basis not coded")
#: The register's mandate years: UNTSO and UNMOGIP (1948) to the last resolution indexed.
FIRST_YEAR, LAST_YEAR = 1948, 2026


def mandate_basis(start: int = FIRST_YEAR, end: int = LAST_YEAR) -> pd.DataFrame:
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


def mandate_basis_counts(start: int = FIRST_YEAR, end: int = LAST_YEAR) -> pd.DataFrame:
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


def years_without_texts(start: int = FIRST_YEAR, end: int = LAST_YEAR) -> list[int]:
    """Years whose mandate events were mostly not read in a resolution text.

    Their rows come from the resolutions index and the UN's titles (``verification`` other
    than ``text``), so the mandate basis of a mission set up then is *not coded*, and a
    chart of those years shows what the index says, not what the texts say.

    >>> years_without_texts(1990, 2001)
    [1994, 1995, 1996, 1997, 1998, 1999]
    """
    _check_years(start, end)
    sql = """
        SELECT year(date) AS year, avg(CASE WHEN verification = 'text' THEN 1 ELSE 0 END) AS share
        FROM mandate_events WHERE year(date) BETWEEN ? AND ? GROUP BY 1 ORDER BY 1"""
    df = query(sql, [start, end])
    return [int(y) for y in df.loc[df["share"] < 0.5, "year"]]
