"""Exact Jaccard and containment of candidate pairs on their shingle sets."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from bluehelmet.reuse.shingles import Shingles

#: Default thresholds: keep a pair at Jaccard >= 0.6 or containment >= 0.8.
MIN_JACCARD = 0.6
MIN_CONTAINMENT = 0.8


def incidence(shingles: Shingles) -> sparse.csr_matrix:
    """Binary paragraphs x distinct-shingles matrix (CSR, int32).

    >>> from bluehelmet.reuse.shingles import shingle_texts
    >>> incidence(shingle_texts(["a b c", "b c d"], n=2)).toarray().sum(axis=1).tolist()
    [2, 2]
    """
    _, cols = np.unique(shingles.hashes, return_inverse=True)
    data = np.ones(len(cols), dtype=np.int32)
    n_cols = int(cols.max()) + 1 if len(cols) else 0
    return sparse.csr_matrix((data, cols.ravel(), shingles.offsets), shape=(len(shingles), n_cols))


def overlap(shingles: Shingles, a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
    """Intersection size, Jaccard and containment for the pairs ``(a[k], b[k])``.

    >>> from bluehelmet.reuse.shingles import shingle_texts
    >>> s = shingle_texts(["a b c d", "a b c", "x y z"], n=2)
    >>> overlap(s, np.array([0, 0]), np.array([1, 2]))[["jaccard", "containment"]].values.tolist()
    [[0.6666666666666666, 1.0], [0.0, 0.0]]
    """
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    mat = incidence(shingles)
    inter = np.asarray(mat[a].multiply(mat[b]).sum(axis=1)).ravel().astype(np.int64)
    size = shingles.sizes()
    sa, sb = size[a], size[b]
    union = sa + sb - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        jac = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
        con = np.where(np.minimum(sa, sb) > 0, inter / np.maximum(np.minimum(sa, sb), 1), 0.0)
    return pd.DataFrame({"a": a, "b": b, "intersection": inter, "jaccard": jac, "containment": con})


def verify(
    shingles: Shingles,
    pairs: pd.DataFrame,
    min_jaccard: float = MIN_JACCARD,
    min_containment: float = MIN_CONTAINMENT,
    rank: np.ndarray | None = None,
) -> pd.DataFrame:
    """Keep candidate pairs with Jaccard >= ``min_jaccard`` or containment >= ``min_containment``.

    With ``rank`` (lower = earlier), pairs are oriented so that ``a`` is the source.

    >>> from bluehelmet.reuse.shingles import shingle_texts
    >>> s = shingle_texts(["a b c d", "a b c d", "x y z"], n=2)
    >>> pairs = pd.DataFrame({"a": [0, 0], "b": [1, 2]})
    >>> verify(s, pairs, rank=np.array([2, 1, 0]))[["a", "b", "jaccard"]].values.tolist()
    [[1.0, 0.0, 1.0]]
    """
    a = pairs["a"].to_numpy(dtype=np.int64)
    b = pairs["b"].to_numpy(dtype=np.int64)
    if rank is not None:
        swap = rank[a] > rank[b]
        a, b = np.where(swap, b, a), np.where(swap, a, b)
    out = overlap(shingles, a, b)
    keep = (out["jaccard"] >= min_jaccard) | (out["containment"] >= min_containment)
    return out[keep].reset_index(drop=True)
