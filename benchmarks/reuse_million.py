"""Streaming reuse on a synthetic corpus of 1,000,000 paragraphs (target: < 60 s, < 2 GB).

Generates the corpus with planted reuse into a temporary folder (timed on its own), runs
:func:`bluehelmet.reuse.stream.stream_reuse` in a child process, and prints wall time, peak
resident memory of that process, pairs found, recall of the planted pairs and precision.

Run: make bench-reuse-million   (or .venv/bin/python benchmarks/reuse_million.py -n 100000)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from bluehelmet.reuse.stream import BATCH_SIZE, stream_reuse
from bluehelmet.reuse.synthetic import write_corpus

KEY_TYPES = {"source_id": str, "target_id": str}


def engine(source: Path, out: Path, batch_size: int, queue: Any) -> None:
    """Child process: the streaming run, its timings and counts sent back."""
    start, main_cpu = time.perf_counter(), time.thread_time()
    result = stream_reuse(source, out, batch_size=batch_size)
    wall, main_cpu = time.perf_counter() - start, time.thread_time() - main_cpu
    queue.put((wall, main_cpu, result.seconds, result.params, len(result.problems)))


def accuracy(pairs_csv: Path, planted_csv: Path) -> dict[str, float]:
    """Recall of planted (source, target) pairs; precision = found pairs within one family.

    A family is a planted source and its copies (copies are never copied again), so a found
    pair is right when both paragraphs map to the same source.
    """
    found = pd.read_csv(pairs_csv, dtype=KEY_TYPES, usecols=list(KEY_TYPES) + ["source_doc",
                        "target_doc"])  # fmt: skip
    planted = pd.read_csv(planted_csv, dtype=KEY_TYPES)
    src = planted["source_doc"] + "/" + planted["source_id"]
    tgt = planted["target_doc"] + "/" + planted["target_id"]
    a = found["source_doc"] + "/" + found["source_id"]
    b = found["target_doc"] + "/" + found["target_id"]
    hits = pd.MultiIndex.from_arrays([src, tgt]).isin(pd.MultiIndex.from_arrays([a, b]))
    family = dict(zip(tgt, src, strict=True))
    same = [family.get(x, x) == family.get(y, y) for x, y in zip(a, b, strict=True)]
    return {
        "planted": len(planted),
        "found": len(found),
        "recall": float(hits.mean()) if len(planted) else 1.0,
        "precision": float(sum(same) / len(found)) if len(found) else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bluehelmet-million-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        corpus = write_corpus(folder / f"corpus.{args.format}", args.paragraphs, seed=args.seed)
        made = time.perf_counter() - start
        size_mb = corpus.paragraphs.stat().st_size / 1e6
        print(
            f"corpus: {corpus.n_paragraphs:,} paragraphs ({size_mb:,.0f} MB {args.format}), "
            f"{corpus.n_planted:,} planted pairs, {corpus.n_boilerplate:,} boilerplate; "
            f"generated in {made:.1f} s"
        )
        spawn = mp.get_context("spawn")  # a fresh process: its peak memory is the engine's
        queue: Any = spawn.SimpleQueue()
        child = spawn.Process(
            target=engine, args=(corpus.paragraphs, folder / "out", args.batch_size, queue)
        )
        child.start()
        wall, main_cpu, seconds, params, n_problems = queue.get()
        child.join()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_gb = usage.ru_maxrss / 1024**2
        cpu = usage.ru_utime + usage.ru_stime
        load = os.getloadavg()[0]
        acc = accuracy(folder / "out" / "pairs.csv", corpus.planted)
    print(
        f"stream_reuse (batch {args.batch_size:,}): wall {wall:.1f} s "
        f"(read+hash {seconds['read_and_hash']:.1f} s, candidates+verify+align "
        f"{seconds['pairs']:.1f} s, families and measures {seconds['measures']:.1f} s); "
        f"peak RSS {peak_gb:.2f} GB; target < 60 s, < 2 GB"
    )
    print(
        f"CPU time {cpu:.1f} s on {os.cpu_count()} cores, {main_cpu:.1f} s of it in the main "
        f"thread (the rest: MinHash threads); load average at the end {load:.1f}"
    )
    print(
        f"candidates {params['candidates']:,}, pairs {params['pairs']:,}, boilerplate "
        f"paragraphs {params['boilerplate_paragraphs']:,}, capped buckets "
        f"{params['capped_buckets']}, problems {n_problems}"
    )
    print(
        f"planted {acc['planted']:,}: recall {acc['recall']:.4f}; "
        f"precision {acc['precision']:.4f} (found pairs within one planted family)"
    )


if __name__ == "__main__":
    main()
