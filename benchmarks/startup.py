"""Benchmark: how fast the command line answers (issue 15 targets in brackets).

Run: .venv/bin/python benchmarks/startup.py   (prints numbers only; best of 5 fresh processes)
Targets: `bluehelmet --help` < 0.3 s, `bluehelmet operation UNAMSIL` < 0.8 s,
`import bluehelmet` < 0.5 s.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CASES = {
    "bluehelmet --help": ([str(BIN / "bluehelmet"), "--help"], 0.3),
    "bluehelmet operation UNAMSIL": ([str(BIN / "bluehelmet"), "operation", "UNAMSIL"], 0.8),
    "import bluehelmet": ([sys.executable, "-c", "import bluehelmet"], 0.5),
}


def best_of(command: list[str], repeat: int = 5) -> float:
    """Best wall time of ``command`` in seconds, over fresh processes."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    for name, (command, target) in CASES.items():
        print(f"{name:32s} {best_of(command):5.2f} s  (target < {target} s)")


if __name__ == "__main__":
    main()
