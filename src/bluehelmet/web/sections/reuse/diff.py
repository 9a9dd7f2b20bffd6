"""Word-level differences between two paragraphs, for the reuse explorer's side-by-side view.

Both texts are cut into the reuse engine's tokens (lower-case words, punctuation left out) and
compared with :class:`difflib.SequenceMatcher`; a run of words one side has and the other does
not is *changed* (with the punctuation between its words). The span the engine aligned
(Smith–Waterman on the same tokens) is marked as well, so a reader sees both what the two
paragraphs share and which stretch the engine matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from bluehelmet.reuse.tokens import token_spans
from bluehelmet.web.coded import highlight


@dataclass(frozen=True)
class Piece:
    """A stretch of one paragraph: changed (not in the other), inside the aligned span, or not."""

    text: str
    changed: bool
    aligned: bool


@dataclass(frozen=True)
class Diff:
    """Both paragraphs cut into pieces, and how many words they share or have alone."""

    source: tuple[Piece, ...]
    target: tuple[Piece, ...]
    same: int
    source_only: int
    target_only: int


def _pieces(
    text: str, changed: list[tuple[int, int]], aligned: tuple[int, int]
) -> tuple[Piece, ...]:
    spans = [(s, e, "changed") for s, e in changed] + [(aligned[0], aligned[1], "aligned")]
    return tuple(
        Piece(seg.text, "changed" in seg.codes, "aligned" in seg.codes)
        for seg in highlight(text, 0, spans)
    )


def word_diff(
    source: str, target: str, source_span: tuple[int, int], target_span: tuple[int, int]
) -> Diff:
    """The word-level differences of ``source`` and ``target`` and their aligned spans
    (character offsets, end exclusive).

    >>> d = word_diff("extends the mandate for six months", "extends the mandate for a year",
    ...               (0, 23), (0, 23))
    >>> [(p.text, p.changed) for p in d.target if p.changed], (d.same, d.source_only)
    ([('a year', True)], (4, 2))
    """
    a, b = token_spans(source), token_spans(target)
    matcher = SequenceMatcher(None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False)
    a_changed: list[tuple[int, int]] = []
    b_changed: list[tuple[int, int]] = []
    same = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same += i2 - i1
            continue
        if i2 > i1:
            a_changed.append((a[i1][1], a[i2 - 1][2]))
        if j2 > j1:
            b_changed.append((b[j1][1], b[j2 - 1][2]))
    return Diff(
        _pieces(source, a_changed, source_span),
        _pieces(target, b_changed, target_span),
        same,
        len(a) - same,
        len(b) - same,
    )
