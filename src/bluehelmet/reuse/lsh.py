"""LSH banding of MinHash signatures: band keys as an Arrow table, then a self-join on them.

The join runs in numpy (sort and group, no quadratic loop) or in DuckDB (SQL on the Arrow
table); both give the same candidate pairs, bucket capping included.
"""

from __future__ import annotations

import warnings

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from bluehelmet.errors import UsageError
from bluehelmet.options import Backend, allowed, check
from bluehelmet.reuse.minhash import EMPTY
from bluehelmet.reuse.shingles import _mix

#: Default largest bucket expanded into pairs; larger buckets keep their first members only.
MAX_BUCKET = 2000
#: Where the band-key self-join can run.
BACKENDS = allowed(Backend)
#: Columns of :func:`band_keys`.
BAND_KEY_SCHEMA = pa.schema([("paragraph", pa.int64()), ("band", pa.int32()), ("key", pa.uint64())])
_FNV = np.uint64(0x100000001B3)


def band_keys(signatures: np.ndarray, bands: int = 32) -> pa.Table:
    """One row per (non-empty paragraph, band): a 64-bit hash of that band's rows.

    Rows are ordered by band, then paragraph. Paragraphs whose signature is all ``EMPTY``
    (no shingles) get no keys.

    >>> sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9]], dtype=np.uint32)
    >>> keys = band_keys(sig, bands=2).to_pandas()
    >>> keys[["paragraph", "band"]].values.tolist(), bool(keys["key"][0] == keys["key"][1])
    ([[0, 0], [1, 0], [0, 1], [1, 1]], True)
    """
    n_par, num_perm = signatures.shape
    if bands < 1 or num_perm % bands:
        raise UsageError(f"bands ({bands}) must divide the number of permutations ({num_perm})")
    rows = num_perm // bands
    live = np.flatnonzero(~(signatures == EMPTY).all(axis=1))
    block = signatures[live].reshape(len(live), bands, rows).astype(np.uint64)
    key = np.broadcast_to(np.arange(bands, dtype=np.uint64), (len(live), bands))
    with np.errstate(over="ignore"):
        for j in range(rows):
            key = _mix(key * _FNV + block[:, :, j])
    return pa.table(
        [
            pa.array(np.tile(live.astype(np.int64), bands)),
            pa.array(np.repeat(np.arange(bands, dtype=np.int32), len(live))),
            pa.array(np.ascontiguousarray(key.T).ravel()),
        ],
        schema=BAND_KEY_SCHEMA,
    )


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (as ``np.unique``, faster on runs already in order).

    >>> distinct(np.array([4, 1, 4, 2, 9, 1])).tolist()
    [1, 2, 4, 9]
    """
    out = np.sort(values, kind="stable")
    new = np.ones(len(out), dtype=bool)
    new[1:] = out[1:] != out[:-1]
    return out[new]


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


def join_numpy(keys: pa.Table, max_bucket: int = MAX_BUCKET) -> tuple[np.ndarray, int]:
    """Distinct pairs ``a < b`` sharing a ``(band, key)``, sorted; and the number of capped buckets.

    A bucket larger than ``max_bucket`` keeps its ``max_bucket`` lowest paragraphs.

    >>> keys = pa.table({"paragraph": [0, 1, 2, 0, 2], "band": [0, 0, 0, 1, 1],
    ...     "key": pa.array([5, 5, 7, 3, 3], pa.uint64())})
    >>> pairs, capped = join_numpy(keys)
    >>> pairs.tolist(), capped
    ([[0, 1], [0, 2]], 0)
    """
    para = keys.column("paragraph").to_numpy().astype(np.int64, copy=False)
    band = keys.column("band").to_numpy()
    key = keys.column("key").to_numpy()
    by_key = np.argsort(key)  # fast; then sort fully only the rows whose key recurs
    repeated = np.zeros(len(key), dtype=bool)
    same = key[by_key][1:] == key[by_key][:-1]
    repeated[1:] |= same
    repeated[:-1] |= same
    rows = by_key[repeated]
    rows = rows[np.lexsort((para[rows], key[rows], band[rows]))]
    para, band, key = para[rows], band[rows], key[rows]
    new = np.ones(len(key), dtype=bool)
    new[1:] = (key[1:] != key[:-1]) | (band[1:] != band[:-1])
    starts = np.flatnonzero(new)
    sizes = np.diff(np.append(starts, len(key)))
    keep = sizes > 1
    starts, sizes = starts[keep], sizes[keep]
    big = sizes > max_bucket
    capped = int(big.sum())
    if len(starts) == 0:
        return np.empty((0, 2), dtype=np.int64), capped
    pairs = _group_pairs(para, starts, np.where(big, max_bucket, sizes))
    width = np.int64(para.max()) + 1
    code = distinct(pairs[:, 0] * width + pairs[:, 1])
    return np.stack([code // width, code % width], axis=1), capped


_DUCKDB_JOIN = """
WITH sized AS (
    SELECT paragraph, band, key,
           count(*) OVER (PARTITION BY band, key) AS size,
           row_number() OVER (PARTITION BY band, key ORDER BY paragraph) AS pos
    FROM keys
),
kept AS (SELECT paragraph, band, key FROM sized WHERE size > 1 AND pos <= $max_bucket)
SELECT DISTINCT x.paragraph AS a, y.paragraph AS b
FROM kept x JOIN kept y ON x.band = y.band AND x.key = y.key AND x.paragraph < y.paragraph
ORDER BY a, b
"""
_DUCKDB_CAPPED = """
SELECT count(*) FROM (SELECT 1 FROM keys GROUP BY band, key HAVING count(*) > $max_bucket)
"""


def join_duckdb(
    keys: pa.Table, max_bucket: int = MAX_BUCKET, con: duckdb.DuckDBPyConnection | None = None
) -> tuple[np.ndarray, int]:
    """As :func:`join_numpy`, as a SQL self-join in an in-memory DuckDB over the Arrow table
    (on ``con`` when given, so that many joins share one connection).

    >>> keys = pa.table({"paragraph": [0, 1, 2, 0, 2], "band": [0, 0, 0, 1, 1],
    ...     "key": pa.array([5, 5, 7, 3, 3], pa.uint64())})
    >>> pairs, capped = join_duckdb(keys)
    >>> pairs.tolist(), capped
    ([[0, 1], [0, 2]], 0)
    """
    if con is None:
        with duckdb.connect() as own:
            return join_duckdb(keys, max_bucket, own)
    con.register("keys", keys)
    params = {"max_bucket": max_bucket}
    found = con.execute(_DUCKDB_JOIN, params).fetchnumpy()
    row = con.execute(_DUCKDB_CAPPED, params).fetchall()[0]
    con.unregister("keys")
    pairs = np.stack([np.asarray(found["a"]), np.asarray(found["b"])], axis=1).astype(np.int64)
    return pairs.reshape(-1, 2), int(row[0]) if row else 0


def candidates(
    signatures: np.ndarray,
    bands: int = 32,
    max_bucket: int = MAX_BUCKET,
    backend: str = "numpy",
    con: duckdb.DuckDBPyConnection | None = None,
) -> pd.DataFrame:
    """Candidate pairs ``a < b`` (row positions) sharing at least one whole band.

    ``backend`` picks where the band-key self-join runs (``"numpy"`` or ``"duckdb"``, on
    ``con`` when given).
    ``attrs['capped_buckets']`` counts buckets cut to ``max_bucket`` members (with a warning).

    >>> sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 7, 7]], dtype=np.uint32)
    >>> candidates(sig, bands=2).values.tolist()
    [[0, 1]]
    """
    if backend not in BACKENDS:
        check("backend", backend, Backend)
    keys = band_keys(signatures, bands)
    if backend == "duckdb":
        pairs, capped = join_duckdb(keys, max_bucket, con)
    else:
        pairs, capped = join_numpy(keys, max_bucket)
    if capped:
        warnings.warn(f"{capped} LSH bucket(s) larger than {max_bucket} were capped", stacklevel=2)
    out = pd.DataFrame({"a": pairs[:, 0], "b": pairs[:, 1]})
    out.attrs["capped_buckets"] = capped
    return out
