"""The reuse workflow behind ``bluehelmet reuse``: read, find pairs, measure, write tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.files import atomic_path
from bluehelmet.reuse.engine import find_reuse
from bluehelmet.reuse.families import families, family_summary
from bluehelmet.reuse.inputs import read_paragraphs
from bluehelmet.reuse.measures import (
    force_genealogy,
    group_matrix,
    repetition_index,
    resolution_reuse,
)
from bluehelmet.reuse.stream import BATCH_SIZE, check_options, stream_reuse


def _write(df: pd.DataFrame, path: Path, index: bool = False) -> Path:
    """Write ``df`` atomically, as Parquet when ``path`` ends in ``.parquet``, else CSV."""
    with atomic_path(path) as tmp:
        if path.suffix == ".parquet":
            df.to_parquet(tmp, index=index)
        else:
            df.to_csv(tmp, index=index, lineterminator="\n")
    return path


def run_reuse(
    source: Path,
    out: Path,
    min_jaccard: float = 0.6,
    n: int = 5,
    fmt: str = "csv",
    candidates: str = "numpy",
    stream: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
) -> tuple[list[Path], list[str]]:
    """Find reuse in ``source`` (JSON Lines, Parquet or a folder of resolutions); write tables.

    Tables are CSV or, with ``fmt="parquet"``, Parquet; ``candidates`` picks where the LSH
    band-key join runs (``"numpy"`` or ``"duckdb"``, same pairs). With ``stream``, the input
    is read ``batch_size`` records at a time by :func:`~bluehelmet.reuse.stream.stream_reuse`
    (pairs, boilerplate paragraphs and params only; ``progress`` shows its bar).

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
    if not 0 < min_jaccard <= 1:
        raise UsageError(f"--min-jaccard must be in (0, 1], got {min_jaccard}")
    check_options(fmt, candidates)
    if stream:
        streamed = stream_reuse(
            source, out, batch_size=batch_size, n=n, min_jaccard=min_jaccard,
            candidates=candidates, fmt=fmt, progress=progress,
        )  # fmt: skip
        return streamed.files, streamed.problems
    paragraphs, problems = read_paragraphs(source)
    result = find_reuse(paragraphs, n=n, min_jaccard=min_jaccard, candidates=candidates)
    pairs = result.pairs
    members = families(pairs, paragraphs)
    out.mkdir(parents=True, exist_ok=True)
    files = [
        _write(pairs, out / f"pairs.{fmt}"),
        _write(result.boilerplate_pairs, out / f"boilerplate_pairs.{fmt}"),
        _write(family_summary(members), out / f"families.{fmt}"),
        _write(resolution_reuse(pairs, paragraphs), out / f"resolution_reuse.{fmt}"),
        _write(repetition_index(pairs, paragraphs), out / f"repetition_index.{fmt}"),
        _write(group_matrix(pairs, paragraphs), out / f"group_matrix.{fmt}", index=True),
    ]
    if "force" in paragraphs.columns:
        files.append(_write(force_genealogy(pairs, paragraphs), out / f"force_genealogy.{fmt}"))
    else:
        files.append(_write(pd.DataFrame(), out / f"force_genealogy.{fmt}"))
    params = out / "params.json"
    with atomic_path(params) as tmp:
        tmp.write_text(json.dumps(result.params, indent=1, sort_keys=True, default=str) + "\n")
    return [*files, params], problems
