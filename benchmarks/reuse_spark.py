"""The reuse engine on Spark (local mode) beside the embedded streaming engine.

Synthetic paragraphs with planted reuse (``reuse/synthetic.py``) at each size given
(default 100,000): wall time and peak memory (this process plus its children: the JVM and
the Python workers) of each engine run in its own process, recall and precision against the
planted pairs, and whether the pairs are identical. Needs ``pip install 'bluehelmet[spark]'``
and Java 17. Usage: ``python benchmarks/reuse_spark.py [N ...] [--master local[2]]``.

``--giant COPIES`` puts COPIES paragraphs of one text first (in ``--giant-docs`` documents,
few enough not to be boilerplate), a giant LSH bucket in every band; ``--max-bucket`` and
``--pair-boilerplate`` are the engines' settings; ``--engines spark`` skips the embedded
run. To compare two versions of the engine, run the script with each on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
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
engine, src, out, master, opts = sys.argv[1:6]
if engine == "spark":
    from bluehelmet.reuse.spark.engine import spark_reuse
    r = spark_reuse(src, out, master=master, **json.loads(opts))
else:
    from bluehelmet.reuse.stream import stream_reuse
    r = stream_reuse(src, out, fmt="parquet", progress=False, **json.loads(opts))
print(json.dumps(r.seconds))
"""


GIANT_TEXT = (
    "Urges all member states to refrain from supplying weapons ammunition vehicles or spare "
    "parts to any party and calls upon neighbouring states to patrol their borders closely"
)


def run(engine: str, src: Path, out: Path, master: str, opts: dict) -> tuple[float, float, dict]:
    """Seconds, peak resident MB (the largest child process) and stage seconds of one run."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RUN, engine, str(src), str(out), master, json.dumps(opts)],
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


def with_giant(src: Path, copies: int, documents: int) -> Path:
    """``src`` with ``copies`` paragraphs of one text first, in ``documents`` documents."""
    out = src.with_name(f"giant-{src.name}")
    with out.open("w", encoding="utf-8") as f:
        for i in range(copies):
            doc, number = f"GIANT/{i % documents:04d}", i // documents + 1
            f.write(json.dumps({"doc": doc, "id": str(number), "text": GIANT_TEXT,
                                "date": "1990-05-01", "group": "OP01"}) + "\n")  # fmt: skip
        with src.open(encoding="utf-8") as rest:
            shutil.copyfileobj(rest, f)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--giant", type=int, default=0, help="copies of one paragraph")
    parser.add_argument("--giant-docs", type=int, default=10)
    parser.add_argument("--max-bucket", type=int)
    parser.add_argument("--pair-boilerplate", action="store_true")
    parser.add_argument("--engines", nargs="+", default=["embedded", "spark"])
    args = parser.parse_args()
    opts: dict = {"pair_boilerplate": args.pair_boilerplate}
    if args.max_bucket is not None:
        opts["max_bucket"] = args.max_bucket
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = write_corpus(Path(tmp) / f"c{n}.jsonl", n, seed=11)
            planted = pd.read_csv(corpus.planted, dtype=str, keep_default_na=False)
            src = corpus.paragraphs
            if args.giant:
                src = with_giant(src, args.giant, args.giant_docs)
            tables = {}
            for engine in args.engines:
                out = Path(tmp) / f"{engine}{n}"
                wall, peak, seconds = run(engine, src, out, args.master, opts)
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
            if len(tables) == 2:
                same = tables["embedded"].equals(tables["spark"])
                print(f"{n:>9,} identical pairs: {same}", flush=True)


if __name__ == "__main__":
    main()
