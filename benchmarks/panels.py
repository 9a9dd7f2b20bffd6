"""Benchmark: build the conflict-month panel from the shared sources; fit the NB2 models.

Run: .venv/bin/python benchmarks/panels.py   (needs ../shared/data; prints numbers only)
Targets (issue 7): the 1989-2019 conflict-month panel from all shared sources, battle
deaths included, under 5 s; NB2 with ~100 fixed effects on 20,000 rows under 10 s (see
benchmarks/nb2_speed.py for that case).
"""

from __future__ import annotations

import time
import warnings

from bluehelmet.models.battle_deaths import estimate_partnership
from bluehelmet.panels.build import panel

warnings.simplefilter("ignore", UserWarning)  # the untranslated HKS dyad, counted in the note


def main() -> None:
    for label, func in (
        ("conflict-month panel 1993-2016 (Bara-Hultman + UCDP ACD)", lambda: panel()),
        (
            "conflict-month panel 1989-2019 (same sources, wider window)",
            lambda: panel(start="1989-01", end="2019-12"),
        ),
        (
            "conflict-month panel 1989-2019 with HKS battle deaths (all sources)",
            lambda: panel(start="1989-01", end="2019-12", sources=("hks_2014",)),
        ),
        (
            "NB2 battle deaths, conflict-months (panel build + fit + predictions)",
            lambda: estimate_partnership(unit="conflict-month"),
        ),
        (
            "NB2 battle deaths, HKS-2014 dyad-months, 36 conflict FE",
            lambda: estimate_partnership(unit="dyad-month"),
        ),
    ):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            func()
            times.append(time.perf_counter() - t0)
        print(f"{label:70s} best {min(times):6.2f} s")


if __name__ == "__main__":
    main()
