"""Chapter VII and Chapter VIII: is the chapter invoked, where, and how widely.

Places come from two sources, merged: the segmenter's flags on each paragraph
(``Paragraph.chapter_vii`` / ``chapter_viii``) and this module's own reading of the
paragraph texts, which also catches what the segmenter leaves aside: Chapter VII
articles ("Acting in accordance with Articles 39 and 41", an operative "Orders ...
pursuant to Article 40"), OCR slips in scanned texts ("acting under Chapter VI", "Acting
wider"; the UN's XML is not OCR, and there "Acting under Chapter VI" is meant: 1495), and
for Chapter VIII any recall of it ("Recalling the provisions of Chapter VIII").

A place is "preamble", a section letter ("B") or a paragraph label ("10"); the scope
is the widest place found: preamble > section > paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from bluehelmet.coding import patterns as P
from bluehelmet.coding.clauses import paragraph_key
from bluehelmet.documents.akn import XML_SUFFIXES
from bluehelmet.documents.model import Paragraph, Resolution

_ORDER = {"preamble": 0, "section": 1, "paragraph": 2}


@dataclass(frozen=True)
class ChapterSummary:
    """Invocation of one Charter chapter ("VII" or "VIII") in a resolution.

    ``where`` lists the places of the widest ``scope``; ``others`` the narrower ones;
    ``spans`` the (place, start, end) of each clause the text reading found; ``articles``
    the Charter articles an invoking paragraph names ("41" for "Acting under Article 41").
    """

    chapter: str
    invoked: bool
    scope: str
    where: tuple[str, ...]
    others: tuple[str, ...]
    spans: tuple[tuple[str, int, int], ...]
    articles: tuple[str, ...] = ()

    @property
    def detail(self) -> str:
        """The articles named, then the narrower places: "article 41; 7"."""
        return "; ".join([f"article {a}" for a in self.articles] + list(self.others))


def _place(p: Paragraph) -> tuple[str, str] | None:
    if p.kind in ("operative", "subparagraph"):
        return "paragraph", paragraph_key(p)
    if p.kind == "heading":
        return None
    if p.section:
        return "section", p.section
    return "preamble", "preamble"


def _found(p: Paragraph, chapter: str, ocr: bool) -> list[tuple[int, int]]:
    """Spans (relative to the paragraph) of clauses invoking ``chapter`` in ``p``; in an
    ``ocr`` text "Chapter VI" is read as VII."""
    spans = []
    seven = {"VII", "VI"} if ocr else {"VII"}
    for m in P.CHAPTER_CLAUSE.finditer(p.text):
        named = {m.group("a"), m.group("b")}
        if chapter == "VII" and named & seven or chapter == "VIII" and "VIII" in named:
            spans.append((m.start(), m.end()))
    if chapter == "VIII":
        spans += [(m.start(), m.end()) for m in P.CHAPTER_VIII.finditer(p.text)]
        return spans
    spans += [(m.start(), m.end()) for m in P.ARTICLE_CLAUSE.finditer(p.text)]
    if p.kind in ("operative", "subparagraph"):
        for m in P.ARTICLE_DECISION.finditer(p.text):
            heads = [h for h in P.HEAD.finditer(p.text, 0, m.start())]
            if heads and heads[-1].group("verb").lower() in P.ARTICLE_HEADS:
                spans.append((m.start(), m.end()))
    return spans


def chapter_summary(res: Resolution, chapter: str = "VII") -> ChapterSummary:
    """Where ``res`` invokes ``chapter`` ("VII" or "VIII") and the widest scope.

    >>> t = "Acting under Chapter VII of the Charter,\\n\\n1. Authorizes Member States"
    >>> p1 = Paragraph(0, "preamble", t[:40], 0, 40)
    >>> p2 = Paragraph(1, "operative", t[42:], 42, len(t), "1", chapter_vii="preamble")
    >>> s = chapter_summary(Resolution(1, 1990, None, t, (p1, p2)))
    >>> (s.invoked, s.scope, s.where, s.spans)
    (True, 'preamble', ('preamble',), (('preamble', 0, 24),))
    """
    flag = "chapter_vii" if chapter == "VII" else "chapter_viii"
    places: dict[str, str] = {}
    spans: list[tuple[str, int, int]] = []
    articles: set[str] = set()
    ocr = not str(res.source or "").lower().endswith(XML_SUFFIXES)
    low = P.lower(res.text)  # a plain find for the hint words is much faster than a regex
    for p in res.paragraphs:
        scope = getattr(p, flag)
        if scope is not None:
            label = {"preamble": "preamble", "section": p.section or "?"}.get(scope)
            places.setdefault(label or paragraph_key(p), scope)
        place = _place(p)
        if place is None or not any(low.find(w, p.start, p.end) >= 0 for w in P.CHAPTER_HINTS):
            continue
        for s, e in _found(p, chapter, ocr):
            kind, key = _regarding(p, e) or place
            if kind == "section" and place[0] == "paragraph":
                places.pop(place[1], None)
            places[key] = kind
            spans.append((key, p.start + s, p.start + e))
            articles.update(m.group("n") for m in P.INVOKED_ARTICLE.finditer(p.text))
    if not places:
        return ChapterSummary(chapter, False, "none", (), (), ())
    widest = min(places.values(), key=_ORDER.__getitem__)
    where = tuple(k for k, v in places.items() if v == widest)
    others = tuple(k for k, v in places.items() if v != widest)
    named = tuple(sorted(articles)) if chapter == "VII" else ()
    return ChapterSummary(chapter, True, widest, where, others, tuple(spans), named)


def _regarding(p: Paragraph, end: int) -> tuple[str, str] | None:
    """("section", "I") when the clause ending at ``end`` says "with regard to Section I"."""
    m = P.REGARD_SECTION.match(p.text, end)
    return ("section", m.group("id")) if m else None
