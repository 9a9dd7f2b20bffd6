"""Raw text out of plain-text, PDF (pypdfium2) and HTML (lxml) files, with clear errors."""

from __future__ import annotations

import codecs
import re
from typing import Any

from bluehelmet.documents.normalise import words
from bluehelmet.errors import DataFormatError

TEXT_SUFFIXES = (".txt", ".text", "")
PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUFFIXES = TEXT_SUFFIXES[:2] + PDF_SUFFIXES + HTML_SUFFIXES

_BLOCK_TAGS = words(
    "p div li ul ol table tr h1 h2 h3 h4 h5 h6 blockquote section article pre dd dt"
)
_SKIP_TAGS = words("script style head noscript template")


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode a text file: UTF-8 (or UTF-16 with a BOM); Windows-1252 with a warning.

    Raises DataFormatError for empty and binary content.

    >>> decode_text("Décide".encode("cp1252"), "x.txt")
    ('Décide', ['x.txt: not UTF-8, read as Windows-1252'])
    """
    if not data.strip():
        raise DataFormatError(f"{name}: empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), []
    if b"\x00" in data:
        raise DataFormatError(f"{name}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f") + text.count("\ufffd")
    if controls > max(2, len(text) // 100):
        raise DataFormatError(f"{name}: binary file (undecodable bytes), not text")
    return text, [f"{name}: not UTF-8, read as Windows-1252"]


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF, page after page.

    >>> pdf_text(b"%PDF-1.4 broken", "x.pdf")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: x.pdf: not a readable PDF (...)
    """
    if not data.strip():
        raise DataFormatError(f"{name}: empty file")
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DataFormatError(f"{name}: not a readable PDF ({exc})") from None
    pages = []
    try:
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    # pdfium marks a hyphen at a line end as U+FFFE (or U+0002) and drops the line break.
    text = "\n".join(pages).replace("\ufffe", "-\n").replace("\x02", "-\n")
    if not text.strip():
        raise DataFormatError(f"{name}: PDF has no text layer (a scanned image?)")
    return text


def html_text(data: bytes, name: str) -> str:
    """Visible text of an HTML page; block elements become paragraphs, <br> a line break.

    >>> html_text(b"<html><body><p>The Security<br>Council,</p><p>1. Decides</p></body></html>",
    ...           "x.html")
    'The Security\\nCouncil,\\n\\n1. Decides'
    """
    import lxml.etree
    import lxml.html

    if not data.strip():
        raise DataFormatError(f"{name}: empty file")
    if b"\x00" in data:
        raise DataFormatError(f"{name}: binary file (NUL bytes), not HTML")
    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DataFormatError(f"{name}: not readable HTML ({exc})") from None
    out: list[str] = []
    _walk(root, out)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(out))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _walk(element: Any, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS:
        return
    if tag == "br":
        out.append("\n")
    elif tag in _BLOCK_TAGS:
        out.append("\n\n")
    if element.text:
        out.append(element.text.replace("\n", " "))
    for child in element:
        _walk(child, out)
        if child.tail:
            out.append(child.tail.replace("\n", " "))
    if tag in _BLOCK_TAGS:
        out.append("\n\n")
