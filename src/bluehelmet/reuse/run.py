"""The reuse workflow behind ``bluehelmet reuse``: read, find pairs, measure, write tables."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.files import atomic_path
from bluehelmet.folders import replaced_folder
from bluehelmet.options import ReuseEngine, TableFormat, check
from bluehelmet.output import for_csv
from bluehelmet.paths import document_corpus
from bluehelmet.reuse.engine import reuse_records
from bluehelmet.reuse.explore import ReuseTables
from bluehelmet.reuse.inputs import RecordReader, input_paths
from bluehelmet.reuse.settings import ReuseSettings, reuse_settings
from bluehelmet.reuse.stream import BATCH_SIZE, stream_reuse


def _write(df: pd.DataFrame, path: Path, index: bool = False) -> Path:
    """Write ``df`` atomically, as Parquet when ``path`` ends in ``.parquet``, else CSV."""
    with atomic_path(path) as tmp:
        if path.suffix == ".parquet":
            df.to_parquet(tmp, index=index)
        else:
            for_csv(df).to_csv(tmp, index=index, lineterminator="\n")
    return path


def require_records(count: int, problems: list[str], source: str | Path, out: Path) -> None:
    """Raise DataFormatError (one line: the read summary) when no record was usable, so that
    an empty or junk input never replaces earlier tables in ``out`` with empty ones.

    >>> try:
    ...     require_records(0, [], Path("in.jsonl"), Path("out"))
    ... except DataFormatError as exc:
    ...     print(exc)
    in.jsonl: no usable record (empty input); nothing written to out
    """
    if count:
        return
    said = problems[-1] if problems and problems[-1].startswith("summary: ") else "empty input"
    raise DataFormatError(f"{source}: no usable record ({said}); nothing written to {out}")


def check_out(out: Path) -> None:
    """Raise UsageError unless ``out`` is new, empty or an earlier run (it has ``params.json``):
    a run replaces the whole folder.

    >>> check_out(Path("/dev"))
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: --out /dev is no earlier run (no params.json) and not empty...
    """
    if not out.exists():
        return
    if not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder")
    if (out / "params.json").is_file() or not any(out.iterdir()):
        return
    raise UsageError(
        f"--out {out} is no earlier run (no params.json) and not empty; a run replaces "
        "the whole folder, so give a new or empty one"
    )


def reuse_sources(source: str | Path | Sequence[str | Path] | None) -> tuple[Path, ...]:
    """The paths a run reads: ``source`` (:func:`~bluehelmet.reuse.inputs.input_paths`), or
    when None every text the project can read (:func:`bluehelmet.paths.document_corpus`).

    >>> import tempfile
    >>> from unittest import mock
    >>> there = tempfile.mkdtemp()
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": there}):
    ...     reuse_sources(None) == (Path(there),)
    True
    """
    if source is not None:
        return input_paths(source)
    found = document_corpus()
    if not found:
        raise UsageError(
            "SOURCE: none given and no corpus found; name a file or folders, or set "
            "BLUEHELMET_CORPUS (or BLUEHELMET_SHARED_DATA) to existing folders"
        )
    return found


def _named(paths: Sequence[str | Path]) -> str:
    """``paths`` as one line for messages."""
    return ", ".join(str(path) for path in paths)


def _add_params(path: Path, extra: dict[str, Any]) -> None:
    """Add ``extra`` to the JSON object in ``path`` (a run's ``params.json``)."""
    params = {**json.loads(path.read_text()), **extra}
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(params, indent=1, sort_keys=True, default=str) + "\n")


def _run_stream(
    sources: tuple[Path, ...], out: Path, settings: ReuseSettings, **options: Any
) -> tuple[list[Path], list[str]]:
    """A streaming run written to a new folder beside ``out`` that replaces ``out`` whole,
    only when some record was usable. Several folders are read together as one corpus."""
    with replaced_folder(out) as new:
        streamed = stream_reuse(sources, new, settings=settings, **options)
        require_records(int(streamed.params["paragraphs"]), streamed.problems, _named(sources), out)
        _add_params(new / "params.json", {"sources": [str(path) for path in sources]})
    return [out / file.name for file in streamed.files], streamed.problems


def _run_spark(
    source: str | Path | Sequence[str | Path] | None,
    out: Path,
    settings: ReuseSettings,
    fmt: str,
    master: str,
    input_format: str | None,
) -> tuple[list[Path], list[str]]:
    """A Spark run (:func:`bluehelmet.reuse.spark.engine.spark_reuse`) into a new folder that
    replaces ``out`` whole; its stages stay beside ``out`` until it succeeds, so a rerun
    after an interruption resumes from them. A URI that is not ``file:`` is read as given."""
    from bluehelmet.reuse.spark.session import require_spark

    require_spark()
    if fmt != "parquet":
        raise UsageError("--engine spark writes Parquet tables; add --format parquet")
    from bluehelmet.reuse.spark.engine import spark_reuse
    from bluehelmet.reuse.spark.sources import local_path

    named = [source] if isinstance(source, str | Path) else list(source or [])
    uri = len(named) == 1 and isinstance(named[0], str) and local_path(named[0]) is None
    sources = (named[0],) if uri else reuse_sources(source)
    work = out.parent / f".{out.name}.spark-stages"
    with replaced_folder(out) as new:
        done = spark_reuse(sources, new, settings, master, workdir=work,
                           input_format=input_format)  # fmt: skip
        require_records(int(done.params["paragraphs"]), done.problems, _named(sources), out)
        _add_params(new / "params.json", {"sources": [str(path) for path in sources]})
    with contextlib.suppress(OSError):
        work.rmdir()  # its run's stages were removed; others may still be there
    return [out / file.name for file in done.files], done.problems


def _adopted(paragraphs: pd.DataFrame) -> pd.DataFrame | None:
    """Resolutions adopted per year when the paragraphs are Council documents (they carry
    resolution numbers, as a folder gives), else None (no coverage)."""
    if "number" not in paragraphs or not paragraphs["number"].notna().any():
        return None
    from bluehelmet.reuse.coverage import adopted_per_year

    return adopted_per_year()


def _write_tables(tables: ReuseTables, out: Path, fmt: str, sources: tuple[Path, ...]) -> list[str]:
    """Write every table and ``params.json`` (with the ``sources`` read) into ``out``; return
    the file names."""
    written = {
        "pairs": lambda: tables.pairs,
        "boilerplate_pairs": lambda: tables.boilerplate_pairs,
        "families": lambda: tables.summary,
        "resolution_reuse": lambda: tables.resolution_shares,
        "repetition_index": lambda: tables.repetition,
        "yearly": lambda: tables.yearly,
        "kind_pairs": lambda: tables.kind_pairs,
        "boilerplate_families": lambda: tables.boilerplate_families,
        "group_matrix": lambda: tables.matrix,
        "force_genealogy": lambda: tables.force_genealogy,
    }
    for name, table in written.items():
        _write(table(), out / f"{name}.{fmt}", index=name == "group_matrix")
    params = {
        **tables.params,
        "group_matrix_count": "paragraphs",
        "sources": [str(path) for path in sources],
    }
    with atomic_path(out / "params.json") as tmp:
        tmp.write_text(json.dumps(params, indent=1, sort_keys=True, default=str) + "\n")
    return [f"{name}.{fmt}" for name in written] + ["params.json"]


def run_reuse(
    source: str | Path | Sequence[str | Path] | None,
    out: Path,
    min_jaccard: float = 0.6,
    n: int = 5,
    fmt: str = "csv",
    candidates: str = "numpy",
    stream: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
    engine: str = "embedded",
    master: str = "local[2]",
    input_format: str | None = None,
) -> tuple[list[Path], list[str]]:
    """Find reuse in ``source`` (JSON Lines, Parquet, or folders of Council documents read
    together as one corpus); write tables.

    ``source`` is one path or a list of them (several must all be folders; see
    :func:`~bluehelmet.reuse.inputs.input_paths`); None reads every text the project can read
    (:func:`reuse_sources`). ``params.json`` lists the paths read (``sources``).

    Tables are CSV or, with ``fmt="parquet"``, Parquet; ``candidates`` picks where the LSH
    band-key join runs (``"numpy"`` or ``"duckdb"``, same pairs). With ``stream``, the input
    is read ``batch_size`` records at a time by :func:`~bluehelmet.reuse.stream.stream_reuse`
    (pairs, boilerplate paragraphs, families, resolution shares, the repetition index and
    params; several folders are read together here too; ``progress`` shows its bar).

    With ``engine="spark"`` the pipeline runs on Apache Spark at ``master`` (``local[2]``,
    ``spark://host:7077``...; :func:`~bluehelmet.reuse.spark.engine.spark_reuse`, needs
    ``pip install 'bluehelmet[spark]'`` and Java 17): a JSON Lines or Parquet file or folder of
    part files (local, or any Hadoop URI, whose format ``input_format`` names when its name
    does not), or folders of Council documents (read here, then handed to Spark) in,
    Parquet tables out (those of ``stream``, same pairs).

    A run writes into a new folder beside ``out`` that then replaces ``out`` whole (see
    :mod:`bluehelmet.folders`): a failed run leaves the earlier run untouched. ``out`` must be
    new, empty or an earlier run (:func:`check_out`).

    Returns the files written and the per-record problems met while reading.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p.jsonl").write_text(
    ...     '{"doc": "A", "id": "1", "text": "the council decides to extend the mandate '
    ...     'of the force for six months", "date": "2000-01-01"}\\n'
    ...     '{"doc": "B", "id": "1", "text": "the council decides to extend the mandate '
    ...     'of the force for six months", "date": "2001-01-01"}\\n')
    >>> files, problems = run_reuse(folder / "p.jsonl", folder / "out")
    >>> len((folder / "out" / "pairs.csv").read_text().splitlines()), problems
    (2, [])
    """
    settings = reuse_settings(n=n, min_jaccard=min_jaccard, candidates=candidates)
    check("fmt", fmt, TableFormat)
    check("engine", engine, ReuseEngine)
    check_out(out)
    if engine == "spark":
        return _run_spark(source, out, settings, fmt, master, input_format)
    if input_format is not None:
        raise UsageError("--input-format goes with --engine spark; the embedded engine reads "
                         "the format from the file's suffix")  # fmt: skip
    sources = reuse_sources(source)
    if stream:
        return _run_stream(
            sources, out, settings, batch_size=batch_size, fmt=fmt, progress=progress
        )
    result = reuse_records(RecordReader(sources, settings.max_chars), settings)
    require_records(len(result.paragraphs), result.problems, _named(sources), out)
    with replaced_folder(out) as new:
        tables = ReuseTables(result.paragraphs, result, _adopted(result.paragraphs))
        names = _write_tables(tables, new, fmt, sources)
    return [out / name for name in names], result.problems
