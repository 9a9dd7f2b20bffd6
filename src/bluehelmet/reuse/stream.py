"""Streaming text reuse for corpora larger than memory: batches in, verified pairs out.

Pass 1 reads the input in checked batches (:class:`~bluehelmet.reuse.inputs.RecordReader`,
the reader behind :func:`~bluehelmet.reuse.inputs.read_paragraphs`), shingles and
MinHashes each batch (the MinHash of one batch runs in a thread while the next batch is
tokenised) and spills compact state to a work folder: the signature rows of each LSH band
(one file per band), the shingle hashes, and the records (Arrow IPC, memory-mapped later).
In memory stay a few integers per paragraph (shingle offsets, a hash of its boilerplate
formula and of its document) and the ``(doc, id)`` keys of the duplicate check.

Pass 2 marks boilerplate paragraphs, ranks paragraphs by date, finds candidates one band
at a time (:func:`~bluehelmet.reuse.lsh.candidates`), verifies them in chunks on the
shingles of the chunk's paragraphs only (:func:`~bluehelmet.reuse.verify.verify`), aligns
them and appends them to ``pairs.csv``. Without boilerplate pairing (the default)
boilerplate paragraphs are listed in ``boilerplate.csv`` and kept out of LSH: at a million
paragraphs their pairs run into the billions.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from bluehelmet.errors import UsageError
from bluehelmet.files import atomic_path
from bluehelmet.output import for_csv
from bluehelmet.reuse.boilerplate import default_min_docs, formulas
from bluehelmet.reuse.engine import MAX_TOKENS, pair_table
from bluehelmet.reuse.inputs import MAX_CHARS, RecordReader
from bluehelmet.reuse.lsh import BACKENDS, MAX_BUCKET, candidates
from bluehelmet.reuse.minhash import EMPTY, signatures
from bluehelmet.reuse.schema import PAIR_COLUMNS, PARAGRAPH_COLUMNS
from bluehelmet.reuse.shingles import Shingles, shingle_tokens, token_hash
from bluehelmet.reuse.tokens import TOKENIZER, take_ragged, token_table
from bluehelmet.reuse.verify import MIN_CONTAINMENT, MIN_JACCARD, verify

#: Default number of records per batch.
BATCH_SIZE = 50_000
#: Candidate pairs verified together.
VERIFY_CHUNK = 20_000
#: Table formats written.
FORMATS = ("csv", "parquet")
_SCHEMA = pa.schema([(c, pa.string()) for c in PARAGRAPH_COLUMNS])
_PAIR_SCHEMA = pa.schema(
    [(c, pa.string()) for c in PAIR_COLUMNS[:4]]
    + [(c, pa.float64()) for c in PAIR_COLUMNS[4:6]]
    + [(c, pa.int64()) for c in PAIR_COLUMNS[6:]]
)


def check_options(fmt: str, candidates: str) -> None:
    """A :class:`UsageError` unless ``fmt`` is in FORMATS and ``candidates`` in ``BACKENDS``.

    >>> check_options("xlsx", "numpy")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: --format must be one of csv, parquet, got 'xlsx'
    """
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if candidates not in BACKENDS:
        raise UsageError(f"--candidates must be one of {', '.join(BACKENDS)}, got {candidates!r}")


@dataclass(frozen=True)
class StreamResult:
    """Files written, per-record problems met while reading, how the run was made, seconds."""

    files: list[Path]
    problems: list[str]
    params: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Settings:
    """How a streaming run is made (recorded in ``params.json``)."""

    n: int
    num_perm: int
    bands: int
    min_jaccard: float
    min_containment: float
    seed: int
    min_docs: int | None
    max_bucket: int
    max_tokens: int
    pair_boilerplate: bool
    candidates: str
    fmt: str

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass
class _Batch:
    """One batch ready for MinHash: kept records, their shingles and per-paragraph hashes."""

    records: pd.DataFrame
    shingles: Shingles
    formula: np.ndarray
    doc: np.ndarray


def _prepare(
    frame: pd.DataFrame, numbers: list[int], reader: RecordReader, n: int, max_tokens: int
) -> _Batch:
    """Shingle a batch; paragraphs without words or over ``max_tokens`` words are left out."""
    table = token_table(frame["text"])
    sizes = table.sizes()
    for i in np.flatnonzero((sizes == 0) | (sizes > max_tokens)):
        many = sizes[i] > 0
        detail = f" ({sizes[i]} > {max_tokens} words)" if many else ""
        reader.drop(numbers[i], "too many words" if many else "no words", detail)
    keep = np.flatnonzero((sizes > 0) & (sizes <= max_tokens))
    records = frame.iloc[keep][list(PARAGRAPH_COLUMNS)].reset_index(drop=True)
    kept = table.take(keep)
    return _Batch(
        records=records,
        shingles=shingle_tokens(kept, n=n),
        formula=np.fromiter(map(token_hash, formulas(kept)), np.uint64),
        doc=np.fromiter(map(token_hash, records["doc"]), np.uint64),
    )


class _Spill:
    """The on-disk state of pass 1: band rows, shingle hashes and records; counts in memory."""

    def __init__(self, folder: Path, bands: int, stack: ExitStack) -> None:
        self.folder = folder
        self.bands = bands
        self.band_files: list[IO[bytes]] = [
            stack.enter_context((folder / f"band{b:04d}.bin").open("wb")) for b in range(bands)
        ]
        self.shingle_file = stack.enter_context((folder / "shingles.bin").open("wb"))
        self.records = stack.enter_context(ipc.new_file(str(folder / "records.arrow"), _SCHEMA))
        self.sizes: list[np.ndarray] = []
        self.formula: list[np.ndarray] = []
        self.doc: list[np.ndarray] = []
        self.dtype = np.dtype(np.uint32)

    def add(self, batch: _Batch, sig: np.ndarray) -> None:
        rows = sig.shape[1] // self.bands
        self.dtype = sig.dtype
        for b, handle in enumerate(self.band_files):
            np.ascontiguousarray(sig[:, b * rows : (b + 1) * rows]).tofile(handle)
        batch.shingles.hashes.astype(np.uint64, copy=False).tofile(self.shingle_file)
        self.sizes.append(batch.shingles.sizes())
        self.formula.append(batch.formula)
        self.doc.append(batch.doc)
        self.records.write_table(pa.Table.from_pandas(batch.records, _SCHEMA, preserve_index=False))

    def band(self, b: int, rows: int) -> np.ndarray:
        """Signature rows of band ``b`` for all paragraphs (read after pass 1)."""
        return np.fromfile(self.folder / f"band{b:04d}.bin", dtype=self.dtype).reshape(-1, rows)


def _progress(show: bool) -> Progress:
    return Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not show,
    )


def _pass_one(
    reader: RecordReader, batch_size: int, spill: _Spill, bar: Progress, s: _Settings
) -> None:
    """Read, check, shingle and MinHash every batch; spill the results."""
    task = bar.add_task("reading and hashing", total=reader.total or None)
    pending: tuple[_Batch, Future[np.ndarray]] | None = None
    with ThreadPoolExecutor(max_workers=1) as pool:
        for frame, numbers in reader.batches(batch_size):
            batch = _prepare(frame, numbers, reader, s.n, s.max_tokens)
            if pending is not None:
                spill.add(pending[0], pending[1].result())
            pending = (batch, pool.submit(signatures, batch.shingles, s.num_perm, s.seed))
            bar.update(task, completed=reader.position)
        if pending is not None:
            spill.add(pending[0], pending[1].result())
    bar.update(task, completed=reader.position, total=reader.position)


def _boilerplate(spill: _Spill, min_docs: int | None) -> tuple[np.ndarray, int, int]:
    """Boilerplate mask (formula in more than the threshold of documents), threshold, docs."""
    none = np.empty(0, dtype=np.uint64)
    table = pd.DataFrame(
        {
            "formula": np.concatenate([none, *spill.formula]),
            "doc": np.concatenate([none, *spill.doc]),
        }
    )
    n_docs = int(table["doc"].nunique())
    threshold = default_min_docs(n_docs) if min_docs is None else min_docs
    docs_per_formula = table.groupby("formula")["doc"].transform("nunique")
    return (docs_per_formula > threshold).to_numpy(dtype=bool), threshold, n_docs


def _rank(records: pa.Table) -> np.ndarray:
    """Position of each paragraph sorted by date (missing last), doc, id - as the engine does."""
    date = pc.if_else(pc.equal(records["date"], ""), "\uffff", records["date"])
    keys = pa.table({"date": date, "doc": records["doc"], "id": records["id"]})
    order = pc.sort_indices(keys, sort_keys=[(c, "ascending") for c in ("date", "doc", "id")])
    rank = np.empty(len(records), dtype=np.int64)
    rank[order.to_numpy()] = np.arange(len(records), dtype=np.int64)
    return rank


def _candidates(
    spill: _Spill, n_par: int, s: _Settings, left_out: np.ndarray, bar: Progress
) -> tuple[np.ndarray, int]:
    """Sorted pair keys ``a * n_par + b`` (a < b) sharing a band; capped bucket count."""
    task = bar.add_task("candidates (LSH bands)", total=s.bands)
    found = np.empty(0, dtype=np.int64)
    capped = 0
    for b in range(s.bands):
        block = spill.band(b, s.rows)
        block[left_out] = EMPTY
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # capped buckets are counted and reported once
            cand = candidates(block, bands=1, max_bucket=s.max_bucket, backend=s.candidates)
        capped += int(cand.attrs.get("capped_buckets", 0))
        keys = cand["a"].to_numpy(dtype=np.int64) * n_par + cand["b"].to_numpy(dtype=np.int64)
        found = np.union1d(found, keys)
        bar.advance(task)
    return found, capped


def _pair_table(
    records: pa.Table, src: np.ndarray, tgt: np.ndarray, kept: pd.DataFrame
) -> pd.DataFrame:
    """Verified pairs (rows ``src`` are the sources, scores in ``kept``) with aligned spans."""
    used = np.unique(np.concatenate([src, tgt]))
    part = records.take(pa.array(used)).select(["doc", "id", "text"]).to_pydict()
    local = kept.assign(a=np.searchsorted(used, src), b=np.searchsorted(used, tgt))
    texts = part["text"]
    doc, id_ = np.array(part["doc"], dtype=object), np.array(part["id"], dtype=object)
    return pair_table(doc, id_, texts, token_table(texts), local)


class _Sink:
    """Appends pair tables to one CSV or Parquet file, renamed into place when all went well."""

    def __init__(self, path: Path, fmt: str, stack: ExitStack) -> None:
        tmp = stack.enter_context(atomic_path(path))
        self.rows = 0
        self.csv: IO[str] | None = None
        self.parquet: pq.ParquetWriter | None = None
        if fmt == "parquet":
            self.parquet = stack.enter_context(pq.ParquetWriter(tmp, _PAIR_SCHEMA))
        else:
            self.csv = stack.enter_context(tmp.open("w", encoding="utf-8"))
            self.csv.write(",".join(PAIR_COLUMNS) + "\n")

    def write(self, pairs: pd.DataFrame) -> None:
        if self.parquet is not None:
            self.parquet.write_table(
                pa.Table.from_pandas(pairs, _PAIR_SCHEMA, preserve_index=False)
            )
        elif self.csv is not None:
            for_csv(pairs).to_csv(self.csv, index=False, header=False, lineterminator="\n")
        self.rows += len(pairs)


@dataclass
class _Verifier:
    """Verifies candidate chunks on spilled shingles and hands aligned pairs to the sinks."""

    records: pa.Table
    hashes: np.ndarray
    offsets: np.ndarray
    rank: np.ndarray
    boilerplate: np.ndarray
    settings: _Settings

    def chunk(self, keys: np.ndarray, sinks: dict[str, _Sink]) -> None:
        n_par = len(self.rank)
        a, b = keys // n_par, keys % n_par
        rows = np.unique(np.concatenate([a, b]))
        pairs = pd.DataFrame({"a": np.searchsorted(rows, a), "b": np.searchsorted(rows, b)})
        sub = Shingles(*take_ragged(self.hashes, self.offsets, rows), n=self.settings.n)
        s = self.settings
        kept = verify(sub, pairs, s.min_jaccard, s.min_containment, rank=self.rank[rows])
        src = rows[kept["a"].to_numpy(dtype=np.int64)]
        tgt = rows[kept["b"].to_numpy(dtype=np.int64)]
        table = _pair_table(self.records, src, tgt, kept)
        is_bp = self.boilerplate[src] | self.boilerplate[tgt]
        sinks["pairs"].write(table[~is_bp])
        if "boilerplate_pairs" in sinks:
            sinks["boilerplate_pairs"].write(table[is_bp])


def _pass_two(work: Path, spill: _Spill, out: Path, bar: Progress, s: _Settings) -> dict[str, Any]:
    """Boilerplate, ranks, candidates, verification; writes the CSVs and returns counts."""
    sizes = np.concatenate([np.empty(0, dtype=np.int64), *spill.sizes])
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    bp, threshold, n_docs = _boilerplate(spill, s.min_docs)
    left_out = np.zeros(len(bp), dtype=bool) if s.pair_boilerplate else bp
    keys, capped = _candidates(spill, len(sizes), s, left_out, bar)
    records = ipc.open_file(pa.memory_map(str(work / "records.arrow"))).read_all()
    hashes = (
        np.memmap(work / "shingles.bin", dtype=np.uint64, mode="r")
        if offsets[-1]
        else np.empty(0, dtype=np.uint64)
    )
    verifier = _Verifier(records, hashes, offsets, _rank(records), bp, s)
    names = ["pairs", "boilerplate_pairs"] if s.pair_boilerplate else ["pairs"]
    with ExitStack() as stack:
        sinks = {name: _Sink(out / f"{name}.{s.fmt}", s.fmt, stack) for name in names}
        task = bar.add_task("verifying and aligning", total=len(keys))
        for lo in range(0, len(keys), VERIFY_CHUNK):
            verifier.chunk(keys[lo : lo + VERIFY_CHUNK], sinks)
            bar.update(task, completed=min(lo + VERIFY_CHUNK, len(keys)))
    with atomic_path(out / f"boilerplate.{s.fmt}") as tmp:
        boilerplate = records.filter(pa.array(bp)).select(["doc", "id"])
        if s.fmt == "parquet":
            pq.write_table(boilerplate, tmp)
        else:
            for_csv(boilerplate.to_pandas()).to_csv(tmp, index=False, lineterminator="\n")
    return {
        "paragraphs": len(sizes),
        "documents": n_docs,
        "min_docs": threshold,
        "boilerplate_paragraphs": int(bp.sum()),
        "candidates": len(keys),
        "capped_buckets": capped,
        **{name: sink.rows for name, sink in sinks.items()},
    }


def stream_reuse(
    source: str | Path,
    out: str | Path,
    *,
    batch_size: int = BATCH_SIZE,
    n: int = 5,
    num_perm: int = 128,
    bands: int = 32,
    min_jaccard: float = MIN_JACCARD,
    min_containment: float = MIN_CONTAINMENT,
    seed: int = 1,
    min_docs: int | None = None,
    max_bucket: int = MAX_BUCKET,
    max_tokens: int = MAX_TOKENS,
    max_chars: int = MAX_CHARS,
    pair_boilerplate: bool = False,
    candidates: str = "numpy",
    fmt: str = "csv",
    progress: bool | None = None,
    workdir: str | Path | None = None,
) -> StreamResult:
    """Verified reuse in a corpus of any size, read in batches; writes tables into ``out``.

    Same steps, defaults and verified pairs as :func:`~bluehelmet.reuse.engine.find_reuse`
    (identical output unless LSH buckets over ``max_bucket`` are capped). Writes
    ``pairs.csv``, ``boilerplate.csv`` (boilerplate paragraphs; they are kept out of LSH
    unless ``pair_boilerplate``, which also writes ``boilerplate_pairs.csv``) and
    ``params.json`` (``fmt="parquet"``: ``.parquet`` tables); each file appears only once
    complete. ``candidates`` picks where each band's key join runs (``"numpy"`` or
    ``"duckdb"``). Bad records are skipped and reported by line (``problems``). Spilled
    state goes to a temporary folder in ``workdir`` (default: ``out``), removed at the end.
    ``progress`` shows a bar on stderr (default: only when stderr is a terminal).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> text = "the council decides to extend the mandate of the force for six months"
    >>> _ = (folder / "p.jsonl").write_text(
    ...     f'{{"doc": "A", "id": "1", "text": "{text}", "date": "2001"}}\\n'
    ...     f'{{"doc": "B", "id": "1", "text": "{text}", "date": "2000"}}\\n{{"doc": "C"}}\\n')
    >>> r = stream_reuse(folder / "p.jsonl", folder / "out", batch_size=1)
    >>> pd.read_csv(folder / "out" / "pairs.csv")[["source_doc", "target_doc"]].values.tolist()
    [['B', 'A']]
    >>> r.problems[0], r.params["pairs"]
    ('line 3: missing field (id, text); skipped', 1)
    """
    if batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, got {batch_size}")
    if bands < 1 or num_perm % bands:
        raise UsageError(f"bands ({bands}) must divide the number of permutations ({num_perm})")
    check_options(fmt, candidates)
    settings = _Settings(
        n, num_perm, bands, min_jaccard, min_containment, seed, min_docs, max_bucket, max_tokens,
        pair_boilerplate, candidates, fmt,
    )  # fmt: skip
    out_dir = Path(out)
    reader = RecordReader(Path(source), max_chars)
    out_dir.mkdir(parents=True, exist_ok=True)
    show = sys.stderr.isatty() if progress is None else progress
    base = Path(workdir) if workdir is not None else out_dir
    with (
        tempfile.TemporaryDirectory(prefix=".reuse-stream-", dir=base) as tmp,
        _progress(show) as bar,
    ):
        start = time.perf_counter()
        with ExitStack() as stack:
            spill = _Spill(Path(tmp), bands, stack)
            _pass_one(reader, batch_size, spill, bar, settings)
        middle = time.perf_counter()
        counts = _pass_two(Path(tmp), spill, out_dir, bar, settings)
    seconds = {"read_and_hash": middle - start, "pairs": time.perf_counter() - middle}
    params = {
        "engine": "stream",
        "tokenizer": TOKENIZER,
        **{k: v for k, v in asdict(settings).items() if k not in ("min_docs", "candidates")},
        "candidate_join": settings.candidates,  # as the engine records it; "candidates" counts
        "rows_per_band": settings.rows,
        "max_chars": max_chars,
        "batch_size": batch_size,
        **counts,
    }
    names = (
        ["pairs", "boilerplate_pairs", "boilerplate"]
        if pair_boilerplate
        else ["pairs", "boilerplate"]
    )
    files = [out_dir / f"{name}.{fmt}" for name in names]
    with atomic_path(out_dir / "params.json") as tmp_path:
        tmp_path.write_text(json.dumps(params, indent=1, sort_keys=True) + "\n")
    return StreamResult([*files, out_dir / "params.json"], reader.report(), params, seconds)
