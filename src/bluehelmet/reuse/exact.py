"""All similar paragraph pairs by brute force, to measure the engine against (tests, benchmarks).

Independent of the engine's hashing, MinHash, LSH and verification: shingles are tuples of
words (:func:`~bluehelmet.reuse.tokens.tokens`) numbered by a dictionary, and every pair's
overlap comes from one sparse matrix product.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import sparse

from bluehelmet.reuse.tokens import tokens


def word_grams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """The word ``n``-grams of ``text``; a text of fewer than ``n`` words (but some) is one gram.

    >>> sorted(word_grams("The Council decides, the Council", n=4))
    [('council', 'decides', 'the', 'council'), ('the', 'council', 'decides', 'the')]
    >>> word_grams("Decides.", n=5), word_grams("", n=5)
    ({('decides',)}, set())
    """
    words = tokens(text)
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def exact_pairs(
    texts: Iterable[str], n: int = 5, min_jaccard: float = 0.6, min_containment: float = 1.1
) -> pd.DataFrame:
    """Pairs of texts (positions ``a < b``) with exact Jaccard >= ``min_jaccard`` or containment
    (shared grams / grams of the smaller) >= ``min_containment`` on their word ``n``-grams.

    The default containment threshold (above 1) keeps pairs by Jaccard alone.

    >>> texts = ["a b c d e f g", "a b c d e f", "a b c d e f g h i j k l", "x y z"]
    >>> exact_pairs(texts).values.tolist()
    [[0.0, 1.0, 0.6666666666666666, 1.0]]
    >>> exact_pairs(texts, min_containment=0.8)[["a", "b"]].values.tolist()
    [[0, 1], [0, 2], [1, 2]]
    """
    ids: dict[tuple[str, ...], int] = {}
    cols: list[int] = []
    offsets = [0]
    for text in texts:
        cols.extend(ids.setdefault(gram, len(ids)) for gram in word_grams(text, n))
        offsets.append(len(cols))
    data = np.ones(len(cols), dtype=np.int32)
    mat = sparse.csr_matrix((data, cols, offsets), shape=(len(offsets) - 1, max(1, len(ids))))
    inter = sparse.triu(mat @ mat.T, k=1).tocoo()
    a, b, shared = inter.row.astype(np.int64), inter.col.astype(np.int64), inter.data
    size = np.diff(offsets)
    jaccard = shared / (size[a] + size[b] - shared)
    containment = shared / np.minimum(size[a], size[b])
    keep = (jaccard >= min_jaccard) | (containment >= min_containment)
    order = np.lexsort((b[keep], a[keep]))
    return pd.DataFrame(
        {
            "a": a[keep][order],
            "b": b[keep][order],
            "jaccard": jaccard[keep][order],
            "containment": containment[keep][order],
        }
    )


def brute_force_pairs(
    paragraphs: pd.DataFrame, n: int = 5, min_jaccard: float = 0.6
) -> pd.DataFrame:
    """:func:`exact_pairs` of a paragraph table's ``text``, named by ``doc`` and ``id``:
    columns ``doc_a, id_a, doc_b, id_b, jaccard, containment`` in table order (a before b).

    >>> df = pd.DataFrame({"doc": ["A", "B", "C"], "id": ["1", "1", "1"],
    ...     "text": ["a b c d e f g", "a b c d e f g", "z y x w v u t"]})
    >>> brute_force_pairs(df)[["doc_a", "doc_b", "jaccard"]].values.tolist()
    [['A', 'B', 1.0]]
    """
    found = exact_pairs(paragraphs["text"], n=n, min_jaccard=min_jaccard)
    a, b = found["a"].to_numpy(), found["b"].to_numpy()
    doc, id_ = paragraphs["doc"].to_numpy(), paragraphs["id"].to_numpy()
    return pd.DataFrame(
        {"doc_a": doc[a], "id_a": id_[a], "doc_b": doc[b], "id_b": id_[b],
         "jaccard": found["jaccard"].to_numpy(), "containment": found["containment"].to_numpy()}
    )  # fmt: skip
