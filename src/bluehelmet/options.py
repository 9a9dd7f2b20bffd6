"""Option vocabularies, declared once as ``Literal`` aliases, and the one check for them.

Light on purpose (no pandas): the command line reads it for its help texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

from bluehelmet.errors import UsageError

#: Units of observation of a typed panel (``bh.panel(unit=...)``).
PanelUnit = Literal["conflict-month", "country-month", "mission-month"]
#: Columns the partner share can be broken down by (CLI ``panel share --by``, web ``by=``).
ShareBy = Literal["year", "region"]
#: Table formats of the listing commands.
OutputFormat = Literal["table", "csv", "json"]
#: What to do with rows an unknown or imprecise date leaves open.
Uncertain = Literal["include", "exclude"]
#: Where the reuse engine's LSH band-key join runs.
Backend = Literal["numpy", "duckdb"]
#: File formats of the reuse engine's tables.
TableFormat = Literal["csv", "parquet"]


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


def check(name: str, value: object, vocabulary: object) -> None:
    """Raise a one-line UsageError naming the option and its allowed values.

    >>> check("unit", "conflict-month", PanelUnit)
    >>> check("unit", "dyad-year", PanelUnit)
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: unknown unit 'dyad-year'; use conflict-month, country-month, mission-month
    """  # noqa: E501
    values = allowed(vocabulary)
    if value not in values:
        raise UsageError(f"unknown {name} {value!r}; use {', '.join(values)}")
