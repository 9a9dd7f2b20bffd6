"""Read facts from the heads of the CR-UNSC resolution texts (tests only)."""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

from bluehelmet.documents.metadata import MONTHS

_MONTHS = MONTHS
_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z\]]{3,10})\.?\s+(\d{4})")


def text_path(texts: Path, number: int) -> Path | None:
    """The text file of resolution ``number``, if the corpus has it."""
    found = sorted(texts.glob(f"S_RES_{number:04d}_*_EN_GOLD.txt"))
    return found[0] if found else None


def text_date(path: Path) -> date | None:
    """The adoption date printed in the heading, before "The Security Council" (OCR-tolerant)."""
    flat = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
    head = flat.split("The Security Council", 1)[0][:300]
    for day, month, year in _DATE.findall(head):
        close = difflib.get_close_matches(month.lower(), _MONTHS, n=1, cutoff=0.7)
        if close:
            return date(int(year), _MONTHS.index(close[0]) + 1, int(day))
    return None


def acts_under_chapter_vii(path: Path) -> bool:
    """Whether the text says it acts under Chapter VII (line breaks and hyphens undone)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    flat = " ".join(text.replace("-\n", "").split()).lower()
    return re.search(r"acting\s+under\s+chapter\s+vii\b", flat) is not None
