"""Contestation of peace-operation mandates: unanimity, abstentions and votes against, set
against every other resolution, by year, by operation and by Council member."""

from __future__ import annotations

import pandas as pd

from bluehelmet.options import ContestationBy, check
from bluehelmet.register.query import _check_years
from bluehelmet.store import query

#: Resolutions in the mandate history of a UN operation (``mandate_events``, org 'UN').
MANDATE_RESOLUTIONS = """
    SELECT DISTINCT m.resolution FROM mandate_events m
    JOIN operations o ON o.acronym = m.operation WHERE o.org = 'UN'"""

# One row per resolution adopted with a vote: counts from the index; where the index has none
# (adopted "unanimously", or adoption unknown), from complete member votes. Who abstained
# (P5 or elected) only where every member's vote is known.
_TALLIES = f"""
    WITH mv AS (
        SELECT resolution,
               count(*) FILTER (WHERE vote IS NULL) AS empty,
               count(*) FILTER (WHERE vote = 'no') AS no,
               count(*) FILTER (WHERE vote = 'abstain') AS abstain,
               count(*) FILTER (WHERE vote = 'abstain' AND permanent) AS abstain_p5,
               count(*) FILTER (WHERE vote = 'abstain' AND NOT permanent) AS abstain_elected
        FROM votes GROUP BY resolution)
    SELECT r.number AS resolution, r.year,
           r.number IN ({MANDATE_RESOLUTIONS}) AS peacekeeping,
           mv.resolution IS NOT NULL AS member_level,
           CASE WHEN r.adoption = 'unanimous' THEN 0
                ELSE coalesce(r.no, CASE WHEN mv.empty = 0 THEN mv.no END) END AS no,
           CASE WHEN r.adoption = 'unanimous' THEN 0
                ELSE coalesce(r.abstain, CASE WHEN mv.empty = 0 THEN mv.abstain END) END
               AS abstain,
           CASE WHEN mv.empty = 0 THEN mv.abstain_p5 END AS abstain_p5,
           CASE WHEN mv.empty = 0 THEN mv.abstain_elected END AS abstain_elected
    FROM resolutions r LEFT JOIN mv ON mv.resolution = r.number
    WHERE (r.adoption IN ('vote', 'unanimous') OR (r.adoption = 'unknown' AND mv.empty = 0))
      AND r.year BETWEEN ? AND ?
    ORDER BY r.number"""

MEMBER_YEARS = (2000, 2026)


def tallies(start: int = 1946, end: int = 2026) -> pd.DataFrame:
    """Resolutions adopted with a vote: ``peacekeeping``, ``no``, ``abstain``, ``unanimous`` (no
    vote against, no abstention), P5 and elected abstentions where member votes are complete.

    >>> t = tallies(2023, 2023).set_index("resolution")
    >>> bool(t.loc[2690, "unanimous"]), bool(t.loc[2690, "peacekeeping"])
    (True, True)
    """
    df = query(_TALLIES, [start, end])
    for col in ("no", "abstain", "abstain_p5", "abstain_elected"):
        df[col] = df[col].astype("Int64")
    df["unanimous"] = (df["no"] == 0) & (df["abstain"] == 0)
    df["group"] = df["peacekeeping"].map({True: "peacekeeping", False: "other"})
    return df


def _years(start: int | None, end: int | None, first: int, last: int) -> tuple[int, int]:
    _check_years(start, end)
    return max(start or first, first), min(end or last, last)


def _by_year(start: int, end: int) -> pd.DataFrame:
    t = tallies(start, end)
    t["with_abstention"] = t["abstain"] > 0
    t["with_no"] = t["no"] > 0
    g = t.groupby(["year", "group"])
    df = pd.DataFrame(
        {
            "resolutions": g.size(),
            "unanimous": g["unanimous"].sum(),
            "with_abstention": g["with_abstention"].sum(),
            "with_no": g["with_no"].sum(),
            "abstentions": g["abstain"].sum(),
            "abstentions_p5": g["abstain_p5"].sum(min_count=1),
            "abstentions_elected": g["abstain_elected"].sum(min_count=1),
            "member_level": g["member_level"].any(),
        }
    )
    grid = pd.MultiIndex.from_product(
        [sorted(t["year"].unique()), ["peacekeeping", "other"]], names=["year", "group"]
    )
    df = df.reindex(grid).reset_index()
    counts = ["resolutions", "unanimous", "with_abstention", "with_no", "abstentions"]
    df[counts] = df[counts].fillna(0).astype("int64")  # no resolution of the group that year
    for col in ("abstentions_p5", "abstentions_elected"):
        df[col] = df[col].astype("Int64")
    df["member_level"] = df["year"] >= MEMBER_YEARS[0]
    share = df["unanimous"] / df["resolutions"].where(df["resolutions"] > 0)
    df.insert(4, "share_unanimous", share.round(3))
    return df


def _listed(counts: pd.Series) -> str | None:
    """'RUS:3;CHN:2' from counts per member, most first; None when there are none."""
    counts = counts[counts > 0].sort_index().sort_values(ascending=False, kind="stable")
    return ";".join(f"{m}:{n}" for m, n in counts.items()) or None


def _by_operation(start: int, end: int) -> pd.DataFrame:
    events = query(
        """SELECT DISTINCT m.operation, m.resolution FROM mandate_events m
           JOIN operations o ON o.acronym = m.operation WHERE o.org = 'UN'"""
    )
    t = events.merge(tallies(start, end), on="resolution")
    v = query("SELECT resolution, member, vote FROM votes WHERE vote IN ('abstain', 'no')")
    cast = events.merge(v, on="resolution").merge(t[["resolution"]].drop_duplicates())
    rows = []
    for op, res in t.groupby("operation"):
        mine = cast[cast["operation"] == op]
        rows.append(
            {
                "operation": op,
                "resolutions": len(res),
                "unanimous": int(res["unanimous"].sum()),
                "share_unanimous": round(float(res["unanimous"].mean()), 3),
                "with_abstention": int((res["abstain"] > 0).sum()),
                "with_no": int((res["no"] > 0).sum()),
                "abstained": _listed(mine[mine["vote"] == "abstain"]["member"].value_counts()),
                "voted_no": _listed(mine[mine["vote"] == "no"]["member"].value_counts()),
            }
        )
    return pd.DataFrame(rows)


def _by_member(start: int, end: int) -> pd.DataFrame:
    v = query(
        f"""SELECT v.member, v.permanent, v.vote,
                   CASE WHEN v.resolution IN ({MANDATE_RESOLUTIONS})
                        THEN 'peacekeeping' ELSE 'other' END AS "group"
            FROM votes v WHERE year(v.date) BETWEEN ? AND ? AND v.vote IS NOT NULL""",
        [start, end],
    )
    names = query(
        "SELECT member, arg_max(member_name, year) AS member_name FROM council_members "
        "GROUP BY member"
    )
    counts = (
        v.pivot_table(index=["member", "permanent", "group"], columns="vote", aggfunc="size")
        .reindex(columns=["yes", "no", "abstain", "absent"])
        .fillna(0)
        .astype("int64")
        .reset_index()
    )
    counts.columns.name = None
    counts.insert(3, "votes", counts[["yes", "no", "abstain", "absent"]].sum(axis=1))
    counts["abstention_rate"] = (counts["abstain"] / counts["votes"]).round(4)
    df = names.merge(counts, on="member")
    return df.sort_values(["member", "group"], ascending=[True, False], ignore_index=True)


def contestation(
    by: str = "year", start: int | None = None, end: int | None = None
) -> pd.DataFrame:
    """Contestation of peace-operation mandate resolutions against every other resolution.

    ``by="year"``: per year 1946–2026 and group (``peacekeeping``: in the mandate history
    of a UN operation; ``other``), resolutions adopted with a vote (adopted without vote
    not counted), how many unanimous (no vote against, no abstention), with an
    abstention, with a vote against, and abstentions by P5 and elected members where
    member votes exist (``member_level``, 2000–2026; before, counts only).
    ``by="operation"``: per UN operation, its mandate resolutions 2000–2026, unanimous
    share and who abstained or voted no (``'RUS:3;CHN:2'``). ``by="member"``: per Council
    member and group, yes/no/abstain/absent 2000–2026 and the abstention rate.

    >>> y = contestation(start=2023, end=2023).set_index("group")
    >>> int(y.loc["peacekeeping", "resolutions"] + y.loc["other", "resolutions"])
    50
    """
    check("by", by, ContestationBy)
    if by == "year":
        return _by_year(*_years(start, end, 1946, MEMBER_YEARS[1]))
    first, last = _years(start, end, *MEMBER_YEARS)
    return _by_operation(first, last) if by == "operation" else _by_member(first, last)
