"""The resolution model: a normalised text cut into numbered paragraphs.

Every paragraph keeps its character span in ``Resolution.text`` so that codes
can cite their evidence as (resolution, paragraph, start, end).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ParagraphKind = Literal["heading", "preamble", "operative", "subparagraph", "section", "other"]
Scope = Literal["preamble", "section", "paragraph"]
DocumentKind = Literal["resolution", "presidential_statement", "draft"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a resolution.

    ``number`` is the operative paragraph number as printed ("14"); a
    subparagraph has its parent's number and ``sub`` ("a"); ``section`` is the
    section letter ("B") the paragraph falls under, if any. ``chapter_vii`` and
    ``chapter_viii`` give the scope of an "Acting under Chapter VII/VIII" clause
    that covers this paragraph (None when none does). ``start``/``end`` are
    character offsets into ``Resolution.text``; ``text`` equals that slice.
    """

    index: int
    kind: ParagraphKind
    text: str
    start: int
    end: int
    number: str | None = None
    sub: str | None = None
    section: str | None = None
    chapter_vii: Scope | None = None
    chapter_viii: Scope | None = None

    @property
    def label(self) -> str:
        """Citable label: "14", "8(a)", "B.3", "preamble 2"."""
        if self.number is None:
            return f"{self.kind} {self.index}"
        base = f"{self.section}.{self.number}" if self.section else self.number
        return f"{base}({self.sub})" if self.sub else base


@dataclass(frozen=True)
class Resolution:
    """A Security Council document: metadata, normalised text and paragraphs.

    ``kind`` is "resolution" unless an AKN file says it is a presidential statement or
    a draft not adopted. ``doc_symbol``, ``meeting`` ("S/PV.6952"), ``vote`` (the UN's
    words) and ``votes`` ((position, member) pairs) come from AKN metadata; ``un_chapter_vii``
    is the UN's own Chapter VII marker there (None for texts without one).
    """

    number: int | None
    year: int | None
    date: date | None
    text: str
    paragraphs: tuple[Paragraph, ...]
    source: str = "<string>"
    sha256: str = ""
    warnings: tuple[str, ...] = field(default=())
    kind: DocumentKind = "resolution"
    doc_symbol: str | None = None
    meeting: str | None = None
    vote: str | None = None
    un_chapter_vii: bool | None = None
    votes: tuple[tuple[str, str], ...] = field(default=())

    @property
    def symbol(self) -> str:
        """ "S/RES/1270 (1999)", "S/PRST/2015/1", or "S/RES/? (?)" when unknown."""
        if self.doc_symbol:
            return self.doc_symbol
        if self.kind == "presidential_statement":
            return "S/PRST/?"
        return f"S/RES/{self.number or '?'} ({self.year or '?'})"

    def operative(self) -> tuple[Paragraph, ...]:
        """Operative paragraphs and their subparagraphs, in order."""
        return tuple(p for p in self.paragraphs if p.kind in ("operative", "subparagraph"))
