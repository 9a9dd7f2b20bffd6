"""The reuse pipeline: tokens -> shingles -> MinHash -> LSH -> verification -> alignment."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from bluehelmet.reuse.align_batch import align_pairs, char_spans
from bluehelmet.reuse.boilerplate import boilerplate_mask, default_min_docs
from bluehelmet.reuse.lsh import BACKENDS, MAX_BUCKET
from bluehelmet.reuse.lsh import candidates as find_candidates
from bluehelmet.reuse.minhash import signatures
from bluehelmet.reuse.schema import PAIR_COLUMNS
from bluehelmet.reuse.shingles import shingle_table, shingle_tokens
from bluehelmet.reuse.tokens import TOKENIZER, TokenTable, token_table
from bluehelmet.reuse.verify import MIN_CONTAINMENT, MIN_JACCARD, incidence, verify

#: Paragraphs with more tokens than this are left out (with a warning).
MAX_TOKENS = 5000


@dataclass(frozen=True)
class ReuseResult:
    """Verified pairs (``PAIR_COLUMNS``), boilerplate pairs and ids, and how they were made."""

    pairs: pd.DataFrame
    boilerplate_pairs: pd.DataFrame
    boilerplate: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)


def _prepare(
    paragraphs: pd.DataFrame, max_tokens: int
) -> tuple[pd.DataFrame, TokenTable, dict[str, int]]:
    """Check columns and ids; tokenise; drop empty and huge paragraphs with a warning."""
    missing = {"doc", "id", "text"} - set(paragraphs.columns)
    if missing:
        raise ValueError(f"paragraph table lacks column(s): {sorted(missing)}")
    df = paragraphs.reset_index(drop=True).copy()
    df["doc"] = df["doc"].astype(str)
    df["id"] = df["id"].astype(str)
    df["text"] = df["text"].fillna("").astype(str)
    dup = int(df.duplicated(["doc", "id"]).sum())
    if dup:
        raise ValueError(f"{dup} duplicate (doc, id) key(s) in the paragraph table")
    toks = token_table(df["text"])
    n_tok = toks.sizes()
    counts = {"empty": int((n_tok == 0).sum()), "huge": int((n_tok > max_tokens).sum())}
    if counts["empty"]:
        warnings.warn(f"{counts['empty']} empty paragraph(s) left out", stacklevel=3)
    if counts["huge"]:
        warnings.warn(
            f"{counts['huge']} paragraph(s) over {max_tokens} tokens left out", stacklevel=3
        )
    keep = np.flatnonzero((n_tok > 0) & (n_tok <= max_tokens))
    return df.iloc[keep].reset_index(drop=True), toks.take(keep), counts


def _rank(df: pd.DataFrame) -> np.ndarray:
    """Position of each row when sorted by date (missing last), doc, id."""
    date = df["date"] if "date" in df.columns else pd.Series("", index=df.index)
    date = date.astype("string").fillna("\uffff").replace("", "\uffff")
    order = np.lexsort((df["id"].to_numpy(), df["doc"].to_numpy(), date.to_numpy(dtype=str)))
    rank = np.empty(len(df), dtype=np.int64)
    rank[order] = np.arange(len(df))
    return rank


def _pair_table(df: pd.DataFrame, toks: TokenTable, verified: pd.DataFrame) -> pd.DataFrame:
    """Verified index pairs of ``df`` rows as a ``PAIR_COLUMNS`` table (see :func:`pair_table`)."""
    doc, ids = df["doc"].to_numpy(), df["id"].to_numpy()
    return pair_table(doc, ids, df["text"].tolist(), toks, verified)


def pair_table(
    doc: np.ndarray, ids: np.ndarray, texts: list[str], toks: TokenTable, verified: pd.DataFrame
) -> pd.DataFrame:
    """Verified pairs as a ``PAIR_COLUMNS`` table with aligned character spans.

    ``verified`` has row positions ``a`` (source) and ``b`` (target), ``jaccard`` and
    ``containment``; ``doc``, ``ids``, ``texts`` and ``toks`` (their token table) describe
    the rows.

    >>> texts = ["x calls upon all parties", "calls upon all parties y"]
    >>> verified = pd.DataFrame({"a": [0], "b": [1], "jaccard": [0.6], "containment": [0.75]})
    >>> table = pair_table(np.array(["A", "B"]), np.array(["1", "1"]), texts,
    ...     token_table(texts), verified)
    >>> table[["source_doc", "target_doc", "source_start", "source_end", "target_start",
    ...     "target_end"]].values.tolist()
    [['A', 'B', 2, 24, 0, 22]]
    """
    a = verified["a"].to_numpy(dtype=np.int64)
    b = verified["b"].to_numpy(dtype=np.int64)
    span = char_spans(texts, a, b, align_pairs(toks, a, b))
    out = pd.DataFrame(
        {
            "source_doc": doc[a],
            "source_id": ids[a],
            "target_doc": doc[b],
            "target_id": ids[b],
            "jaccard": verified["jaccard"].to_numpy(dtype=float),
            "containment": verified["containment"].to_numpy(dtype=float),
            "source_start": span[:, 0],
            "source_end": span[:, 1],
            "target_start": span[:, 2],
            "target_end": span[:, 3],
        }
    )
    return out.loc[:, list(PAIR_COLUMNS)]


def find_reuse(
    paragraphs: pd.DataFrame,
    n: int = 5,
    num_perm: int = 128,
    bands: int = 32,
    min_jaccard: float = MIN_JACCARD,
    min_containment: float = MIN_CONTAINMENT,
    seed: int = 1,
    min_docs: int | None = None,
    max_bucket: int = MAX_BUCKET,
    max_tokens: int = MAX_TOKENS,
    candidates: str = "numpy",
) -> ReuseResult:
    """Verified text reuse between paragraphs (earlier paragraph = source).

    Defaults: word 5-gram shingles; 128 MinHash permutations in 32 bands of 4 rows (a pair
    at Jaccard 0.6 becomes a candidate with probability ~0.988, at 0.7 ~0.9998); a candidate
    is kept at exact Jaccard >= 0.6 or containment >= 0.8. Pairs touching a boilerplate
    paragraph (formula in more than ``min_docs`` documents, default max(20, 5% of documents);
    see :mod:`bluehelmet.reuse.boilerplate`) go to ``boilerplate_pairs`` instead of ``pairs``.
    Duplicate ``(doc, id)`` keys raise ``ValueError``; empty paragraphs and paragraphs over
    ``max_tokens`` tokens are left out with a warning (counts in ``params``). The LSH
    band-key self-join runs in numpy or, with ``candidates="duckdb"``, in DuckDB (same pairs).

    >>> text = "the council calls upon all parties to respect the ceasefire at once"
    >>> df = pd.DataFrame({"doc": ["A", "B"], "id": ["1", "1"], "text": [text, "x " + text],
    ...     "date": ["1990-01-01", "1989-01-01"]})
    >>> r = find_reuse(df)
    >>> r.pairs[["source_doc", "target_doc", "containment"]].values.tolist()
    [['B', 'A', 1.0]]
    """
    if candidates not in BACKENDS:
        raise ValueError(f"candidates must be one of {', '.join(BACKENDS)}, got {candidates!r}")
    df, toks, counts = _prepare(paragraphs, max_tokens)
    n_docs = int(df["doc"].nunique())
    threshold = default_min_docs(n_docs) if min_docs is None else min_docs
    sh = shingle_tokens(toks, n=n)
    sig = signatures(sh, num_perm=num_perm, seed=seed)
    cand = find_candidates(sig, bands=bands, max_bucket=max_bucket, backend=candidates)
    verified = verify(sh, cand, min_jaccard, min_containment, rank=_rank(df))
    pairs = _pair_table(df, toks, verified)
    bp = boilerplate_mask(df, threshold, toks).to_numpy()
    is_bp = bp[verified["a"].to_numpy(dtype=np.int64)] | bp[verified["b"].to_numpy(dtype=np.int64)]
    params: dict[str, Any] = {
        "tokenizer": TOKENIZER,
        "n": n,
        "num_perm": num_perm,
        "bands": bands,
        "rows_per_band": num_perm // bands,
        "seed": seed,
        "min_jaccard": min_jaccard,
        "min_containment": min_containment,
        "min_docs": threshold,
        "max_bucket": max_bucket,
        "max_tokens": max_tokens,
        "paragraphs": len(df),
        "empty_dropped": counts["empty"],
        "huge_dropped": counts["huge"],
        "candidates": len(cand),
        "candidate_join": candidates,
        "capped_buckets": int(cand.attrs.get("capped_buckets", 0)),
    }
    return ReuseResult(
        pairs=pairs[~is_bp].reset_index(drop=True),
        boilerplate_pairs=pairs[is_bp].reset_index(drop=True),
        boilerplate=df.loc[bp, ["doc", "id"]].reset_index(drop=True),
        params=params,
    )


def brute_force_pairs(
    paragraphs: pd.DataFrame, n: int = 5, min_jaccard: float = MIN_JACCARD
) -> pd.DataFrame:
    """All pairs with exact Jaccard >= ``min_jaccard`` (sparse product; for testing).

    Columns: ``doc_a, id_a, doc_b, id_b, jaccard, containment`` in table order (a before b).

    >>> df = pd.DataFrame({"doc": ["A", "B", "C"], "id": ["1", "1", "1"],
    ...     "text": ["a b c d e f g", "a b c d e f g", "z y x w v u t"]})
    >>> brute_force_pairs(df)[["doc_a", "doc_b", "jaccard"]].values.tolist()
    [['A', 'B', 1.0]]
    """
    df = paragraphs.reset_index(drop=True)
    sh = shingle_table(df, n=n)
    mat = incidence(sh)
    inter = (mat @ mat.T).tocoo()
    a, b, k = inter.row, inter.col, inter.data.astype(np.int64)
    up = a < b
    a, b, k = a[up], b[up], k[up]
    size = sh.sizes()
    jac = k / (size[a] + size[b] - k)
    con = k / np.minimum(size[a], size[b])
    keep = jac >= min_jaccard
    order = np.lexsort((b[keep], a[keep]))
    a, b = a[keep][order], b[keep][order]
    return pd.DataFrame(
        {
            "doc_a": df["doc"].to_numpy()[a],
            "id_a": df["id"].to_numpy()[a],
            "doc_b": df["doc"].to_numpy()[b],
            "id_b": df["id"].to_numpy()[b],
            "jaccard": jac[keep][order],
            "containment": con[keep][order],
        }
    )
