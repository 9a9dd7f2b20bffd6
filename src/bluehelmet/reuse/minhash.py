"""MinHash signatures by universal hashing, vectorised over all shingles at once."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from bluehelmet.errors import UsageError
from bluehelmet.reuse.shingles import Shingles

#: Keys are the top ``KEY_BITS`` bits of each shingle hash.
KEY_BITS = 32
#: Signature values are the top ``VALUE_BITS`` bits of ``(a*x + b) mod 2**64``: below
#: ``EMPTY``, so a paragraph with shingles never looks empty.
VALUE_BITS = 31
#: Signature value of a paragraph without shingles.
EMPTY = np.uint32(np.iinfo(np.uint32).max)
_KEY_SHIFT = np.uint64(64 - KEY_BITS)
_VALUE_SHIFT = np.uint64(64 - VALUE_BITS)


def permutations(num_perm: int = 128, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Seeded ``(a, b)`` of the hash family ``((a*x + b) mod 2**64) >> (64 - VALUE_BITS)``
    (multiply-add-shift: strongly universal for keys of ``KEY_BITS`` <= 64 - VALUE_BITS
    bits).

    >>> a, b = permutations(4, seed=1)
    >>> a.shape, a.dtype.name, bool((a % 2 == 1).all())
    ((4,), 'uint64', True)
    """
    if num_perm < 1:
        raise UsageError(f"num_perm must be >= 1, got {num_perm}")
    rng = np.random.default_rng(seed)
    top = np.iinfo(np.uint64).max
    a = rng.integers(0, top, size=num_perm, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, top, size=num_perm, dtype=np.uint64, endpoint=True)
    return a, b


def signatures(
    shingles: Shingles, num_perm: int = 128, seed: int = 1, *, workers: int | None = None
) -> np.ndarray:
    """MinHash matrix (paragraphs x ``num_perm``, uint32); empty paragraphs get ``EMPTY``.

    One permutation at a time over all shingles (arrays that fit the cache): a multiply and
    an add in uint64 (wrapping is the modulus), the minimum per paragraph, then the shift
    (it keeps the order, so it is taken on the minima only). Permutations are shared among
    ``workers`` threads (default: up to 4 CPUs; numpy releases the GIL).

    >>> from bluehelmet.reuse.shingles import shingle_texts
    >>> s = shingle_texts(["a b c d e f g", "a b c d e f g", ""], n=3)
    >>> sig = signatures(s, num_perm=8)
    >>> sig.shape, bool((sig[0] == sig[1]).all()), bool((sig[2] == EMPTY).all())
    ((3, 8), True, True)
    """
    a, b = permutations(num_perm, seed)
    out = np.full((num_perm, len(shingles)), EMPTY, dtype=np.uint32)
    nonempty = np.flatnonzero(shingles.sizes() > 0)
    if len(nonempty) == 0:
        return np.ascontiguousarray(out.T)
    keys = shingles.hashes.astype(np.uint64, copy=False) >> _KEY_SHIFT
    starts = shingles.offsets[nonempty]
    mins = np.empty((num_perm, len(nonempty)), dtype=np.uint64)

    def run(perms: range) -> None:
        v = np.empty_like(keys)
        with np.errstate(over="ignore"):
            for p in perms:
                np.multiply(keys, a[p], out=v)
                v += b[p]
                np.minimum.reduceat(v, starts, out=mins[p])

    n_workers = max(1, min(workers or min(4, os.cpu_count() or 1), num_perm))
    with ThreadPoolExecutor(n_workers) as pool:
        list(pool.map(run, [range(w, num_perm, n_workers) for w in range(n_workers)]))
    mins >>= _VALUE_SHIFT
    out[:, nonempty] = mins
    return np.ascontiguousarray(out.T)
