"""What the Council pages show, built from :mod:`bluehelmet.council` (no domain logic here)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from bluehelmet.council.votes import operation_votes, votes
from bluehelmet.store import query
from bluehelmet.web.sections import PanelContent
from bluehelmet.web.tables import records

SOURCE = (
    "Source: the UN's metadata of Security Council resolutions 2000–2026 (UNxml/SCresolutions; "
    "members in favour, against and abstaining by name), checked against the vote counts of "
    "the resolution index; bluehelmet's votes table."
)
PANEL_COLUMNS = ["member", "member_name", "permanent", "vote", "basis"]


def _sponsors(number: int) -> list[str]:
    found = query(
        "SELECT member_name FROM sponsors WHERE resolution = ? ORDER BY additional, member_name",
        [number],
    )
    return found["member_name"].tolist()


def votes_panel(number: int) -> PanelContent | None:
    """The resolution page's block: each member's vote and the sponsors (None before 2000
    and for resolutions adopted without a vote).

    >>> votes_panel(1270) is None, len(votes_panel(2690).table)
    (True, 15)
    """
    table = votes(resolution=number)
    if table.empty:
        return None
    counts = table["vote"].value_counts()
    tally = "-".join(str(int(counts.get(v, 0))) for v in ("yes", "no", "abstain"))
    against = table.loc[table["vote"].isin(["no", "abstain", "absent"])]
    named = "; ".join(f"{r.member_name} ({r.vote})" for r in against.itertuples())
    note = f"Members' votes {tally}" + (f"; not in favour: {named}." if named else ", unanimous.")
    if table["vote"].isna().any():
        note = f"Votes not read: {table['basis'].iloc[0]}."
    sponsors = _sponsors(number)
    if sponsors:
        note += f" Sponsors ({len(sponsors)}): {', '.join(sponsors)}."
    return PanelContent(None, table[PANEL_COLUMNS], SOURCE, note)


def member_view(member: str) -> dict[str, Any]:
    """A member's page: its Council years and its votes on peace-operation mandates.

    >>> v = member_view("RUS")
    >>> v["iso3"], v["counts"]["yes"] > v["counts"]["abstain"] > 0
    ('RUS', True)
    """
    rows = operation_votes(member)
    iso = str(rows["member"].iloc[0]) if len(rows) else member.upper()
    years = query("SELECT year, seat FROM council_members WHERE member = ? ORDER BY year", [iso])
    counts = {v: int((rows["vote"] == v).sum()) for v in ("yes", "no", "abstain", "absent")}
    not_yes = rows[rows["vote"].isin(["no", "abstain", "absent"])]
    return {
        "iso3": iso,
        "name": str(rows["member_name"].iloc[-1]) if len(rows) else iso,
        "years": _spans(years["year"].tolist()),
        "counts": counts,
        "rows": records(rows[["resolution", "date", "operations", "vote"]]),
        "not_yes": records(not_yes[["resolution", "date", "operations", "vote"]]),
    }


def _spans(years: list[int]) -> str:
    """Consecutive years as ranges: ``[2000, 2001, 2005]`` -> ``2000–2001, 2005``.

    >>> _spans([2000, 2001, 2005])
    '2000–2001, 2005'
    """
    parts: list[str] = []
    for year in years:
        if parts and int(parts[-1][-4:]) == year - 1:
            parts[-1] = f"{parts[-1][:4]}–{year}"
        else:
            parts.append(str(year))
    return ", ".join(parts)


def members_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The member list as shown: abstention rate on mandates added, rounded for reading."""
    out = summary.copy()
    out["abstain_rate"] = (out["abstain"] / out["mandate_votes"]).round(3)
    return out
