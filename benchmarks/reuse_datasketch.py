"""Side by side: bluehelmet's MinHash + LSH against datasketch's MinHash + MinHashLSH.

Run: .venv/bin/python benchmarks/reuse_datasketch.py   (needs ../shared/data and datasketch,
a development dependency; prints numbers only). Target (issue 4): bluehelmet >= 5x faster.

Both sides get the same input: the 64-bit shingle hashes of every paragraph of the shared
corpus (word 5-grams, computed once, not timed). Both use 128 permutations in 32 bands of 4
rows. Timed on each side: signatures + index + query for all candidate pairs.
datasketch: ``MinHash.bulk`` (scheme "affine64", identity hash function so the shingle hashes
go in unchanged), inserts in an insertion session, one ``query`` per paragraph.
bluehelmet: ``signatures`` + ``candidates`` (band keys joined in numpy, and in DuckDB).
Recall is against brute force at exact Jaccard >= 0.6 (candidate recall: verification only
removes pairs below the thresholds, so it equals recall after verification).
"""

from __future__ import annotations

import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH

from bluehelmet.paths import corpus_dir
from bluehelmet.reuse.exact import brute_force_pairs
from bluehelmet.reuse.inputs import RecordReader
from bluehelmet.reuse.lsh import candidates
from bluehelmet.reuse.minhash import signatures
from bluehelmet.reuse.pipeline import prepare
from bluehelmet.reuse.shingles import Shingles

NUM_PERM, BANDS = 128, 32


def identity(value: np.uint64) -> np.uint64:
    """The shingle hash itself (datasketch applies its own mixing and permutations)."""
    return value


def datasketch_pairs(sh: Shingles) -> set[tuple[int, int]]:
    """Candidate pairs from datasketch: MinHash.bulk, MinHashLSH insert, one query each."""
    sets = [sh.get(i) for i in range(len(sh))]
    mhs = MinHash.bulk(sets, num_perm=NUM_PERM, seed=1, hashfunc=identity, scheme="affine64")
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, NUM_PERM // BANDS))
    with lsh.insertion_session() as session:
        for i, m in enumerate(mhs):
            session.insert(i, m)
    pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(mhs):
        pairs.update((min(i, j), max(i, j)) for j in lsh.query(m) if j != i)
    return pairs


def bluehelmet_pairs(sh: Shingles, backend: str = "numpy") -> set[tuple[int, int]]:
    """Candidate pairs from bluehelmet: signatures, band keys, self-join."""
    sig = signatures(sh, num_perm=NUM_PERM)
    cand = candidates(sig, bands=BANDS, backend="duckdb" if backend == "duckdb" else "numpy")
    return set(zip(cand["a"].tolist(), cand["b"].tolist(), strict=True))


def best(func, repeat: int):  # type: ignore[no-untyped-def]
    """Result, best wall time and best CPU time (all threads) of ``func``."""
    took = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = func()
        took = min(took, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return out, took, cpu


def main() -> None:
    warnings.simplefilter("ignore")
    reader = RecordReader(corpus_dir())
    batch = prepare(*next(reader.batches(sys.maxsize)), reader, n=5, max_tokens=5000)
    df, sh = batch.records, batch.shingles
    brute = brute_force_pairs(df, n=5, min_jaccard=0.6)
    pos = {k: i for i, k in enumerate(zip(df["doc"], df["id"], strict=True))}
    truth = {
        tuple(sorted((pos[(r.doc_a, r.id_a)], pos[(r.doc_b, r.id_b)]))) for r in brute.itertuples()
    }
    ours, t_ours, c_ours = best(lambda: bluehelmet_pairs(sh), repeat=5)
    duck, t_duck, c_duck = best(lambda: bluehelmet_pairs(sh, "duckdb"), repeat=5)
    theirs, t_theirs, c_theirs = best(lambda: datasketch_pairs(sh), repeat=3)

    def recall(found: set[tuple[int, int]]) -> float:
        return len(truth & found) / len(truth)

    rows = [
        ("bluehelmet (numpy join)", t_ours, c_ours, len(ours), recall(ours)),
        ("bluehelmet (duckdb join)", t_duck, c_duck, len(duck), recall(duck)),
        ("datasketch MinHashLSH", t_theirs, c_theirs, len(theirs), recall(theirs)),
    ]
    columns = ["engine", "wall s", "CPU s", "candidates", "recall"]
    table = pd.DataFrame(rows, columns=columns)
    print(
        f"{len(df)} paragraphs, {len(sh.hashes)} shingles, {NUM_PERM} permutations, "
        f"{BANDS} bands x {NUM_PERM // BANDS} rows, {len(truth)} true pairs at J >= 0.6, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; best of 5 (datasketch 3)"
    )
    print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    print(
        f"speed ratio datasketch / bluehelmet (numpy): {t_theirs / t_ours:.1f}x wall, "
        f"{c_theirs / c_ours:.1f}x CPU (target >= 5x)"
    )
    print(
        f"speed ratio datasketch / bluehelmet (duckdb): {t_theirs / t_duck:.1f}x wall, "
        f"{c_theirs / c_duck:.1f}x CPU"
    )


if __name__ == "__main__":
    main()
