"""A resolution's coded paragraphs with the evidence highlighted, when a corpus is configured.

The corpus is the folder named by ``BLUEHELMET_CORPUS`` (``bluehelmet.paths.configured_corpus``);
a resolution's file is found by the number in its name, so no path ever comes from a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from bluehelmet.coding.code import CodedResolution, code_texts
from bluehelmet.documents import Resolution, read_resolution
from bluehelmet.documents.formats import SUFFIXES
from bluehelmet.documents.metadata import number_from_filename
from bluehelmet.errors import BluehelmetError
from bluehelmet.paths import configured_corpus


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph's text and the codes whose evidence covers it (none: plain)."""

    text: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodedParagraph:
    """One paragraph of the text: its label, kind, highlighted segments and its codes."""

    label: str
    kind: str
    segments: tuple[Segment, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class CodedText:
    """A coded resolution: where it was read, its paragraphs and the coder's tables."""

    file: str
    paragraphs: tuple[CodedParagraph, ...]
    coded: CodedResolution
    warnings: tuple[str, ...]


@lru_cache(maxsize=4)
def _file_index(folder: str, mtime_ns: int) -> dict[int, str]:
    index: dict[int, str] = {}
    for path in sorted(Path(folder).iterdir()):
        number, _ = number_from_filename(path.name)
        if number is not None and path.suffix.lower() in SUFFIXES and path.is_file():
            index.setdefault(number, str(path))
    return index


def _index() -> dict[int, str]:
    state = corpus_state()
    return {} if state is None else _file_index(*state)


def corpus_state() -> tuple[str, int] | None:
    """The configured corpus folder and its modification time (None without a corpus): pages
    that show coded texts are cached per state.

    >>> corpus_state() is None or len(corpus_state()) == 2
    True
    """
    folder = configured_corpus()
    return None if folder is None else (str(folder), folder.stat().st_mtime_ns)


def corpus_configured() -> bool:
    """Whether ``BLUEHELMET_CORPUS`` names an existing folder.

    >>> isinstance(corpus_configured(), bool)
    True
    """
    return configured_corpus() is not None


def corpus_numbers() -> frozenset[int]:
    """Numbers of the resolutions the configured corpus has a file for (empty without one).

    >>> isinstance(corpus_numbers(), frozenset)
    True
    """
    return frozenset(_index())


def corpus_file(number: int) -> Path | None:
    """The configured corpus's file for resolution ``number``, or None (no corpus, no file).

    >>> corpus_file(-1) is None
    True
    """
    found = _index().get(number)
    return Path(found) if found else None


def highlight(text: str, start: int, spans: list[tuple[int, int, str]]) -> tuple[Segment, ...]:
    """Cut ``text`` (which starts at offset ``start``) at every span boundary; label each piece.

    >>> highlight("abcdef", 10, [(11, 13, "x"), (12, 15, "y")])  # doctest: +NORMALIZE_WHITESPACE
    (Segment(text='a', codes=()), Segment(text='b', codes=('x',)),
     Segment(text='c', codes=('x', 'y')), Segment(text='de', codes=('y',)),
     Segment(text='f', codes=()))
    """
    end = start + len(text)
    cuts = sorted({start, end} | {max(start, min(end, p)) for s, e, _ in spans for p in (s, e)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        codes = tuple(dict.fromkeys(c for s, e, c in spans if s < b and e > a))
        out.append(Segment(text[a - start : b - start], codes))
    return tuple(out)


def _code_label(row: pd.Series) -> str:
    value = "" if pd.isna(row["value"]) else str(row["value"])
    return f"{row['code']}: {value}" if value and value != row["code"] else str(row["code"])


def coded_paragraphs(res: Resolution, coded: CodedResolution) -> tuple[CodedParagraph, ...]:
    """Every paragraph of ``res`` with the coder's evidence spans marked and codes listed.

    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> [s.text for s in coded_paragraphs(r, code_texts([r]))[0].segments if s.codes]
    ['Member States', 'all necessary means']
    """
    evidence = coded.evidence
    spans = [(int(r.start), int(r.end), _code_label(r)) for _, r in evidence.iterrows()]
    paras = []
    for p in res.paragraphs:
        inside = [s for s in spans if s[0] < p.end and s[1] > p.start]
        segments = highlight(res.text[p.start : p.end], p.start, inside)
        codes = tuple(dict.fromkeys(c for _, _, c in inside))
        paras.append(CodedParagraph(p.label, p.kind, segments, codes))
    return tuple(paras)


@lru_cache(maxsize=128)
def _coded(path: str, mtime_ns: int) -> CodedText:
    res = read_resolution(Path(path))
    coded = code_texts([res])
    return CodedText(Path(path).name, coded_paragraphs(res, coded), coded, res.warnings)


def coded_text(number: int) -> CodedText | None:
    """The coded text of resolution ``number`` from the configured corpus, or None.

    A file that cannot be read counts as absent (the page says so, the server does not fail).

    >>> coded_text(-1) is None
    True
    """
    path = corpus_file(number)
    if path is None:
        return None
    try:
        return _coded(str(path), path.stat().st_mtime_ns)
    except (BluehelmetError, OSError):
        return None
