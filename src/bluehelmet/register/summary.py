"""What the register holds: rows, coverage and sources of each table."""

from __future__ import annotations

import pandas as pd

from bluehelmet.store import query

_COVERAGE = {
    "operations": ("start_date", "start dates"),
    "mandate_events": ("date", "event dates"),
    "resolutions": ("date", "adoption dates"),
    "vetoes": ("date", "vote dates"),
}


def table_summary() -> pd.DataFrame:
    """One row per packaged table: rows, years covered and the sources its rows cite.

    >>> int(table_summary().set_index("table").loc["resolutions", "first_year"])
    1946
    """
    rows = []
    for table in ("operations", "mandate_events", "resolutions", "vetoes", "countries"):
        n = int(query(f'SELECT count(*) FROM "{table}"').iloc[0, 0])
        first = last = None
        if table in _COVERAGE:
            col = _COVERAGE[table][0]
            span = query(f'SELECT min(year({col})), max(year({col})) FROM "{table}"')
            first, last = span.iloc[0, 0], span.iloc[0, 1]
        keys = query(
            f"SELECT DISTINCT unnest(string_split(source, ';')) AS k FROM \"{table}\" ORDER BY k"
        )["k"]
        rows.append((table, n, first, last, ";".join(keys)))
    df = pd.DataFrame(rows, columns=["table", "rows", "first_year", "last_year", "sources"])
    return df.astype({"first_year": "Int64", "last_year": "Int64"})


def operations_by_org() -> pd.DataFrame:
    """Number of operations per leading organisation, UN first.

    >>> operations_by_org().iloc[0]["org"]
    'UN'
    """
    return query("""SELECT org, count(*) AS operations,
                           count(*) FILTER (WHERE active) AS active
                    FROM operations GROUP BY org
                    ORDER BY org <> 'UN', operations DESC, org""")


def verification_counts() -> pd.DataFrame:
    """How many mandate events were checked against the text, the index, or not at all.

    >>> set(verification_counts().verification) <= {"text", "index", "unverified"}
    True
    """
    return query("""SELECT verification, count(*) AS events FROM mandate_events
                    GROUP BY verification ORDER BY verification""")
