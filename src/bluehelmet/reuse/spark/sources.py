"""What the Spark engine reads: a file, a folder of part files, a URI or Council documents.

JSON Lines and Parquet are read by Spark itself, one file or a folder of part files as
Spark writes them (``part-*.parquet``, ``part-*.json``; ``_SUCCESS`` and hidden files are
ignored), on the local disk or at any Hadoop URI. Folders of Council documents (XML and
text resolutions, statements, drafts) are read on the driver by the embedded reader
(:class:`~bluehelmet.reuse.inputs.RecordReader`, the one code path for reading records)
and handed to Spark as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.options import SparkInput, check
from bluehelmet.reuse.inputs import _SUFFIXES, RecordReader, input_paths

#: Compression suffixes Spark reads through (``part-00000.json.gz``).
_COMPRESSED = (".gz", ".bz2", ".zst", ".lz4", ".snappy", ".deflate")


def local_path(source: str) -> Path | None:
    """The local path of ``source`` (a path or a ``file:`` URI); None for other URIs.

    >>> local_path("file:///data/p.jsonl"), local_path("hdfs://nn/p.jsonl")
    (PosixPath('/data/p.jsonl'), None)
    """
    if "://" not in source and not source.startswith("file:"):
        return Path(source)
    parsed = urlparse(source)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def file_format(name: str) -> str | None:
    """The format of a data file by its name's suffix (after any compression suffix):
    "jsonl", "parquet", or None for other files.

    >>> file_format("part-00000-1f.c000.snappy.parquet"), file_format("part-1.json.gz")
    ('parquet', 'jsonl')
    """
    suffixes = [suffix.lower() for suffix in PurePosixPath(name).suffixes]
    if suffixes and suffixes[-1] in _COMPRESSED:
        suffixes.pop()
    return _SUFFIXES.get(suffixes[-1]) if suffixes else None


def _folder_format(folder: Path) -> str:
    """The format of a local folder's part files, or "documents" when it has none."""
    parts = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "_"))]
    kinds = {file_format(p.name) for p in parts}
    if kinds <= {None}:
        return "documents"
    if len(kinds) > 1:
        odd = sorted(p.name for p in parts if file_format(p.name) != file_format(parts[0].name))
        raise DataFormatError(
            f"{folder}: part files of more than one format ({parts[0].name}, {odd[0]}); "
            "a folder of part files holds only JSON Lines or only Parquet files"
        )
    return str(kinds.pop())


def input_format(source: str, given: str | None = None) -> str:
    """How Spark reads ``source``: "jsonl" or "parquet" (a file, or a local folder of part
    files: by their suffixes), or "documents" (a local folder of Council documents).
    ``given`` ("jsonl" or "parquet") is needed for a URI without a telling suffix.

    >>> input_format("hdfs://nn/corpus.parquet"), input_format("s3a://b/corpus", "jsonl")
    ('parquet', 'jsonl')
    """
    if given is not None:
        check("input_format", given, SparkInput)
        return given
    path = local_path(source)
    if path is not None and path.is_dir():
        return _folder_format(path)
    if path is not None and not path.exists():
        raise DataFormatError(f"{path}: no such file or folder")
    kind = file_format(source.rstrip("/"))
    if kind is not None:
        return kind
    if path is None:
        raise UsageError(
            f"{source}: a URI without .jsonl or .parquet; give its format "
            "(--input-format jsonl|parquet, input_format=...)"
        )
    raise DataFormatError(f"{path}: expected .jsonl, .parquet or a folder, not {path.suffix!r}")


@dataclass(frozen=True)
class RunInput:
    """What a run reads: ``names`` (the sources as given), ``fmt`` and, for Council
    documents, their local ``folders`` (several are read together as one corpus)."""

    names: tuple[str, ...]
    fmt: str
    folders: tuple[Path, ...] = ()


def spark_input(source: str | Path | Sequence[str | Path], given: str | None = None) -> RunInput:
    """The input of a Spark run (see :func:`input_format`); several sources must all be
    folders of Council documents."""
    named = [source] if isinstance(source, str | Path) else list(source)
    names = tuple(dict.fromkeys(str(name) for name in named))
    formats = [input_format(name, given) for name in names]
    if len(names) > 1 and set(formats) != {"documents"}:
        raise UsageError(
            "SOURCE: several sources are read together only as folders of Council documents; "
            "give one JSON Lines or Parquet file or folder alone"
        )
    if formats[0] != "documents":
        return RunInput(names, formats[0])
    folders = input_paths([local_path(name) or Path(name) for name in names])
    return RunInput(names, "documents", folders)


def stamp(source: str) -> list[Any]:
    """Sizes and modification times of a local file or of every file in a local folder
    (empty for other URIs): a changed input is a new run.

    >>> stamp("hdfs://nn/corpus.parquet")
    []
    """
    path = local_path(source)
    if path is None or not path.exists():
        return []
    if path.is_file():
        return [path.stat().st_size, path.stat().st_mtime_ns]
    files = sorted(p for p in path.rglob("*") if p.is_file())
    return [[str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns] for p in files]


def read_records(spark: Any, source: str, fmt: str, names: Sequence[str]) -> Any:
    """Records of ``source`` (JSON Lines or Parquet) with the string columns ``names`` (null
    when absent) and ``paragraph``, a number in input order: by file name, then by record
    (Spark packs a folder's files into partitions by size, so that order is restored)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    if fmt == "parquet":
        raw = spark.read.parquet(source)
        frame = raw.select(*[
            F.col(f"`{c}`").cast("string").alias(c) if c in raw.columns
            else F.lit(None).cast("string").alias(c)
            for c in names
        ])  # fmt: skip
    else:
        frame = spark.read.schema(StructType([StructField(c, StringType()) for c in names]))
        frame = frame.json(source)
    numbered = frame.withColumn("paragraph", F.monotonically_increasing_id())
    if len(frame.inputFiles()) <= 1:
        return numbered
    by_file = numbered.withColumn("file", F.input_file_name()).orderBy("file", "paragraph")
    return by_file.withColumn("paragraph", F.monotonically_increasing_id()).drop("file")


def documents_frame(
    spark: Any, folders: Sequence[Path], names: Sequence[str], max_chars: int, notes: list[str]
) -> Any:
    """The paragraphs of the Council documents in ``folders``, read and checked by the
    embedded reader on the driver, as a DataFrame of the string columns ``names`` in reading
    order; the reader's problems are appended to ``notes``."""
    reader = RecordReader(folders, max_chars)
    table = reader.table()
    notes.extend(reader.report())
    rows = table.reindex(columns=list(names)).fillna("").astype(str)
    return spark.createDataFrame(rows, ", ".join(f"`{c}` string" for c in names))
