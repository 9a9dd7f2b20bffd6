"""Vetoed drafts 1946–2022 counted by permanent member, topic, year or decade."""

from __future__ import annotations

import pandas as pd

from bluehelmet.options import VetoesBy, check
from bluehelmet.store import query

#: The vetoes table's coverage, said on every frame (``attrs['note']``).
NOTE = "vetoes cover 1946 to July 2022 (World Politics Data Lab); later vetoes are not listed"
MEMBERS = ("China", "France", "Russia", "USSR", "UK", "USA")


def _by_member(cast: pd.DataFrame, drafts: pd.DataFrame) -> pd.DataFrame:
    alone = drafts["vetoed_by"].str.count(";") == 0
    solo = drafts.loc[alone, "vetoed_by"].value_counts()
    g = cast.groupby("member")["year"]
    df = pd.DataFrame({"vetoes": g.size(), "first": g.min(), "last": g.max()})
    df.insert(1, "alone", solo.reindex(df.index).fillna(0).astype("int64"))
    return df.sort_values("vetoes", ascending=False).reset_index()


def _by_topic(cast: pd.DataFrame, drafts: pd.DataFrame) -> pd.DataFrame:
    g = drafts.groupby("topic")["year"]
    df = pd.DataFrame({"vetoes": g.size(), "first": g.min(), "last": g.max()})
    who = cast.groupby(["topic", "member"]).size()
    df["vetoed_by"] = [
        ";".join(f"{m}:{n}" for m, n in who[topic].sort_values(ascending=False).items())
        for topic in df.index
    ]
    return df.sort_values(["vetoes", "last"], ascending=False).reset_index()


def _by_period(cast: pd.DataFrame, drafts: pd.DataFrame, period: str) -> pd.DataFrame:
    every = range(1946, 2023) if period == "year" else range(1940, 2030, 10)
    df = pd.DataFrame({"vetoes": drafts.groupby(period).size()})
    per_member = cast.pivot_table(index=period, columns="member", aggfunc="size")
    df = df.join(per_member.reindex(columns=list(MEMBERS))).reindex(every)
    return df.fillna(0).astype("int64").rename_axis(period).reset_index()


def vetoes_by(by: str = "member") -> pd.DataFrame:
    """Vetoed draft resolutions 1946–2022 counted by permanent member (``alone``: drafts it
    vetoed alone), topic (with who vetoed), year or decade (a column per member). A draft
    vetoed by several members counts once for each. Coverage ends in July 2022
    (``attrs['note']``).

    >>> m = vetoes_by("member").set_index("member")
    >>> int(m.loc["USSR", "vetoes"]), int(m.loc["USSR", "last"])
    (90, 1984)
    """
    check("by", by, VetoesBy)
    drafts = query("SELECT date, topic, vetoed_by FROM vetoes ORDER BY date")
    drafts["year"] = drafts["date"].dt.year
    drafts["decade"] = drafts["year"] // 10 * 10
    cast = drafts.assign(member=drafts["vetoed_by"].str.split(";")).explode("member")
    if by == "member":
        df = _by_member(cast, drafts)
    elif by == "topic":
        df = _by_topic(cast, drafts)
    else:
        df = _by_period(cast, drafts, by)
    df.attrs["note"] = NOTE
    return df
