"""The reuse engine on Spark (local mode) beside the embedded streaming engine, at scale.

Synthetic paragraphs with planted reuse (``reuse/synthetic.py``) at each size given
(default 100,000, 300,000 and 1,000,000; ``make bench-spark``). Each engine runs in its
own process; per run: wall time, peak memory, recall and precision against the planted
pairs, whether both engines' pairs are identical, and seconds per stage.

Peak memory is the largest sum, over the run's whole process tree (the driver Python, the
JVM Spark starts, the Python workers it forks), of each process's proportional set size
(PSS: pages shared between processes, as forked workers share, are split among them, not
counted twice), read from ``/proc/PID/smaps_rollup`` every 0.2 s.

Then a cost model per Spark stage, t = a + b·n (map stages, driver work) or
t = a + b·n·ln n (shuffle and join stages), fitted on the sizes measured, projects a run
on 50 million paragraphs onto N workers of C cores; the assumptions are printed with it.
Results print as a Markdown table (also written to ``--markdown FILE``). Needs
``pip install 'bluehelmet[spark]'`` and Java 17.
Usage: ``python benchmarks/reuse_spark.py [N ...] [--master local[2]] [--markdown FILE]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bluehelmet.reuse.synthetic import write_corpus

KEYS = ["source_doc", "source_id", "target_doc", "target_id"]
#: Spark stages that map over partitions (linear in n, scale with cores).
MAP_STAGES = ("paragraphs", "hashed", "keys")
#: Spark stages with a shuffle or join (measured exponent, scale with an efficiency factor).
SHUFFLE_STAGES = ("eras", "boilerplate", "buckets", "candidates", "pairs", "tables-spark")
#: Driver work (copying the sorted pair tables into one file each, writing the final
#: tables): the ``tables`` seconds less its Spark stages; does not scale out.
DRIVER_STAGES = ("driver",)

_RUN = """
import json, sys
engine, src, out, master = sys.argv[1:5]
if engine == "spark":
    from bluehelmet.reuse.spark.engine import spark_reuse
    r = spark_reuse(src, out, master=master)
else:
    from bluehelmet.reuse.stream import stream_reuse
    r = stream_reuse(src, out, fmt="parquet", progress=False)
print(json.dumps(r.seconds))
"""


@dataclass
class Run:
    """One engine on one size."""

    n: int
    engine: str
    wall: float
    peak_mb: float
    pairs: int
    recall: float
    precision: float
    seconds: dict[str, float]


def process_tree(root: int) -> list[int]:
    """``root`` and its descendants, from the parent ids in ``/proc/*/stat``."""
    parent: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [root], [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, pp in parent.items() if pp == pid]
        found += kids
        todo += kids
    return found


def _pss_mb(pids: list[int]) -> float:
    """Summed proportional set size of ``pids`` in MB (processes gone meanwhile: 0)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):
            continue
    return total / 1024


def run(engine: str, src: Path, out: Path, master: str) -> tuple[float, float, dict]:
    """Seconds, peak PSS of the process tree (MB) and stage seconds of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUN, engine, str(src), str(out), master],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _pss_mb(process_tree(proc.pid)))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{stderr[-3000:]}")
    return wall, peak[0], grouped(json.loads(stdout.strip().splitlines()[-1]))


def grouped(seconds: dict[str, float]) -> dict[str, float]:
    """A Spark run's stage seconds with its ``tables/*`` stages summed as ``tables-spark``
    and the rest of ``tables`` as ``driver``; the embedded engine's as they are.

    >>> grouped({"pairs": 2.0, "tables/pairs": 1.0, "tables/components/0": 0.5,
    ...          "stages": 9.0, "tables": 2.0})
    {'pairs': 2.0, 'tables-spark': 1.5, 'driver': 0.5}
    """
    if "tables" not in seconds:
        return seconds
    spark = sum(v for k, v in seconds.items() if k.startswith("tables/"))
    kept = {k: v for k, v in seconds.items() if "/" not in k and k not in ("stages", "tables")}
    return {**kept, "tables-spark": spark, "driver": seconds["tables"] - spark}


def scores(pairs: pd.DataFrame, planted: pd.DataFrame) -> tuple[float, float]:
    """Recall of the planted pairs; precision: found pairs whose two paragraphs share a
    planted source (a source and its copies form a family: copies are never copied)."""
    key = lambda d, i: d + "/" + i  # noqa: E731
    src = key(planted["source_doc"], planted["source_id"])
    tgt = key(planted["target_doc"], planted["target_id"])
    a = key(pairs["source_doc"], pairs["source_id"])
    b = key(pairs["target_doc"], pairs["target_id"])
    found = set(zip(a, b, strict=True))
    hits = sum((s, t) in found for s, t in zip(src, tgt, strict=True))
    family = dict(zip(tgt, src, strict=True))
    same = sum(family.get(x, x) == family.get(y, y) for x, y in zip(a, b, strict=True))
    return hits / max(1, len(planted)), same / max(1, len(pairs))


def growth(n: np.ndarray, stage: str) -> np.ndarray:
    """How a stage's work grows with n: n log n for shuffle stages, else n."""
    return n * np.log(n) if stage in SHUFFLE_STAGES else n


def fit(sizes: list[int], secs: list[float], stage: str) -> tuple[float, float]:
    """Seconds of one stage as ``t = a + b·g(n)`` (:func:`growth`), least squares with
    ``a, b >= 0``; with one size measured, ``a = 0``."""
    n = np.array(sizes, dtype=float)
    t = np.array(secs, dtype=float)
    g = growth(n, stage)
    if len(n) > 1:
        b, a = np.polyfit(g, t, 1)
        if a >= 0 and b >= 0:
            return float(a), float(b)
    return 0.0, float(max(0.0, (g @ t) / (g @ g)))


def exponent(sizes: list[int], secs: list[float]) -> float | None:
    """The measured growth exponent k of t ~ n^k (log-log slope), None with one size."""
    if len(sizes) < 2 or min(secs) <= 0:
        return None
    return float(np.polyfit(np.log(sizes), np.log(secs), 1)[0])


def projection(runs: list[Run], args: argparse.Namespace) -> list[list[str]]:
    """Rows: each Spark stage at ``args.target`` paragraphs on the local master and on N
    workers of ``args.cores`` cores each (the fixed part ``a`` does not shrink)."""
    spark = [r for r in runs if r.engine == "spark"]
    stages = [s for s in (*MAP_STAGES, *SHUFFLE_STAGES, *DRIVER_STAGES) if s in spark[0].seconds]
    sizes = [r.n for r in spark]
    rows, totals = [], np.zeros(len(args.workers) + 1)
    for stage in stages:
        secs = [r.seconds.get(stage, 0.0) for r in spark]
        a, b = fit(sizes, secs, stage)
        work = b * float(growth(np.array([args.target], dtype=float), stage)[0])
        if stage in DRIVER_STAGES:
            spread = [a + work for _ in args.workers]
        else:
            eff = 1.0 if stage in MAP_STAGES else args.efficiency
            spread = [a + work * args.local_cores / (w * args.cores * eff) for w in args.workers]
        g = "n·ln n" if stage in SHUFFLE_STAGES else "n"
        k = exponent(sizes, secs)
        totals += [a + work, *spread]
        rows.append([stage, f"{a:.3g} + {b:.3g}·{g}", "" if k is None else f"{k:.2f}",
                     *(_duration(x) for x in (a + work, *spread))])  # fmt: skip
    rows.append(["total", "", "", *(_duration(x) for x in totals)])
    return rows


def _duration(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.1f} min"


def markdown(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table.

    >>> print(markdown(["a", "b"], [["1", "2"]]))
    | a | b |
    |---|---|
    | 1 | 2 |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])


def report(runs: list[Run], same: dict[int, bool], args: argparse.Namespace) -> str:
    """Measurements, projection and assumptions as Markdown."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    head = (
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
        f"load average after the runs {load}; Spark master {args.master}."
    )
    measured = markdown(
        ["paragraphs", "engine", "wall s", "peak MB (PSS, tree)", "pairs", "recall",
         "precision", "identical pairs", "stage seconds"],
        [[f"{r.n:,}", r.engine, f"{r.wall:.1f}", f"{r.peak_mb:,.0f}", f"{r.pairs:,}",
          f"{r.recall:.4f}", f"{r.precision:.4f}", str(same[r.n]),
          ", ".join(f"{k} {v:.1f}" for k, v in r.seconds.items())] for r in runs],
    )  # fmt: skip
    workers = [f"{w} × {args.cores} cores" for w in args.workers]
    projected = markdown(
        [
            "stage",
            "model (s, n paragraphs)",
            "measured exponent",
            f"this machine ({args.master})",
            *workers,
        ],
        projection(runs, args),
    )
    assumptions = "\n".join(
        f"- {x}"
        for x in (
            f"{args.target:,} paragraphs; the local column extrapolates the fit on "
            f"{args.local_cores} cores to that size",
            f"map stages ({', '.join(MAP_STAGES)}): linear in n, perfectly parallel over "
            "cores (local seconds × local cores ÷ cluster cores)",
            f"shuffle stages ({', '.join(SHUFFLE_STAGES)}): a + b·n·ln n (the measured "
            f"log-log exponent is shown beside it), parallel over cores at efficiency "
            f"{args.efficiency}",
            "each stage's fixed part a (task scheduling, JVM warm-up) does not shrink with "
            "more cores; the fit is least squares with a, b >= 0 (a = 0 with one size)",
            "driver (the sorted pair tables copied batch by batch into one file each, the "
            "final tables written): on the driver alone, linear; families and measures are "
            "Spark stages (tables-spark), counted with the shuffle stages",
            "network, disk and executor start-up not modelled; other work on the machine "
            "during the runs (the load average above counts the runs' own processes too) "
            "inflates every figure",
        )
    )
    return f"{head}\n\n{measured}\n\nProjection:\n\n{projected}\n\nAssumptions:\n{assumptions}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--local-cores", type=int, default=2, help="cores of --master")
    parser.add_argument("--target", type=int, default=50_000_000, help="projected size")
    parser.add_argument("--workers", type=int, nargs="+", default=[8, 32, 128])
    parser.add_argument("--cores", type=int, default=8, help="cores per worker")
    parser.add_argument("--efficiency", type=float, default=0.5, help="shuffle efficiency")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args()
    runs: list[Run] = []
    same: dict[int, bool] = {}
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
                runs.append(Run(n, engine, wall, peak, len(pairs), recall, precision, seconds))
                print(f"{n:>11,} {engine:<8} {wall:7.1f} s  peak {peak:7,.0f} MB  "
                      f"recall {recall:.4f}  precision {precision:.4f}  "
                      f"{json.dumps({k: round(v, 1) for k, v in seconds.items()})}",
                      flush=True)  # fmt: skip
            same[n] = tables["embedded"].equals(tables["spark"])
    text = report(runs, same, args)
    print(text)
    if args.markdown:
        args.markdown.write_text(text)


if __name__ == "__main__":
    main()
