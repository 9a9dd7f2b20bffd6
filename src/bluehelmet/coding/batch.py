"""Code whole corpora fast: every core for what is new, a cache of coded rows for the rest.

Coded rows are cached per document under ``cache_dir()/coded`` as JSON, keyed by the
document's content hash and a fingerprint of the coder (its rule modules and the
packaged operations table): change a rule or the register and every entry is stale.
Nothing in the cache can run code; an entry that is not four lists of flat records is
ignored and recomputed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from bluehelmet.coding.code import COLUMNS, CodedResolution, code_rows, frames
from bluehelmet.coding.operations import OperationIndex, default_index
from bluehelmet.documents.corpus import PARSER_VERSION, CorpusResult, load_corpus
from bluehelmet.documents.model import Resolution
from bluehelmet.files import atomic_path
from bluehelmet.paths import PACKAGE_DATA, cache_dir

Rows = tuple[list[dict[str, Any]], ...]
# Below this many documents to code, a worker pool costs more than it saves.
_POOL_MIN = 200
_SCALARS = (str, int, float, bool, type(None))


@lru_cache(maxsize=1)
def coder_fingerprint() -> str:
    """Hash of the coder's rule modules, the parser version and the operations table.

    >>> len(coder_fingerprint())
    16
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    digest.update((PACKAGE_DATA / "operations.csv").read_bytes())
    digest.update(PARSER_VERSION.encode())
    return digest.hexdigest()[:16]


def code_folders(
    folders: str | Path | Sequence[str | Path],
    *,
    workers: int | None = None,
    cache: bool = True,
    progress: bool | None = None,
) -> tuple[CorpusResult, CodedResolution]:
    """Read and code every resolution under ``folders``: the corpus and the coded tables.

    Same tables as ``code_texts(load_corpus(folders).resolutions)``, computed on
    ``workers`` processes (default: every core) when many documents are new, and taken
    from the coded-rows cache otherwise.

    >>> import tempfile
    >>> read, coded = code_folders(tempfile.mkdtemp(), cache=False)
    >>> len(read.resolutions), len(coded.resolution)
    (0, 0)
    """
    read = load_corpus(folders, cache=cache, progress=progress, workers=workers)
    return read, code_many(read.resolutions, workers=workers, cache=cache)


def code_many(
    resolutions: Sequence[Resolution], *, workers: int | None = None, cache: bool = True
) -> CodedResolution:
    """Coded tables for ``resolutions`` with the packaged register, cached per document.

    >>> code_many([]).resolution.empty
    True
    """
    folder = cache_dir() / "coded" / coder_fingerprint()
    keys = [_key(res) for res in resolutions]
    rows: list[Rows | None] = [
        _read_rows(folder / f"{k}.json") if cache and k else None for k in keys
    ]
    todo = [i for i, r in enumerate(rows) if r is None]
    jobs = [
        (resolutions[i], folder / f"{keys[i]}.json" if cache and keys[i] else None) for i in todo
    ]
    for i, computed in zip(todo, _code_all(jobs, workers), strict=True):
        rows[i] = computed
    tables: Rows = tuple([] for _ in COLUMNS)
    for doc_rows in rows:
        assert doc_rows is not None
        for table, part in zip(tables, doc_rows, strict=True):
            table.extend(part)
    return frames(tables)


def _key(res: Resolution) -> str:
    """Cache key: content hash and source (the coded rows carry the source path)."""
    if not res.sha256:
        return ""
    return hashlib.sha256(f"{res.sha256}\0{res.source}".encode()).hexdigest()


def _code_all(jobs: list[tuple[Resolution, Path | None]], workers: int | None) -> Iterable[Rows]:
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n > 1 and len(jobs) >= _POOL_MIN:
        _worker_index()  # built once here; forked workers inherit it
        with ProcessPoolExecutor(max_workers=n) as pool:
            return list(pool.map(_code_one, jobs, chunksize=16))
    return [_code_one(job) for job in jobs]


def _code_one(job: tuple[Resolution, Path | None]) -> Rows:
    """Code one resolution and cache its rows at the given path (when there is one)."""
    res, entry = job
    rows = code_rows(res, _worker_index())
    if entry is not None:
        with contextlib.suppress(OSError):  # an unwritable cache costs speed, not results
            _write_rows(entry, rows)
    return rows


@lru_cache(maxsize=1)
def _worker_index() -> OperationIndex:
    return default_index()


def _write_rows(path: Path, rows: Rows) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _read_rows(path: Path) -> Rows | None:
    """Cached rows, or None when absent or not exactly four lists of flat records."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, list) or len(data) != len(COLUMNS):
        return None
    for table, columns in zip(data, COLUMNS, strict=True):
        if not isinstance(table, list):
            return None
        for record in table:
            if not isinstance(record, dict) or record.keys() != set(columns):
                return None
            if not all(isinstance(v, _SCALARS) for v in record.values()):
                return None
    return tuple(data)
