"""Smith-Waterman alignment of many pairs at once, giving what ``align`` gives pair by pair.

Pairs with the same two token sequences are aligned once. The rest are sorted by length and
stacked into padded 3-D score matrices, filled one row at a time for the whole stack; the
padding (tokens that match nothing) never beats a real cell, so the best cell and the
traceback are those of :func:`bluehelmet.reuse.align.align_tokens`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bluehelmet.reuse.align import GAP, MATCH, MISMATCH
from bluehelmet.reuse.tokens import TokenTable, token_offsets

#: Largest score matrix (pairs x rows x columns) filled at once.
MAX_CELLS = 1 << 20
#: Texts whose token offsets :func:`char_spans` finds at once (bounds its memory).
TEXT_BLOCK = 4096


def _content_class(table: TokenTable) -> np.ndarray:
    """The same number for texts with the same token sequence."""
    bounds = zip(table.offsets[:-1], table.offsets[1:], strict=True)
    keys = [table.ids[s:e].tobytes() for s, e in bounds]
    return pd.factorize(pd.Series(keys, dtype=object))[0].astype(np.int64)


def align_pairs(table: TokenTable, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``(score, a_start, a_end, b_start, b_end)`` token alignment of texts ``a[k]``, ``b[k]``.

    >>> from bluehelmet.reuse.tokens import token_table
    >>> t = token_table(["q a b c r", "a b x c", "q a b c r"])
    >>> align_pairs(t, np.array([0, 2]), np.array([1, 1])).tolist()
    [[5, 1, 4, 0, 4], [5, 1, 4, 0, 4]]
    """
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    out = np.zeros((len(a), 5), dtype=np.int64)
    if len(a) == 0:
        return out
    cls = _content_class(table)
    width = np.int64(cls.max()) + 1
    _, first, inverse = np.unique(cls[a] * width + cls[b], return_index=True, return_inverse=True)
    ua, ub = a[first], b[first]
    sizes = table.sizes()
    order = np.lexsort((sizes[ub], sizes[ua]))
    done = np.zeros((len(first), 5), dtype=np.int64)
    lo = 0
    while lo < len(order):
        hi = lo + 1
        n_max = sizes[ub[order[lo]]]
        while hi < len(order):
            n_next = max(n_max, sizes[ub[order[hi]]])
            if (hi + 1 - lo) * (sizes[ua[order[hi]]] + 1) * (n_next + 1) > MAX_CELLS:
                break
            n_max, hi = n_next, hi + 1
        rows = order[lo:hi]
        done[rows] = _align_stack(table, ua[rows], ub[rows])
        lo = hi
    out[:] = done[inverse.ravel()]
    return out


def _padded(table: TokenTable, rows: np.ndarray, pad: int) -> np.ndarray:
    """Token ids of texts ``rows`` as a matrix, right-padded with ``pad``."""
    sizes = table.sizes()[rows]
    mat = np.full((len(rows), max(1, int(sizes.max()))), pad, dtype=np.int64)
    which = np.repeat(np.arange(len(rows)), sizes)
    col = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    mat[which, col] = table.ids[np.repeat(table.offsets[rows], sizes) + col]
    return mat


def _align_stack(table: TokenTable, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Align a stack of pairs in one padded score tensor (pads: -1 and -2 never match)."""
    x, y = _padded(table, a, -1), _padded(table, b, -2)
    n_pairs, m = x.shape
    n = y.shape[1]
    h = np.zeros((n_pairs, m + 1, n + 1), dtype=np.int32)
    ramp = (-GAP * np.arange(n + 1)).astype(np.int32)
    e = np.zeros((n_pairs, n + 1), dtype=np.int32)
    for i in range(1, m + 1):
        prev = h[:, i - 1]
        score = np.where(y == x[:, i - 1 : i], MATCH, MISMATCH)
        np.maximum(prev[:, :-1] + score, prev[:, 1:] + GAP, out=e[:, 1:])
        np.maximum(e, 0, out=e)
        e += ramp
        np.maximum.accumulate(e, axis=1, out=h[:, i])
        h[:, i] -= ramp
    flat = h.reshape(n_pairs, -1).argmax(axis=1)
    i, j = flat // (n + 1), flat % (n + 1)
    pair = np.arange(n_pairs)
    best = h[pair, i, j].astype(np.int64)
    i_end, j_end = i.copy(), j.copy()
    live = (i > 0) & (j > 0) & (best > 0)
    while live.any():
        k = np.flatnonzero(live)
        ik, jk = i[k], j[k]
        here = h[k, ik, jk]
        step = np.where(x[k, ik - 1] == y[k, jk - 1], MATCH, MISMATCH)
        diag = here == h[k, ik - 1, jk - 1] + step
        up = ~diag & (here == h[k, ik - 1, jk] + GAP)
        i[k] = ik - (diag | up)
        j[k] = jk - (diag | ~up)
        live[k] = (i[k] > 0) & (j[k] > 0) & (h[k, i[k], j[k]] > 0)
    found = best > 0
    return np.where(found[:, None], np.stack([best, i, i_end, j, j_end], axis=1), 0)


def char_spans(texts: list[str], a: np.ndarray, b: np.ndarray, aligned: np.ndarray) -> np.ndarray:
    """Token alignments from :func:`align_pairs` as character spans; ``-1`` where score is 0.

    Columns: ``a_start, a_end, b_start, b_end`` (end exclusive) in ``texts[a[k]]`` and
    ``texts[b[k]]``.

    >>> char_spans(["x calls upon", "calls upon y"], np.array([0]), np.array([1]),
    ...     np.array([[4, 1, 3, 0, 2]])).tolist()
    [[2, 12, 0, 10]]
    """
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    found = aligned[:, 0] > 0
    used = np.unique(np.concatenate([a[found], b[found]]))
    parts = [token_offsets([texts[p] for p in used[lo : lo + TEXT_BLOCK]])
             for lo in range(0, len(used), TEXT_BLOCK)]  # fmt: skip
    starts = np.concatenate([np.empty(0, np.int64), *(part[0] for part in parts)])
    ends = np.concatenate([np.empty(0, np.int64), *(part[1] for part in parts)])
    sizes = np.concatenate([np.empty(0, np.int64), *(np.diff(part[2]) for part in parts)])
    base = np.zeros(len(texts), dtype=np.int64)
    base[used] = np.cumsum(sizes) - sizes
    out = np.full((len(a), 4), -1, dtype=np.int64)
    if found.any():
        fa, fb, al = a[found], b[found], aligned[found]
        out[found] = np.stack(
            [
                starts[base[fa] + al[:, 1]],
                ends[base[fa] + al[:, 2] - 1],
                starts[base[fb] + al[:, 3]],
                ends[base[fb] + al[:, 4] - 1],
            ],
            axis=1,
        )
    return out
