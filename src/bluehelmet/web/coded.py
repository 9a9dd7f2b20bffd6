"""A resolution's coded paragraphs with the evidence highlighted, when a corpus is configured.

The corpus is the folders named by ``BLUEHELMET_CORPUS`` (``bluehelmet.paths.configured_corpus``),
read once per corpus state by :func:`bluehelmet.documents.load_corpus` and indexed by the
resolution number inside each file (never a file name), so no path ever comes from a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from bluehelmet.coding.code import CodedResolution, code_texts
from bluehelmet.documents import Resolution, load_corpus
from bluehelmet.paths import configured_corpus, folder_state
from bluehelmet.web.cache import locked_cache

#: The configured folders, each with the latest modification time of it and its subfolders.
CorpusState = tuple[tuple[str, int], ...]


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
    """A coded resolution: where it was read, its paragraphs, the coder's tables and the UN's
    own metadata from the file (meeting, vote, Chapter VII marker; None when it has none)."""

    file: str
    paragraphs: tuple[CodedParagraph, ...]
    coded: CodedResolution
    warnings: tuple[str, ...]
    meeting: str | None = None
    vote: str | None = None
    un_chapter_vii: bool | None = None


def corpus_state() -> CorpusState | None:
    """The configured corpus folders with their modification times (None without a corpus):
    pages that show coded texts are cached per state.

    >>> corpus_state() is None or all(len(s) == 2 for s in corpus_state())
    True
    """
    folders = configured_corpus()
    return folder_state(folders) if folders else None


@locked_cache()
def _documents(state: CorpusState) -> dict[int, Resolution]:
    read = load_corpus([folder for folder, _ in state], progress=False)
    return {r.number: r for r in read.resolutions if r.number is not None}


def _index() -> dict[int, Resolution]:
    state = corpus_state()
    return {} if state is None else _documents(state)


def corpus_configured() -> bool:
    """Whether ``BLUEHELMET_CORPUS`` names at least one existing folder.

    >>> isinstance(corpus_configured(), bool)
    True
    """
    return bool(configured_corpus())


def corpus_numbers() -> frozenset[int]:
    """Numbers of the resolutions read from the configured corpus (empty without one).

    >>> isinstance(corpus_numbers(), frozenset)
    True
    """
    return frozenset(_index())


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
def _coded(res: Resolution) -> CodedText:
    coded = code_texts([res])
    return CodedText(
        Path(res.source).name,
        coded_paragraphs(res, coded),
        coded,
        res.warnings,
        res.meeting,
        res.vote,
        res.un_chapter_vii,
    )


def coded_text(number: int) -> CodedText | None:
    """The coded text of resolution ``number`` from the configured corpus, or None.

    A file that cannot be read is absent from the corpus (the page says so, the server
    does not fail).

    >>> coded_text(-1) is None
    True
    """
    found = _index().get(number)
    return None if found is None else _coded(found)
