"""The Spark reuse engine under faults: killed Python workers, and a run killed mid-way.

Synthetic paragraphs with planted reuse (default 100,000). Three Spark ``local[2,4]`` runs
(two cores, a task tried up to four times), each in its own process:

1. *clean*: the reference wall time;
2. *workers killed*: every few seconds one of Spark's Python worker processes (forked by
   ``pyspark.daemon``, running a task) is killed with SIGKILL; Spark re-runs the lost
   tasks and the run must finish with the same pairs;
3. *interrupted and resumed*: the whole run (driver, JVM, workers) is killed with SIGKILL
   once its ``candidates`` stage is written, then started again with the same work folder;
   the second run reads the stages written and computes only the rest.

Prints a Markdown table: wall time, kills, stages reused, and whether the pairs equal the
embedded engine's. Asserts nothing. Needs ``pip install 'bluehelmet[spark]'`` and Java 17.
Usage: ``python benchmarks/reuse_spark_faults.py [N] [--markdown FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
from reuse_spark import markdown, process_tree

from bluehelmet.reuse.stream import stream_reuse
from bluehelmet.reuse.synthetic import write_corpus

MASTER = "local[2,4]"

_RUN = """
import json, sys
from bluehelmet.reuse.spark.engine import spark_reuse
src, out, work, master = sys.argv[1:5]
r = spark_reuse(src, out, master=master, workdir=work)
print(json.dumps(r.seconds))
"""


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def python_workers(root: int) -> list[int]:
    """Spark's forked Python workers under ``root``: children of a ``pyspark.daemon``."""
    daemons = {p for p in process_tree(root) if "pyspark.daemon" in _cmdline(p)}
    return [p for d in daemons for p in process_tree(d) if p != d]


def start(src: Path, out: Path, work: Path) -> subprocess.Popen[str]:
    """One Spark run in its own process group."""
    cmd = [sys.executable, "-c", _RUN, str(src), str(out), str(work), MASTER]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # fmt: skip


def finish(proc: subprocess.Popen[str], started: float) -> tuple[float, dict[str, float], int]:
    """Wall seconds, stage seconds and failed task attempts (Spark's ERROR log lines
    "Exception in task") of a run that must succeed."""
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"spark run failed:\n{stderr[-3000:]}")
    failed = stderr.count("Exception in task")
    return time.perf_counter() - started, json.loads(stdout.strip().splitlines()[-1]), failed


def killing_workers(src: Path, out: Path, work: Path, every: float, most: int) -> tuple:
    """Wall seconds, kills and failed task attempts of a run whose Python workers are
    killed every ``every`` s."""
    started = time.perf_counter()
    proc = start(src, out, work)
    kills: list[int] = []

    def kill() -> None:
        while proc.poll() is None and len(kills) < most:
            time.sleep(every)
            for pid in python_workers(proc.pid)[:1]:
                try:
                    os.kill(pid, signal.SIGKILL)
                    kills.append(pid)
                except ProcessLookupError:
                    pass

    killer = threading.Thread(target=kill, daemon=True)
    killer.start()
    wall, _, failed = finish(proc, started)
    killer.join()
    return wall, len(kills), failed


def interrupted(src: Path, out: Path, work: Path, stage: str) -> tuple[float, float, list]:
    """Seconds until the run is killed (once ``stage`` is written), seconds of the rerun,
    and the stages the rerun read back instead of computing."""
    started = time.perf_counter()
    proc = start(src, out, work)
    while proc.poll() is None and not list(work.glob(f"*/{stage}/_SUCCESS")):
        time.sleep(0.2)
    if proc.poll() is not None:
        raise SystemExit(f"the run ended before its {stage} stage was written")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = time.perf_counter() - started
    kept = sorted(p.parent.name for p in work.glob("*/*/_SUCCESS"))
    wall, seconds, _ = finish(start(src, out, work), time.perf_counter())
    return first, wall, [s for s in kept if s not in seconds]


def same_pairs(a: Path, b: Path) -> bool:
    return pd.read_parquet(a / "pairs.parquet").equals(pd.read_parquet(b / "pairs.parquet"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--every", type=float, default=4.0, help="seconds between kills")
    parser.add_argument("--kills", type=int, default=5, help="workers killed at most")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = write_corpus(root / "c.jsonl", args.n, seed=11)
        stream_reuse(corpus.paragraphs, root / "emb", fmt="parquet", progress=False)
        clean, _, _ = finish(start(corpus.paragraphs, root / "clean", root / "w1"),
                          time.perf_counter())  # fmt: skip
        killed, kills, failed = killing_workers(corpus.paragraphs, root / "killed", root / "w2",
                                        args.every, args.kills)  # fmt: skip
        first, resumed, reused = interrupted(corpus.paragraphs, root / "resumed", root / "w3",
                                             "candidates")  # fmt: skip
        rows = [
            ["clean", f"{clean:.1f}", "", "", "", str(same_pairs(root / "emb", root / "clean"))],
            ["Python workers killed", f"{killed:.1f}", f"{kills} workers (SIGKILL)",
             str(failed), "", str(same_pairs(root / "emb", root / "killed"))],
            ["killed after `candidates`, rerun", f"{resumed:.1f} (killed at {first:.1f})",
             "whole run (SIGKILL)", "", ", ".join(reused),
             str(same_pairs(root / "emb", root / "resumed"))],
        ]  # fmt: skip
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = (
        f"{args.n:,} synthetic paragraphs, Spark {MASTER}, {os.cpu_count()} cores, load "
        f"average after the runs {load}.\n\n"
        + markdown(
            [
                "run",
                "wall s",
                "killed",
                "failed task attempts (re-run)",
                "stages read back",
                "pairs = embedded",
            ],
            rows,
        )  # fmt: skip
        + "\n"
    )
    print(text)
    if args.markdown:
        args.markdown.write_text(text)


if __name__ == "__main__":
    main()
