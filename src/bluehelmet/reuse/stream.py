"""Streaming text reuse for corpora larger than memory: batches in, verified pairs out.

The pipeline (:mod:`bluehelmet.reuse.pipeline`) reads the input in checked batches
(:class:`~bluehelmet.reuse.inputs.RecordReader`, the reader behind
:func:`~bluehelmet.reuse.inputs.read_paragraphs`) and spills compact state to a work folder
(:class:`~bluehelmet.reuse.spill.DiskStore`): the signature rows of each LSH band, the
shingle hashes and the records. In memory stay a few integers per paragraph and the
``(doc, id)`` keys of the duplicate check. Pairs are appended to ``pairs.csv`` chunk by
chunk. Without boilerplate pairing (the default) boilerplate paragraphs are listed in
``boilerplate.csv`` and kept out of LSH: at a million paragraphs their pairs run into the
billions. The families and measures are then made from the pairs written and a light
paragraph table (keys, dates, groups and text lengths; no texts).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bluehelmet.errors import UsageError
from bluehelmet.files import atomic_path
from bluehelmet.options import TableFormat, check
from bluehelmet.output import for_csv
from bluehelmet.reuse.families import families, family_summary
from bluehelmet.reuse.inputs import RecordBatch, RecordReader
from bluehelmet.reuse.measures import repetition_index, resolution_reuse
from bluehelmet.reuse.pipeline import Sink, pass_one, pass_two, progress_bar
from bluehelmet.reuse.schema import PAIR_COLUMNS
from bluehelmet.reuse.settings import ReuseSettings, reuse_settings
from bluehelmet.reuse.spill import DiskStore, FileSink
from bluehelmet.reuse.tokens import TOKENIZER

#: Default number of records per batch: a batch's distinct shingles then stay in the CPU
#: cache during MinHash (at 100,000 paragraphs 50,000 took a third more CPU time).
BATCH_SIZE = 10_000
#: Candidate pairs verified together (bounds the memory of pass 2).
VERIFY_CHUNK = 20_000
#: The light paragraph table of a run without records (see :func:`light_table`).
LIGHT_SCHEMA = pa.schema(
    [(c, pa.string()) for c in ("doc", "id", "date", "group")] + [("chars", pa.int32())]
)


@dataclass(frozen=True)
class StreamResult:
    """Files written, per-record problems met while reading, how the run was made, seconds."""

    files: list[Path]
    problems: list[str]
    params: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _write(table: pd.DataFrame, path: Path, fmt: str) -> None:
    with atomic_path(path) as tmp:
        if fmt == "parquet":
            table.to_parquet(tmp, index=False)
        else:
            for_csv(table).to_csv(tmp, index=False, lineterminator="\n")


def light_table(records: pd.DataFrame) -> pa.Table:
    """The columns the measures need of checked records, without the texts: ``doc``, ``id``,
    ``date``, ``group``, ``kind`` (when given) and ``chars`` (each text's length).

    >>> light_table(pd.DataFrame({"doc": ["A"], "id": ["1"], "text": ["Decides."],
    ...     "date": [""], "group": ["G"]})).to_pylist()
    [{'doc': 'A', 'id': '1', 'date': '', 'group': 'G', 'chars': 8}]
    """
    keep = [c for c in ("doc", "id", "date", "group", "kind") if c in records]
    table = pa.Table.from_pandas(records[keep], preserve_index=False)
    return table.append_column("chars", pc.utf8_length(pa.array(records["text"], pa.string())))


def _measured(pairs_path: Path, paragraphs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Families, document shares and the yearly repetition index of the pairs written to
    ``pairs_path``, measured on the light paragraph table (see :func:`light_table`)."""
    if pairs_path.suffix == ".parquet":
        pairs = pd.read_parquet(pairs_path)
    else:
        keys = {c: str for c in PAIR_COLUMNS[:4]}
        pairs = pd.read_csv(pairs_path, dtype=keys, keep_default_na=False)
    return {
        "families": family_summary(families(pairs, paragraphs)),
        "resolution_reuse": resolution_reuse(pairs, paragraphs),
        "repetition_index": repetition_index(pairs, paragraphs),
    }


def _noted(batches: Iterable[RecordBatch], light: list[pa.Table]) -> Iterator[RecordBatch]:
    """``batches`` as they come, the :func:`light_table` of each appended to ``light``."""
    for batch in batches:
        light.append(light_table(batch.records))
        yield batch


def stream_reuse(
    source: str | Path | Sequence[str | Path],
    out: str | Path,
    settings: ReuseSettings | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    pair_boilerplate: bool = False,
    fmt: str = "csv",
    progress: bool | None = None,
    workdir: str | Path | None = None,
    **options: Any,
) -> StreamResult:
    """Verified reuse in a corpus of any size, read in batches; writes tables into ``out``.

    ``source`` is a JSON Lines or Parquet file, a folder of Council documents, or several
    folders read together as one corpus (:func:`~bluehelmet.reuse.inputs.input_paths`).
    ``settings`` (or its fields as keyword ``options``, see
    :class:`~bluehelmet.reuse.settings.ReuseSettings`) say how pairs are made; the pipeline
    is the one :func:`~bluehelmet.reuse.engine.find_reuse` runs on a single batch, so with
    ``pair_boilerplate`` the pairs are identical. Writes ``pairs.csv``, ``boilerplate.csv``
    (boilerplate paragraphs; they are kept out of LSH unless ``pair_boilerplate``, which also
    writes ``boilerplate_pairs.csv``), the tables the in-memory run writes from the pairs
    (``families.csv``, ``resolution_reuse.csv``, ``repetition_index.csv``) and
    ``params.json`` (``fmt="parquet"``: ``.parquet`` tables); each file appears only once
    complete. Bad records (and paragraphs without words
    or over ``max_tokens`` words) are skipped and reported by line (``problems``). Spilled
    state goes to a temporary folder in ``workdir`` (default: ``out``), removed at the end.
    ``progress`` shows a bar on stderr (default: only when stderr is a terminal).

    >>> import tempfile
    >>> import pandas as pd
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
    s = reuse_settings(settings, **options)
    check("fmt", fmt, TableFormat)
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, got {batch_size}")
    out_dir = Path(out)
    reader = RecordReader(source, s.max_chars)
    out_dir.mkdir(parents=True, exist_ok=True)
    show = sys.stderr.isatty() if progress is None else progress
    names = ["pairs", "boilerplate_pairs"] if pair_boilerplate else ["pairs"]
    base = Path(workdir) if workdir is not None else out_dir
    light: list[pa.Table] = []
    with (
        tempfile.TemporaryDirectory(prefix=".reuse-stream-", dir=base) as tmp,
        progress_bar(show) as bar,
    ):
        start = time.perf_counter()
        with ExitStack() as stack:
            store = DiskStore(Path(tmp), s.bands, stack)
            pass_one(_noted(reader.batches(batch_size), light), reader, store, bar, s)
        middle = time.perf_counter()
        with ExitStack() as stack:
            sinks: dict[str, Sink] = {
                name: FileSink(out_dir / f"{name}.{fmt}", fmt, stack) for name in names
            }
            boilerplate, counts = pass_two(
                store, sinks, bar, s, pair_boilerplate=pair_boilerplate, step=1, chunk=VERIFY_CHUNK
            )
        _write(boilerplate.to_pandas(), out_dir / f"boilerplate.{fmt}", fmt)
    done = time.perf_counter()
    paragraphs = (pa.concat_tables(light) if light else LIGHT_SCHEMA.empty_table()).to_pandas()
    del light[:]
    measured = _measured(out_dir / f"pairs.{fmt}", paragraphs)
    for name, table in measured.items():
        _write(table, out_dir / f"{name}.{fmt}", fmt)
    seconds = {
        "read_and_hash": middle - start,
        "pairs": done - middle,
        "measures": time.perf_counter() - done,
    }
    params = {
        "engine": "stream",
        "tokenizer": TOKENIZER,
        **s.record(),
        "pair_boilerplate": pair_boilerplate,
        "fmt": fmt,
        "batch_size": batch_size,
        **counts,
    }
    files = [out_dir / f"{name}.{fmt}" for name in [*names, "boilerplate", *measured]]
    with atomic_path(out_dir / "params.json") as tmp_path:
        tmp_path.write_text(json.dumps(params, indent=1, sort_keys=True) + "\n")
    return StreamResult([*files, out_dir / "params.json"], reader.report(), params, seconds)
