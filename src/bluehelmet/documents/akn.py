"""Read the UN's Akoma Ntoso (AKN4UN) XML resolutions by their markup.

Number, symbol and adoption date come from the FRBR identification and the
cover page, never from the file name; the meeting symbol and the vote from the
workflow step; the UN's own Chapter VII marker (``refersTo="Chapter VII"``) is
kept as ``un_chapter_vii`` and never used as the coder's answer. The text is
rebuilt from the elements: one block per preamble paragraph, operative paragraph
and sub-item, so every paragraph's span into ``Resolution.text`` is exact.

Untrusted XML: no DTD is loaded, no entity expanded, no network touched; a file
that declares a DOCTYPE or entities (a "billion laughs") is refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bluehelmet.documents.model import DocumentKind, Paragraph, ParagraphKind, Resolution, Scope
from bluehelmet.documents.normalise import is_operative_start
from bluehelmet.documents.segment import clause_chapters
from bluehelmet.errors import DataFormatError

XML_SUFFIXES = (".xml", ".akn")
MAX_XML_BYTES = 16 * 1024 * 1024
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_N = f"{{{AKN_NS}}}"
_KINDS: tuple[tuple[re.Pattern[str], DocumentKind], ...] = (
    (re.compile(r"^S/RES/\d+"), "resolution"),
    (re.compile(r"^S/PRST/\d{4}/\d+"), "presidential_statement"),
    (re.compile(r"^S/\d{4}/\d+"), "draft"),
)
_HEADING_CLASSES = {"H1", "H23", "H4", "HCh", "BLUEHeadingH2", "Heading1"}
_SECTION_ID = re.compile(r"^(?P<id>[A-L]|[IVX]{1,5})(?:\.\s+|\s*$)")
_OPERATIVE_NUM = re.compile(r"^(\d{1,3})\s*[.,]?$")
_SUB_NUM = re.compile(r"^\(?\s*([A-Za-z]{1,4}|\d{1,2})\s*[).]?$")
_REGARD = re.compile(r"with (?:regard|respect) to section (?P<id>[A-L]|[IVX]{1,5})\b", re.I)
_PRESIDENT = re.compile(r"Statement by the President of the Security Council", re.I)
_MADE = re.compile(r"President of the Security Council made the following statement", re.I)
# Byte strings (lower case) a statement filed as a resolution must contain; checked first.
_STATEMENT_BYTES = (b"statement by the president", b"made the following statement")


def is_akn(data: bytes) -> bool:
    """Whether ``data`` looks like an Akoma Ntoso document.

    >>> is_akn(b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>')
    True
    """
    head = data[:4096].lstrip()
    return head.startswith(b"<") and b"akomaNtoso" in head


def read_akn(data: bytes, name: str) -> Resolution:
    """Parse AKN4UN XML bytes into a Resolution (``kind`` tells resolution, statement, draft).

    Raises DataFormatError naming ``name`` for a file too large, a DTD or entity
    declaration, malformed XML, or a document without an AKN statement.

    >>> read_akn(b'<!DOCTYPE x [<!ENTITY a "aa">]><x>&a;</x>', "bomb.xml")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: bomb.xml: XML with a DOCTYPE or entity declaration \
refused (AKN files have none); remove it or check the file's origin
    """
    warnings: list[str] = []
    root = _parse(data, name, warnings)
    statement = root.find(f"{_N}statement")
    if statement is None:
        statement = next((c for c in root if isinstance(c.tag, str)), None)
    if statement is None or statement.find(f"{_N}meta") is None:
        raise DataFormatError(f"{name}: not an AKN4UN document (no <statement> with <meta>)")
    meta = _meta(statement, name, data)
    builder = _Builder()
    builder.heading(meta.heading)
    preamble = statement.find(f"{_N}preamble")
    if preamble is not None:
        builder.preamble(preamble)
    body = statement.find(f"{_N}mainBody")
    if body is not None:
        builder.body(body)
    if not builder.blocks:
        raise DataFormatError(f"{name}: AKN document without text (empty preamble and body)")
    warnings += meta.warnings
    paragraphs = builder.paragraphs()
    if meta.kind == "resolution" and not any(p.kind == "operative" for p in paragraphs):
        warnings.append(f"{name}: no operative paragraphs found (incomplete text?)")
    return Resolution(
        number=meta.number,
        year=meta.date.year if meta.date else None,
        date=meta.date,
        text=builder.text(),
        paragraphs=paragraphs,
        warnings=tuple(warnings),
        kind=meta.kind,
        doc_symbol=meta.symbol,
        meeting=meta.meeting,
        vote=meta.vote,
        un_chapter_vii=meta.chapter_vii,
        votes=meta.votes,
    )


def agenda_and_title(data: bytes, name: str) -> tuple[str | None, str | None]:
    """The Council's agenda item and the library's title of an AKN document, from its
    classification keywords (None where it has none); refused like :func:`read_akn`.

    >>> agenda_and_title(f'<akomaNtoso xmlns="{AKN_NS}"><statement><meta><classification>'
    ...     '<keyword refersTo="agenda" dictionary="S/" showAs="The situation in Mali."/>'
    ...     '</classification></meta></statement></akomaNtoso>'.encode(), "d.xml")
    ('The situation in Mali.', None)
    """
    root = _parse(data, name, [])
    found: dict[str, str] = {}
    for keyword in root.iterfind(f".//{_N}meta/{_N}classification/{_N}keyword"):
        kind = keyword.get("refersTo")
        if (kind == "agenda" and keyword.get("dictionary") == "S/") or kind == "title":
            found.setdefault(str(kind), _clean(keyword.get("showAs", "")))
    return found.get("agenda") or None, found.get("title") or None


def _parse(data: bytes, name: str, warnings: list[str]) -> Any:
    import lxml.etree as etree

    if len(data) > MAX_XML_BYTES:
        raise DataFormatError(
            f"{name}: XML file of {len(data):,} bytes is over the {MAX_XML_BYTES:,}-byte limit"
        )
    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data:
        raise DataFormatError(
            f"{name}: XML with a DOCTYPE or entity declaration refused (AKN files have none); "
            "remove it or check the file's origin"
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        root = _recovered(data, name, exc, warnings)
    if root is None or etree.QName(root).localname != "akomaNtoso":
        raise DataFormatError(f"{name}: not an Akoma Ntoso document (root is not <akomaNtoso>)")
    return root


def _recovered(data: bytes, name: str, error: Any, warnings: list[str]) -> Any:
    """Parse malformed XML in lxml's recovery mode (still no entities, DTD or network), with
    a warning naming the first fault; a one-line error when nothing usable comes back."""
    import lxml.etree as etree

    line, column = error.position
    where = f"{name}:{line}:{column}: malformed XML ({error.msg})"
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True, recover=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None or root.find(f"{_N}statement/{_N}meta") is None:
        raise DataFormatError(f"{where}; re-download the file") from None
    warnings.append(f"{where}; read in recovery mode, check the text")
    return root


@dataclass
class _Meta:
    number: int | None
    date: date | None
    symbol: str
    kind: DocumentKind
    meeting: str | None
    vote: str | None
    chapter_vii: bool
    heading: str
    votes: tuple[tuple[str, str], ...]
    warnings: list[str] = field(default_factory=list)


def _meta(statement: Any, name: str, data: bytes) -> _Meta:
    work = statement.find(f"{_N}meta/{_N}identification/{_N}FRBRWork")
    if work is None:
        raise DataFormatError(f"{name}: no FRBRWork identification; not an AKN4UN document")
    uri = _attr(work, "FRBRthis", "value") or _attr(work, "FRBRuri", "value")
    adopted = _iso_date(_attr(work, "FRBRdate", "date"))
    warnings = []
    if adopted is None:
        cover = statement.find(f".//{_N}coverPage//{_N}docDate[@refersTo='#adoptionDate']")
        adopted = _iso_date("" if cover is None else cover.get("date", ""))
        if adopted is not None:
            warnings.append(f"{name}: adoption date from the cover page (FRBRWork has none)")
    symbol = _clean(_text(statement.find(f".//{_N}coverPage//{_N}docNumber")))
    kind = next((k for pattern, k in _KINDS if pattern.match(symbol)), None)
    if kind is None:
        raise DataFormatError(f"{name}: symbol {symbol or '(none)'!r} is not S/RES, S/PRST or S/…")
    if kind == "resolution" and _mentions_statement(data) and _reads_as_statement(statement):
        warnings.append(f"{name}: marked {symbol} but reads as a presidential statement")
        kind, symbol = "presidential_statement", ""
    match = re.search(r"/(\d{1,5})-(\d{4})/", uri)
    number = int(match.group(1)) if match and kind == "resolution" else None
    sym = re.match(r"S/RES/(\d+)", symbol)
    if kind == "resolution" and sym and number != int(sym.group(1)):
        warnings.append(f"{name}: FRBR says {number}, the cover page {symbol}; cover page used")
        number = int(sym.group(1))
    step = _adoption_step(statement)
    meeting = step.get("as") or None
    vote = _clean(step.get("by", "")) or None
    chapter_vii = any(
        s.get("refersTo") == "Chapter VII"
        for s in statement.iterfind(f"{_N}meta/{_N}workflow/{_N}step")
    )
    titles = [_clean(_text(t)) for t in statement.iterfind(f"{_N}coverPage//{_N}docTitle")]
    heading = "\n".join(t for t in titles if t) or symbol
    if adopted is None:
        warnings.append(f"{name}: no adoption date in FRBRWork or on the cover page")
    return _Meta(
        number, adopted, symbol, kind, meeting, vote, chapter_vii, heading, _votes(statement),
        warnings,
    )  # fmt: skip


def _reads_as_statement(statement: Any) -> bool:
    """Whether the text is headed "Statement by the President of the Security Council" or
    says the President "made the following statement" (a statement filed as a resolution)."""
    for i, element in enumerate(statement.iter(f"{_N}p", f"{_N}paragraph")):
        if i > 40:
            return False
        if _PRESIDENT.fullmatch(_clean(_text(element))) or _MADE.search(_text(element)):
            return True
    return False


def _adoption_step(statement: Any) -> dict[str, str]:
    steps = list(statement.iterfind(f"{_N}meta/{_N}workflow/{_N}step"))
    for step in steps:
        if step.get("outcome") in ("adopted", "notAdopted"):
            return dict(step.attrib)
    usable = [s for s in steps if s.get("as", "").startswith("S/PV.")]
    return dict(usable[-1].attrib) if usable else {}


def _votes(statement: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for count in statement.iterfind(f".//{_N}voting/{_N}count"):
        position = count.get("refersTo", "")
        for org in count.iter(f"{_N}organization"):
            out.append((position, _clean(_text(org))))
    return tuple(out)


def _attr(parent: Any, tag: str, attribute: str) -> str:
    element = parent.find(f"{_N}{tag}")
    return "" if element is None else element.get(attribute, "")


def _iso_date(value: str) -> date | None:
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.year > 1945 else None


def _text(element: Any) -> str:
    return "" if element is None else "".join(element.itertext())


def _row_lines(element: Any) -> list[str]:
    """The text of ``element``: each table row (``<tr>``, its cells apart) a line of its
    own, the text between rows as lines too."""
    if _local(element) == "tr":
        return [" ".join(_text(cell) for cell in element)]
    lines = [element.text or ""]
    for child in element:
        if _local(child) == "tr" or child.find(f".//{_N}tr") is not None:
            lines += [*_row_lines(child), ""]
        else:
            lines[-1] += _text(child)
        lines[-1] += child.tail or ""
    return lines


def _rows_text(element: Any) -> str:
    """The clean text of ``element``, a table row a line (a table of agreed language in a
    statement's annex is hundreds of paragraphs, not one).

    >>> from lxml import etree
    >>> t = etree.fromstring(f'<p xmlns="{AKN_NS}">Rows: <table><tr><td>a 1</td></tr>'
    ...                      '<tr><td>b</td><td>2</td></tr></table> end</p>')
    >>> _rows_text(t)
    'Rows:\\na 1\\nb 2\\nend'
    """
    return "\n".join(line for line in map(_clean, _row_lines(element)) if line)


def _clean(text: str) -> str:
    return " ".join(text.replace("\u2011", "-").split())  # split() also breaks at U+00A0


def _mentions_statement(data: bytes) -> bool:
    low = data.lower()
    return any(words in low for words in _STATEMENT_BYTES)


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _numbered_items(element: Any) -> list[Any]:
    """``<item>`` children numbered "1.", "2.": operative paragraphs, wherever marked up."""
    items = element.findall(f".//{_N}blockList/{_N}item")
    nums = [_clean(_text(item.find(f"{_N}num"))) for item in items]
    return items if items and all(_OPERATIVE_NUM.match(n) for n in nums) else []


@dataclass
class _Block:
    kind: ParagraphKind
    text: str
    number: str | None = None
    sub: str | None = None
    section: str | None = None
    chapters: set[str] = field(default_factory=set)


class _Builder:
    """Collects text blocks in reading order and turns them into paragraphs."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.number: str | None = None
        self.section: str | None = None
        self.annex = False
        self.preamble_scope: set[str] = set()
        self.section_scope: dict[str, set[str]] = {}

    def heading(self, text: str) -> None:
        self.blocks.append(_Block("heading", text))

    def preamble(self, preamble: Any) -> None:
        for child in preamble:
            text = _clean(_text(child))
            if not text:
                continue
            numbered = _numbered_items(child)
            if numbered:  # operative paragraphs the UN's markup left in the preamble
                self._preamble_text(_clean(_text(child.find(f".//{_N}listIntroduction"))))
                for item in numbered:
                    self._paragraph(item)
                continue
            if _local(child) == "formula":
                self.blocks.append(_Block("other", text))
                continue
            self._preamble_text(text)

    def _preamble_text(self, text: str) -> None:
        if not text:
            return
        chapters = clause_chapters(text)
        regard = _REGARD.search(text)
        if chapters and regard:
            self.section_scope.setdefault(regard.group("id").upper(), set()).update(chapters)
        else:
            self.preamble_scope |= chapters
        self.blocks.append(_Block("preamble", text, chapters=chapters))

    def body(self, body: Any) -> None:
        # Recovery mode may close <mainBody> early: its paragraphs then follow it.
        for element in [*body, *body.itersiblings()]:
            if _local(element) == "section":
                self._section(element)
            elif _local(element) in ("paragraph", "point", "container", "hcontainer"):
                self._paragraph(element)

    def _section(self, section: Any) -> None:
        """A lettered part (``<section><num>A</num>``); its cross-heading scopes the part."""
        self._heading(_clean(_text(section.find(f"{_N}num"))))
        for element in section:
            name = _local(element)
            if name == "crossHeading":
                text = _clean(_text(element))
                chapters = clause_chapters(text)
                if self.section is not None:
                    self.section_scope.setdefault(self.section, set()).update(chapters)
                self.blocks.append(_Block("other", text, section=self.section, chapters=chapters))
            elif name in ("paragraph", "point", "container", "hcontainer"):
                self._paragraph(element)

    def _paragraph(self, element: Any) -> None:
        num = _clean(_text(element.find(f"{_N}num")))
        heading = element.find(f"{_N}heading")
        if heading is not None or (not num and element.get("class") in _HEADING_CLASSES):
            self._heading(_clean(_text(heading if heading is not None else element)))
            return
        if self.annex:
            self._append_other(element)
            return
        top = _OPERATIVE_NUM.match(num)
        if top:
            self.number = top.group(1)
            self._item(element, num, "operative", sub=None)
            return
        if num and _SUB_NUM.match(num) and self.number is not None:
            self._item(element, num, "subparagraph", sub=_sibling_label(num, self.blocks[-1]))
            return
        text = _rows_text(element)
        if not text:
            return
        if self.number is None and is_operative_start(text):
            self.blocks.append(_Block("operative", text, section=self.section))
            self.blocks[-1].chapters = clause_chapters(text)
            self.number = ""
            return
        previous = self.blocks[-1]
        if previous.kind in ("operative", "subparagraph"):
            previous.text = f"{previous.text}\n{text}"
            previous.chapters |= clause_chapters(text)
        else:
            self.blocks.append(_Block("other", text, section=self.section))

    def _heading(self, text: str) -> None:
        if not text:
            return
        if re.match(r"^Annex\b|^Appendix\b|^Attachment\b", text, re.I):
            self.annex = True
            self.blocks.append(_Block("other", text))
            return
        match = _SECTION_ID.match(text)
        if match and not self.annex:
            self.section = match.group("id")
        self.blocks.append(_Block("section", text, section=self.section))

    def _append_other(self, element: Any) -> None:
        text = _rows_text(element)
        if text:
            self.blocks.append(_Block("other", text))

    def _item(self, element: Any, num: str, kind: ParagraphKind, sub: str | None) -> None:
        """One numbered paragraph or point: its own text, then each nested point."""
        own = [num]
        points = []
        for child in element:
            name = _local(child)
            if name == "num":
                continue
            if name in ("list", "blockList"):
                for part in child:
                    if _local(part) in ("point", "item", "paragraph", "sublist"):
                        points.append(part)
                    else:
                        own.append(_clean(_text(part)))
            elif name in ("point", "sublist"):
                points.append(child)
            else:
                own.append(_clean(_text(child)))
        text = " ".join(t for t in own if t)
        chapters = clause_chapters(text)
        block = _Block(kind, text, self.number, sub, self.section, chapters)
        self.blocks.append(block)
        for point in points:
            if _local(point) == "sublist":
                self._sublist(point, sub)
            else:
                self._point(point, sub)

    def _sublist(self, sublist: Any, parent: str | None) -> None:
        """The points of a sublist; a sublist inside it holds the items of the point it
        follows ("(ii) ..., notably:" then its dash bullets)."""
        for inner in sublist:
            if _local(inner) == "point":
                self._point(inner, parent)
            elif _local(inner) == "sublist":
                self._sublist(inner, self.blocks[-1].sub)

    def _point(self, point: Any, parent: str | None) -> None:
        num = _clean(_text(point.find(f"{_N}num")))
        label = _sub_label(num, parent) if parent else _sibling_label(num, self.blocks[-1])
        self._item(point, num, "subparagraph", label)

    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    def paragraphs(self) -> tuple[Paragraph, ...]:
        out = []
        start = 0
        own: dict[str | None, set[str]] = {}
        for i, block in enumerate(self.blocks):
            end = start + len(block.text)
            if block.kind == "operative":
                own = {block.number: set(block.chapters)}
            scopes = self._scopes(block, own.get(block.number, set()) | block.chapters)
            out.append(
                Paragraph(
                    i,
                    block.kind,
                    block.text,
                    start,
                    end,
                    block.number or None,
                    block.sub,
                    block.section,
                    **scopes,
                )  # fmt: skip
            )
            start = end + 2
        return tuple(out)

    def _scopes(self, block: _Block, own: set[str]) -> dict[str, Scope | None]:
        scopes: dict[str, Scope | None] = {"chapter_vii": None, "chapter_viii": None}
        if block.kind not in ("operative", "subparagraph"):
            return scopes
        for chapter, key in (("VII", "chapter_vii"), ("VIII", "chapter_viii")):
            if chapter in own:
                scopes[key] = "paragraph"
            elif block.section and chapter in self.section_scope.get(block.section, set()):
                scopes[key] = "section"
            elif chapter in self.preamble_scope:
                scopes[key] = "preamble"
        return scopes


_ROMAN = re.compile(r"^[ivx]+$")


def _sibling_label(num: str, previous: _Block) -> str:
    """Label of a sub-item set as its own paragraph: "(i)" after "(c)" nests as "c.i".

    >>> _sibling_label("(i)", _Block("subparagraph", "", "16", "c"))
    'c.i'
    >>> _sibling_label("(d)", _Block("subparagraph", "", "16", "c.ii"))
    'd'
    """
    label = _sub_label(num, None)
    last = previous.sub if previous.kind == "subparagraph" and previous.sub else ""
    head, _, tail = last.partition(".")
    if not _ROMAN.match(label) or not head:
        return label
    if tail and _ROMAN.match(tail):
        return f"{head}.{label}"
    if len(head) == 1 and label != chr(ord(head) + 1):
        return f"{head}.{label}"
    return label


def _sub_label(num: str, parent: str | None) -> str:
    """Sub-item label from its printed number: "(a)" → "a"; "(i)" under "a" → "a.i"."""
    match = _SUB_NUM.match(num)
    label = match.group(1) if match else num.strip("().")
    return f"{parent}.{label}" if parent else label
