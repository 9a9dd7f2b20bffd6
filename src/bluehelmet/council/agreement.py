"""How often the five permanent members vote alike, per year, on mandates and on everything."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from bluehelmet.council.contestation import MANDATE_RESOLUTIONS, MEMBER_YEARS, _years
from bluehelmet.store import query

P5 = ("CHN", "FRA", "GBR", "RUS", "USA")
PAIRS = [f"{a}_{b}" for a, b in combinations(P5, 2)]


def _agreement(cast: pd.DataFrame) -> dict[str, float]:
    """Share of resolutions where both members of each pair cast the same vote (both absent
    is the same; a vote not known leaves the resolution out for that pair)."""
    shares = {}
    for a, b in combinations(P5, 2):
        known = cast[[a, b]].dropna()
        shares[f"{a}_{b}"] = float((known[a] == known[b]).mean()) if len(known) else float("nan")
    return shares


def p5_agreement(start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Pairwise agreement of China, France, the UK, Russia and the US per year 2000–2026, on
    peace-operation mandate resolutions (``group`` peacekeeping) and on all resolutions:
    one column per pair (``CHN_RUS`` ...) and ``index``, the mean of the ten pairs.

    >>> a = p5_agreement(2023, 2023).set_index("group").loc["peacekeeping"]
    >>> float(a["FRA_GBR"]), bool(a["CHN_RUS"] > a["RUS_USA"])
    (1.0, True)
    """
    first, last = _years(start, end, *MEMBER_YEARS)
    v = query(
        f"""SELECT resolution, year(date) AS year, member, vote,
                   resolution IN ({MANDATE_RESOLUTIONS}) AS peacekeeping
            FROM votes WHERE permanent AND year(date) BETWEEN ? AND ?""",
        [first, last],
    )
    cast = v.pivot(index=["resolution", "year", "peacekeeping"], columns="member", values="vote")
    cast = cast.reindex(columns=list(P5)).reset_index()
    rows = []
    for year, in_year in cast.groupby("year"):
        for group, res in (("peacekeeping", in_year[in_year["peacekeeping"]]), ("all", in_year)):
            rows.append({"year": year, "group": group, "resolutions": len(res), **_agreement(res)})
    df = pd.DataFrame(rows)
    df["index"] = df[PAIRS].mean(axis=1)
    df[[*PAIRS, "index"]] = df[[*PAIRS, "index"]].round(4)
    return df
