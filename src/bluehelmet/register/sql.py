"""Read-only SQL over the store for users who want their own queries.

A query gets a time limit (:data:`DEFAULT_TIMEOUT` seconds) and a row cap
(:data:`DEFAULT_MAX_ROWS`); hitting either is an error that names the limit and how to raise
it (a capped result is never silently truncated). ``0`` or ``None`` turns a limit off.
"""

from __future__ import annotations

import threading

import duckdb
import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.store import with_store

#: Seconds a query may run before it is interrupted (CLI ``--timeout``).
DEFAULT_TIMEOUT = 30.0
#: Most rows a query may return (CLI ``--max-rows``).
DEFAULT_MAX_ROWS = 100_000
_VECTORS_PER_CHUNK = 16  # 16 x 2048 rows fetched at a time when counting against the cap


class QueryLimitError(UsageError):
    """A query ran past its time limit or returned more rows than its cap."""


def _check_limits(timeout: float | None, max_rows: int | None) -> None:
    if timeout is not None and not timeout >= 0:
        raise UsageError(f"timeout must be 0 (no limit) or more seconds, not {timeout}")
    if max_rows is not None and max_rows < 0:
        raise UsageError(f"max_rows must be 0 (no cap) or more, not {max_rows}")


def _fetch(con: duckdb.DuckDBPyConnection, max_rows: int | None) -> pd.DataFrame:
    """The pending result as a DataFrame; more than ``max_rows`` rows is an error."""
    if not max_rows:
        return con.df()
    chunks = [con.fetch_df_chunk(_VECTORS_PER_CHUNK)]
    rows = len(chunks[0])
    while rows <= max_rows and len(chunks[-1]):
        chunks.append(con.fetch_df_chunk(_VECTORS_PER_CHUNK))
        rows += len(chunks[-1])
    if rows > max_rows:
        raise QueryLimitError(
            f"the result has more than {max_rows:,} rows (the row cap); add a LIMIT, or raise "
            "the cap with --max-rows N (Python: max_rows=N; 0 for no cap)"
        )
    full = [chunk for chunk in chunks if len(chunk)]
    return pd.concat(full, ignore_index=True) if len(full) > 1 else (full or chunks)[0]


def _run(
    con: duckdb.DuckDBPyConnection, statement: str, timeout: float | None, max_rows: int | None
) -> pd.DataFrame:
    """Execute and fetch, interrupting the query from a timer thread after ``timeout`` s."""
    fired = threading.Event()

    def stop() -> None:
        fired.set()
        con.interrupt()

    timer = threading.Timer(timeout, stop) if timeout else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        con.execute(statement)
        return _fetch(con, max_rows)
    except duckdb.InterruptException:
        if not fired.is_set():
            raise
        raise QueryLimitError(
            f"the query ran longer than {timeout:g} s (the time limit); simplify it, or raise "
            "the limit with --timeout SECONDS (Python: timeout=SECONDS; 0 for no limit)"
        ) from None
    finally:
        if timer is not None:
            timer.cancel()


def sql(
    statement: str,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> pd.DataFrame:
    """Run one SELECT statement on the register's store (read-only, no file access).

    Tables: operations, mandate_events, resolutions, vetoes, countries, sources,
    operation_date_checks. The query is interrupted after ``timeout`` seconds and may
    return at most ``max_rows`` rows (0 or None: no limit); either raises a one-line
    :class:`QueryLimitError`.

    >>> int(sql("SELECT count(*) AS n FROM operations WHERE org = 'UN'").n[0])
    71
    """
    _check_limits(timeout, max_rows)
    try:
        statements = duckdb.extract_statements(statement)
    except duckdb.Error as exc:
        raise UsageError(f"SQL could not be parsed: {str(exc).splitlines()[0]}") from None
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise UsageError("only a single SELECT (or WITH ... SELECT) statement is allowed")
    try:
        return with_store(lambda con: _run(con, statement, timeout, max_rows))
    except duckdb.Error as exc:
        raise UsageError(f"SQL failed: {str(exc).splitlines()[0]}") from None
