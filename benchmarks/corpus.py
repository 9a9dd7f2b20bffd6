"""Benchmark: the whole 1946–2026 corpus read, segmented and coded; the XML parse apart.

Run: .venv/bin/python benchmarks/corpus.py   (needs ../shared/data; prints numbers only)
Targets (issue 12): the whole corpus cold (no parsed-text or coded-rows cache) under 10 s
on 2 cores, under 2 s from the caches; at least 300 resolutions/s on the 1946–1994 texts
on one core. MB/s counts the bytes of the files read.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bluehelmet.coding.batch import code_folders
from bluehelmet.coding.code import code_texts
from bluehelmet.coding.operations import default_index
from bluehelmet.documents.akn import read_akn
from bluehelmet.documents.corpus import corpus_files, load_corpus
from bluehelmet.paths import shared_corpora


def timed(func: Callable[[], object]) -> float:
    """Wall time of one call in seconds."""
    t0 = time.perf_counter()
    func()
    return time.perf_counter() - t0


def best_of(func: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` calls in seconds."""
    return min(timed(func) for _ in range(repeat))


def rate(n: int, size: int, seconds: float) -> str:
    return f"{seconds:6.2f} s  {n / seconds:6.0f} documents/s  {size / 1e6 / seconds:5.1f} MB/s"


def main() -> None:
    folders = shared_corpora()
    if len(folders) < 2:
        sys.exit("needs both shared corpora (../shared/data/unsc): set BLUEHELMET_SHARED_DATA")
    old, modern = folders
    xml = [(p, name) for p, name in corpus_files(modern) if p.suffix == ".xml"]
    blobs = [(p.read_bytes(), name) for p, name in xml]
    xml_bytes = sum(len(b) for b, _ in blobs)
    parse = best_of(lambda: [read_akn(b, name) for b, name in blobs])
    print(f"XML parse only (read_akn, 1 process): {len(blobs)} files, {xml_bytes / 1e6:.1f} MB")
    print(f"  {rate(len(blobs), xml_bytes, parse)}")

    index = default_index()
    for label, folder in (("1946-1994 .txt", old), ("2000-2026 XML", modern)):
        size = sum(p.stat().st_size for p, _ in corpus_files(folder))
        read = timed(lambda f=folder: load_corpus(f, cache=False, progress=False, workers=1))
        docs = load_corpus(folder, cache=False, progress=False, workers=1).resolutions
        code = best_of(lambda d=docs: code_texts(d, index), repeat=2)
        n = len(docs)
        print(f"{label}, 1 process: {n} resolutions, {size / 1e6:.1f} MB")
        print(f"  read + segment: {rate(n, size, read)}")
        print(f"  code:           {rate(n, size, code)}")
        print(f"  both:           {rate(n, size, read + code)}  (target on .txt: >= 300/s)")

    size = sum(p.stat().st_size for f in folders for p, _ in corpus_files(f))
    workers = min(2, os.cpu_count() or 1)
    os.environ["BLUEHELMET_CACHE"] = tempfile.mkdtemp(prefix="bluehelmet-bench-")
    result: list[int] = []

    def whole() -> None:
        read, coded = code_folders(folders, workers=workers, progress=False)
        result[:] = [len(coded.resolution), sum(len(r.text) for r in read.resolutions)]

    cold = timed(whole)
    warm = best_of(whole)
    n, chars = result
    print(
        f"whole corpus 1946-2026 ({n} resolutions, {size / 1e6:.1f} MB of files, "
        f"{chars / 1e6:.1f} million characters of text), {workers} workers:"
    )
    print(f"  cold (no caches): {rate(n, size, cold)}  (target < 10 s)")
    print(f"  from the caches:  {rate(n, size, warm)}  (target < 2 s)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
