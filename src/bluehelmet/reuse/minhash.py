"""MinHash signatures by universal hashing, vectorised over all shingles at once."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from bluehelmet.errors import UsageError
from bluehelmet.reuse.shingles import Shingles

#: Mersenne prime 2**31 - 1: keys, ``a`` and ``b`` are below it, so ``a*x + b`` is exact in
#: uint64 and the family is truly 2-universal (a 61-bit prime with truncated keys is not:
#: small keys escape the modulus and the minimum stops being random).
PRIME = np.uint64((1 << 31) - 1)
#: Signature value of a paragraph without shingles.
EMPTY = np.uint32(np.iinfo(np.uint32).max)
_SHIFT = np.uint64(31)
_PRIME32 = np.uint32(PRIME)


def permutations(num_perm: int = 128, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Seeded ``(a, b)`` of the hash family ``(a*x + b) mod PRIME``.

    >>> a, b = permutations(4, seed=1)
    >>> a.shape, bool((a > 0).all())
    ((4,), True)
    """
    if num_perm < 1:
        raise UsageError(f"num_perm must be >= 1, got {num_perm}")
    rng = np.random.default_rng(seed)
    a = rng.integers(1, int(PRIME), size=num_perm, dtype=np.uint64)
    b = rng.integers(0, int(PRIME), size=num_perm, dtype=np.uint64)
    return a, b


def signatures(
    shingles: Shingles, num_perm: int = 128, seed: int = 1, *, workers: int | None = None
) -> np.ndarray:
    """MinHash matrix (paragraphs x ``num_perm``, uint32); empty paragraphs get ``EMPTY``.

    One permutation at a time over all shingles (arrays that fit the cache), the modulus
    taken with shifts (``PRIME`` is a Mersenne prime), permutations shared among ``workers``
    threads (default: up to 4 CPUs; numpy releases the GIL).

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
    distinct, where = np.unique(shingles.hashes % PRIME, return_inverse=True)
    starts = shingles.offsets[nonempty]
    mins = np.empty((num_perm, len(nonempty)), dtype=np.uint32)

    def run(perms: range) -> None:
        v, s = np.empty_like(distinct), np.empty_like(distinct)
        low, spare = np.empty(len(distinct), dtype=np.uint32), np.empty(len(distinct), np.uint32)
        for p in perms:
            np.multiply(distinct, a[p], out=v)
            v += b[p]
            _mod_prime(v, s, low, spare)
            np.minimum.reduceat(low[where], starts, out=mins[p])

    n_workers = max(1, min(workers or min(4, os.cpu_count() or 1), num_perm))
    with ThreadPoolExecutor(n_workers) as pool:
        list(pool.map(run, [range(w, num_perm, n_workers) for w in range(n_workers)]))
    out[:, nonempty] = mins
    return np.ascontiguousarray(out.T)


def _mod_prime(v: np.ndarray, s: np.ndarray, low: np.ndarray, spare: np.ndarray) -> None:
    """``low = v mod PRIME`` (uint32) for ``v = a*x + b`` below ``2**62 + 2**31``.

    As ``2**31 = 1 (mod PRIME)``, adding the bits above 31 to the low 31 keeps the residue
    and gives a value below ``2**32 = 2 * PRIME + 2``; two conditional subtractions of
    ``PRIME`` in 32 bits finish. ``v``, ``s`` and ``spare`` are overwritten.
    """
    np.bitwise_and(v, PRIME, out=s)
    v >>= _SHIFT
    s += v
    low[:] = s
    for _ in range(2):
        np.greater_equal(low, _PRIME32, out=spare, casting="unsafe")
        spare *= _PRIME32
        low -= spare
