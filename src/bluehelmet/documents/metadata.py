"""Resolution number, year and adoption date from a heading or a file name (OCR-tolerant)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Heading line styles, tried in order on each paragraph of the normalised text.
HEADINGS = (
    # "Resolution 814 (1993) of 26 March 1993", "RESOLUTION 794 (1992)", "Resolution 290"
    re.compile(
        r"^RESOLUTION\s+(?P<number>\d{1,4})\s*(?:\((?P<year>[^)]{2,12})\))?\s*(?P<rest>.*)$", re.I
    ),
    # "61 (1948). Resolution of 4 November 1948", "1 (1946) Resolution of 25 January 1946"
    re.compile(r"^(?P<number>\d{1,4})\s*\((?P<year>[^)]{2,12})\)\.?\s+Resolution\b(?P<rest>.*)$"),
)
# Symbol style, a fallback: "United Nations S/RES/1445 (2002)", "S/RES/902 (1994)".
SYMBOL = re.compile(r"\bS/RES/(?P<number>\d{1,4})\s*\((?P<year>\d{4})\)")
_DATE = re.compile(
    r"(?P<day>\d[lIif|](?=\s)|\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z\]\[|]{3,10})\.?,?\s+"
    r"[^\d\s]?(?P<year>\d{4})\b"
)
_DAY_SLIPS = str.maketrans("lIif|", "11111")
_REST_START = re.compile(r"^(?:of|ef|Of|on)\b")

# File-name styles: "S_RES_0814_1993_EN_GOLD.txt", "S-RES-1270(1999).pdf", "S_RES_1270_(1999)".
_FILE_STYLES = (
    re.compile(r"^S[_-]RES[_-](?P<number>\d{1,4})[_-](?P<year>\d{4})(?!\d)", re.I),
    re.compile(r"^S[_-]RES[_-](?P<number>\d{1,4})\s*[_-]?\((?P<year>\d{4})\)", re.I),
    re.compile(r"^S[_-]RES[_-](?P<number>\d{1,4})(?!\d)", re.I),
)


@dataclass
class Heading:
    """What a heading says; ``span`` is the character range of the heading paragraph(s)."""

    number: int | None = None
    year: int | None = None
    date: date | None = None
    span: tuple[int, int] | None = None
    warnings: list[str] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """The first "day month year" in ``text``, tolerant of OCR slips in the month name.

    >>> parse_date("Resolution 206 (1965) ef 15 Jume 1965")
    datetime.date(1965, 6, 15)
    """
    for match in _DATE.finditer(text):
        month = re.sub(r"[\]\[|]", "l", match["month"]).lower()
        close = difflib.get_close_matches(month, MONTHS, n=1, cutoff=0.7)
        if not close:
            continue
        try:
            day = int(match["day"].translate(_DAY_SLIPS))
            return date(int(match["year"]), MONTHS.index(close[0]) + 1, day)
        except ValueError:
            continue
    return None


def number_from_filename(name: str) -> tuple[int | None, int | None]:
    """Resolution number and year from a file name, ``(None, None)`` when it has none.

    >>> number_from_filename("S-RES-1270(1999).pdf"), number_from_filename("N9932699.pdf")
    ((1270, 1999), (None, None))
    """
    for style in _FILE_STYLES:
        match = style.match(name)
        if match:
            year = match.groupdict().get("year")
            return int(match["number"]), int(year) if year else None
    return None, None


def _year(raw: str | None) -> int | None:
    digits = re.sub(r"\D", "", raw or "")
    return int(digits) if len(digits) == 4 and 1945 <= int(digits) <= 2100 else None


def parse_heading(paragraphs: list[tuple[int, int, str]]) -> Heading:
    """Find the heading among the first paragraphs (start, end, text) and read it.

    The heading is the "Resolution N (YYYY)" paragraph plus any date line, adoption
    line ("Adopted by the Security Council at its ... meeting, on ...") and document
    symbol ("[S/1070]") right after it.

    >>> h = parse_heading([(0, 21, "RESOLUTION 794 (1992)"),
    ...     (23, 90, "Adopted by the Security Council at its 3145th meeting, on 3 December 1992")])
    >>> h.number, h.year, h.date, h.span
    (794, 1992, datetime.date(1992, 12, 3), (0, 90))
    """
    found = Heading()
    heading_text = ""
    for i, (start, end, text) in enumerate(paragraphs[:40]):
        match = next((m for m in (h.match(text) for h in HEADINGS) if m), None)
        if match is None or (match["rest"] and not _plausible_rest(match["rest"])):
            continue
        found.number = int(match["number"])
        found.year = _year(match["year"])
        if match["year"] and found.year is None:
            found.warnings.append(f"unreadable year in heading {text[:40]!r}")
        last, heading_text = end, text
        for _, end2, text2 in paragraphs[i + 1 : i + 4]:
            if not _heading_tail(text2):
                break
            last, heading_text = end2, f"{heading_text} {text2}"
        found.span = (start, last)
        found.date = parse_date(heading_text)
        break
    if found.number is None:
        head = " ".join(text for _, _, text in paragraphs[:12])
        symbol = SYMBOL.search(head)
        if symbol:
            found.number, found.year = int(symbol["number"]), int(symbol["year"])
            found.date = found.date or parse_date(head[symbol.end() : symbol.end() + 200])
    if found.date is None and found.year is not None and heading_text:
        found.date = _day_month(heading_text, found.year)
        if found.date is not None:
            found.warnings.append("year of the adoption date unreadable: heading year used")
    if found.date is not None and found.year != found.date.year:
        if found.year is not None:
            found.warnings.append(
                f"heading year {found.year} but date {found.date.isoformat()}: date's year used"
            )
        found.year = found.date.year
    return found


def _day_month(text: str, year: int) -> date | None:
    """A "day month" without a readable year, completed with ``year``."""
    for match in re.finditer(r"(\d{1,2})\s+([A-Za-z\]\[|]{3,10})\b", text):
        month = re.sub(r"[\]\[|]", "l", match[2]).lower()
        close = difflib.get_close_matches(month, MONTHS, n=1, cutoff=0.7)
        if close:
            try:
                return date(year, MONTHS.index(close[0]) + 1, int(match[1]))
            except ValueError:
                continue
    return None


def _plausible_rest(rest: str) -> bool:
    """What may follow "Resolution N (YYYY)" on a heading line: a date, nothing else."""
    rest = rest.strip(" .,")
    return not rest or bool(_REST_START.match(rest)) or parse_date(rest) is not None


def _heading_tail(text: str) -> bool:
    return bool(
        re.match(r"^(?:of|ef|Of|on)\s+\d", text)
        or re.match(r"^Adopted by the Security\b", text)
        or re.match(r"^[\[(]S/[^\s]*[\])}]*$", text)
        or re.match(r"^[\[(]\d+/\d+[\])}]$", text)
        or (parse_date(text) is not None and len(text) < 30)
    )
