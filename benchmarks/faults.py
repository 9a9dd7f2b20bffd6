"""Fault run: kill -9 loops, input bombs and the web server under 200 connections.

Run: .venv/bin/python benchmarks/faults.py [--tries 20] [--quick]   (prints a table; asserts
nothing; needs ../shared/data for the report and reuse loops)

- kill -9 loops: start a command, kill it at a random moment, then check what it left
  (a usable store on the next run, no half-written output, no stray temporary files);
- input bombs: tiny hostile inputs given to the CLI (billion-laughs YAML and XML, /dev/zero,
  a FIFO, a huge fetch range): exit status, seconds, peak memory and the first stderr line;
- the web load at 200 connections for 20 s (``benchmarks/web_load.py``).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent / "bluehelmet"
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "unsc"
LEFT_BEHIND: list[str] = []  # hidden temporaries beside outputs, per loop
OLD = 1_000_000_000  # mtime given to an earlier run's files (2001)
LAUGHS_YAML = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
case: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""
LAUGHS_XML = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<akomaNtoso><statement>&lol3;</statement></akomaNtoso>
"""


def env(cache: Path) -> dict[str, str]:
    return {**os.environ, "BLUEHELMET_CACHE": str(cache), "BLUEHELMET_CORPUS": ""}


def kill_loop(
    name: str,
    command: Callable[[Path], list[str]],
    check: Callable[[Path], str | None],
    tries: int,
    window: float,
    prepare: bool = False,
) -> tuple[str, str]:
    """Kill ``command`` at a random moment ``tries`` times; ``check`` says what is wrong.

    With ``prepare``, ``command`` first runs to completion once, so the killed run
    replaces an earlier result (which must survive whole, or be replaced whole).
    """
    problems: list[str] = []
    for i in range(tries):
        work = Path(tempfile.mkdtemp(prefix="bh-fault-"))
        if prepare:
            subprocess.run(command(work), env=env(work / "cache"), capture_output=True, check=True)
            for f in work.rglob("*"):  # the earlier run's files look old: mixing shows
                if "cache" not in f.relative_to(work).parts:
                    os.utime(f, (OLD, OLD))
        proc = subprocess.Popen(
            command(work),
            env=env(work / "cache"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(random.uniform(0.05, window))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        problem = check(work)
        if problem:
            problems.append(f"try {i + 1}: {problem}")
    ok = tries - len(problems)
    result = f"{ok}/{tries} recovered" + (f" ({problems[0]})" if problems else "")
    if LEFT_BEHIND:
        result += f"; {len(LEFT_BEHIND)} hidden temporary files left ({LEFT_BEHIND[0]})"
        LEFT_BEHIND.clear()
    return name, result


def _stray_temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith((".tmp", ".tmp.wal"))]


def check_store(work: Path) -> str | None:
    run = subprocess.run(
        [str(BIN), "operations", "--format", "csv"],
        env=env(work / "cache"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0 or run.stdout.count("\n") < 100:
        return f"operations failed after the kill: {run.stderr.strip()[:120]}"
    stray = _stray_temporaries(work / "cache")
    return f"{len(stray)} temporary files left" if stray else None


def check_output(
    path_of: Callable[[Path], Path], complete: Callable[[Path], bool]
) -> Callable[[Path], str | None]:
    def check(work: Path) -> str | None:
        out = path_of(work)
        if out.exists() and not complete(out):
            return f"{out.name} half-written"
        # The cache's own temporaries are the store's: the next build removes them (the
        # store loop checks that). A hidden temporary beside the output (the file being
        # written when the kill came) is counted apart: untidy, not a half-written output.
        stray = [p for p in _stray_temporaries(work) if "cache" not in p.relative_to(work).parts]
        LEFT_BEHIND.extend(p.name for p in stray)
        return None

    return check


REUSE_FILES = (
    "pairs.csv", "boilerplate_pairs.csv", "families.csv", "resolution_reuse.csv",
    "repetition_index.csv", "group_matrix.csv", "force_genealogy.csv", "params.json",
)  # fmt: skip


def _one_reuse_run(folder: Path) -> bool:
    """Every file of a run is there and all come from one run (all aged, or none)."""
    files = [folder / name for name in REUSE_FILES]
    if not all(f.exists() for f in files):
        return False
    aged = {f.stat().st_mtime <= OLD for f in files}
    return len(aged) == 1


# Runs a command and prints its own peak memory (ru_maxrss of its children, in KB) last.
PEAK = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
)


def bomb(name: str, args: list[str], timeout: float = 60) -> tuple[str, str]:
    """Run one hostile input; report exit status, time, its peak memory, first stderr line."""
    t0 = time.perf_counter()
    try:
        run = subprocess.run(
            [sys.executable, "-c", PEAK, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env(Path(tempfile.mkdtemp())),
        )
        peak_kb, status = run.stdout.split()[-2:]
        line = (run.stderr.strip().splitlines() or [""])[0]
        result = f"exit {status}, peak {int(peak_kb) / 1024:.0f} MB"
    except subprocess.TimeoutExpired:
        result, line = "timeout", f"still running after {timeout:.0f} s"
    seconds = time.perf_counter() - t0
    return name, f"{result}, {seconds:.1f} s: {line[:100]}"


def bombs() -> list[tuple[str, str]]:
    folder = Path(tempfile.mkdtemp(prefix="bh-bombs-"))
    (folder / "laughs.yaml").write_text(LAUGHS_YAML)
    (folder / "laughs.xml").write_text(LAUGHS_XML)
    fifo = folder / "fifo.txt"
    os.mkfifo(fifo)
    return [
        bomb("YAML billion laughs to trace", [str(BIN), "trace", str(folder / "laughs.yaml")]),
        bomb("XML billion laughs to code", [str(BIN), "code", str(folder / "laughs.xml")]),
        bomb("/dev/zero to code", [str(BIN), "code", "/dev/zero"]),
        bomb("a FIFO to code", [str(BIN), "code", str(fifo)], timeout=20),
        bomb(
            "corpus fetch 1-99999999",
            [str(BIN), "corpus", "fetch", "1-99999999", "--out", str(folder / "fetch")],
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="no web load")
    args = parser.parse_args()
    random.seed(12)
    old = SHARED / "resolutions_en_1946_1994"
    rows = [
        kill_loop(
            "store build (operations)",
            lambda w: [str(BIN), "operations"],
            check_store,
            args.tries,
            1.5,
        ),
        kill_loop(
            "report",
            lambda w: [str(BIN), "report", "--out", str(w / "report")],
            check_output(
                lambda w: w / "report" / "index.html",
                lambda p: p.read_text(errors="replace").rstrip().endswith("</html>"),
            ),
            args.tries,
            3.0,
        ),
        kill_loop(
            "panel build",
            lambda w: [str(BIN), "panel", "build", "--out", str(w / "panel.csv")],
            check_output(
                lambda w: w / "panel.csv",
                lambda p: p.stat().st_size > 0 and p.read_bytes().endswith(b"\n"),
            ),
            args.tries,
            3.0,
        ),
    ]
    if old.is_dir():
        rows.append(
            kill_loop(
                "reuse --out (over an earlier run)",
                lambda w: [str(BIN), "reuse", str(old), "--out", str(w / "reuse")],
                check_output(lambda w: w / "reuse", _one_reuse_run),
                args.tries,
                4.0,
                prepare=True,
            )
        )
    rows += bombs()
    width = max(len(name) for name, _ in rows)
    print(f"{'case':{width}}  result")
    for name, result in rows:
        print(f"{name:{width}}  {result}")
    if not args.quick:
        print("\nweb: 200 connections for 20 s")
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "web_load.py"),
                "--clients",
                "200",
                "--seconds",
                "20",
            ],
            check=False,
        )


if __name__ == "__main__":
    main()
