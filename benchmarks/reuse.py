"""Benchmark: reuse pairs in the shared corpus (902 resolutions), time, recall and precision.

Run: .venv/bin/python benchmarks/reuse.py   (needs ../shared/data; prints numbers only)
Target (issue 4): all reuse pairs in under 3 s on 2 cores, recall >= 0.98 against brute
force at Jaccard >= 0.6, precision 1.0.

"cold" reads the folder with an empty document cache (every file parsed), "warm" with the
cache the cold read filled (parsed resolutions unpickled). Reading includes the mandate
coder, which gives each paragraph its operation and force flag.
"""

from __future__ import annotations

import os
import tempfile
import time
import warnings
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pandas as pd

from bluehelmet.paths import corpus_dir
from bluehelmet.reuse.engine import find_reuse
from bluehelmet.reuse.exact import brute_force_pairs
from bluehelmet.reuse.inputs import RecordReader, read_paragraphs
from bluehelmet.reuse.minhash import signatures
from bluehelmet.reuse.pipeline import Verifier, band_candidates, prepare, progress_bar, rank
from bluehelmet.reuse.settings import ReuseSettings
from bluehelmet.reuse.spill import MemorySink, MemoryStore
from bluehelmet.reuse.tokens import tokens

T = TypeVar("T")


CPU: dict[str, float] = {}  # best CPU time (all threads) of the last run of each label


def timed(func: Callable[[], T], repeat: int = 1, label: str = "") -> tuple[T, float]:
    """The result of ``func`` and its best wall time over ``repeat`` runs (CPU time aside)."""
    best = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = func()
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    CPU[label] = cpu
    return result, best


def grams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """Word n-grams as Python tuples (independent of the engine's hashing)."""
    tok = tokens(text)
    if len(tok) < n:
        return {tuple(tok)} if tok else set()
    return {tuple(tok[i : i + n]) for i in range(len(tok) - n + 1)}


def quality(paragraphs: pd.DataFrame, reported: pd.DataFrame) -> tuple[int, float, float]:
    """True pairs at Jaccard >= 0.6 (brute force), recall, and precision of the reported pairs.

    Precision: share of reported pairs whose Jaccard >= 0.6 or containment >= 0.8 on plain
    Python sets of n-gram tuples.
    """
    brute = brute_force_pairs(paragraphs, n=5, min_jaccard=0.6)
    truth = {frozenset([(r.doc_a, r.id_a), (r.doc_b, r.id_b)]) for r in brute.itertuples()}
    found = {
        frozenset([(r.source_doc, r.source_id), (r.target_doc, r.target_id)])
        for r in reported.itertuples()
    }
    text = {
        (d, i): t
        for d, i, t in zip(paragraphs["doc"], paragraphs["id"], paragraphs["text"], strict=True)
    }
    good = 0
    for pair in found:
        x, y = (grams(text[k]) for k in pair)
        inter = len(x & y)
        good += inter / len(x | y) >= 0.6 or inter / min(len(x), len(y)) >= 0.8
    return len(truth), len(truth & found) / len(truth), good / len(found)


def stages(paragraphs: pd.DataFrame) -> dict[str, float]:
    """Wall time of each pipeline stage of the in-memory engine (one run)."""
    out: dict[str, float] = {}
    s, bar, reader = ReuseSettings(), progress_bar(False), RecordReader(paragraphs)
    batches, out["checks"] = timed(lambda: list(reader.batches(len(paragraphs))))
    batch, out["tokens + shingles"] = timed(lambda: prepare(*batches[0], reader, s.n, 5000))
    sig, out["minhash"] = timed(lambda: signatures(batch.shingles))
    store = MemoryStore()
    store.add(batch, sig)
    n_par, none = len(batch.records), np.zeros(len(batch.records), dtype=bool)
    duck = ReuseSettings(candidates="duckdb")
    (keys, _), out["lsh (numpy join)"] = timed(
        lambda: band_candidates(store, n_par, s, none, bar, s.bands)
    )
    _, out["lsh (duckdb join)"] = timed(
        lambda: band_candidates(store, n_par, duck, none, bar, s.bands)
    )
    records = store.records()
    verifier = Verifier(store, store.shingle_hashes(), batch.shingles.offsets, rank(records),
                        none, s)  # fmt: skip
    sinks = {"pairs": MemorySink()}
    _, out["verify + align"] = timed(lambda: verifier.chunk(keys, sinks))
    return out


def main() -> None:
    folder = corpus_dir()
    warnings.simplefilter("ignore")
    before = os.environ.get("BLUEHELMET_CACHE")
    os.environ["BLUEHELMET_CACHE"] = tempfile.mkdtemp(prefix="bluehelmet-bench-")
    try:
        (paragraphs, _), cold = timed(lambda: read_paragraphs(folder), label="cold")
        _, warm = timed(lambda: read_paragraphs(folder), repeat=3, label="warm")
    finally:
        if before is None:
            del os.environ["BLUEHELMET_CACHE"]
        else:
            os.environ["BLUEHELMET_CACHE"] = before
    result, engine = timed(lambda: find_reuse(paragraphs), repeat=3, label="engine")
    duck, engine_duck = timed(
        lambda: find_reuse(paragraphs, candidates="duckdb"), repeat=3, label="duck"
    )
    same = duck.pairs.equals(result.pairs) and duck.boilerplate_pairs.equals(
        result.boilerplate_pairs
    )
    reported = pd.concat([result.pairs, result.boilerplate_pairs])
    n_true, recall, precision = quality(paragraphs, reported)
    print(
        f"corpus: {folder.name}, {paragraphs['doc'].nunique()} resolutions, "
        f"{len(paragraphs)} paragraphs, {os.cpu_count()} CPUs"
    )
    print(f"load average: {os.getloadavg()[0]:.1f}; wall s (CPU s, all threads)")
    print(f"read folder (cold, parse + code): {cold:6.2f} s ({CPU['cold']:.2f})")
    print(f"read folder (warm, cache + code): {warm:6.2f} s ({CPU['warm']:.2f})")
    print(f"engine, numpy join (best of 3):   {engine:6.2f} s ({CPU['engine']:.2f})")
    print(
        f"engine, duckdb join (best of 3):  {engine_duck:6.2f} s ({CPU['duck']:.2f}), "
        f"same pairs: {same}"
    )
    print(f"folder to verified pairs, warm:   {warm + engine:6.2f} s  (target < 3 s)")
    print(f"folder to verified pairs, cold:   {cold + engine:6.2f} s")
    for name, took in stages(paragraphs).items():
        print(f"  stage {name:18s} {took:6.3f} s")
    print(
        f"pairs: {len(result.pairs)} reuse + {len(result.boilerplate_pairs)} boilerplate, "
        f"{result.params['candidates']} candidates"
    )
    print(f"brute force: {n_true} pairs at Jaccard >= 0.6")
    print(f"recall {recall:.4f} (target >= 0.98), precision {precision:.4f} (target 1.0)")


if __name__ == "__main__":
    main()
