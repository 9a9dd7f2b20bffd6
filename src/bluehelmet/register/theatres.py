"""Host countries where UN and non-UN operations both served: the partnership theatres."""

from __future__ import annotations

import pandas as pd

from bluehelmet.store import query


def theatre_operations(start: int = 1988, both: bool = True) -> pd.DataFrame:
    """One row per (host country, operation) for operations active from ``start`` on.

    With ``both`` only countries that hosted UN and non-UN operations are kept.

    >>> t = theatre_operations()
    >>> set(t.query("iso3 == 'SLE'").acronym) >= {"UNAMSIL", "ECOMOG-SLE"}
    True
    """
    sql = """
        WITH hosts AS (
            SELECT o.acronym, o.org, o.start_date, o.end_date, o.active,
                   unnest(string_split(o.host_iso3, ';')) AS iso3
            FROM operations o
            WHERE o.start_date IS NOT NULL AND (o.end_date IS NULL OR year(o.end_date) >= ?))
        SELECT h.iso3, c.name AS country, h.acronym, h.org = 'UN' AS un,
               h.start_date, h.end_date, h.active
        FROM hosts h LEFT JOIN countries c USING (iso3)
        WHERE NOT ? OR h.iso3 IN (
            SELECT iso3 FROM hosts GROUP BY iso3
            HAVING bool_or(org = 'UN') AND bool_or(org <> 'UN'))
        ORDER BY country, h.start_date, h.acronym"""
    return query(sql, [start, both])
