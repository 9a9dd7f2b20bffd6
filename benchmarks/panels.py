"""Benchmark: build the conflict-month panel from the shared sources; fit the HKS NB2.

Run: .venv/bin/python benchmarks/panels.py   (needs ../shared/data; prints numbers only)
Targets (issue 7): panel build under 5 s; NB2 with ~100 fixed effects on 20,000 rows
under 10 s (see benchmarks/nb2_speed.py for that case).
"""

from __future__ import annotations

import time

from bluehelmet.models.battle_deaths import estimate_partnership
from bluehelmet.panels.build import panel


def main() -> None:
    for label, func in (
        ("conflict-month panel 1993-2016 (Bara-Hultman + UCDP ACD)", lambda: panel()),
        (
            "conflict-month panel 1989-2019 (same sources, wider window)",
            lambda: panel(start="1989-01", end="2019-12"),
        ),
        ("NB2 battle deaths, HKS-2014 dyad-months, 36 conflict FE", estimate_partnership),
    ):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            func()
            times.append(time.perf_counter() - t0)
        print(f"{label:62s} best {min(times):6.2f} s")


if __name__ == "__main__":
    main()
