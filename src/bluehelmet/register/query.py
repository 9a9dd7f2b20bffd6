"""Query the register: operations, mandate events, resolutions, one operation's record."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.register import vocab
from bluehelmet.register.schema import columns
from bluehelmet.store import query


def _typed(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Give a store result the packaged table's dtypes (DuckDB returns floats for NULL ints)."""
    dtypes = {
        "int": "Int64",
        "bool": "boolean",
        "str": "string",
        "list": "string",
        "date": "datetime64[ns]",
    }
    for col in columns(table):
        if col.name in df.columns:
            df[col.name] = df[col.name].astype(dtypes[col.kind])
    return df


def _check_years(start: int | None, end: int | None) -> None:
    for year in (start, end):
        if year is not None and not 1945 <= year <= 2100:
            raise UsageError(f"year {year} is outside 1945-2100; give a four-digit year")
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} is after --to {end}; swap them")


def operations(
    org: str | None = None,
    country: str | None = None,
    active: bool | None = None,
    start: int | None = None,
    end: int | None = None,
    type: str | None = None,
) -> pd.DataFrame:
    """Operations, filtered by organisation (or ``non-UN``), host, activity, years and type.

    ``start``/``end`` keep operations active at some time in those years.

    >>> operations(org="UN", country="SLE").acronym.tolist()
    ['UNAMSIL', 'UNOMSIL']
    """
    _check_years(start, end)
    where: list[str] = ["TRUE"]
    params: list[object] = []
    if org is not None:
        if org.lower() == "non-un":
            where.append("org <> 'UN'")
        elif org.lower() in {o.lower() for o in vocab.ORGS}:
            where.append("lower(org) = lower(?)")
            params.append(org)
        else:
            raise UsageError(
                f"unknown organisation {org!r}; use one of {', '.join(vocab.ORGS)} or non-UN"
            )
    if country is not None:
        where.append(
            "(list_contains(string_split(host_iso3, ';'), upper(?)) OR EXISTS ("
            "SELECT 1 FROM countries c WHERE lower(c.name) = lower(?) AND "
            "list_contains(string_split(host_iso3, ';'), c.iso3)))"
        )
        params += [country, country]
    if active is not None:
        where.append("active = ?")
        params.append(active)
    if start is not None:
        where.append("(end_date IS NULL OR year(end_date) >= ?)")
        params.append(start)
    if end is not None:
        where.append("year(start_date) <= ?")
        params.append(end)
    if type is not None:
        if type not in vocab.OPERATION_TYPES:
            raise UsageError(
                f"unknown type {type!r}; use one of {', '.join(vocab.OPERATION_TYPES)}"
            )
        where.append("type = ?")
        params.append(type)
    sql = f"SELECT * FROM operations WHERE {' AND '.join(where)} ORDER BY acronym"
    return _typed(query(sql, params), "operations")


def mandate_events(operation: str | None = None) -> pd.DataFrame:
    """Mandate events, in date order, optionally of one operation.

    >>> int(mandate_events("UNAMSIL").resolution.iloc[0])
    1270
    """
    if operation is None:
        df = query("SELECT * FROM mandate_events ORDER BY date, resolution, operation")
    else:
        acronym = resolve_acronym(operation)
        df = query(
            "SELECT * FROM mandate_events WHERE operation = ? ORDER BY date, resolution", [acronym]
        )
    return _typed(df, "mandate_events")


def resolutions(
    year: int | None = None, topic: str | None = None, operation: str | None = None
) -> pd.DataFrame:
    """Resolutions by year, topic (case-insensitive substring) or operation (its mandate events).

    >>> resolutions(year=1999, operation="UNAMSIL").number.tolist()
    [1270]
    """
    if year is not None:
        _check_years(year, year)
    where: list[str] = ["TRUE"]
    params: list[object] = []
    if year is not None:
        where.append("year(date) = ?")
        params.append(year)
    if topic is not None:
        where.append("contains(lower(topic), lower(?))")
        params.append(topic)
    if operation is not None:
        where.append("number IN (SELECT resolution FROM mandate_events WHERE operation = ?)")
        params.append(resolve_acronym(operation))
    sql = f"SELECT * FROM resolutions WHERE {' AND '.join(where)} ORDER BY number"
    return _typed(query(sql, params), "resolutions")


def resolve_acronym(name: str) -> str:
    """The register's acronym for ``name`` (case-insensitive), or NotFoundError with suggestions.

    >>> resolve_acronym("unamsil")
    'UNAMSIL'
    """
    known = query("SELECT acronym FROM operations")["acronym"].tolist()
    by_lower = {a.lower(): a for a in known}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    close = difflib.get_close_matches(name.upper(), known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `bluehelmet operations`"
    raise NotFoundError(f"unknown operation {name!r}{hint}")


@dataclass(frozen=True)
class OperationRecord:
    """One operation: its register row, mandate history and partner operations."""

    info: pd.Series
    events: pd.DataFrame
    partners: pd.DataFrame


def partners(acronym: str) -> pd.DataFrame:
    """Operations of other organisations in the same host country with overlapping dates.

    >>> "ECOMOG-SLE" in partners("UNOMSIL").acronym.tolist()
    True
    """
    sql = """
        SELECT o.* FROM operations o, operations me
        WHERE me.acronym = ? AND o.acronym <> me.acronym
          AND (o.org = 'UN') <> (me.org = 'UN')
          AND len(list_intersect(string_split(o.host_iso3, ';'),
                                 string_split(me.host_iso3, ';'))) > 0
          AND coalesce(o.start_date, DATE '1900-01-01') <= coalesce(me.end_date, DATE '2999-12-31')
          AND coalesce(me.start_date, DATE '1900-01-01') <= coalesce(o.end_date, DATE '2999-12-31')
        ORDER BY o.start_date, o.acronym"""
    return _typed(query(sql, [acronym]), "operations")


def operation(name: str) -> OperationRecord:
    """The full record of one operation.

    >>> operation("UNAMSIL").info["org"]
    'UN'
    """
    acronym = resolve_acronym(name)
    info = _typed(query("SELECT * FROM operations WHERE acronym = ?", [acronym]), "operations")
    return OperationRecord(info.iloc[0], mandate_events(acronym), partners(acronym))
