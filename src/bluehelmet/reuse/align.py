"""Local alignment (Smith-Waterman on tokens) giving the shared span in both texts."""

from __future__ import annotations

import numpy as np

from bluehelmet.reuse.tokens import token_spans

#: Default scores: match, mismatch, gap (linear).
MATCH, MISMATCH, GAP = 2, -1, -1


def align_tokens(
    x: list[str], y: list[str], match: int = MATCH, mismatch: int = MISMATCH, gap: int = GAP
) -> tuple[int, int, int, int, int]:
    """Best local alignment of two token lists: ``(score, x_start, x_end, y_start, y_end)``.

    Ends are exclusive token indices; an alignment always starts and ends on a match.

    >>> align_tokens("q a b c r".split(), "a b x c".split())
    (5, 1, 4, 0, 4)
    """
    m, n = len(x), len(y)
    if m == 0 or n == 0:
        return (0, 0, 0, 0, 0)
    vocab: dict[str, int] = {}
    xi = np.array([vocab.setdefault(t, len(vocab)) for t in x], dtype=np.int64)
    yi = np.array([vocab.setdefault(t, len(vocab)) for t in y], dtype=np.int64)
    h = np.zeros((m + 1, n + 1), dtype=np.int64)
    ramp = -gap * np.arange(n + 1, dtype=np.int64)  # gap is negative: ramp grows
    for i in range(1, m + 1):
        row = np.where(yi == xi[i - 1], match, mismatch)
        e = np.maximum(h[i - 1, :-1] + row, h[i - 1, 1:] + gap)
        e = np.concatenate([[0], np.maximum(e, 0)])
        # horizontal gaps: H[j] = max_k<=j (E[k] + gap*(j-k)), via a running maximum
        h[i] = np.maximum.accumulate(e + ramp) - ramp
    best = np.unravel_index(int(np.argmax(h)), h.shape)
    i, j = int(best[0]), int(best[1])
    score = int(h[i, j])
    if score == 0:
        return (0, 0, 0, 0, 0)
    i_end, j_end = i, j
    while i > 0 and j > 0 and h[i, j] > 0:
        s = match if xi[i - 1] == yi[j - 1] else mismatch
        if h[i, j] == h[i - 1, j - 1] + s:
            i, j = i - 1, j - 1
        elif h[i, j] == h[i - 1, j] + gap:
            i -= 1
        else:
            j -= 1
    return (score, i, i_end, j, j_end)


def align(source: str, target: str) -> tuple[int, int, int, int]:
    """Character span ``(source_start, source_end, target_start, target_end)`` of the shared text.

    Returns ``(-1, -1, -1, -1)`` when the texts share no token.

    >>> s, t = "He said: remain seized of it.", "We remain seized of the matter"
    >>> a, b, c, d = align(s, t)
    >>> s[a:b], t[c:d]
    ('remain seized of', 'remain seized of')
    """
    xs, ys = token_spans(source), token_spans(target)
    score, i0, i1, j0, j1 = align_tokens([t for t, _, _ in xs], [t for t, _, _ in ys])
    if score == 0:
        return (-1, -1, -1, -1)
    return (xs[i0][1], xs[i1 - 1][2], ys[j0][1], ys[j1 - 1][2])
