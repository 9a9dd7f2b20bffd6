"""Where the reuse pipeline keeps its state and its output: in memory, or on disk.

A store holds what pass 1 made (signature rows by LSH band, shingle hashes, records; a few
integers per paragraph stay in memory either way); a sink takes the pair tables of pass 2.
The in-memory engine uses :class:`MemoryStore` and :class:`MemorySink`; the streaming engine
spills to a work folder (:class:`DiskStore`) and appends to files (:class:`FileSink`).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from bluehelmet.files import atomic_path
from bluehelmet.output import for_csv
from bluehelmet.reuse.pipeline import Batch
from bluehelmet.reuse.schema import PAIR_COLUMNS, PARAGRAPH_COLUMNS

RECORD_SCHEMA = pa.schema([(c, pa.string()) for c in PARAGRAPH_COLUMNS])
PAIR_SCHEMA = pa.schema(
    [(c, pa.string()) for c in PAIR_COLUMNS[:4]]
    + [(c, pa.float64()) for c in PAIR_COLUMNS[4:6]]
    + [(c, pa.int64()) for c in PAIR_COLUMNS[6:]]
)


class _PerParagraph:
    """What every store keeps in memory: shingle counts, formula and document hashes."""

    def __init__(self) -> None:
        self.sizes: list[np.ndarray] = []
        self.formula: list[np.ndarray] = []
        self.doc: list[np.ndarray] = []

    def _note(self, batch: Batch) -> None:
        self.sizes.append(batch.shingles.sizes())
        self.formula.append(batch.formula)
        self.doc.append(batch.doc)


class MemoryStore(_PerParagraph):
    """Pass-1 state in memory: signatures, shingle hashes and records of every batch."""

    def __init__(self) -> None:
        super().__init__()
        self._sig: list[np.ndarray] = []
        self._hashes: list[np.ndarray] = []
        self._records: list[pa.Table] = []

    def add(self, batch: Batch, sig: np.ndarray) -> None:
        self._note(batch)
        self._sig.append(sig)
        self._hashes.append(batch.shingles.hashes.astype(np.uint64, copy=False))
        self._records.append(pa.Table.from_pandas(batch.records, RECORD_SCHEMA, False))

    def bands(self, first: int, count: int, rows: int) -> np.ndarray:
        """Signature rows of ``count`` bands from ``first`` for all paragraphs (a copy:
        callers may change it)."""
        parts = [sig[:, first * rows : (first + count) * rows] for sig in self._sig]
        return np.concatenate(parts) if parts else np.empty((0, count * rows), dtype=np.uint32)

    def shingle_hashes(self) -> np.ndarray:
        return np.concatenate([np.empty(0, dtype=np.uint64), *self._hashes])

    def records(self) -> pa.Table:
        return pa.concat_tables(self._records) if self._records else RECORD_SCHEMA.empty_table()

    def rows(self, used: np.ndarray) -> pa.Table:
        """``doc``, ``id`` and ``text`` of the paragraphs at sorted positions ``used``."""
        return _rows(self._records, used)


class DiskStore(_PerParagraph):
    """Pass-1 state spilled to ``folder``: one file per LSH band, the shingle hashes and the
    records (Arrow IPC, memory-mapped when read back); only the per-paragraph integers stay
    in memory. Files close with ``stack``; read back after that."""

    def __init__(self, folder: Path, bands: int, stack: ExitStack) -> None:
        super().__init__()
        self.folder = folder
        self.band_files: list[IO[bytes]] = [
            stack.enter_context((folder / f"band{b:04d}.bin").open("wb")) for b in range(bands)
        ]
        self.shingle_file = stack.enter_context((folder / "shingles.bin").open("wb"))
        self.writer = stack.enter_context(
            ipc.new_file(str(folder / "records.arrow"), RECORD_SCHEMA)
        )
        self.dtype = np.dtype(np.uint32)

    def add(self, batch: Batch, sig: np.ndarray) -> None:
        self._note(batch)
        rows = sig.shape[1] // len(self.band_files)
        self.dtype = sig.dtype
        for b, handle in enumerate(self.band_files):
            np.ascontiguousarray(sig[:, b * rows : (b + 1) * rows]).tofile(handle)
        batch.shingles.hashes.astype(np.uint64, copy=False).tofile(self.shingle_file)
        self.writer.write_table(pa.Table.from_pandas(batch.records, RECORD_SCHEMA, False))

    def bands(self, first: int, count: int, rows: int) -> np.ndarray:
        return np.hstack(
            [
                np.fromfile(self.folder / f"band{b:04d}.bin", dtype=self.dtype).reshape(-1, rows)
                for b in range(first, first + count)
            ]
        )

    def shingle_hashes(self) -> np.ndarray:
        path = self.folder / "shingles.bin"
        if not path.stat().st_size:
            return np.empty(0, dtype=np.uint64)
        return np.memmap(path, dtype=np.uint64, mode="r")

    def records(self) -> pa.Table:
        return ipc.open_file(pa.memory_map(str(self.folder / "records.arrow"))).read_all()

    def rows(self, used: np.ndarray) -> pa.Table:
        """``doc``, ``id`` and ``text`` of the paragraphs at sorted positions ``used``, read
        batch by batch (not memory-mapped: the pages read do not stay resident)."""
        with pa.OSFile(str(self.folder / "records.arrow")) as handle:
            reader = ipc.open_file(handle)
            batches = range(reader.num_record_batches)
            return _rows((pa.Table.from_batches([reader.get_batch(i)]) for i in batches), used)


def _rows(batches: Iterable[pa.Table], used: np.ndarray) -> pa.Table:
    """``doc``, ``id`` and ``text`` of rows ``used`` (sorted) of ``batches`` read in turn, one
    batch taken at a time (a take over a whole chunked column would first copy it whole)."""
    parts, start = [], 0
    for batch in batches:
        end = start + batch.num_rows
        lo, hi = np.searchsorted(used, [start, end])
        if hi > lo:
            parts.append(batch.select(["doc", "id", "text"]).take(pa.array(used[lo:hi] - start)))
        start = end
    if not parts:
        return RECORD_SCHEMA.empty_table().select(["doc", "id", "text"])
    return pa.concat_tables(parts)


class MemorySink:
    """Collects pair tables; :meth:`table` is them all, renumbered."""

    def __init__(self) -> None:
        self.rows = 0
        self.parts: list[pd.DataFrame] = []

    def write(self, pairs: pd.DataFrame) -> None:
        self.parts.append(pairs)
        self.rows += len(pairs)

    def table(self) -> pd.DataFrame:
        if not self.parts:
            return PAIR_SCHEMA.empty_table().to_pandas()
        return pd.concat(self.parts, ignore_index=True)


class FileSink:
    """Appends pair tables to one CSV or Parquet file, renamed into place when all went well."""

    def __init__(self, path: Path, fmt: str, stack: ExitStack) -> None:
        tmp = stack.enter_context(atomic_path(path))
        self.rows = 0
        self.csv: IO[str] | None = None
        self.parquet: pq.ParquetWriter | None = None
        if fmt == "parquet":
            self.parquet = stack.enter_context(pq.ParquetWriter(tmp, PAIR_SCHEMA))
        else:
            self.csv = stack.enter_context(tmp.open("w", encoding="utf-8"))
            self.csv.write(",".join(PAIR_COLUMNS) + "\n")

    def write(self, pairs: pd.DataFrame) -> None:
        if self.parquet is not None:
            self.parquet.write_table(pa.Table.from_pandas(pairs, PAIR_SCHEMA, preserve_index=False))
        elif self.csv is not None:
            for_csv(pairs).to_csv(self.csv, index=False, header=False, lineterminator="\n")
        self.rows += len(pairs)
