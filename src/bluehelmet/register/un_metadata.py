"""Read the UN's metadata of Security Council resolutions 2000–2026 (AKN4UN JSON Lines).

Each ``metadata/YYYY.json`` holds one JSON object per line: symbol, adoption date and
meeting, agenda item, adoption type, title, vote counts and members by vote. The files
are kept as published, so this reader copes with the mess: symbols without a space
before the year, dates as ``19 November 2004 in Nairobi``, ``2021-07-09 00:00:00`` or with
non-breaking spaces, and the same resolution filed twice. Rows it cannot read are
skipped and reported, never guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from bluehelmet.files import read_limited
from bluehelmet.register.meetings import COLUMNS as MEETING_COLUMNS

SOURCE = "un_akn_2000_2026"
COLUMNS = (*MEETING_COLUMNS[:-1], "title", "source")
_SYMBOL_RE = re.compile(r"S/RES/(\d+)\s*\((\d{4})\)")
_DAY_RE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MEETING_RE = re.compile(r"(\d+)(?:st|nd|rd|th)\s+meeting")
_COUNTS_RE = re.compile(r"(\d+)-(\d+)-(\d+)")
_TITLE_RE = re.compile(r"\[(.*)\]\s*$")


@dataclass
class MetadataReport:
    """What the reader skipped (``file:line: reason``) and the duplicates it folded."""

    skipped: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """The adoption date in any of the published spellings; None if there is none.

    >>> parse_date("19\\xa0November 2004 in Nairobi"), parse_date("2021-07-09 00:00:00")
    (datetime.date(2004, 11, 19), datetime.date(2021, 7, 9))
    """
    text = " ".join(text.split())
    if m := _ISO_RE.search(text):
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DAY_RE.search(text):
        try:
            return datetime.strptime(" ".join(m.groups()), "%d %B %Y").date()
        except ValueError:
            return None
    return None


def _count(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _vote(entry: dict[str, object]) -> tuple[str, str]:
    """(vote text as the index writes it, adoption kind) from the adoption type."""
    kind = str(entry.get("adoption_type") or "").split(",")[0].lower()
    counts = _COUNTS_RE.search(kind)
    if "without vote" in kind or "acclamation" in kind:
        return "without vote", "without_vote"
    if "unanimously" in kind:
        return "adopted unanimously", "unanimous"
    if counts:
        return "-".join(counts.groups()), "vote"
    yes, no, abstain = (_count(entry.get(k)) for k in _COUNT_KEYS)
    if yes is not None and no is not None and abstain is not None:
        return f"{yes}-{no}-{abstain}", "vote"
    return "", "unknown"


_COUNT_KEYS = ("MS_in_favour_count", "MS_against_count", "MS_abstaining_count")


def _counts(entry: dict[str, object], vote: str, adoption: str) -> list[int | None]:
    """Yes, no, abstain: the vote text's counts, else the member counts (unanimous: 0, 0)."""
    if counts := _COUNTS_RE.fullmatch(vote):
        return [int(c) for c in counts.groups()]
    if adoption == "without_vote":
        return [None, None, None]
    found = [_count(entry.get(k)) for k in _COUNT_KEYS]
    if adoption == "unanimous" and found[0] is not None:
        return [found[0], found[1] or 0, found[2] or 0]
    return found


def metadata_row(entry: dict[str, object]) -> dict[str, object]:
    """One index row from one metadata object; ValueError names the field that is wrong.

    >>> row = metadata_row({"symbol": "S/RES/1270(1999)", "adoption_date": "22 October 1999",
    ...     "adoption_meeting": "4054th meeting", "adoption_type": "Adopted unanimously",
    ...     "MS_in_favour_count": "15", "MS_against_count": "0", "MS_abstaining_count": "0"})
    >>> row["number"], row["date"], row["meeting"], row["adoption"], row["yes"]
    (1270, datetime.date(1999, 10, 22), 'S/PV.4054', 'unanimous', 15)
    """
    symbol = _SYMBOL_RE.search(str(entry.get("symbol") or ""))
    if symbol is None:
        raise ValueError(f"symbol {entry.get('symbol')!r} is not S/RES/n (year)")
    adopted = parse_date(str(entry.get("adoption_date") or ""))
    if adopted is None:
        raise ValueError(f"adoption_date {entry.get('adoption_date')!r} is not a date")
    meeting = _MEETING_RE.search(str(entry.get("adoption_meeting") or ""))
    vote, adoption = _vote(entry)
    yes, no, abstain = _counts(entry, vote, adoption)
    title = _TITLE_RE.search(str(entry.get("resolution_title") or ""))
    return {
        "number": int(symbol.group(1)),
        "year": int(symbol.group(2)),
        "date": adopted,
        "meeting": f"S/PV.{meeting.group(1)}" if meeting else None,
        "topic": str(entry.get("agenda_item_name") or "").strip() or None,
        "vote": vote or None,
        "adoption": adoption,
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "title": title.group(1).strip() if title else None,
        "source": SOURCE,
    }


def read_metadata_dir(folder: Path, report: MetadataReport | None = None) -> pd.DataFrame:
    """Every readable row of ``folder/*.json`` (:data:`COLUMNS`), one per resolution.

    A resolution filed twice keeps its first row when both agree on the date and
    meeting (noted in ``report.duplicates``) and is dropped when they do not.

    >>> import tempfile
    >>> read_metadata_dir(Path(tempfile.mkdtemp())).empty
    True
    """
    report = report if report is not None else MetadataReport()
    rows: list[dict[str, object]] = []
    for path in sorted(folder.glob("*.json")):
        text = read_limited(path).decode("utf-8")
        for line_no, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                if not isinstance(entry, dict):
                    raise ValueError("line is not a JSON object")
                rows.append(metadata_row(entry))
            except ValueError as exc:
                report.skipped.append(f"{path.name}:{line_no}: {exc}")
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df[["yes", "no", "abstain"]] = df[["yes", "no", "abstain"]].astype("Int64")
    return _fold_duplicates(df, report).sort_values("number").reset_index(drop=True)


def _fold_duplicates(df: pd.DataFrame, report: MetadataReport) -> pd.DataFrame:
    keep: list[int] = []
    for number, group in df.groupby("number", sort=False):
        if len(group) == 1 or len(group[["date", "meeting"]].drop_duplicates()) == 1:
            keep.append(int(group.index[0]))
            if len(group) > 1:
                report.duplicates.append(f"{number}: {len(group)} identical entries, one kept")
        else:
            report.skipped.append(f"{number}: {len(group)} entries disagree on date or meeting")
    return df.loc[sorted(keep)]
