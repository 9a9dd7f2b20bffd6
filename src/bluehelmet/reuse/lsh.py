"""LSH banding of MinHash signatures into candidate pairs (sort-and-group, no quadratic loop)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from bluehelmet.reuse.minhash import EMPTY
from bluehelmet.reuse.shingles import _mix

#: Default largest bucket expanded into pairs; larger buckets keep their first members only.
MAX_BUCKET = 2000


def _group_pairs(members: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """All within-group pairs ``(members[i], members[j])``, i < j, of contiguous groups."""
    pos = np.repeat(starts, sizes) + (
        np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    )
    ends = np.repeat(starts + sizes, sizes)
    later = ends - pos - 1
    total = int(later.sum())
    first = np.repeat(pos, later)
    block_start = np.repeat(np.cumsum(later) - later, later)
    second = np.repeat(pos + 1, later) + (np.arange(total) - block_start)
    return np.stack([members[first], members[second]], axis=1)


def candidates(
    signatures: np.ndarray, bands: int = 32, max_bucket: int = MAX_BUCKET
) -> pd.DataFrame:
    """Candidate pairs ``a < b`` (row positions) sharing at least one whole band.

    ``attrs['capped_buckets']`` counts buckets cut to ``max_bucket`` members (with a warning).

    >>> sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 7, 7]], dtype=np.uint32)
    >>> candidates(sig, bands=2).values.tolist()
    [[0, 1]]
    """
    n_par, num_perm = signatures.shape
    if bands < 1 or num_perm % bands:
        raise ValueError(f"bands ({bands}) must divide the number of permutations ({num_perm})")
    rows = num_perm // bands
    live = np.flatnonzero(~(signatures == EMPTY).all(axis=1))
    sig = signatures[live]
    found: list[np.ndarray] = []
    capped = 0
    for band in range(bands):
        block = sig[:, band * rows : (band + 1) * rows]
        key = np.full(len(sig), np.uint64(band), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(rows):
                key = _mix(key * np.uint64(0x100000001B3) + block[:, j].astype(np.uint64))
        order = np.argsort(key, kind="stable")
        skey = key[order]
        bounds = np.flatnonzero(np.diff(skey)) + 1
        starts = np.concatenate([[0], bounds])
        sizes = np.diff(np.concatenate([starts, [len(skey)]]))
        keep = sizes > 1
        starts, sizes = starts[keep], sizes[keep]
        if len(starts) == 0:
            continue
        big = sizes > max_bucket
        capped += int(big.sum())
        sizes = np.where(big, max_bucket, sizes)
        found.append(_group_pairs(live[order], starts, sizes))
    if capped:
        warnings.warn(f"{capped} LSH bucket(s) larger than {max_bucket} were capped", stacklevel=2)
    if found:
        pairs = np.concatenate(found)
        pairs.sort(axis=1)
        pairs = np.unique(pairs, axis=0)
    else:
        pairs = np.empty((0, 2), dtype=np.int64)
    out = pd.DataFrame({"a": pairs[:, 0].astype(np.int64), "b": pairs[:, 1].astype(np.int64)})
    out.attrs["capped_buckets"] = capped
    return out
