"""Host countries where UN and non-UN operations both served: the partnership theatres."""

from __future__ import annotations

import pandas as pd

from bluehelmet.register import dates
from bluehelmet.store import query


def theatre_operations(
    start: int = 1988, both: bool = True, uncertain: str = "include"
) -> pd.DataFrame:
    """One row per (host country, operation) for operations deployed from ``start`` on.

    With ``both`` only countries that hosted UN and non-UN operations are kept. A date
    known only to the month or year counts for that whole period; operations whose
    unknown or imprecise dates leave it open whether they served from ``start`` on are
    kept with ``certain`` false (``uncertain="include"``) or left out (``"exclude"``), and
    ``.attrs["notes"]`` names them.

    >>> t = theatre_operations()
    >>> set(t.query("iso3 == 'SLE'").acronym) >= {"UNAMSIL", "ECOMOG-SLE"}
    True
    """
    dates.check_uncertain(uncertain)
    sql = """
        WITH hosts AS (
            SELECT o.acronym, o.org, o.start_date, o.start_precision, o.end_date,
                   o.end_precision, o.active, unnest(string_split(o.host_iso3, ';')) AS iso3
            FROM operations o)
        SELECT h.iso3, c.name AS country, h.acronym, h.org = 'UN' AS un,
               h.start_date, h.start_precision, h.end_date, h.end_precision, h.active
        FROM hosts h LEFT JOIN countries c USING (iso3)"""
    rows = query(sql)
    for col in ("start_date", "end_date"):
        rows[col] = pd.to_datetime(rows[col]).astype("datetime64[ns]")
    rows["active"] = rows["active"].astype("boolean")
    verdict = dates.in_window(rows, pd.Timestamp(f"{start}-01-01"), dates.LATEST)
    keep = verdict.eq("yes") | (verdict.eq("maybe") & (uncertain == "include"))
    rows["certain"] = verdict.eq("yes")
    open_rows = rows[verdict.eq("maybe")]
    rows = rows[keep.to_numpy()]
    if both:
        mixed = rows.groupby("iso3")["un"].agg(lambda un: un.any() and not un.all())
        rows = rows[rows["iso3"].isin(mixed[mixed].index)]
        open_rows = open_rows[open_rows["iso3"].isin(mixed[mixed].index)]
    open_rows = open_rows.drop_duplicates("acronym")
    rows = rows.sort_values(
        ["country", "start_date", "acronym"], na_position="last", kind="stable"
    ).reset_index(drop=True)
    action = "kept (hatched in the timeline)" if uncertain == "include" else "left out"
    note = dates.uncertain_note(open_rows, f"may have served from {start} on", action)
    rows.attrs["notes"] = [note] if note else []
    return rows
