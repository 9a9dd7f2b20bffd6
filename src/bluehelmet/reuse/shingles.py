"""Word n-gram shingles as sorted unique 64-bit hashes per paragraph (deterministic)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.reuse.tokens import TokenTable, token_table

_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the polynomial hash


def token_hash(token: str) -> int:
    """A fixed 64-bit hash of one token (blake2b, 8 bytes, little endian).

    >>> token_hash("council") == token_hash("council")
    True
    """
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


#: :func:`token_hash` of the vocabulary, the most recent words kept (each batch hashes its
#: vocabulary again; words only: formulas and document names would fill it).
_vocab_hash = lru_cache(maxsize=1 << 18)(token_hash)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, applied element-wise to a uint64 array."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def shingle_hashes(
    toks: Sequence[str], n: int = 5, cache: dict[str, int] | None = None
) -> np.ndarray:
    """Sorted unique uint64 hashes of the word ``n``-grams of ``toks``.

    A text shorter than ``n`` tokens (but not empty) gives one shingle of all its tokens.

    >>> h = shingle_hashes("a b c d e f".split(), n=5)
    >>> len(h), h.dtype.name, bool((np.diff(h) > 0).all())
    (2, 'uint64', True)
    """
    if n < 1:
        raise UsageError(f"n must be >= 1, got {n}")
    if not toks:
        return np.empty(0, dtype=np.uint64)
    cache = {} if cache is None else cache
    th = np.fromiter(
        (cache[t] if t in cache else cache.setdefault(t, token_hash(t)) for t in toks),
        dtype=np.uint64,
        count=len(toks),
    )
    k = min(n, len(th))
    m = len(th) - k + 1
    acc = np.full(m, np.uint64(k), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = acc * _MULT + th[j : j + m]
    return np.unique(_mix(acc))


@dataclass(frozen=True)
class Shingles:
    """Concatenated shingle hashes: paragraph ``i`` owns ``hashes[offsets[i]:offsets[i+1]]``."""

    hashes: np.ndarray
    offsets: np.ndarray
    n: int

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def sizes(self) -> np.ndarray:
        """Number of shingles per paragraph."""
        return np.diff(self.offsets)

    def get(self, i: int) -> np.ndarray:
        """The sorted shingle hashes of paragraph ``i``."""
        return self.hashes[self.offsets[i] : self.offsets[i + 1]]

    def frame(self) -> pd.DataFrame:
        """As a long table with columns ``paragraph`` (row position) and ``hash``."""
        para = np.repeat(np.arange(len(self), dtype=np.int64), self.sizes())
        return pd.DataFrame({"paragraph": para, "hash": self.hashes})


def shingle_tokens(table: TokenTable, n: int = 5) -> Shingles:
    """Shingles of every text of a token table at once (same hashes as :func:`shingle_hashes`).

    >>> from bluehelmet.reuse.tokens import token_table
    >>> s = shingle_tokens(token_table(["a b c d e f", "", "a b"]), n=5)
    >>> s.sizes().tolist(), bool((s.get(0) == shingle_hashes("a b c d e f".split())).all())
    ([2, 0, 1], True)
    """
    if n < 1:
        raise UsageError(f"n must be >= 1, got {n}")
    vocab_hash = np.fromiter(map(_vocab_hash, table.vocab), dtype=np.uint64, count=len(table.vocab))
    th = vocab_hash[table.ids]
    sizes = table.sizes()
    owner = np.repeat(np.arange(len(table), dtype=np.int64), sizes)
    parts, owners = [], []
    m = len(th) - n + 1
    if m > 0:  # every full n-gram that ends inside its own text
        acc = _grams(th, np.arange(m), n)
        whole = np.arange(m) + n <= table.offsets[owner[:m] + 1]
        parts.append(acc[whole])
        owners.append(owner[:m][whole])
    for k in np.unique(sizes[(sizes > 0) & (sizes < n)]):  # short texts: one shingle of all
        rows = np.flatnonzero(sizes == k)
        parts.append(_grams(th, table.offsets[rows], int(k)))
        owners.append(rows)
    hashes = _mix(np.concatenate(parts)) if parts else np.empty(0, dtype=np.uint64)
    para = np.concatenate(owners) if owners else np.empty(0, dtype=np.int64)
    hashes, para = _by_paragraph(hashes, para, len(table))
    first = np.ones(len(hashes), dtype=bool)
    first[1:] = (hashes[1:] != hashes[:-1]) | (para[1:] != para[:-1])
    offsets = np.zeros(len(table) + 1, dtype=np.int64)
    np.cumsum(np.bincount(para[first], minlength=len(table)), out=offsets[1:])
    return Shingles(hashes=hashes[first], offsets=offsets, n=n)


def _by_paragraph(
    hashes: np.ndarray, para: np.ndarray, n_par: int
) -> tuple[np.ndarray, np.ndarray]:
    """``hashes`` and ``para`` sorted by paragraph, then hash: one sort of a single key (the
    paragraph in the top bits, the hash's top bits below), checked; where two hashes of one
    paragraph share that key and come out of order, a sort by both columns."""
    bits = np.uint64(max(1, n_par.bit_length()))
    order = np.argsort((para.astype(np.uint64) << (np.uint64(64) - bits)) | (hashes >> bits))
    hashes, para = hashes[order], para[order]
    if ((para[1:] == para[:-1]) & (hashes[1:] < hashes[:-1])).any():
        order = np.lexsort((hashes, para))
        hashes, para = hashes[order], para[order]
    return hashes, para


def _grams(th: np.ndarray, starts: np.ndarray, k: int) -> np.ndarray:
    """Polynomial hash (before mixing) of the ``k`` token hashes from each start."""
    acc = np.full(len(starts), np.uint64(k), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = acc * _MULT + th[starts + j]
    return acc


def shingle_texts(texts: Iterable[str], n: int = 5) -> Shingles:
    """Shingle each text (tokenised with :func:`bluehelmet.reuse.tokens.tokens`).

    >>> s = shingle_texts(["a b c d e f", "", "a b c d e"], n=5)
    >>> s.sizes().tolist()
    [2, 0, 1]
    """
    return shingle_tokens(token_table(texts), n=n)
