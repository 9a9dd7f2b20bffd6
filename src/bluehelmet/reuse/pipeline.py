"""The reuse pipeline both engines run: batches in, verified and aligned pairs out.

Pass 1 (:func:`pass_one`) tokenises, shingles and MinHashes each batch of checked records
(the MinHash of one batch runs in a thread while the next batch is tokenised) and hands the
results to a store (:mod:`bluehelmet.reuse.spill`: in memory, or spilled to disk). Pass 2
(:func:`pass_two`) marks boilerplate paragraphs, ranks paragraphs by date, finds candidates
one LSH band at a time, verifies them in chunks on the shingles of the chunk's paragraphs,
aligns them and hands the pair tables to sinks. The in-memory engine is this pipeline on one
batch; the streaming engine runs it on many.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, Protocol

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from bluehelmet.reuse.align_batch import align_pairs, char_spans
from bluehelmet.reuse.boilerplate import (
    UNDATED,
    default_min_docs,
    era_index,
    era_label,
    era_starts,
    formulas,
    years,
)
from bluehelmet.reuse.inputs import RecordBatch, RecordReader
from bluehelmet.reuse.lsh import candidates, distinct
from bluehelmet.reuse.minhash import EMPTY, signatures
from bluehelmet.reuse.schema import PAIR_COLUMNS, PARAGRAPH_COLUMNS
from bluehelmet.reuse.settings import ReuseSettings
from bluehelmet.reuse.shingles import Shingles, shingle_tokens, token_hash
from bluehelmet.reuse.tokens import TokenTable, take_ragged, token_table
from bluehelmet.reuse.verify import verify


@dataclass
class Batch:
    """One batch ready for MinHash: kept records, their shingles and per-paragraph hashes."""

    records: pd.DataFrame
    shingles: Shingles
    formula: np.ndarray
    doc: np.ndarray


class Store(Protocol):
    """Where pass 1 leaves its results (see :mod:`bluehelmet.reuse.spill`)."""

    sizes: list[np.ndarray]
    formula: list[np.ndarray]
    doc: list[np.ndarray]

    def add(self, batch: Batch, sig: np.ndarray) -> None: ...
    def bands(self, first: int, count: int, rows: int) -> np.ndarray: ...
    def shingle_hashes(self) -> np.ndarray: ...
    def records(self) -> pa.Table: ...
    def rows(self, used: np.ndarray) -> pa.Table: ...


class Sink(Protocol):
    """Takes pair tables (``PAIR_COLUMNS``) chunk by chunk and counts their rows."""

    rows: int

    def write(self, pairs: pd.DataFrame) -> None: ...


def progress_bar(show: bool) -> Progress:
    """The pipeline's progress bar on stderr (``show=False``: a silent one)."""
    return Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not show,
    )


def prepare(frame: pd.DataFrame, numbers: list[int], reader: RecordReader, n: int,
            max_tokens: int) -> Batch:  # fmt: skip
    """Shingle a batch; paragraphs without words or over ``max_tokens`` words are left out
    (reported to ``reader`` under their record ``numbers``)."""
    table = token_table(frame["text"])
    sizes = table.sizes()
    for i in np.flatnonzero((sizes == 0) | (sizes > max_tokens)):
        many = sizes[i] > 0
        detail = f" ({sizes[i]} > {max_tokens} words)" if many else ""
        reader.drop(numbers[i], "too many words" if many else "no words", detail)
    keep = np.flatnonzero((sizes > 0) & (sizes <= max_tokens))
    records = frame.iloc[keep][list(PARAGRAPH_COLUMNS)].reset_index(drop=True)
    kept = table.take(keep)
    return Batch(
        records=records,
        shingles=shingle_tokens(kept, n=n),
        formula=np.fromiter(map(token_hash, formulas(kept)), np.uint64),
        doc=np.fromiter(map(token_hash, records["doc"]), np.uint64),
    )


def pass_one(
    batches: Iterable[RecordBatch], reader: RecordReader, store: Store, bar: Progress,
    s: ReuseSettings,
) -> None:  # fmt: skip
    """Shingle and MinHash every batch of ``reader``; hand the results to ``store``."""
    task = bar.add_task("reading and hashing", total=reader.total or None)
    pending: tuple[Batch, Future[np.ndarray]] | None = None
    with ThreadPoolExecutor(max_workers=1) as pool:
        for frame, numbers in batches:
            batch = prepare(frame, numbers, reader, s.n, s.max_tokens)
            if pending is not None:
                store.add(pending[0], pending[1].result())
            pending = (batch, pool.submit(signatures, batch.shingles, s.num_perm, s.seed))
            bar.update(task, completed=reader.position)
        if pending is not None:
            store.add(pending[0], pending[1].result())
    bar.update(task, completed=reader.position, total=reader.position)


def boilerplate(
    store: Store, min_docs: int | None, year: np.ndarray | None = None,
    eras: tuple[int, ...] | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:  # fmt: skip
    """Boilerplate mask (formula in more than its era's threshold of that era's documents)
    and one row per era: ``era`` (its years), ``documents``, ``min_docs`` and
    ``boilerplate_paragraphs``. ``year`` is each paragraph's year (None: all undated, one
    era); ``eras`` as :attr:`ReuseSettings.eras`."""
    none = np.empty(0, dtype=np.uint64)
    formula = np.concatenate([none, *store.formula])
    year = np.full(len(formula), UNDATED, dtype=np.int64) if year is None else year
    table = pd.DataFrame(
        {
            "formula": formula,
            "doc": np.concatenate([none, *store.doc]),
            "era": era_index(year, era_starts(year, eras)),
        }
    )
    mask = np.zeros(len(table), dtype=bool)
    rows = []
    for era, part in table.groupby("era", sort=True):
        n_docs = int(part["doc"].nunique())
        threshold = default_min_docs(n_docs) if min_docs is None else min_docs
        hit = part.groupby("formula")["doc"].transform("nunique").to_numpy() > threshold
        mask[part.index.to_numpy()] = hit
        label = era_label(year[part.index.to_numpy()]) if era != UNDATED else "undated"
        rows.append((label, n_docs, threshold, int(hit.sum())))
    columns = ["era", "documents", "min_docs", "boilerplate_paragraphs"]
    return mask, pd.DataFrame(rows, columns=columns)


def _thresholds(eras: pd.DataFrame, min_docs: int | None) -> int | list[int]:
    """The boilerplate threshold of the one era (or of an empty run), else one per era."""
    if len(eras) > 1:
        return [int(t) for t in eras["min_docs"]]
    if len(eras) == 1:
        return int(eras["min_docs"].iloc[0])
    return default_min_docs(0) if min_docs is None else min_docs


def rank(records: pa.Table) -> np.ndarray:
    """Position of each paragraph sorted by date (missing last), doc, id.

    >>> rank(pa.table({"date": ["2000", "", "1990"], "doc": ["A", "B", "C"],
    ...     "id": ["1", "1", "1"]})).tolist()
    [1, 2, 0]
    """
    date = pc.if_else(pc.equal(records["date"], ""), "\uffff", records["date"])
    keys = pa.table({"date": date, "doc": records["doc"], "id": records["id"]})
    order = pc.sort_indices(keys, sort_keys=[(c, "ascending") for c in ("date", "doc", "id")])
    out = np.empty(len(records), dtype=np.int64)
    out[order.to_numpy()] = np.arange(len(records), dtype=np.int64)
    return out


def band_candidates(
    store: Store, n_par: int, s: ReuseSettings, left_out: np.ndarray, bar: Progress, step: int
) -> tuple[np.ndarray, int]:
    """Sorted pair keys ``a * n_par + b`` (a < b) sharing a band, joined ``step`` bands at a
    time (1 bounds memory; all bands at once is fastest); capped bucket count."""
    task = bar.add_task("candidates (LSH bands)", total=s.bands)
    found = np.empty(0, dtype=np.int64)
    capped = 0
    with ExitStack() as stack:
        con = stack.enter_context(duckdb.connect()) if s.candidates == "duckdb" else None
        for first in range(0, s.bands, step):
            count = min(step, s.bands - first)
            block = store.bands(first, count, s.rows)
            block[left_out] = EMPTY
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # capped buckets are counted and warned once
                cand = candidates(block, count, s.max_bucket, s.candidates, con)
            capped += int(cand.attrs.get("capped_buckets", 0))
            a, b = cand["a"].to_numpy(dtype=np.int64), cand["b"].to_numpy(dtype=np.int64)
            found = distinct(np.concatenate([found, a * n_par + b]))  # sorted runs: a merge
            bar.advance(task, count)
    return found, capped


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


@dataclass
class Verifier:
    """Verifies candidate chunks on the stored shingles and hands aligned pairs to sinks."""

    store: Store
    hashes: np.ndarray
    offsets: np.ndarray
    rank: np.ndarray
    boilerplate: np.ndarray
    settings: ReuseSettings

    def chunk(self, keys: np.ndarray, sinks: dict[str, Sink]) -> None:
        n_par, s = len(self.rank), self.settings
        a, b = keys // n_par, keys % n_par
        rows = np.unique(np.concatenate([a, b]))
        pairs = pd.DataFrame({"a": np.searchsorted(rows, a), "b": np.searchsorted(rows, b)})
        sub = Shingles(*take_ragged(self.hashes, self.offsets, rows), n=s.n)
        kept = verify(sub, pairs, s.min_jaccard, s.min_containment, rank=self.rank[rows])
        src = rows[kept["a"].to_numpy(dtype=np.int64)]
        tgt = rows[kept["b"].to_numpy(dtype=np.int64)]
        table = self._aligned(src, tgt, kept)
        is_bp = self.boilerplate[src] | self.boilerplate[tgt]
        sinks["pairs"].write(table[~is_bp])
        if "boilerplate_pairs" in sinks:
            sinks["boilerplate_pairs"].write(table[is_bp])

    def _aligned(self, src: np.ndarray, tgt: np.ndarray, kept: pd.DataFrame) -> pd.DataFrame:
        """Pairs of rows ``src`` (sources) and ``tgt`` (scores in ``kept``) with their spans."""
        used = np.unique(np.concatenate([src, tgt]))
        part = self.store.rows(used).to_pydict()
        local = kept.assign(a=np.searchsorted(used, src), b=np.searchsorted(used, tgt))
        texts = part["text"]
        doc, id_ = np.array(part["doc"], dtype=object), np.array(part["id"], dtype=object)
        return pair_table(doc, id_, texts, token_table(texts), local)


def pass_two(
    store: Store, sinks: dict[str, Sink], bar: Progress, s: ReuseSettings, *,
    pair_boilerplate: bool, step: int, chunk: int,
) -> tuple[pa.Table, dict[str, Any]]:  # fmt: skip
    """Boilerplate, ranks, candidates (``step`` LSH bands at a time), verification (``chunk``
    candidates at a time) into ``sinks`` ("pairs" and, with ``pair_boilerplate``,
    "boilerplate_pairs"); the boilerplate paragraphs and the counts."""
    sizes = np.concatenate([np.empty(0, dtype=np.int64), *store.sizes])
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    records = store.records()
    year = years(records["date"].to_pylist())
    bp, eras = boilerplate(store, s.min_docs, year, s.eras)
    left_out = np.zeros(len(bp), dtype=bool) if pair_boilerplate else bp
    keys, capped = band_candidates(store, len(sizes), s, left_out, bar, step)
    if capped:
        warnings.warn(f"{capped} LSH bucket(s) over {s.max_bucket} were capped", stacklevel=3)
    verifier = Verifier(store, store.shingle_hashes(), offsets, rank(records), bp, s)
    task = bar.add_task("verifying and aligning", total=len(keys))
    for lo in range(0, len(keys), chunk):
        verifier.chunk(keys[lo : lo + chunk], sinks)
        bar.update(task, completed=min(lo + chunk, len(keys)))
    counts = {
        "paragraphs": len(sizes),
        "documents": len(np.unique(np.concatenate([np.empty(0, np.uint64), *store.doc]))),
        "min_docs": _thresholds(eras, s.min_docs),
        "era_starts": list(era_starts(year, s.eras)),
        "boilerplate_eras": eras.to_dict("records"),
        "boilerplate_paragraphs": int(bp.sum()),
        "candidates": len(keys),
        "capped_buckets": capped,
        **{name: sink.rows for name, sink in sinks.items()},
    }
    return records.filter(pa.array(bp)).select(["doc", "id"]), counts
