"""Benchmark: read, segment and code every shared resolution text; PDF extraction apart.

Run: .venv/bin/python benchmarks/coder.py   (needs ../shared/data; prints numbers only)
Target (issue 3): at least 300 resolutions per second on one core for text input.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bluehelmet.coding.code import code_texts
from bluehelmet.coding.operations import default_index
from bluehelmet.documents import read_resolution
from bluehelmet.paths import corpus_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.documents.pdfs import RESOLUTION_PAGES, write_pdf  # noqa: E402


def best_of(func, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    """Best wall time of ``func`` in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    files = sorted(corpus_dir().glob("*.txt"))
    if not files:
        sys.exit(f"no texts in {corpus_dir()}: set BLUEHELMET_SHARED_DATA or BLUEHELMET_CORPUS")
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    index = default_index()
    resolutions = [read_resolution(t) for t in texts]
    parse = best_of(lambda: [read_resolution(t) for t in texts])
    code = best_of(lambda: code_texts(resolutions, index))
    n = len(texts)
    print(f"texts: {n} ({sum(map(len, texts)) / 1e6:.1f} MB), one process, best of 3")
    print(f"read + segment: {parse:6.2f} s  {n / parse:7.0f} resolutions/s")
    print(f"code:           {code:6.2f} s  {n / code:7.0f} resolutions/s")
    print(
        f"both:           {parse + code:6.2f} s  {n / (parse + code):7.0f} resolutions/s "
        "(target >= 300)"
    )
    folder = Path(tempfile.mkdtemp())
    pdfs = [write_pdf(folder / f"r{i}.pdf", RESOLUTION_PAGES) for i in range(50)]
    pdf = best_of(lambda: [read_resolution(p) for p in pdfs])
    pages = len(pdfs) * len(RESOLUTION_PAGES)
    print(
        f"PDF read + segment (generated 2-page PDFs): {len(pdfs) / pdf:7.0f} documents/s, "
        f"{pages / pdf:7.0f} pages/s"
    )


if __name__ == "__main__":
    main()
