"""A data-only cache of parsed documents: JSON, checked field by field on the way back.

Nothing in a cache entry can run code: an entry is plain JSON, and one that does not
describe a Resolution exactly (missing or extra fields, wrong types, spans that do
not match the text) is treated as absent, so the file is parsed again and rewritten.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any, get_args

from bluehelmet.documents.model import DocumentKind, Paragraph, ParagraphKind, Resolution, Scope
from bluehelmet.files import atomic_path

MAX_ENTRY_BYTES = 64 * 1024 * 1024
_ROW = tuple(f.name for f in fields(Paragraph) if f.name != "text")
_OPTIONAL = (None, *get_args(Scope))
_RESOLUTION_FIELDS = tuple(f.name for f in fields(Resolution))
_KINDS = set(get_args(ParagraphKind))
_DOC_KINDS = set(get_args(DocumentKind))


def to_json(res: Resolution) -> str:
    """A Resolution as one JSON document; paragraphs as rows of :data:`_ROW` (their text is
    the slice of the document's text, so it is not stored twice).

    >>> r = Resolution(1, 1946, date(1946, 1, 25), "x", (Paragraph(0, "other", "x", 0, 1),))
    >>> from_json(to_json(r)) == r
    True
    """
    data = {name: getattr(res, name) for name in _RESOLUTION_FIELDS}  # asdict() copies deeply
    data["date"] = res.date.isoformat() if res.date else None
    data["paragraphs"] = [[getattr(p, k) for k in _ROW] for p in res.paragraphs]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Resolution | None:
    """The Resolution a cache entry describes, or None when it is not exactly one.

    >>> from_json('{"number": "__import__"}') is None
    True
    """
    try:
        data = json.loads(text)
        return _resolution(data)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def write_entry(path: Path, res: Resolution) -> None:
    """Write ``res`` to ``path`` atomically (a killed process leaves no half entry).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "e.json"
    >>> write_entry(p, Resolution(None, None, None, "", ()))
    >>> read_entry(p).paragraphs
    ()
    """
    with atomic_path(path) as tmp:
        tmp.write_text(to_json(res), encoding="utf-8")


def read_entry(path: Path) -> Resolution | None:
    """A cached Resolution, or None when absent, too large, unreadable or invalid.

    >>> import pathlib
    >>> read_entry(pathlib.Path("/nonexistent/entry.json")) is None
    True
    """
    try:
        if path.stat().st_size > MAX_ENTRY_BYTES:
            return None
        return from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _resolution(data: dict[str, Any]) -> Resolution | None:
    if not isinstance(data, dict) or tuple(data) != _RESOLUTION_FIELDS:
        return None
    text = data["text"]
    if not isinstance(text, str) or data["kind"] not in _DOC_KINDS:
        return None
    paragraphs = tuple(_paragraph(p, text) for p in data["paragraphs"])
    if any(p is None for p in paragraphs):
        return None
    strings = ("source", "sha256")
    optional = ("doc_symbol", "meeting", "vote")
    if not all(isinstance(data[k], str) for k in strings):
        return None
    if not all(data[k] is None or isinstance(data[k], str) for k in optional):
        return None
    if not all(data[k] is None or type(data[k]) is int for k in ("number", "year")):
        return None
    if data["un_chapter_vii"] not in (None, True, False):
        return None
    warnings = tuple(data["warnings"])
    votes = tuple(tuple(v) for v in data["votes"])
    if not all(isinstance(w, str) for w in warnings) or not all(
        len(v) == 2 and all(isinstance(x, str) for x in v) for v in votes
    ):
        return None
    special = ("date", "paragraphs", "votes", "warnings")
    return Resolution(
        **{k: data[k] for k in _RESOLUTION_FIELDS if k not in special},
        date=date.fromisoformat(data["date"]) if data["date"] else None,
        paragraphs=paragraphs,  # type: ignore[arg-type]
        votes=votes,
        warnings=warnings,
    )


def _paragraph(row: list[Any], text: str) -> Paragraph | None:
    if not isinstance(row, list) or len(row) != len(_ROW):
        return None
    index, kind, start, end, number, sub, section, vii, viii = row
    if type(index) is not int or type(start) is not int or type(end) is not int:
        return None
    if not 0 <= start <= end <= len(text) or kind not in _KINDS:
        return None
    if vii not in _OPTIONAL or viii not in _OPTIONAL:
        return None
    if not all(v is None or isinstance(v, str) for v in (number, sub, section)):
        return None
    return Paragraph(index, kind, text[start:end], start, end, number, sub, section, vii, viii)
