"""Query the register: operations, mandate events, resolutions, one operation's record."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.options import check, message
from bluehelmet.register import dates, vocab
from bluehelmet.register.lookup import resolve_country
from bluehelmet.register.mandate_panel import NOT_CODED, not_coded
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
    uncertain: str = "include",
) -> pd.DataFrame:
    """Operations, filtered by organisation (or ``non-UN``), host, activity, years and type.

    ``country`` is an ISO3 code, a GW number or a name in any common variant; one that
    names no country raises NotFoundError with the closest names.

    ``start``/``end`` keep operations deployed at some time in those years (a date known
    only to the month or year counts for that whole period). Operations whose unknown or
    imprecise dates leave that open are kept (``uncertain="include"``) or left out
    (``"exclude"``); ``.attrs["notes"]`` names them and says which was done.

    >>> operations(org="UN", country="SLE").acronym.tolist()
    ['UNAMSIL', 'UNOMSIL']
    """
    _check_years(start, end)
    dates.check_uncertain(uncertain)
    where: list[str] = ["TRUE"]
    params: list[object] = []
    if org is not None:
        if org.lower() == "non-un":
            where.append("org <> 'UN'")
        elif org.lower() in {o.lower() for o in vocab.ORGS}:
            where.append("lower(org) = lower(?)")
            params.append(org)
        else:
            raise UsageError(message("organisation", org, vocab.ORG_FILTERS))
    if country is not None:
        where.append("list_contains(string_split(host_iso3, ';'), ?)")
        params.append(resolve_country(country))
    if active is not None:
        where.append("active = ?")
        params.append(active)
    if type is not None:
        check("type", type, vocab.OPERATION_TYPES)
        where.append("type = ?")
        params.append(type)
    sql = f"SELECT * FROM operations WHERE {' AND '.join(where)} ORDER BY acronym"
    df = _typed(query(sql, params), "operations")
    if start is None and end is None:
        return df
    first = pd.Timestamp(f"{start}-01-01") if start is not None else dates.EARLIEST
    last = pd.Timestamp(f"{end}-12-31") if end is not None else dates.LATEST
    return _keep(df, dates.in_window(df, first, last), uncertain, f"in {_years(start, end)}")


def _years(start: int | None, end: int | None) -> str:
    if start is None:
        return f"the years up to {end}"
    if end is None:
        return f"the years from {start}"
    return str(start) if start == end else f"{start}-{end}"


def _keep(df: pd.DataFrame, verdict: pd.Series, uncertain: str, when: str) -> pd.DataFrame:
    """Rows the dates show (``yes``) and, with ``include``, those they leave open; a note."""
    keep = verdict.eq("yes") | (verdict.eq("maybe") & (uncertain == "include"))
    action = "included" if uncertain == "include" else "left out"
    note = dates.uncertain_note(df[verdict.eq("maybe")], f"may have been deployed {when}", action)
    out = df[keep.to_numpy()].reset_index(drop=True)
    out.attrs["notes"] = [note] if note else []
    return out


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


#: An operation's linked resolutions: the index's row, or for a resolution the index does
#: not hold (newer than its coverage) number, year and date from the mandate event.
_LINKED = """
    SELECT r.* REPLACE (
        e.resolution AS number, coalesce(r.year, year(e.date)) AS year,
        coalesce(r.date, e.date) AS date, coalesce(r.adoption, 'unknown') AS adoption,
        coalesce(r.source, e.source) AS source)
    FROM mandate_events e LEFT JOIN resolutions r ON r.number = e.resolution
    WHERE e.operation = ?"""


def resolutions(
    year: int | None = None, topic: str | None = None, operation: str | None = None
) -> pd.DataFrame:
    """Resolutions by year, topic (case-insensitive substring) or operation (its mandate events).

    With ``operation``, every resolution linked to it, including those newer than the index
    (their meeting, topic and vote are empty, adoption ``unknown``).

    >>> resolutions(year=1999, operation="UNAMSIL").number.tolist()
    [1270]
    """
    if year is not None:
        _check_years(year, year)
    where: list[str] = ["TRUE"]
    params: list[object] = []
    source = "resolutions"
    if operation is not None:
        source = f"({_LINKED})"
        params.append(resolve_acronym(operation))
    if year is not None:
        where.append("year(date) = ?")
        params.append(year)
    if topic is not None:
        where.append("contains(lower(topic), lower(?))")
        params.append(topic)
    sql = f"SELECT * FROM {source} WHERE {' AND '.join(where)} ORDER BY number"
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
    """One operation: its register row, mandate history and partner operations.

    ``events`` holds every linked resolution with its typed values (empty = not coded);
    ``history`` is the same for reading, with ``not coded`` where a value is empty.
    """

    info: pd.Series
    events: pd.DataFrame
    partners: pd.DataFrame

    @property
    def history(self) -> pd.DataFrame:
        """Every linked resolution: date, event, Chapter VII, force (with addressees), PoC,
        troop ceiling, mandate_until, verification; ``not coded`` for empty values.

        >>> operation("UNAMSIL").history.columns[:4].tolist()
        ['resolution', 'date', 'event', 'chapter_vii']
        """
        return mandate_history(self.events)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The record as three tables to export: ``info`` (its register row), ``events``
        (typed values and the ``not_coded`` fields of each) and ``partners``.

        >>> {k: len(v) for k, v in operation("UNAMSIL").tables().items()}["info"]
        1
        """
        return {
            "info": self.info.to_frame().T.reset_index(drop=True).infer_objects(),
            "events": self.events.assign(not_coded=not_coded(self.events)),
            "partners": self.partners,
        }

    def to_json(self) -> str:
        """One JSON document: ``info`` (an object), ``events`` and ``partners`` (arrays).

        >>> import json
        >>> sorted(json.loads(operation("UNAMSIL").to_json()))
        ['events', 'info', 'partners']
        """
        import json

        from bluehelmet.output import render

        doc = {name: json.loads(render(df, "json") or "[]") for name, df in self.tables().items()}
        return json.dumps(doc | {"info": doc["info"][0]}, ensure_ascii=False, indent=1) + "\n"

    def to_csv(self, folder: Path) -> list[Path]:
        """Write one CSV file per table (``ACRONYM_info.csv``, ...) into an existing folder.

        >>> import tempfile
        >>> [p.name for p in operation("UNAMSIL").to_csv(Path(tempfile.mkdtemp()))]
        ['UNAMSIL_info.csv', 'UNAMSIL_events.csv', 'UNAMSIL_partners.csv']
        """
        from bluehelmet.export import write_any

        if not folder.is_dir():
            raise UsageError(f"--out {folder}: not an existing folder; create it first")
        acronym = self.info["acronym"]
        return [
            write_any(df, folder / f"{acronym}_{name}.csv")[0] for name, df in self.tables().items()
        ]


def _shown(value: object, kind: str) -> str:
    if pd.isna(value):
        return NOT_CODED
    if kind == "bool":
        return "yes" if bool(value) else "no"
    if kind == "date":
        return pd.Timestamp(str(value)).strftime("%Y-%m-%d")
    return str(value)


def _force(authorised: object, addressee: object) -> str:
    if pd.isna(authorised) or not bool(authorised):
        return _shown(authorised, "bool")
    if pd.isna(addressee):
        return "yes (addressee not coded)"
    return f"yes ({'; '.join(str(addressee).split(';'))})"


def mandate_history(events: pd.DataFrame) -> pd.DataFrame:
    """Mandate events for reading: values as text, ``not coded`` for every empty value.

    ``force`` is ``yes (addressees)``, ``no`` or ``not coded`` (``yes (addressee not
    coded)`` when force is authorised but its addressee is empty).

    >>> ev = pd.DataFrame({"resolution": [1], "date": [pd.Timestamp("1996-01-31")],
    ...     "event": ["extend"], "verification": ["index"]})
    >>> mandate_history(ev).chapter_vii.tolist()
    ['not coded']
    """
    out = pd.DataFrame(index=events.index)
    out["resolution"] = events["resolution"]
    out["date"] = events["date"]
    out["event"] = events["event"]
    for col, kind in (("chapter_vii", "bool"), ("chapter_vii_scope", "str")):
        out[col] = [_shown(v, kind) for v in events.get(col, pd.Series(pd.NA, events.index))]
    force = events.get("force_authorised", pd.Series(pd.NA, events.index))
    whom = events.get("force_addressee", pd.Series(pd.NA, events.index))
    out["force"] = [_force(f, w) for f, w in zip(force, whom, strict=True)]
    shown = (("poc", "bool"), ("troop_ceiling", "int"), ("police_ceiling", "int"))
    for col, kind in (*shown, ("mandate_until", "date")):
        out[col] = [_shown(v, kind) for v in events.get(col, pd.Series(pd.NA, events.index))]
    out["verification"] = events["verification"]
    return out.reset_index(drop=True)


def partners(acronym: str, uncertain: str = "include") -> pd.DataFrame:
    """Operations of other organisations in the same host country with overlapping dates.

    Dates known only to the month or year overlap when those periods do; operations whose
    unknown or imprecise dates leave the overlap open are kept (``uncertain="include"``)
    or left out (``"exclude"``), and ``.attrs["notes"]`` names them.

    >>> "ECOMOG-SLE" in partners("UNOMSIL").acronym.tolist()
    True
    """
    dates.check_uncertain(uncertain)
    sql = """
        SELECT o.* FROM operations o, operations me
        WHERE me.acronym = ? AND o.acronym <> me.acronym
          AND (o.org = 'UN') <> (me.org = 'UN')
          AND len(list_intersect(string_split(o.host_iso3, ';'),
                                 string_split(me.host_iso3, ';'))) > 0
        ORDER BY o.start_date NULLS LAST, o.acronym"""
    candidates = _typed(query(sql, [acronym]), "operations")
    me = _typed(query("SELECT * FROM operations WHERE acronym = ?", [acronym]), "operations")
    if me.empty:
        return candidates
    own = me.iloc[0]
    verdict = dates.overlap(candidates, own)
    when = f"at the same time as {acronym}"
    inexact = dates.inexact(own["start_precision"], own["end_precision"])
    if inexact is not None:
        when += f" (which itself has {inexact})"
    return _keep(candidates, verdict, uncertain, when)


def operation(name: str) -> OperationRecord:
    """The full record of one operation.

    >>> operation("UNAMSIL").info["org"]
    'UN'
    """
    acronym = resolve_acronym(name)
    info = _typed(query("SELECT * FROM operations WHERE acronym = ?", [acronym]), "operations")
    return OperationRecord(info.iloc[0], mandate_events(acronym), partners(acronym))
