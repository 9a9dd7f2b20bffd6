"""Option vocabularies, declared once as ``Literal`` aliases, and the one check for them.

Light on purpose (no pandas): the command line reads it for its help texts.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Literal, get_args

from bluehelmet.errors import UsageError

#: Units of observation of a typed panel (``bh.panel(unit=...)``).
PanelUnit = Literal[
    "conflict-month", "country-month", "mission-month", "operation-year", "country-year"
]
#: Columns the partner share can be broken down by (CLI ``panel share --by``, web ``by=``).
ShareBy = Literal["year", "region"]
#: Table formats of the listing commands.
OutputFormat = Literal["table", "csv", "json"]
#: Formats a table is written to with ``--out FILE`` (by its suffix); the last two only to files.
FileFormat = Literal["csv", "json", "parquet", "dta"]
#: What to do with rows an unknown or imprecise date leaves open.
Uncertain = Literal["include", "exclude"]
#: Where the reuse engine's LSH band-key join runs.
Backend = Literal["numpy", "duckdb"]
#: File formats of the reuse engine's tables.
TableFormat = Literal["csv", "parquet"]
#: Where ``bluehelmet reuse`` runs: in this process, or on Apache Spark.
ReuseEngine = Literal["embedded", "spark"]
#: Formats the Spark engine is told for a URI without a telling suffix (``--input-format``).
SparkInput = Literal["jsonl", "parquet"]
#: The coder's tables (``bluehelmet code run --table``) and their formats (``--format``).
CodedTable = Literal["resolution", "paragraphs", "evidence"]
CodedFormat = Literal["json", "csv"]
#: Country-code schemes (ISO 3166-1 alpha-3, GW number, GW letters, COW number) and what a
#: code converts to (a scheme or the state's name).
CodeScheme = Literal["iso3", "gwno", "gwc", "cown"]
CodeTarget = Literal[CodeScheme, "name"]
#: Units of the mandate panel (``bh.mandate_panel(unit=...)``).
MandateUnit = Literal["resolution", "month"]
#: Formats a corpus converts to (``bluehelmet corpus convert --to``).
ConvertFormat = Literal["txt", "jsonl", "parquet"]
#: What troop contributions are broken down by (``bh.contributors(by=...)``).
ContributorsBy = Literal["country", "group"]
#: Contributor groups, in the order they are shown (``bh.contributors(by="group")``).
ContributorGroup = Literal["P5", "Europe", "African states", "South Asia", "other", "unmapped"]
#: Formats of a process-tracing case report (``bluehelmet trace --format``).
TraceFormat = Literal["md", "html", "json"]
#: Breakdowns of Council contestation (``bh.contestation(by=...)``) and of vetoes
#: (``bh.vetoes_by(by=...)``).
ContestationBy = Literal["year", "operation", "member"]
VetoesBy = Literal["member", "topic", "year", "decade"]


def allowed(vocabulary: object) -> tuple[str, ...]:
    """The values of a ``Literal`` alias (or of any iterable of strings), in order.

    >>> allowed(ShareBy)
    ('year', 'region')
    """
    values = get_args(vocabulary)
    if values:
        return tuple(str(v) for v in values)
    if isinstance(vocabulary, Iterable):
        return tuple(str(v) for v in vocabulary)
    raise TypeError(f"not a vocabulary: {vocabulary!r}")


def closest(value: object, vocabulary: object) -> str | None:
    """The allowed value spelled most like ``value`` (ignoring case), or None when none is close.

    >>> closest("Regoin", ShareBy), closest("decade", ShareBy)
    ('region', None)
    """
    by_lower = {v.lower(): v for v in allowed(vocabulary)}
    close = difflib.get_close_matches(str(value).lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


def message(name: str, value: object, vocabulary: object) -> str:
    """One line naming the option, the unknown value, the allowed values and the closest one.

    >>> message("by", "regoin", ShareBy)
    "unknown by 'regoin'; use year, region (did you mean 'region'?)"
    """
    near = closest(value, vocabulary)
    hint = f" (did you mean {near!r}?)" if near is not None else ""
    return f"unknown {name} {value!r}; use {', '.join(allowed(vocabulary))}{hint}"


def check(name: str, value: object, vocabulary: object) -> None:
    """Raise a one-line UsageError (:func:`message`) unless ``value`` is an allowed one.

    >>> check("unit", "conflict-month", PanelUnit)
    >>> check("unit", "dyad-year", PanelUnit)
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: unknown unit 'dyad-year'; use conflict-month, country-month, mission-month, operation-year, country-year
    """  # noqa: E501
    if value not in allowed(vocabulary):
        raise UsageError(message(name, value, vocabulary))
