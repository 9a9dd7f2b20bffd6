"""Council members, how each voted, and who sponsored, from the UN's metadata 2000–2026.

The metadata (``akn_2000_2026/metadata/YYYY.json``) lists the members in favour, against
and abstaining by name, as the UN writes them (upper case, official short forms, a few
misspellings). Names are mapped to ISO3 by the package's country resolver
(:mod:`bluehelmet.register.lookup`); a member of the Council not listed on a recorded vote
was absent or did not participate. Where the lists do not add up to the recorded counts, the
vote is left empty for every member and the reason given, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bluehelmet.register import vocab
from bluehelmet.register.lookup import name_iso3

SOURCE = "un_akn_2000_2026"
MEMBERSHIP_SOURCE = "council_membership_fmadore"
#: ISO3 of the five permanent members.
P5 = ("CHN", "FRA", "GBR", "RUS", "USA")
VOTES = vocab.MEMBER_VOTES
_LISTS = {"MS_in_favour": "yes", "MS_against": "no", "MS_abstaining": "abstain"}


def member_iso3(name: str) -> str | None:
    """ISO3 of a member state named as the UN writes it; None if the name is not a state.

    >>> member_iso3("VENEZUELA (BOLIVARIAN REPUBLIC OF)"), member_iso3("BY THE SECRETARY-GENERAL")
    ('VEN', None)
    """
    return name_iso3(name)


def mapped_names(names: Iterable[str]) -> list[tuple[str, str | None]]:
    """``(name, iso3)`` for a list of names, a name split in two rejoined ("CÔTE.", "D'IVOIRE").

    >>> mapped_names(["CÔTE.", "D'IVOIRE", "GHANA"])
    [("CÔTE. D'IVOIRE", 'CIV'), ('GHANA', 'GHA')]
    """
    items = [str(n).strip() for n in names if str(n).strip()]
    out: list[tuple[str, str | None]] = []
    i = 0
    while i < len(items):
        iso = member_iso3(items[i])
        if iso is None and i + 1 < len(items):
            joined = f"{items[i]} {items[i + 1]}"
            if (joined_iso := member_iso3(joined)) is not None:
                out.append((joined, joined_iso))
                i += 2
                continue
        out.append((items[i], iso))
        i += 1
    return out


@dataclass
class VoteReport:
    """Resolutions whose member-level votes could not be read (``resolution: reason``)."""

    unresolved: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)


def listed_votes(entry: dict[str, object], report: VoteReport) -> dict[str, tuple[str, str]]:
    """ISO3 -> (vote, name as listed) from one metadata object's three member lists.

    >>> listed_votes({"MS_in_favour": ["GHANA"], "MS_abstaining": ["CHINA"]}, VoteReport())
    {'GHA': ('yes', 'GHANA'), 'CHN': ('abstain', 'CHINA')}
    """
    found: dict[str, tuple[str, str]] = {}
    for key, vote in _LISTS.items():
        raw = entry.get(key) or []
        for name, iso in mapped_names(raw if isinstance(raw, list) else []):
            if iso is None:
                report.unmapped.append(name)
            else:
                found[iso] = (vote, name)
    return found


def member_votes(
    number: int,
    counts: tuple[int | None, int | None, int | None],
    adoption: str,
    listed: dict[str, tuple[str, str]],
    members: dict[str, str],
) -> tuple[dict[str, str | None], str]:
    """Each member's vote on one resolution and the basis of the reading.

    ``counts`` are the recorded yes, no, abstain; ``members`` the Council that year (ISO3 ->
    name). The lists are taken when they match the counts (members not listed: ``absent``);
    members missing from a list are placed when the counts leave exactly one place for them;
    a unanimous vote without lists is all ``yes``; otherwise every vote is None.

    >>> council = {"GHA": "GHANA", "CHN": "CHINA", "FRA": "FRANCE"}
    >>> member_votes(1, (2, 0, 1), "vote", {"GHA": ("yes", "GHANA"), "CHN": ("abstain",
    ...     "CHINA")}, council)
    ({'GHA': 'yes', 'CHN': 'abstain', 'FRA': 'yes'}, 'inferred from the recorded counts')
    """
    if adoption == "unanimous" and not listed:
        return dict.fromkeys(members, "yes"), "adopted unanimously"
    votes: dict[str, str | None] = {iso: v for iso, (v, _) in listed.items()}
    strangers = sorted(set(votes) - set(members))
    if strangers:
        return dict.fromkeys(members, None), f"listed members not on the Council: {strangers}"
    if adoption == "unanimous":
        counts = (len(members), 0, 0)
    if None in counts:
        return dict.fromkeys(members, None), "no recorded counts to check the lists against"
    short = {
        vote: int(n or 0) - sum(v == vote for v in votes.values())
        for vote, n in zip(VOTES[:3], counts, strict=True)
    }
    missing = [iso for iso in members if iso not in votes]
    if all(n == 0 for n in short.values()):
        return {iso: votes.get(iso, "absent") for iso in members}, "member lists"
    gaps = [vote for vote, n in short.items() if n != 0]
    if len(gaps) == 1 and short[gaps[0]] == len(missing):
        placed = {iso: votes.get(iso, gaps[0]) for iso in members}
        return placed, "inferred from the recorded counts"
    recorded = "-".join(str(n) for n in counts)
    return dict.fromkeys(members, None), f"member lists disagree with the recorded {recorded}"


def read_membership(path: Path) -> pd.DataFrame:
    """Council members by year (year, member, member_name, seat, term_start, term_end).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
    >>> _ = f.write_text("country_org,start_year,end_year,seat,note\\nGhana,2022,2023,elected,\\n")
    >>> read_membership(f)[["year", "member", "seat"]].values.tolist()
    [[2022, 'GHA', 'elected'], [2023, 'GHA', 'elected']]
    """
    terms = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    rows = []
    for term in terms.itertuples(index=False):
        iso = member_iso3(term.country_org)
        if iso is None:
            raise ValueError(f"{path.name}: member {term.country_org!r} has no ISO3; map it")
        start, end = int(term.start_year), int(term.end_year)
        for year in range(start, end + 1):
            rows.append((year, iso, term.country_org, term.seat, start, end, MEMBERSHIP_SOURCE))
    columns = ["year", "member", "member_name", "seat", "term_start", "term_end", "source"]
    return pd.DataFrame(rows, columns=columns)
