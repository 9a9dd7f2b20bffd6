"""The reuse engine on Spark (local mode) beside the embedded streaming engine.

Synthetic paragraphs with planted reuse (``reuse/synthetic.py``) at each size given
(default 100,000): wall time and peak memory (this process plus its children: the JVM and
the Python workers) of each engine run in its own process, recall and precision against the
planted pairs, and whether the pairs are identical. Needs ``pip install 'bluehelmet[spark]'``
and Java 17. Usage: ``python benchmarks/reuse_spark.py [N ...] [--master local[2]]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bluehelmet.reuse.synthetic import write_corpus

KEYS = ["source_doc", "source_id", "target_doc", "target_id"]

_RUN = """
import json, sys
from pathlib import Path
engine, src, out, master = sys.argv[1:5]
if engine == "spark":
    from bluehelmet.reuse.spark.engine import spark_reuse
    r = spark_reuse(src, out, master=master)
else:
    from bluehelmet.reuse.stream import stream_reuse
    r = stream_reuse(src, out, fmt="parquet", progress=False)
print(json.dumps(r.seconds))
"""


def run(engine: str, src: Path, out: Path, master: str) -> tuple[float, float, dict]:
    """Seconds, peak resident MB (the largest child process) and stage seconds of one run."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RUN, engine, str(src), str(out), master],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak, json.loads(done.stdout.strip().splitlines()[-1])


def scores(pairs: pd.DataFrame, planted: pd.DataFrame) -> tuple[float, float]:
    """Recall of the planted pairs and precision (pairs that are planted or share a planted
    source family are counted as right only when planted: a lower bound)."""
    found = set(map(tuple, pairs[KEYS].values.tolist()))
    want = set(map(tuple, planted[KEYS].values.tolist()))
    hit = len(found & want)
    return hit / max(1, len(want)), hit / max(1, len(found))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = write_corpus(Path(tmp) / f"c{n}.jsonl", n, seed=11)
            planted = pd.read_csv(corpus.planted, dtype=str, keep_default_na=False)
            tables = {}
            for engine in ("embedded", "spark"):
                out = Path(tmp) / f"{engine}{n}"
                wall, peak, seconds = run(engine, corpus.paragraphs, out, args.master)
                pairs = pd.read_parquet(out / "pairs.parquet")
                tables[engine] = pairs
                recall, precision = scores(pairs, planted)
                stages = ", ".join(f"{k} {v:.1f}" for k, v in seconds.items())
                print(
                    f"{n:>9,} {engine:<8} {wall:7.1f} s  peak RSS {peak:6.0f} MB  "
                    f"pairs {len(pairs):>8,}  recall {recall:.4f}  precision(planted) "
                    f"{precision:.4f}  [{stages}]",
                    flush=True,
                )
            same = tables["embedded"].equals(tables["spark"])
            print(f"{n:>9,} identical pairs: {same}", flush=True)


if __name__ == "__main__":
    main()
