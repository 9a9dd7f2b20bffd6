"""Benchmarks of the foundation: store build, queries and the report. Prints numbers, asserts none.

Run: make bench   (or .venv/bin/python benchmarks/run.py)
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bluehelmet as bh
from bluehelmet import store


def timed(func: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Median and best wall time of ``func`` in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def build_store_cold() -> None:
    before = os.environ.get("BLUEHELMET_CACHE")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BLUEHELMET_CACHE"] = tmp
        store._connection.cache_clear()
        store._checked_path.cache_clear()
        store.connect()
        store._connection.cache_clear()
        store._checked_path.cache_clear()
    if before is None:
        del os.environ["BLUEHELMET_CACHE"]
    else:
        os.environ["BLUEHELMET_CACHE"] = before


def main() -> None:
    cases: dict[str, Callable[[], object]] = {
        "store build from packaged CSVs (cold cache)": build_store_cold,
        "operations(org='UN')": lambda: bh.operations(org="UN"),
        "operation('UNAMSIL') with history and partners": lambda: bh.operation("UNAMSIL"),
        "resolutions(year=1999)": lambda: bh.resolutions(year=1999),
        "mandate_basis_counts(1989, 2016)": lambda: bh.mandate_basis_counts(1989, 2016),
        "validate the whole register": bh.validate_register,
    }
    out = Path(tempfile.mkdtemp())
    print(f"{'case':55s} {'median s':>10s} {'best s':>10s}")
    for name, func in cases.items():
        median, best = timed(func, repeat=3 if "store" in name else 5)
        print(f"{name:55s} {median:10.4f} {best:10.4f}")
    median, best = timed(lambda: bh.build_report(out), repeat=3)
    print(f"{'full HTML report (target: well under 60 s)':55s} {median:10.4f} {best:10.4f}")


if __name__ == "__main__":
    main()
