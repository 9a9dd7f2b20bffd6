"""What the web pages read from the register, cached for the life of the process.

The store is read-only and the packaged data cannot change while the server runs, so whole
tables are read once and looked up in memory; filtered lists go through the register's
parameterised queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd

from bluehelmet import __version__
from bluehelmet.errors import NotFoundError
from bluehelmet.register.cite import versions
from bluehelmet.register.load import read_table
from bluehelmet.register.query import mandate_events, operations, resolutions, resolve_acronym
from bluehelmet.web.params import OperationFilters
from bluehelmet.web.tables import records


@dataclass(frozen=True)
class DataVersion:
    """Which data a page shows: package version, packaged-data hash and the sources' versions."""

    package: str
    data_hash: str
    sources: pd.DataFrame
    as_of: date

    @property
    def label(self) -> str:
        """One line for page footers and API answers.

        >>> "data " in data_version().label
        True
        """
        return f"bluehelmet {self.package} · data {self.data_hash} · as of {self.as_of}"


@lru_cache(maxsize=1)
def data_version() -> DataVersion:
    """The data version, read once (``bluehelmet.versions()`` plus the latest date in the register).

    >>> len(data_version().data_hash)
    16
    """
    sources = versions()
    latest = max(resolution_index()["date"].max(), all_events()["date"].max())
    return DataVersion(__version__, str(sources.attrs["data_hash"]), sources, latest.date())


@lru_cache(maxsize=1)
def resolution_index() -> pd.DataFrame:
    """Every resolution in the index, by number.

    >>> int(resolution_index().loc[1270, "year"])
    1999
    """
    return resolutions().set_index("number", drop=False)


@lru_cache(maxsize=1)
def all_operations() -> pd.DataFrame:
    """Every operation, by acronym.

    >>> len(all_operations()) > 100
    True
    """
    return operations()


@lru_cache(maxsize=1)
def _acronyms() -> dict[str, str]:
    return {a.lower(): a for a in all_operations()["acronym"]}


def known_acronym(name: str) -> str | None:
    """The register's spelling of an operation's acronym given in any case, or None.

    >>> known_acronym("unavem i"), known_acronym("nope")
    ('UNAVEM I', None)
    """
    return _acronyms().get(name.lower())


def canonical_acronym(name: str) -> str:
    """Like :func:`known_acronym`, but an unknown name raises NotFoundError with suggestions.

    >>> canonical_acronym("UNAMSI")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: unknown operation 'UNAMSI'; did you mean UNAMSIL, ...?
    """
    found = known_acronym(name)
    if found is not None:
        return found
    if len(name) > 100:
        raise NotFoundError("unknown operation; see the operations list")
    return resolve_acronym(name)


@lru_cache(maxsize=1)
def all_events() -> pd.DataFrame:
    """Every mandate event, in date order.

    >>> "UNAMSIL" in set(all_events().operation)
    True
    """
    return mandate_events()


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 code to short country name.

    >>> country_names()["SLE"]
    'Sierra Leone'
    """
    countries = read_table("countries")
    return dict(zip(countries["iso3"], countries["name"], strict=True))


def resolution_number(raw: str) -> int:
    """The resolution number in a URL segment, or NotFoundError when it names none in the index.

    >>> resolution_number("1270")
    1270
    >>> resolution_number("12x")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no resolution '12x' in the index (numbers 1 to 2825)
    """
    index = resolution_index()
    if raw.isascii() and raw.isdigit() and len(raw) <= 6 and int(raw) in index.index:
        return int(raw)
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    raise NotFoundError(
        f"no resolution {shown!r} in the index (numbers {index.index.min()} to {index.index.max()})"
    )


def resolution_record(number: int) -> dict[str, Any]:
    """One resolution's entry in the index as plain values, or NotFoundError.

    >>> resolution_record(1270)["date"]
    '1999-10-22'
    """
    n = resolution_number(str(number))
    return records(resolution_index().loc[[n]])[0]


def resolution_events(number: int) -> pd.DataFrame:
    """The mandate events made by one resolution (any operation).

    >>> resolution_events(1270).operation.tolist()
    ['UNAMSIL', 'UNOMSIL']
    """
    events = all_events()
    return events[events["resolution"] == number].reset_index(drop=True)


def find_operations(filters: OperationFilters) -> pd.DataFrame:
    """Operations matching the filters; ``q`` searches acronym and names, case-insensitively.

    >>> find_operations(OperationFilters(q="sierra leone")).acronym.tolist()
    ['ECOMOG-SLE', 'UNAMSIL', 'UNOMSIL']
    """
    df = operations(
        org=filters.org,
        country=filters.country,
        active=filters.active,
        start=filters.start,
        end=filters.end,
        type=filters.type,
    )
    if filters.q:
        needle = filters.q.lower()
        hay = df["acronym"].str.cat([df["name"], df["bh_name"]], sep=" ", na_rep="").str.lower()
        df = df[hay.str.contains(needle, regex=False)]
    return df.reset_index(drop=True)
