"""Read-only SQL over the store for users who want their own queries."""

from __future__ import annotations

import duckdb
import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.store import connect


def sql(statement: str) -> pd.DataFrame:
    """Run one SELECT statement on the register's store (read-only, no file access).

    Tables: operations, mandate_events, resolutions, vetoes, countries, sources,
    operation_date_checks.

    >>> int(sql("SELECT count(*) AS n FROM operations WHERE org = 'UN'").n[0])
    71
    """
    try:
        statements = duckdb.extract_statements(statement)
    except duckdb.Error as exc:
        raise UsageError(f"SQL could not be parsed: {str(exc).splitlines()[0]}") from None
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise UsageError("only a single SELECT (or WITH ... SELECT) statement is allowed")
    try:
        return connect().execute(statement).df()
    except duckdb.Error as exc:
        raise UsageError(f"SQL failed: {str(exc).splitlines()[0]}") from None
