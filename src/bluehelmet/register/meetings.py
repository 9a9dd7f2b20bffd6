"""Parse the UN "Meetings conducted / actions taken by the Security Council" tables.

The UN publishes one HTML table per year (``scactYYYY_table_en.html``): meeting record,
date, sometimes a press release or webcast column, topic, and the outcome ("S/RES/1270
(1999) 15-0-0", "adopted unanimously", "without vote"). Layouts differ from year to year:
4, 5 or 7 columns, ``rowspan`` cells, blank cells continuing the meeting above, several
resolutions in one cell, ``</br>`` tags. This module turns them into one row per resolution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import lxml.html
import pandas as pd
from lxml import etree
from lxml.html import HtmlElement

from bluehelmet.errors import DataFormatError

SOURCE = "un_sc_meetings"
COLUMNS = (
    "number",
    "year",
    "date",
    "meeting",
    "topic",
    "vote",
    "adoption",
    "yes",
    "no",
    "abstain",
    "source",
)
PAGE_RE = re.compile(r"scact(\d{4})(?:_[a-z]+)?_table_en\.html?$")

_BR = "\u2028"  # marks a <br> inside cell text; collapsed whitespace never contains it
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_RES_RE = re.compile(r"S/RES/\s*(\d+)\s*\(\s*(\d{4})\s*\)?")
_PV_RE = re.compile(r"S/PV\.\s*(\d+)(?:\s*\(\s*(Resumption)\s*(\d*)\s*\))?", re.IGNORECASE)
_STOP_RE = re.compile(r"S/|draft|communiqu|election", re.IGNORECASE)
_COUNTS_RE = re.compile(r"(\d+)\s*-\s*(\d+)\s*-\s*(\d+)(?:\s*\(\s*\d+\s+absent\s*\))?")
_UNANIMOUS_RE = re.compile(r"adopted\s+unanimously", re.IGNORECASE)
_NO_VOTE_RE = re.compile(r"without\s+(?:a\s+)?vote|adopted\s+by\s+consensus", re.IGNORECASE)
_JOINER_RE = re.compile(r"^\s*(?:and|&|,|\+)?\s*$", re.IGNORECASE)
_DATE_RE = re.compile(r"^(\d{1,2})(?:\s*(?:-|/|\+|&|and)\s*(\d{1,2}))?\s+([A-Za-z]+)\.?$")
# Misprinted symbols in the UN tables, each checked against the resolution's text
# (CR-UNSC gold texts): (meeting, number, year) as printed -> (number, year).
ERRATA: dict[tuple[str, int, int], tuple[int, int]] = {
    ("S/PV.1236", 207, 1964): (207, 1965),
    ("S/PV.2939", 663, 1990): (666, 1990),
    ("S/PV.2990", 701, 1991): (695, 1991),
    ("S/PV.3106", 770, 1991): (770, 1992),
    ("S/PV.3106", 771, 1991): (771, 1992),
}
# Meetings that ran past midnight: the table gives the day the meeting opened, the
# resolution's text (CR-UNSC gold texts) the day it was adopted, which we keep.
ADOPTION_DATES: dict[int, date] = {
    46: date(1948, 4, 17),
    143: date(1960, 7, 14),
    145: date(1960, 7, 22),
    146: date(1960, 8, 9),
    161: date(1961, 2, 21),
    313: date(1972, 2, 28),
    338: date(1973, 10, 22),
    521: date(1982, 9, 19),
    # Not in the shared texts; later resolutions cite it as "918 (1994) of 17 May 1994".
    918: date(1994, 5, 17),
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass
class ParseReport:
    """What :func:`parse_meetings_dir` left out: pages skipped and conflicting duplicates."""

    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Vote:
    text: str | None = None
    adoption: str = "unknown"
    counts: tuple[int, int, int] | None = None


@dataclass(frozen=True)
class _Row:
    line: int
    cells: tuple[str, ...]
    note: bool


def _text(el: HtmlElement) -> str:
    """Cell text with whitespace collapsed and each ``<br>`` kept as ``_BR``."""
    return _SPACE_RE.sub(" ", el.text_content()).strip()


def _mark_breaks(root: HtmlElement) -> None:
    for br in root.iter("br"):
        br.tail = _BR + (br.tail or "")


def _grid(table: HtmlElement) -> Iterator[_Row]:
    """Rows of a table with ``rowspan``/``colspan`` cells copied into every slot they cover."""
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows left, text)
    for tr in table.iter("tr"):
        cells: list[str] = []
        physical = [c for c in tr if c.tag in ("td", "th")]
        queue = list(physical)
        col = 0
        while queue or col in pending:
            if col in pending:
                left, text = pending.pop(col)
                cells.append(text)
                if left > 1:
                    pending[col] = (left - 1, text)
                col += 1
                continue
            cell = queue.pop(0)
            text = _text(cell)
            for _ in range(_span(cell, "colspan")):
                if _span(cell, "rowspan") > 1:
                    pending[col] = (_span(cell, "rowspan") - 1, text)
                cells.append(text)
                col += 1
        note = len(physical) == 1 and _span(physical[0], "colspan") > 1
        yield _Row(tr.sourceline or 0, tuple(cells), note)


def _span(cell: HtmlElement, attr: str) -> int:
    digits = re.sub(r"\D", "", cell.get(attr, "1"))
    return max(int(digits), 1) if digits else 1


def _header_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Map meeting/date/topic/outcome to column indexes if ``cells`` is the header row."""
    names = [c.replace(_BR, " ").strip().lower() for c in cells]
    if "date" not in names or "topic" not in names:
        return None
    found = {"date": names.index("date"), "topic": names.index("topic")}
    for i, name in enumerate(names):
        if name.startswith("meeting"):
            found.setdefault("meeting", i)
        elif "council" in name and "outcome" in name:
            found["outcome"] = i
    return found if len(found) == 4 else None


def _find_table(root: HtmlElement, name: str) -> tuple[list[_Row], dict[str, int]]:
    for table in root.iter("table"):
        rows = list(_grid(table))
        for i, row in enumerate(rows):
            cols = _header_columns(row.cells)
            if cols is not None:
                return rows[i + 1 :], cols
    raise DataFormatError(f"{name}: no meetings table (no header row with Date and Topic)")


def parse_date(text: str, year: int) -> date:
    """ISO date of a table's date cell; for a meeting over two days, the later day.

    >>> parse_date("22/23 November", 1970)
    datetime.date(1970, 11, 23)
    >>> parse_date("15 Sep.", 2004)
    datetime.date(2004, 9, 15)
    """
    m = _DATE_RE.match(text.replace(_BR, " ").strip())
    if m is None or m.group(3)[:3].lower() not in _MONTHS:
        raise ValueError(f"cannot read date {text!r}")
    day = int(m.group(2) or m.group(1))
    return date(year, _MONTHS.index(m.group(3)[:3].lower()) + 1, day)


def parse_meeting(text: str) -> str | None:
    """Meeting record symbol, without ``(closed)``, parts or corrigenda.

    >>> parse_meeting("S/PV.4081 (Resumption 1)+Corr.1")
    'S/PV.4081 (Resumption 1)'
    >>> parse_meeting("S/PV.846 (closed)")
    'S/PV.846'
    >>> parse_meeting("--") is None
    True
    """
    m = _PV_RE.search(text)
    if m is None:
        return None
    if m.group(2):
        return f"S/PV.{m.group(1)} (Resumption {m.group(3) or 1})"
    return f"S/PV.{m.group(1)}"


def parse_vote(text: str) -> _Vote:
    """The first vote phrase in ``text`` (the outcome text after a resolution symbol)."""
    found: list[tuple[int, _Vote]] = []
    if m := _COUNTS_RE.search(text):
        counts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        found.append((m.start(), _Vote(_SPACE_RE.sub(" ", m.group(0)), "vote", counts)))
    if m := _UNANIMOUS_RE.search(text):
        found.append((m.start(), _Vote(_SPACE_RE.sub(" ", m.group(0)), "unanimous")))
    if m := _NO_VOTE_RE.search(text):
        found.append((m.start(), _Vote(_SPACE_RE.sub(" ", m.group(0)), "without_vote")))
    return min(found, key=lambda x: x[0])[1] if found else _Vote()


def parse_outcome(text: str) -> list[tuple[int, int, _Vote]]:
    """Resolutions in an outcome cell as (number, year, vote), in the order printed.

    >>> [(n, y, v.text) for n, y, v in parse_outcome("S/RES/15 (1946) adopted unanimously")]
    [(15, 1946, 'adopted unanimously')]
    >>> [(n, v.counts) for n, _, v in parse_outcome("S/RES/7 (2010) and S/RES/8 (2010) 15-0-0")]
    [(7, (15, 0, 0)), (8, (15, 0, 0))]
    """
    flat = text.replace(_BR, " ")
    matches = list(_RES_RE.finditer(flat))
    out: list[tuple[int, int, _Vote]] = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(flat)
        tail = flat[m.end() : end]
        stop = _STOP_RE.search(tail)
        tail = tail[: stop.start()] if stop else tail
        out.append((int(m.group(1)), int(m.group(2)), parse_vote(tail)))
    return _share_votes(out, flat, matches)


def _share_votes(
    out: list[tuple[int, int, _Vote]], flat: str, matches: list[re.Match[str]]
) -> list[tuple[int, int, _Vote]]:
    """``S/RES/a and S/RES/b 15-0-0``: a vote printed once after joined symbols covers both."""
    for i in range(len(out) - 2, -1, -1):
        between = flat[matches[i].end() : matches[i + 1].start()]
        if out[i][2].text is None and _JOINER_RE.match(between) and out[i + 1][2].text:
            out[i] = (out[i][0], out[i][1], out[i + 1][2])
    return out


def _topic(text: str) -> str | None:
    parts = [p.strip() for p in text.split(_BR)]
    topic = ";".join(p for p in parts if p)
    return topic or None


def parse_meetings_page(html: str, year: int, name: str = "<page>") -> pd.DataFrame:
    """One row per resolution in one year's meetings table (columns of ``resolutions.csv``).

    ``name`` (the file name) is used in error messages only.

    >>> page = '''<table><tr><th>Meeting Record</th><th>Date</th><th>Topic</th>
    ... <th>Security Council<br> Outcome / Vote</th></tr>
    ... <tr><td>S/PV.4054</td><td>22 October</td><td>Sierra Leone</td>
    ... <td><a href="https://undocs.org/en/S/RES/1270%20(1999)">S/RES/1270 (1999)</a><br>
    ... 15-0-0</td></tr></table>'''
    >>> row = parse_meetings_page(page, 1999).iloc[0]
    >>> int(row["number"]), row["date"], row["meeting"], row["vote"], int(row["yes"])
    (1270, '1999-10-22', 'S/PV.4054', '15-0-0', 15)
    """
    root = _parse_html(html, name)
    rows, cols = _find_table(root, name)
    records: list[dict[str, object]] = []
    meeting_text, date_text = "", ""
    for row in rows:
        if row.note or len(row.cells) <= cols["topic"]:
            continue
        meeting_text = _cell(row, cols["meeting"]) or meeting_text
        date_text = _cell(row, cols["date"]) or date_text
        resolutions = parse_outcome(_cell(row, cols["outcome"]))
        if not resolutions:
            continue
        try:
            day = parse_date(date_text, year)
        except ValueError as exc:
            raise DataFormatError(f"{name} line {row.line}: {exc}") from None
        for number, res_year, vote in resolutions:
            records.append(_record(number, res_year, day, meeting_text, row, cols, vote))
    return _frame(records)


def _parse_html(html: str, name: str) -> HtmlElement:
    html = re.sub(r"</\s*br\s*>", "<br>", html, flags=re.IGNORECASE)
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, etree.ParserError) as exc:
        raise DataFormatError(f"{name}: not readable as HTML ({exc})") from None
    _mark_breaks(root)
    return root


def _cell(row: _Row, index: int) -> str:
    return row.cells[index] if index < len(row.cells) else ""


def _record(
    number: int,
    res_year: int,
    day: date,
    meeting_text: str,
    row: _Row,
    cols: dict[str, int],
    vote: _Vote,
) -> dict[str, object]:
    yes, no, abstain = vote.counts or (None, None, None)
    meeting = parse_meeting(meeting_text)
    number, res_year = ERRATA.get((meeting or "", number, res_year), (number, res_year))
    day = ADOPTION_DATES.get(number, day)
    return {
        "number": number,
        "year": res_year,
        "date": day.isoformat(),
        "meeting": meeting,
        "topic": _topic(_cell(row, cols["topic"])),
        "vote": vote.text,
        "adoption": vote.adoption,
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "source": SOURCE,
    }


def _frame(records: list[dict[str, object]]) -> pd.DataFrame:
    df = pd.DataFrame(records, columns=list(COLUMNS))
    for col in ("number", "year", "yes", "no", "abstain"):
        df[col] = df[col].astype("Int64")
    for col in ("date", "meeting", "topic", "vote", "adoption", "source"):
        df[col] = df[col].astype("string")
    return df


def page_year(path: Path) -> int | None:
    """Year of a yearly meetings page from its file name, None for other pages.

    >>> page_year(Path("scact2020_covid_table_en.html"))
    2020
    >>> page_year(Path("scact_veto_table_en.html")) is None
    True
    """
    m = PAGE_RE.search(path.name)
    return int(m.group(1)) if m else None


def parse_meetings_dir(path: str | Path, report: ParseReport | None = None) -> pd.DataFrame:
    """All resolutions in a folder of yearly pages, one row per number, sorted by number.

    Pages are read in file-name order. A page that cannot be read is skipped; a number met
    twice keeps its first row. Pass a :class:`ParseReport` to learn which pages were skipped
    (and why) and which numbers had conflicting duplicates; files that are not yearly pages
    (e.g. ``scact_veto_table_en.html``) are listed as skipped too.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "scact1999_table_en.html").write_text("<p>no table</p>")
    >>> rep = ParseReport()
    >>> len(parse_meetings_dir(folder, rep)), rep.skipped[0][0]
    (0, 'scact1999_table_en.html')
    """
    report = report if report is not None else ParseReport()
    frames: list[pd.DataFrame] = []
    for file in sorted(Path(path).glob("scact*.htm*")):
        year = page_year(file)
        if year is None:
            report.skipped.append((file.name, "not a yearly meetings page"))
            continue
        try:
            html = file.read_text(encoding="utf-8", errors="replace")
            frames.append(parse_meetings_page(html, year, file.name))
        except DataFormatError as exc:
            report.skipped.append((file.name, str(exc)))
    if not frames:
        return _frame([])
    return _dedupe(pd.concat(frames, ignore_index=True), report)


def _dedupe(df: pd.DataFrame, report: ParseReport) -> pd.DataFrame:
    """Keep the first row of each number; record numbers whose repeats differ."""
    for number, group in df[df["number"].duplicated(keep=False)].groupby("number"):
        if len(group.drop_duplicates()) > 1:
            first = group.iloc[0]
            report.duplicates.append(
                f"S/RES/{number}: kept {first['date']} {first['meeting']}, dropped "
                + "; ".join(f"{r['date']} {r['meeting']}" for _, r in group.iloc[1:].iterrows())
            )
    df = df.drop_duplicates(subset="number", keep="first")
    return df.sort_values("number", kind="stable").reset_index(drop=True)
