"""Cut normalised resolution text into heading, preamble, operative and other paragraphs.

Chapter VII/VIII scope follows where the "Acting under Chapter VII" clause stands
(also "Decides, under Chapter VII" and "Chapters VII and VIII"): in the preamble it
covers every operative paragraph ("preamble"); in an unnumbered paragraph at the head
of a section it covers that section ("section"); inside a numbered paragraph it covers
that paragraph and its subparagraphs ("paragraph"). A paragraph covered in several
ways gets the narrowest scope. Citations of Articles 39-51 without the word "Chapter"
are not read as a Chapter VII clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from bluehelmet.documents.metadata import Heading, parse_heading
from bluehelmet.documents.model import Paragraph, ParagraphKind, Scope
from bluehelmet.documents.normalise import ADVERBS, PREAMBLE_OPENERS, is_operative_start

CLAUSE = re.compile(
    r"\b(?:acting|decides?)\b,?(?:\s+(?:also|further|therefore|thus|accordingly),?)?"
    r"\s+under\s+chapters?\s+(VIII|VII)\b(?:\s+and\s+(VIII|VII)\b)?",
    re.I,
)
_SECTION = re.compile(r"^(?:[A-L]|[IVX]{1,5})\.?$")
_COUNCIL = re.compile(r"^The Security Council,?$")
_END = re.compile(r"^(?:Adopted|Adapted|Approved)\b(?! by the Security)|^(?:ANNEX|Annex)\b")
_NUMBER = re.compile(r"^(?P<n>\d{1,3})\s?[.,]\s+(?=\S)")
_LOOSE_NUMBER = re.compile(r"^(?P<n>[0-9ZSilILOo]{1,3})(?:\s?[.,]\s*|\s+)(?=[A-Z“\"(])")
_DIGIT_SLIPS = str.maketrans("ZSilILOo", "25111100")
_SUB = re.compile(
    r"^(?:\(\s?(?P<s>[a-z]{1,3}|[ivx]{1,5}|\d{1,2})\s?[)}\]]+|(?P<t>[a-z])\))\s*(?=\S)"
)
_DASH = re.compile(r"^[-—–•]\s")
_FOOTNOTE = re.compile(r"^(?:\d{1,3}/|\d{1,3}\s+(?:Ibid|Official Records|See|S/\d))")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class _State:
    part: Literal["head", "preamble", "operative", "end"] = "head"
    section: str | None = None
    number: str | None = None
    sub: str | None = None
    section_has_operative: bool = False
    preamble_scope: set[str] = field(default_factory=set)  # {"VII", "VIII"}
    section_scope: dict[str | None, set[str]] = field(default_factory=dict)
    paragraph_scope: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


def blocks(text: str) -> list[tuple[int, int, str]]:
    """The blank-line separated paragraphs of normalised ``text`` as (start, end, text).

    >>> blocks("A b\\n\\nC")
    [(0, 3, 'A b'), (5, 6, 'C')]
    """
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def clause_chapters(text: str) -> set[str]:
    """The chapters ("VII", "VIII") an acting clause in ``text`` invokes.

    >>> sorted(clause_chapters("16. Acting under Chapters VII and VIII of the Charter, calls"))
    ['VII', 'VIII']
    """
    found: set[str] = set()
    if "chapter" not in text.lower():  # every clause names one: skip the regex
        return found
    for match in CLAUSE.finditer(text):
        found.update(g.upper() for g in match.groups() if g)
    return found


@dataclass(frozen=True)
class Segmentation:
    """Paragraphs of a text, its heading and warnings about its structure."""

    paragraphs: tuple[Paragraph, ...]
    heading: Heading
    warnings: tuple[str, ...]


def segment(text: str) -> Segmentation:
    """Split normalised ``text`` into paragraphs (heading, preamble, operative, ...).

    >>> paras = segment("Resolution 1 (1946)\\n\\nThe Security Council,\\n\\n"
    ...     "Acting under Chapter VII of the Charter,\\n\\n1. Decides to act.").paragraphs
    >>> [(p.kind, p.number, p.chapter_vii) for p in paras]
    [('heading', None, None), ('other', None, None), ('preamble', None, None), \
('operative', '1', 'preamble')]
    """
    parts = blocks(text)
    heading = parse_heading(parts)
    state = _State(warnings=list(heading.warnings))
    spans: list[tuple[int, int, ParagraphKind, _Attrs]] = []
    if heading.span is None:
        state.part = "preamble"
    for start, end, para in parts:
        if heading.span and end <= heading.span[0]:
            spans.append((start, end, "other", {}))
        elif heading.span and start < heading.span[1]:
            if start == heading.span[0]:
                spans.append((start, heading.span[1], "heading", {}))
                state.part = "preamble"
        else:
            kind, attrs = _classify(para, state)
            spans.append((start, end, kind, attrs))
    paragraphs = tuple(
        Paragraph(i, kind, text[start:end], start, end, **attrs)
        for i, (start, end, kind, attrs) in enumerate(spans)
    )
    return Segmentation(paragraphs, heading, tuple(state.warnings))


_Attrs = dict[str, Any]


def _classify(para: str, state: _State) -> tuple[ParagraphKind, _Attrs]:
    """Kind and attributes of one paragraph, given and updating the reading ``state``."""
    chapters = clause_chapters(para)
    if state.part == "end":
        return "other", {}
    if _END.match(para):
        state.part = "end"
        return "other", {}
    section = _section_label(para, state)
    if section:
        state.section, state.number, state.sub = section, None, None
        state.section_has_operative = False
        return "section", {"section": state.section}
    if _COUNCIL.match(para):
        state.part = "preamble"
        return "other", {"section": state.section}
    number = _paragraph_number(para, state)
    if number is not None:
        state.number = number
        return _operative(state, chapters)
    sub = _SUB.match(para) or _DASH.match(para)
    if sub and state.part != "operative" and is_operative_start(para[sub.end() :]):
        state.number = None
        _operative(state, set())
    if sub and state.part == "operative":
        groups = sub.groupdict()
        state.sub = _sub_label(groups.get("s") or groups.get("t"), state)
        attrs = _attrs(state, chapters | state.paragraph_scope)
        return "subparagraph", attrs | {"sub": state.sub}
    if _FOOTNOTE.match(para) or para[:1].isdigit():
        return "other", {"section": state.section}
    if is_operative_start(para):
        state.number = None
        return _operative(state, chapters)
    if state.part == "preamble" or (not state.section_has_operative and _preambular(para)):
        if chapters:
            if state.section is None:
                state.preamble_scope |= chapters
            else:
                state.section_scope.setdefault(state.section, set()).update(chapters)
        return "preamble", {"section": state.section}
    if chapters and _preambular(para):
        state.warnings.append(
            "Chapter VII/VIII clause between operative paragraphs outside a lettered "
            "section: applied to the paragraphs after it as a section"
        )
        state.section_scope.setdefault(state.section, set()).update(chapters)
        state.section_has_operative = False
    return "other", {"section": state.section}


def _operative(state: _State, chapters: set[str]) -> tuple[ParagraphKind, _Attrs]:
    state.part, state.section_has_operative, state.sub = "operative", True, None
    state.paragraph_scope = set(chapters)
    return "operative", _attrs(state, chapters)


def _attrs(state: _State, own: set[str]) -> _Attrs:
    """Number, section and Chapter VII/VIII scope (the narrowest clause that covers it)."""
    attrs: _Attrs = {"number": state.number, "section": state.section}
    for chapter, name in (("VII", "chapter_vii"), ("VIII", "chapter_viii")):
        scope: Scope | None = None
        if chapter in own:
            scope = "paragraph"
        elif chapter in state.section_scope.get(state.section, set()):
            scope = "section"
        elif chapter in state.preamble_scope:
            scope = "preamble"
        attrs[name] = scope
    return attrs


def _section_label(para: str, state: _State) -> str | None:
    """Letter of a section heading line ("B"); a lower-case one counts if it is the next."""
    if _SECTION.match(para):
        return para.rstrip(".")
    if re.fullmatch(r"[a-l]\.?", para) and state.section and len(state.section) == 1:
        expected = chr(ord(state.section) + 1)
        if para[0].upper() == expected:
            state.warnings.append(f"section heading {para!r} read as {expected}")
            return expected
    return None


def _preambular(para: str) -> bool:
    """Whether a paragraph opens like a preambular one ("Recalling", "Strongly condemning")."""
    words = re.findall(r"[A-Za-z]+", para[:60])
    while len(words) > 1 and words[0] in ADVERBS:
        words = words[1:]
    return bool(words) and (words[0].capitalize() in PREAMBLE_OPENERS or words[0].endswith("ing"))


def _paragraph_number(para: str, state: _State) -> str | None:
    """The printed number of an operative paragraph, or None when it has none.

    An OCR-mangled number ("ll.", "Z.", "S.", "7 Calls", "6.Calls") is accepted only
    when it reads as the number expected next and an operative verb follows.
    """
    previous = state.number if state.number and state.number.isdigit() else None
    expected = str(int(previous) + 1) if previous else "1"
    strict = _NUMBER.match(para)
    if strict and strict["n"].isdigit():
        if previous and strict["n"] != expected and strict["n"] != "1":
            state.warnings.append(f"paragraph {strict['n']} follows paragraph {previous}")
        return strict["n"]
    loose = _LOOSE_NUMBER.match(para)
    if (
        loose
        and loose["n"].translate(_DIGIT_SLIPS) == expected
        and is_operative_start(para[loose.end() :])
    ):
        state.warnings.append(f"paragraph number {loose.group().strip()!r} read as {expected}")
        return expected
    return None


def _sub_label(raw: str | None, state: _State) -> str | None:
    """Subparagraph letter; an OCR slip ("ad" for "d", "2" for "a") is read as the next letter."""
    if raw is None:
        return None
    previous = state.sub.split(".")[0] if state.sub else None
    expected = "a"
    if previous and len(previous) == 1 and previous in _LETTERS[:-1]:
        expected = _LETTERS[_LETTERS.index(previous) + 1]
    roman = re.fullmatch(r"[ivx]+", raw) is not None
    if raw == expected or (roman and re.fullmatch(r"[ivx]+", state.sub or "")):
        return raw
    if previous and roman:
        return f"{previous}.{raw}"
    if (raw.isdigit() and (previous is not None or raw in ("1", "2"))) or (
        len(raw) in (2, 3) and expected in raw
    ):
        state.warnings.append(f"subparagraph label ({raw}) read as ({expected})")
        return expected
    return raw
