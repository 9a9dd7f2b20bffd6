"""Member-level votes 2000–2026 and vote counts 1946–2026, filtered as users ask."""

from __future__ import annotations

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.register.council import member_iso3
from bluehelmet.register.query import _check_years, _typed, resolve_acronym
from bluehelmet.store import query


def resolve_member(name: str) -> str:
    """ISO3 of a Council member given as ISO3 or a name; NotFoundError otherwise.

    >>> resolve_member("russian federation"), resolve_member("gbr")
    ('RUS', 'GBR')
    """
    known = query("SELECT DISTINCT member FROM council_members")["member"].tolist()
    iso = name.upper() if name.upper() in known else member_iso3(name)
    if iso is None or iso not in known:
        raise NotFoundError(
            f"unknown Council member {name!r}; give an ISO3 code or a name, "
            "see `bluehelmet votes --help`"
        )
    return iso


def votes(
    resolution: int | None = None,
    member: str | None = None,
    year: int | None = None,
    operation: str | None = None,
) -> pd.DataFrame:
    """One row per resolution × Council member 2000–2026: how each member voted.

    Filters: a resolution number, a member (ISO3 or name), a year, an operation (the
    resolutions in its mandate history). ``vote`` is yes / no / abstain / absent, empty
    where the UN's lists disagree with the recorded counts (``basis`` says why).

    >>> v = votes(resolution=2690)
    >>> len(v), set(v["vote"])
    (15, {'yes'})
    """
    where: list[str] = ["TRUE"]
    params: list[object] = []
    if resolution is not None:
        where.append("v.resolution = ?")
        params.append(resolution)
    if member is not None:
        where.append("v.member = ?")
        params.append(resolve_member(member))
    if year is not None:
        _check_years(year, year)
        where.append("year(v.date) = ?")
        params.append(year)
    if operation is not None:
        where.append("v.resolution IN (SELECT resolution FROM mandate_events WHERE operation = ?)")
        params.append(resolve_acronym(operation))
    sql = f"SELECT v.* FROM votes v WHERE {' AND '.join(where)} ORDER BY v.resolution, v.member"
    return _typed(query(sql, params), "votes")


def vote_counts(year: int | None = None) -> pd.DataFrame:
    """Yes, no and abstain per resolution 1946–2026, with ``member_level`` where member votes
    exist (2000–2026); 1995–1999 counts come from the meetings tables (no texts there).

    >>> c = vote_counts(1999)
    >>> bool(c["member_level"].any()), int(c.loc[c["number"] == 1270, "yes"].iloc[0])
    (False, 15)
    """
    where, params = "TRUE", []
    if year is not None:
        _check_years(year, year)
        where, params = "r.year = ?", [year]
    sql = f"""
        SELECT r.number, r.year, r.date, r.adoption, r.yes, r.no, r.abstain,
               r.number IN (SELECT resolution FROM votes) AS member_level, r.source
        FROM resolutions r WHERE {where} ORDER BY r.number"""
    df = query(sql, params)
    for col in ("yes", "no", "abstain"):
        df[col] = df[col].astype("Int64")
    return df
