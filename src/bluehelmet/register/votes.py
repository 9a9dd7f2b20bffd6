"""Member-level votes, Council membership and sponsors 2000–2026 from the UN's metadata.

:func:`read_votes` reads every ``metadata/YYYY.json`` once and returns the three packaged
tables (``votes``, ``council_members``, ``sponsors``). Membership comes from the shared
membership file (1992–2023); for later years the Council is read from the vote lists
themselves (every member named on at least one vote that year), marked by its source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bluehelmet.files import read_limited
from bluehelmet.register.council import (
    P5,
    SOURCE,
    VoteReport,
    listed_votes,
    mapped_names,
    member_votes,
    read_membership,
)
from bluehelmet.register.un_metadata import metadata_row

VOTE_COLUMNS = ["resolution", "date", "member", "member_name", "permanent", "vote", "basis",
                "source"]  # fmt: skip
SPONSOR_COLUMNS = ["resolution", "date", "member", "member_name", "additional", "source"]


@dataclass
class _Entry:
    row: dict[str, object]
    listed: dict[str, tuple[str, str]]
    sponsors: list[tuple[str, str | None, bool]]


#: Fields of a metadata row the resolution index overrides (it is checked against the
#: meetings tables; the metadata has wrong dates, e.g. 2423 dated 2016, and counts).
INDEX_FIELDS = ("date", "adoption", "yes", "no", "abstain")


def _known(fields: dict[str, object]) -> dict[str, object]:
    """The index's values that say something (not empty, adoption not ``unknown``)."""
    if fields.get("adoption") == "unknown":
        return {}
    return {k: v for k, v in fields.items() if not pd.isna(v)}


def _entries(folder: Path, index: pd.DataFrame, report: VoteReport) -> dict[int, _Entry]:
    """One entry per resolution, date and counts from ``index`` (by ``number``) where it has
    the resolution; of two filings, the one with member lists wins."""
    known = index.set_index("number")[list(INDEX_FIELDS)].to_dict("index") if len(index) else {}
    found: dict[int, _Entry] = {}
    for path in sorted(folder.glob("*.json")):
        for line_no, line in enumerate(read_limited(path).decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                row = metadata_row(entry)
                row |= _known(known.get(row["number"], {}))
            except ValueError as exc:
                report.unresolved.append(f"{path.name}:{line_no}: {exc}")
                continue
            sponsors = [
                (name, iso, key == "additional_sponsors")
                for key in ("sponsors", "additional_sponsors")
                for name, iso in mapped_names(entry.get(key) or [])
            ]
            new = _Entry(row, listed_votes(entry, report), sponsors)
            old = found.get(int(row["number"]))  # type: ignore[call-overload]
            if old is None or (new.listed and not old.listed):
                found[int(row["number"])] = new  # type: ignore[call-overload]
    return found


def _membership(membership: pd.DataFrame, entries: dict[int, _Entry]) -> pd.DataFrame:
    """The membership file's complete years (a full Council; the file's first and last
    years hold only the terms that run into them), later years from the vote lists."""
    sizes = membership.groupby("year").size()
    complete = sizes[sizes == sizes.max()].index
    last = int(complete.max())
    membership = membership[membership["year"].isin(complete)]
    names = membership.drop_duplicates("member", keep="last").set_index("member")["member_name"]
    rows = []
    for e in entries.values():
        year = pd.Timestamp(e.row["date"]).year
        if year > last:
            rows += [(year, iso, names.get(iso, name)) for iso, (_, name) in e.listed.items()]
    later = pd.DataFrame(rows, columns=["year", "member", "member_name"]).drop_duplicates(
        ["year", "member"]
    )
    later["seat"] = later["member"].map(lambda iso: "permanent" if iso in P5 else "elected")
    later["source"] = SOURCE
    both = pd.concat([membership, later], ignore_index=True)
    return _terms(both.drop(columns=["term_start", "term_end"]))


def _terms(years: pd.DataFrame) -> pd.DataFrame:
    """``term_start``/``term_end``: the run of consecutive years each member's year is in
    (elected members cannot be re-elected at once, so a run is one term)."""
    years = years.sort_values(["member", "year"]).reset_index(drop=True)
    run = (years.groupby("member")["year"].diff() != 1).cumsum()
    years["term_start"] = years.groupby(run)["year"].transform("min")
    years["term_end"] = years.groupby(run)["year"].transform("max")
    return years


def read_votes(
    folder: Path,
    membership_file: Path,
    index: pd.DataFrame | None = None,
    report: VoteReport | None = None,
) -> dict[str, pd.DataFrame]:
    """``votes``, ``council_members`` and ``sponsors`` read from the metadata ``folder``.

    ``index`` (the resolutions table) gives dates and counts where it has the resolution.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "m.csv").write_text("country_org,start_year,end_year,seat,note\\n"
    ...     "Ghana,2022,2023,elected,\\nChina,2022,2023,permanent,\\n")
    >>> _ = (d / "2022.json").write_text('{"symbol": "S/RES/2650 (2022)", "adoption_date":'
    ...     ' "4 October 2022", "adoption_type": "Adopted 1-0-1", "MS_in_favour": ["GHANA"],'
    ...     ' "MS_abstaining": ["CHINA"], "sponsors": ["GHANA"]}\\n')
    >>> read_votes(d, d / "m.csv")["votes"][["member", "permanent", "vote"]].values.tolist()
    [['CHN', True, 'abstain'], ['GHA', False, 'yes']]
    """
    report = report if report is not None else VoteReport()
    entries = _entries(folder, pd.DataFrame() if index is None else index, report)
    members = _membership(read_membership(membership_file), entries)
    council = {
        year: dict(zip(g["member"], g["member_name"], strict=True))
        for year, g in members.groupby("year")
    }
    votes, sponsors = [], []
    for number, e in sorted(entries.items()):
        when = pd.Timestamp(e.row["date"])
        sponsors += [
            (number, when, iso, name, extra, SOURCE) for name, iso, extra in e.sponsors if iso
        ]
        if e.row["adoption"] == "without_vote":
            continue
        seated = council.get(when.year, {})
        counts = (e.row["yes"], e.row["no"], e.row["abstain"])
        cast, basis = member_votes(number, counts, str(e.row["adoption"]), e.listed, seated)  # type: ignore[arg-type]
        if basis not in ("member lists", "adopted unanimously"):
            report.unresolved.append(f"{number}: {basis}")
        for iso, vote in cast.items():
            name = e.listed.get(iso, (None, seated.get(iso, iso)))[1]
            votes.append((number, when, iso, name, iso in P5, vote, basis, SOURCE))
    vote_df = pd.DataFrame(votes, columns=VOTE_COLUMNS).sort_values(["resolution", "member"])
    members = members.sort_values(["year", "member"]).reset_index(drop=True)
    return {
        "votes": vote_df.reset_index(drop=True),
        "council_members": members,
        "sponsors": pd.DataFrame(sponsors, columns=SPONSOR_COLUMNS).drop_duplicates(
            ["resolution", "member"]
        ),
    }
