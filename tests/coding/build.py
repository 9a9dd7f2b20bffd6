"""Build small Resolution objects from hand-written text (tests only).

Paragraphs are separated by blank lines: "N. ..." is operative, "(a) ..." a
subparagraph of the last operative paragraph, a lone capital letter a section
heading, anything else preamble. Chapter flags are left unset unless asked for.
"""

from __future__ import annotations

import re

from bluehelmet.documents.model import Paragraph, Resolution, Scope

_NUM = re.compile(r"^(\d{1,3})\.\s")
_SUB = re.compile(r"^\(([a-z]{1,3})\)\s")
_SECTION = re.compile(r"^[A-Z]$")


def make_resolution(
    text: str,
    number: int | None = 1,
    year: int | None = 1993,
    chapter_vii: dict[str, Scope] | None = None,
) -> Resolution:
    """A Resolution whose paragraphs are the blank-line separated blocks of ``text``.

    ``chapter_vii`` maps paragraph labels to the flag to set on them.
    """
    paragraphs: list[Paragraph] = []
    number_now: str | None = None
    section: str | None = None
    seen_operative = False
    for m in re.finditer(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*", text):
        block, start, end = m.group(), m.start(), m.end()
        i = len(paragraphs)
        if _SECTION.match(block):
            section = block
            paragraphs.append(Paragraph(i, "section", block, start, end, section=section))
            continue
        num, sub = _NUM.match(block), _SUB.match(block)
        if num:
            number_now, seen_operative = num.group(1), True
            p = Paragraph(i, "operative", block, start, end, number_now, None, section)
        elif sub and seen_operative:
            p = Paragraph(i, "subparagraph", block, start, end, number_now, sub.group(1), section)
        else:
            p = Paragraph(i, "preamble", block, start, end, section=section)
        flags = chapter_vii or {}
        if p.label in flags:
            p = Paragraph(
                p.index,
                p.kind,
                p.text,
                p.start,
                p.end,
                p.number,
                p.sub,
                p.section,
                chapter_vii=flags[p.label],
            )
        paragraphs.append(p)
    return Resolution(number, year, None, text, tuple(paragraphs))
