"""Member-level votes 2000–2026 and vote counts 1946–2026, filtered as users ask."""

from __future__ import annotations

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.register.lookup import country_name, resolve_country
from bluehelmet.register.query import _check_years, _typed, resolve_acronym
from bluehelmet.store import query


def resolve_member(name: str) -> str:
    """ISO3 of a Council member given as ISO3, GW number or name; NotFoundError otherwise.

    >>> resolve_member("russian federation"), resolve_member("gbr"), resolve_member("DR Congo")
    ('RUS', 'GBR', 'COD')
    """
    iso = resolve_country(name)
    known = query("SELECT DISTINCT member FROM council_members")["member"].tolist()
    if iso not in known:
        raise NotFoundError(
            f"{country_name(iso)} ({iso}) did not sit on the Council in 1992–2026; give a "
            "member's ISO3 code (e.g. RUS) or name"
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


#: Resolutions in the mandate history of a UN operation, with those operations.
_MANDATES = """
    SELECT e.resolution, string_agg(DISTINCT e.operation, ';' ORDER BY e.operation) AS operations
    FROM mandate_events e JOIN operations o ON o.acronym = e.operation
    WHERE o.org = 'UN' GROUP BY e.resolution"""


def operation_votes(member: str | None = None) -> pd.DataFrame:
    """Votes on UN peace-operation mandate resolutions 2000–2026, each with the operations
    whose mandate history holds the resolution (``operations``, ``;``-separated).

    >>> v = operation_votes("CHN")
    >>> bool((v["member"] == "CHN").all()), "MINUSMA" in set(v.loc[v["resolution"] == 2690,
    ...     "operations"])
    (True, True)
    """
    where, params = "TRUE", []
    if member is not None:
        where, params = "v.member = ?", [resolve_member(member)]
    sql = f"""
        SELECT v.*, m.operations FROM votes v JOIN ({_MANDATES}) m USING (resolution)
        WHERE {where} ORDER BY v.resolution, v.member"""
    return _typed(query(sql, params), "votes")


def member_summary() -> pd.DataFrame:
    """Per Council member 2000–2026: years on the Council, votes on peace-operation mandates
    and how many were abstentions, no votes or absences.

    >>> s = member_summary().set_index("member")
    >>> int(s.loc["USA", "mandate_votes"]) > int(s.loc["GHA", "mandate_votes"])
    True
    """
    sql = f"""
        SELECT v.member, any_value(v.member_name) AS member_name,
               bool_or(v.permanent) AS permanent,
               count(DISTINCT year(v.date)) AS years,
               count(*) AS mandate_votes,
               count(*) FILTER (WHERE v.vote = 'abstain') AS abstain,
               count(*) FILTER (WHERE v.vote = 'no') AS no,
               count(*) FILTER (WHERE v.vote = 'absent') AS absent
        FROM votes v JOIN ({_MANDATES}) m USING (resolution)
        GROUP BY v.member ORDER BY permanent DESC, mandate_votes DESC, v.member"""
    df = query(sql)
    for col in ("years", "mandate_votes", "abstain", "no", "absent"):
        df[col] = df[col].astype("int64")
    return df


def mandate_dissent() -> pd.DataFrame:
    """Abstentions and no votes on UN peace-operation mandates per year and member,
    2000–2026 (members who only voted yes in a year have no row).

    >>> d = mandate_dissent()
    >>> int(d.loc[d["member"] == "RUS", "abstain"].sum()) > int(d.loc[d["member"] == "GBR",
    ...     "abstain"].sum())
    True
    """
    votes_ = operation_votes()
    votes_ = votes_[votes_["vote"].isin(["abstain", "no"])]
    out = (
        votes_.assign(year=votes_["date"].dt.year)
        .pivot_table(
            index=["year", "member", "permanent"], columns="vote", aggfunc="size", fill_value=0
        )  # fmt: skip
        .reindex(columns=["abstain", "no"], fill_value=0)
        .reset_index()
    )
    out.columns.name = None
    return out
