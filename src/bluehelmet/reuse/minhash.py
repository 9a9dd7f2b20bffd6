"""MinHash signatures by universal hashing, vectorised over all shingles at once."""

from __future__ import annotations

import numpy as np

from bluehelmet.reuse.shingles import Shingles

#: Mersenne prime 2**31 - 1: keys, ``a`` and ``b`` are below it, so ``a*x + b`` is exact in
#: uint64 and the family is truly 2-universal (a 61-bit prime with truncated keys is not:
#: small keys escape the modulus and the minimum stops being random).
PRIME = np.uint64((1 << 31) - 1)
#: Signature value of a paragraph without shingles.
EMPTY = np.uint32(np.iinfo(np.uint32).max)
_BLOCK = 1 << 24  # elements per (shingles x permutations) block


def permutations(num_perm: int = 128, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Seeded ``(a, b)`` of the hash family ``(a*x + b) mod PRIME``.

    >>> a, b = permutations(4, seed=1)
    >>> a.shape, bool((a > 0).all())
    ((4,), True)
    """
    if num_perm < 1:
        raise ValueError(f"num_perm must be >= 1, got {num_perm}")
    rng = np.random.default_rng(seed)
    a = rng.integers(1, int(PRIME), size=num_perm, dtype=np.uint64)
    b = rng.integers(0, int(PRIME), size=num_perm, dtype=np.uint64)
    return a, b


def signatures(shingles: Shingles, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """MinHash matrix (paragraphs x ``num_perm``, uint32); empty paragraphs get ``EMPTY``.

    >>> from bluehelmet.reuse.shingles import shingle_texts
    >>> s = shingle_texts(["a b c d e f g", "a b c d e f g", ""], n=3)
    >>> sig = signatures(s, num_perm=8)
    >>> sig.shape, bool((sig[0] == sig[1]).all()), bool((sig[2] == EMPTY).all())
    ((3, 8), True, True)
    """
    a, b = permutations(num_perm, seed)
    n_par = len(shingles)
    out = np.full((n_par, num_perm), EMPTY, dtype=np.uint32)
    sizes = shingles.sizes()
    nonempty = np.flatnonzero(sizes > 0)
    if len(nonempty) == 0:
        return out
    x = (shingles.hashes % PRIME)[:, None]
    starts = shingles.offsets[nonempty]
    step = max(1, _BLOCK // max(1, len(x)))
    for lo in range(0, num_perm, step):
        hi = min(num_perm, lo + step)
        hv = (x * a[None, lo:hi] + b[None, lo:hi]) % PRIME
        out[nonempty, lo:hi] = np.minimum.reduceat(hv, starts, axis=0).astype(np.uint32)
    return out
