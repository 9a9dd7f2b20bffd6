"""Schemas of the packaged tables: column types, allowed values and keys, checked with pandera."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from bluehelmet.errors import ValidationError
from bluehelmet.register import vocab

if TYPE_CHECKING:  # pandera is loaded only to validate (it takes a third of a second)
    import pandera.pandas as pa


@dataclass(frozen=True)
class Col:
    """One column: its kind (str, int, date, bool, list), nullability and allowed values."""

    name: str
    kind: str = "str"
    nullable: bool = True
    allowed: tuple[str, ...] | None = None
    unique: bool = False


TABLES: dict[str, tuple[Col, ...]] = {
    "sources": (
        Col("key", nullable=False, unique=True),
        Col("title", nullable=False),
        Col("author"),
        Col("year", "int"),
        Col("version"),
        Col("url"),
        Col("licence"),
        Col("tables"),
        Col("bibtex", nullable=False),
    ),
    "countries": (
        Col("iso3", nullable=False, unique=True),
        Col("gwno", "int"),
        Col("name", nullable=False),
        Col("source", "list", nullable=False),
    ),
    "gw_states": (
        Col("gwno", "int", nullable=False),
        Col("gwc"),
        Col("name", nullable=False),
        Col("start_date", "date"),
        Col("end_date", "date"),
        Col("current", "bool", nullable=False),
        Col("iso3"),
        Col("cown", "int"),
        Col("verified", "list", allowed=vocab.CODE_CHECKS),
        Col("source", "list", nullable=False),
        Col("note"),
    ),
    "resolutions": (
        Col("number", "int", nullable=False, unique=True),
        Col("year", "int", nullable=False),
        Col("date", "date", nullable=False),
        Col("meeting"),
        Col("topic"),
        Col("vote"),
        Col("adoption", nullable=False, allowed=vocab.ADOPTIONS),
        Col("yes", "int"),
        Col("no", "int"),
        Col("abstain", "int"),
        Col("title"),
        Col("source", "list", nullable=False),
    ),
    "resolution_index_checks": (
        Col("number", "int", nullable=False),
        Col("field", nullable=False, allowed=("date", "meeting", "vote")),
        Col("meetings_value"),
        Col("metadata_value"),
        Col("note"),
    ),
    "vetoes": (
        Col("date", "date", nullable=False),
        Col("draft"),
        Col("meeting"),
        Col("agenda_item"),
        Col("topic"),
        Col("region"),
        Col("vetoed_by", "list", nullable=False, allowed=vocab.VETO_MEMBERS),
        Col("source", "list", nullable=False),
    ),
    "votes": (
        Col("resolution", "int", nullable=False),
        Col("date", "date", nullable=False),
        Col("member", nullable=False),
        Col("member_name", nullable=False),
        Col("permanent", "bool", nullable=False),
        Col("vote", allowed=vocab.MEMBER_VOTES),
        Col("basis", nullable=False),
        Col("source", "list", nullable=False),
    ),
    "council_members": (
        Col("year", "int", nullable=False),
        Col("member", nullable=False),
        Col("member_name", nullable=False),
        Col("seat", nullable=False, allowed=vocab.SEATS),
        Col("term_start", "int", nullable=False),
        Col("term_end", "int", nullable=False),
        Col("source", "list", nullable=False),
    ),
    "sponsors": (
        Col("resolution", "int", nullable=False),
        Col("date", "date", nullable=False),
        Col("member", nullable=False),
        Col("member_name", nullable=False),
        Col("additional", "bool", nullable=False),
        Col("source", "list", nullable=False),
    ),
    "operations": (
        Col("acronym", nullable=False, unique=True),
        Col("name", nullable=False),
        Col("org", nullable=False, allowed=vocab.ORGS),
        Col("host_iso3", "list", nullable=False),
        Col("host_gwno"),
        Col("region", nullable=False, allowed=vocab.REGIONS),
        Col("start_date", "date"),
        Col("start_precision", nullable=False, allowed=vocab.DATE_PRECISIONS),
        Col("end_date", "date"),
        Col("end_precision", allowed=vocab.DATE_PRECISIONS),
        Col("active", "bool"),
        Col("date_source", "list"),
        Col("predecessor", "list"),
        Col("successor", "list"),
        Col("type", allowed=vocab.OPERATION_TYPES),
        Col("context", allowed=vocab.CONTEXTS),
        Col("established_by", allowed=vocab.ESTABLISHED_BY),
        Col("establishing_document"),
        Col("establishing_resolution", "int"),
        Col("authorising_resolution", "int"),
        Col("bh_name"),
        Col("verification", nullable=False, allowed=vocab.OPERATION_VERIFICATION),
        Col("source", "list", nullable=False),
        Col("note"),
    ),
    "mandate_events": (
        Col("operation", nullable=False),
        Col("resolution", "int", nullable=False),
        Col("date", "date", nullable=False),
        Col("event", nullable=False, allowed=vocab.EVENTS),
        Col("chapter_vii", "bool"),
        Col("chapter_vii_scope", allowed=vocab.CHAPTER_VII_SCOPES),
        Col("force_authorised", "bool"),
        Col("force_addressee", "list", allowed=vocab.FORCE_ADDRESSEES),
        Col("force_purposes", "list", allowed=vocab.FORCE_PURPOSES),
        Col("poc", "bool"),
        Col("troop_ceiling", "int"),
        Col("police_ceiling", "int"),
        Col("tasks", "list"),
        Col("mandate_until", "date"),
        Col("verification", nullable=False, allowed=vocab.EVENT_VERIFICATION),
        Col("source", "list", nullable=False),
        Col("note"),
    ),
    "consent_events": (
        Col("operation", nullable=False),
        Col("host_iso3", "list", nullable=False),
        Col("event_date", "date"),
        Col("event", nullable=False, allowed=vocab.CONSENT_EVENTS),
        Col("actor", nullable=False, allowed=vocab.CONSENT_ACTORS),
        Col("description", nullable=False),
        Col("response_resolution", "int"),
        Col("response_date", "date"),
        Col("document"),
        Col("quote"),
        Col("verification", nullable=False, allowed=vocab.CONSENT_VERIFICATION),
        Col("source", "list", nullable=False),
        Col("note"),
    ),
    "failed_drafts": (
        Col("draft"),
        Col("date", "date", nullable=False),
        Col("meeting"),
        Col("agenda_item"),
        Col("title"),
        Col("outcome", nullable=False, allowed=vocab.DRAFT_OUTCOMES),
        Col("vetoed_by", "list", allowed=vocab.VETO_MEMBERS),
        Col("yes", "int"),
        Col("no", "int"),
        Col("abstain", "int"),
        Col("operation", "list"),
        Col("linked_by", "list", allowed=vocab.DRAFT_LINKS),
        Col("source", "list", nullable=False),
    ),
    "operation_date_checks": (
        Col("acronym", nullable=False),
        Col("field", nullable=False),
        Col("register_value"),
        Col("other_source", nullable=False),
        Col("other_value"),
        Col("difference_days", "int"),
        Col("reason"),
    ),
}

KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("key",),
    "countries": ("iso3",),
    # One row per period in which a GW state's ISO3 and COW codes stay the same.
    "gw_states": ("gwno", "start_date"),
    "resolutions": ("number",),
    "resolution_index_checks": ("number", "field"),
    # Early drafts are identified only by their meeting record, and the source has
    # two identical rows for 26 June 1946: vetoes have no natural key.
    "vetoes": (),
    "votes": ("resolution", "member"),
    "council_members": ("year", "member"),
    "sponsors": ("resolution", "member"),
    "operations": ("acronym",),
    "mandate_events": ("operation", "resolution"),
    "operation_date_checks": ("acronym", "field", "other_source"),
    "consent_events": ("operation", "event", "description"),
    # Vetoed drafts before 2023 can lack a symbol (see vetoes): no natural key.
    "failed_drafts": (),
}

_DTYPES = {
    "str": "string",
    "list": "string",
    "int": "Int64",
    "bool": "boolean",
    "date": "datetime64[ns]",
}


def columns(table: str) -> tuple[Col, ...]:
    """The declared columns of a packaged table.

    >>> [c.name for c in columns("sources")][:2]
    ['key', 'title']
    """
    return TABLES[table]


def _list_check(allowed: tuple[str, ...]) -> pa.Check:
    import pandera.pandas as pa

    def ok(series: pd.Series) -> pd.Series:
        return series.map(lambda v: pd.isna(v) or all(x in allowed for x in str(v).split(";")))

    return pa.Check(ok, element_wise=False, error=f"each ';'-item must be one of {allowed}")


def _column_schema(col: Col) -> pa.Column:
    import pandera.pandas as pa

    checks: list[pa.Check] = []
    if col.allowed is not None:
        if col.kind == "list":
            checks.append(_list_check(col.allowed))
        else:
            checks.append(pa.Check.isin(list(col.allowed)))
    return pa.Column(_DTYPES[col.kind], checks=checks, nullable=col.nullable, unique=col.unique)


def table_schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of a packaged table (types, allowed values, unique keys).

    >>> table_schema("operations").unique
    ['acronym']
    """
    import pandera.pandas as pa

    cols = {c.name: _column_schema(c) for c in TABLES[table]}
    return pa.DataFrameSchema(cols, strict=True, ordered=True, unique=list(KEYS[table]) or None)


def check_schema(df: pd.DataFrame, table: str) -> None:
    """Raise ValidationError naming the first bad line and column of ``table``.csv.

    >>> check_schema(pd.DataFrame(), "sources")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.ValidationError: sources.csv: ...
    """
    import pandera.pandas as pa

    try:
        table_schema(table).validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.iloc[0]
        where = f"{table}.csv"
        if pd.notna(first.get("index")):
            where += f" line {int(first['index']) + 2}"
        if pd.notna(first.get("column")):
            where += f", column {first['column']}"
        raise ValidationError(
            f"{where}: {first['check']} failed for value {first['failure_case']!r} "
            f"({len(cases)} problem(s) in all); fix the table or its data-raw script"
        ) from None
