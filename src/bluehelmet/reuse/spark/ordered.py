"""A sorted Spark stage written to one local Parquet file, streamed: the driver holds one
batch of rows at a time, never the table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pyarrow as pa
import pyarrow.parquet as pq

from bluehelmet.files import atomic_path

#: Rows per batch on their way to the file.
BATCH_ROWS = 65_536


def part_files(folder: str) -> list[Path]:
    """The part files of a local Spark Parquet folder in partition order (the order of a
    range-partitioned sort).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for n in ("part-00010-x.snappy.parquet", "part-00002-x.snappy.parquet", "_SUCCESS"):
    ...     _ = (d / n).write_text("")
    >>> [p.name[:10] for p in part_files(f"file://{d}")]
    ['part-00002', 'part-00010']
    """
    local = Path(urlparse(folder).path if folder.startswith("file:") else folder)
    return sorted(local.glob("part-*.parquet"), key=lambda p: int(p.name.split("-")[1]))


def _local_batches(folder: str, names: list[str]) -> Iterator[pa.RecordBatch]:
    for part in part_files(folder):
        yield from pq.ParquetFile(part).iter_batches(BATCH_ROWS, columns=names)


def _driver_batches(frame: Any, by: list[str], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    rows: list[dict[str, Any]] = []
    for row in frame.orderBy(*by).select(*schema.names).toLocalIterator():
        rows.append(row.asDict())
        if len(rows) == BATCH_ROWS:
            yield pa.RecordBatch.from_pylist(rows, schema)
            rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema)


def write_sorted(
    frame: Any, folder: str, path: Path, schema: pa.Schema, by: list[str], *, local: bool
) -> int:
    """Write the columns of ``schema`` of ``frame`` (a stage sorted by ``by``, saved in
    ``folder``) to the Parquet file ``path`` in that order; the number of rows.

    A ``local`` folder's part files are read in partition order; otherwise Spark sorts
    again and sends the rows a partition at a time (``toLocalIterator``).
    """
    if local:
        batches = _local_batches(folder, list(schema.names))
    else:
        batches = _driver_batches(frame, by, schema)
    rows = 0
    with atomic_path(path) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_batches([batch]).cast(schema))
            rows += batch.num_rows
    return rows
