"""One entry point: read a resolution from a path (.txt, .pdf, .html) or from its text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from bluehelmet.documents.akn import XML_SUFFIXES, is_akn, read_akn
from bluehelmet.documents.formats import (
    HTML_SUFFIXES,
    PDF_SUFFIXES,
    SUFFIXES,
    decode_text,
    html_text,
    pdf_text,
)
from bluehelmet.documents.metadata import number_from_filename
from bluehelmet.documents.model import Resolution
from bluehelmet.documents.normalise import normalise_text, words
from bluehelmet.documents.segment import segment
from bluehelmet.errors import DataFormatError, NotFoundError
from bluehelmet.files import read_limited

_STOP = {
    "English": words("the of and to in that for by with on its is be as this which"),
    "French": words("le les des du et est dans pour qui une sur au aux par ce cette"),
    "Spanish": words("el los las del y por una con para al su sus es lo"),
}
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPTS = (
    ("Arabic", re.compile(r"[\u0600-\u06ff]")),
    ("Cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("Chinese", re.compile(r"[\u4e00-\u9fff]")),
)


def read_resolution(source: str | Path, *, number: int | None = None) -> Resolution:
    """Read and segment a resolution from a file path or from the text itself.

    A ``Path``, or a one-line ``str`` naming an existing file, is read by its suffix
    (.pdf, .html/.htm, .xml or AKN4UN markup: the UN's XML, otherwise plain text; the XML's
    own number is kept); any other string is the text (a one-line
    string ending in .txt/.pdf/.html naming no file raises NotFoundError). ``number``
    overrides the number the text states (with a warning if they differ). Raises
    DataFormatError naming the file when it is empty, binary, not English or not a
    resolution; milder problems are listed in ``Resolution.warnings``.

    >>> res = read_resolution("RESOLUTION 5 (1946)\\nof 8 May 1946\\n\\nThe Security Council,\\n"
    ...                       "1. Decides to defer its\\ndecision.")
    >>> res.symbol, res.date.isoformat(), [p.label for p in res.operative()]
    ('S/RES/5 (1946)', '1946-05-08', ['1'])
    """
    path = _as_path(source)
    if path is None:
        text = str(source)
        return parse_resolution(text, number=number, sha256=_sha(text.encode("utf-8")))
    data = read_limited(path, what="resolution")
    if path.suffix.lower() in XML_SUFFIXES or is_akn(data):
        return replace(read_akn(data, path.name), source=str(path), sha256=_sha(data))
    raw, warnings = raw_text(data, path.name)
    resolution = parse_resolution(
        raw, number=number, source=str(path), sha256=_sha(data), warnings=warnings
    )
    return with_filename_hint(resolution, path.name)


def raw_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text of a file's bytes by the suffix of ``name``, plus decoding warnings.

    >>> raw_text(b"The Security Council,", "a.txt")
    ('The Security Council,', [])
    """
    suffix = Path(name).suffix.lower()
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF-"):
        return pdf_text(data, name), []
    if suffix in HTML_SUFFIXES:
        return html_text(data, name), []
    return decode_text(data, name)


def parse_resolution(
    raw: str,
    *,
    number: int | None = None,
    source: str = "<string>",
    sha256: str = "",
    warnings: list[str] | None = None,
) -> Resolution:
    """Normalise, check and segment raw text into a Resolution.

    >>> parse_resolution("Bonjour le monde, et la Conseil est dans une salle pour le vote")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: <string>: not English (looks French)
    """
    name = Path(source).name if source != "<string>" else source
    if not raw.strip():
        raise DataFormatError(f"{name}: empty text")
    notes = list(warnings or [])
    _check_language(raw, name, notes)
    text = normalise_text(raw)
    parts = segment(text)
    heading = parts.heading
    council = re.search(r"Security\s+Council", text, re.I) is not None
    operative = any(p.kind in ("operative", "subparagraph") for p in parts.paragraphs)
    if heading.span is None and not council:
        raise DataFormatError(f"{name}: not a resolution (no mention of the Security Council)")
    if heading.span is None and not operative:
        raise DataFormatError(f"{name}: not a resolution (no heading, no operative paragraphs)")
    if heading.span is None:
        notes.append(f"{name}: no heading 'Resolution N (YYYY)' found")
    if not operative:
        notes.append(f"{name}: no operative paragraphs found (incomplete text?)")
    notes += [f"{name}: {w}" for w in parts.warnings]
    parsed = heading.number
    if number is not None and parsed is not None and number != parsed:
        notes.append(f"{name}: text says resolution {parsed}, caller says {number}")
    if heading.date is None:
        notes.append(f"{name}: no adoption date found in the heading")
    return Resolution(
        number=number if number is not None else parsed,
        year=heading.year,
        date=heading.date,
        text=text,
        paragraphs=parts.paragraphs,
        source=source,
        sha256=sha256,
        warnings=tuple(notes),
    )


def with_filename_hint(resolution: Resolution, name: str) -> Resolution:
    """Fill a missing number or year from the file name; warn when the two disagree.

    >>> res = with_filename_hint(read_resolution("The Security Council,\\n1. Decides."),
    ...                          "S_RES_0814_1993_EN.txt")
    >>> res.number, res.year, res.warnings[-1]
    (814, 1993, 'S_RES_0814_1993_EN.txt: number and year taken from the file name')
    """
    file_number, file_year = number_from_filename(name)
    if file_number is None:
        return resolution
    if resolution.number is None:
        year = resolution.year if resolution.year is not None else file_year
        note = f"{name}: number{' and year' if resolution.year is None else ''} taken from the "
        note += "file name"
        return replace(
            resolution, number=file_number, year=year, warnings=(*resolution.warnings, note)
        )
    if resolution.number != file_number:
        note = f"{name}: file name says {file_number}, text says {resolution.number}"
        return replace(resolution, warnings=(*resolution.warnings, note))
    return resolution


def _as_path(source: str | Path) -> Path | None:
    if isinstance(source, Path):
        return source
    if "\n" in source or len(source) > 4096 or not source.strip():
        return None
    try:
        path = Path(source)
        if path.is_file():
            return path
    except (OSError, ValueError):
        return None
    if path.suffix.lower() in SUFFIXES and len(source) < 300:
        raise NotFoundError(f"{source}: no such file")
    return None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_language(raw: str, name: str, notes: list[str]) -> None:
    """Raise unless the text is mostly English; warn when much of it is in another language."""
    sample = raw[:20000]
    letters = len(_LETTER.findall(sample))
    for script, pattern in _SCRIPTS:
        if letters and len(pattern.findall(sample)) > letters * 0.3:
            raise DataFormatError(f"{name}: not English (mostly {script} script)")
    words = re.findall(r"[a-zà-ÿ]+", sample.lower())
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP.items()}
    english = counts.pop("English")
    other, count = max(counts.items(), key=lambda item: item[1])
    if count > english:
        raise DataFormatError(f"{name}: not English (looks {other})")
    if english and count > english * 0.3:
        notes.append(f"{name}: much of the text looks {other}")
