"""What the Spark executors run on each Arrow batch: the embedded engine's own stage functions.

Every function here takes and gives ``pyarrow.RecordBatch`` es (Spark's ``mapInArrow``) and
calls :mod:`~bluehelmet.reuse.tokens`, :mod:`~bluehelmet.reuse.shingles`,
:mod:`~bluehelmet.reuse.minhash`, :mod:`~bluehelmet.reuse.lsh`,
:mod:`~bluehelmet.reuse.verify` and :mod:`~bluehelmet.reuse.pipeline` unchanged, so both
engines make the same numbers. Spark has no unsigned integers: 64-bit hashes travel as
int64 with the same bits, signatures as 4 bytes per permutation.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa

from bluehelmet.reuse.boilerplate import formulas
from bluehelmet.reuse.lsh import band_keys
from bluehelmet.reuse.minhash import signatures
from bluehelmet.reuse.pipeline import pair_table
from bluehelmet.reuse.schema import PAIR_COLUMNS
from bluehelmet.reuse.settings import ReuseSettings
from bluehelmet.reuse.shingles import Shingles, shingle_tokens, token_hash
from bluehelmet.reuse.tokens import token_table
from bluehelmet.reuse.verify import verify

#: Columns of :func:`hashed`.
HASHED_SCHEMA = pa.schema(
    [
        ("paragraph", pa.int64()),
        ("words", pa.int64()),
        ("formula", pa.int64()),
        ("doc_hash", pa.int64()),
        ("shingles", pa.list_(pa.int64())),
        ("signature", pa.binary()),
    ]
)
#: Columns of :func:`keyed`.
KEY_SCHEMA = pa.schema([("paragraph", pa.int64()), ("band", pa.int32()), ("key", pa.int64())])
#: Columns of :func:`verified`: the pair columns, then the candidate's paragraphs (``lo`` <
#: ``hi``, the order the embedded engine writes pairs in) and whether either is boilerplate.
PAIR_SCHEMA = pa.schema(
    [(c, pa.string()) for c in PAIR_COLUMNS[:4]]
    + [(c, pa.float64()) for c in PAIR_COLUMNS[4:6]]
    + [(c, pa.int64()) for c in PAIR_COLUMNS[6:]]
    + [("lo", pa.int64()), ("hi", pa.int64()), ("boilerplate", pa.bool_())]
)


def _signed(values: np.ndarray) -> np.ndarray:
    """uint64 values as int64 with the same bits."""
    return np.ascontiguousarray(values, dtype=np.uint64).view(np.int64)


def hashed(batches: Iterator[pa.RecordBatch], s: ReuseSettings) -> Iterator[pa.RecordBatch]:
    """Per paragraph (columns ``paragraph``, ``doc``, ``text``): its word count, the hashes
    of its formula and document, its shingles and MinHash signature, as
    :func:`bluehelmet.reuse.pipeline.prepare` and ``pass_one`` make them. Paragraphs without
    words or over ``s.max_tokens`` words get no shingles (the engine leaves them out).

    >>> batch = pa.record_batch({"paragraph": [4, 9], "doc": ["A", "B"],
    ...     "text": ["decides to extend the mandate", ""]})
    >>> out = next(hashed(iter([batch]), ReuseSettings()))
    >>> out["words"].to_pylist(), [len(x) for x in out["shingles"].to_pylist()]
    ([5, 0], [1, 0])
    """
    for batch in batches:
        table = token_table(batch.column("text").to_pylist())
        words = table.sizes()
        keep = np.flatnonzero((words > 0) & (words <= s.max_tokens))
        kept = table.take(keep)
        sh = shingle_tokens(kept, n=s.n)
        sig = signatures(sh, s.num_perm, s.seed, workers=1)
        n = batch.num_rows
        sizes = np.zeros(n, dtype=np.int64)
        sizes[keep] = sh.sizes()
        offsets = np.zeros(n + 1, dtype=np.int32)
        np.cumsum(sizes, out=offsets[1:])
        formula = np.zeros(n, dtype=np.uint64)
        formula[keep] = np.fromiter(map(token_hash, formulas(kept)), np.uint64, len(keep))
        doc = np.fromiter(map(token_hash, batch.column("doc").to_pylist()), np.uint64, n)
        rows = np.zeros((n, s.num_perm), dtype=np.uint32)
        rows[keep] = sig
        yield pa.record_batch(
            [
                batch.column("paragraph"),
                pa.array(words),
                pa.array(_signed(formula)),
                pa.array(_signed(doc)),
                pa.ListArray.from_arrays(pa.array(offsets), pa.array(_signed(sh.hashes))),
                pa.array([row.tobytes() for row in rows], pa.binary()),
            ],
            schema=HASHED_SCHEMA,
        )


def keyed(batches: Iterator[pa.RecordBatch], s: ReuseSettings) -> Iterator[pa.RecordBatch]:
    """LSH band keys (:func:`bluehelmet.reuse.lsh.band_keys`) of the ``signature`` column,
    one row per (``paragraph``, band).

    >>> sig = np.arange(128, dtype=np.uint32).tobytes()
    >>> out = next(keyed(iter([pa.record_batch({"paragraph": [7], "signature": [sig]})]),
    ...     ReuseSettings()))
    >>> out.num_rows, set(out["paragraph"].to_pylist())
    (32, {7})
    """
    for batch in batches:
        raw = b"".join(batch.column("signature").to_pylist())
        sig = np.frombuffer(raw, dtype=np.uint32).reshape(batch.num_rows, s.num_perm)
        keys = band_keys(sig, s.bands)
        ids = batch.column("paragraph").to_numpy()
        yield pa.record_batch(
            [
                pa.array(ids[keys.column("paragraph").to_numpy()]),
                keys.column("band").combine_chunks(),
                pa.array(_signed(keys.column("key").to_numpy())),
            ],
            schema=KEY_SCHEMA,
        )


def _both(batch: pa.RecordBatch, name: str) -> list[object]:
    """Column ``a_<name>`` then ``b_<name>`` as one list."""
    return batch.column(f"a_{name}").to_pylist() + batch.column(f"b_{name}").to_pylist()


def verified(batches: Iterator[pa.RecordBatch], s: ReuseSettings) -> Iterator[pa.RecordBatch]:
    """Verified and aligned pairs (``PAIR_SCHEMA``) of candidate rows ``a`` < ``b`` that carry
    both sides' ``shingles``, ``doc``, ``id``, ``text`` and ``boilerplate`` (columns
    ``a_*``, ``b_*``) and ``a_first`` (``a`` sorts first by date, doc, id: it is the
    source). Each batch is checked by :func:`~bluehelmet.reuse.verify.verify` and aligned
    by :func:`~bluehelmet.reuse.pipeline.pair_table`, as the embedded engine does.

    >>> text = "the council decides to extend the mandate"
    >>> batch = pa.record_batch({"a": [0], "b": [5], "a_first": [False],
    ...     "a_shingles": [[1, 2]], "b_shingles": [[1, 2]], "a_doc": ["A"], "b_doc": ["B"],
    ...     "a_id": ["1"], "b_id": ["1"], "a_text": [text], "b_text": [text],
    ...     "a_boilerplate": [False], "b_boilerplate": [False]})
    >>> out = next(verified(iter([batch]), ReuseSettings())).to_pylist()[0]
    >>> out["source_doc"], out["jaccard"], out["lo"], out["hi"]
    ('B', 1.0, 0, 5)
    """
    for batch in batches:
        m = batch.num_rows
        lists = [batch.column("a_shingles"), batch.column("b_shingles")]
        values = np.concatenate([np.asarray(c.values, dtype=np.int64) for c in lists])
        sizes = np.concatenate([np.diff(np.asarray(c.offsets)) for c in lists])
        offsets = np.zeros(2 * m + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        sh = Shingles(values.view(np.uint64), offsets, n=s.n)
        rank = np.zeros(2 * m, dtype=np.int64)
        rank[m:] = np.where(batch.column("a_first").to_numpy(zero_copy_only=False), 1, -1)
        pairs = pd.DataFrame({"a": np.arange(m), "b": np.arange(m, 2 * m)})
        kept = verify(sh, pairs, s.min_jaccard, s.min_containment, rank=rank)
        doc = np.array(_both(batch, "doc"), dtype=object)
        ids = np.array(_both(batch, "id"), dtype=object)
        texts = [str(t) for t in _both(batch, "text")]
        table = pair_table(doc, ids, texts, token_table(texts), kept)
        src = kept["a"].to_numpy(dtype=np.int64)
        tgt = kept["b"].to_numpy(dtype=np.int64)
        bp = np.array(_both(batch, "boilerplate"), dtype=bool)
        first = np.minimum(src, tgt)
        table["lo"] = batch.column("a").to_numpy()[first]
        table["hi"] = batch.column("b").to_numpy()[first]
        table["boilerplate"] = bp[src] | bp[tgt]
        yield pa.RecordBatch.from_pandas(table, schema=PAIR_SCHEMA, preserve_index=False)
