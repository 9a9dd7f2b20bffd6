"""Time an NB2 fit with about 100 conflict fixed effects on 20,000 rows (target: under 10 s).

Run: .venv/bin/python benchmarks/nb2_speed.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import pandas as pd

from bluehelmet.models.nb2 import fit_nb2


def panel(rows: int = 20_000, groups: int = 100, seed: int = 0) -> pd.DataFrame:
    """Simulated conflict-month panel: UN and non-UN troops (thousands), interaction, control."""
    rng = np.random.default_rng(seed)
    g = np.arange(rows) % groups
    un = rng.gamma(1.0, 2.0, rows) * (rng.random(rows) < 0.5)
    non = rng.gamma(1.0, 1.5, rows) * (rng.random(rows) < 0.4)
    pop = rng.normal(size=rows)
    eta = rng.normal(1.5, 1.0, groups)[g] - 0.1 * un + 0.02 * non - 0.05 * un * non + 0.2 * pop
    mu = np.exp(eta)
    y = rng.negative_binomial(1 / 1.5, 1 / (1 + 1.5 * mu))
    return pd.DataFrame({"conflict_id": g, "un": un, "non_un": non, "pop": pop, "deaths": y})


def main() -> None:
    data = panel()
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        fit = fit_nb2(data, "deaths ~ un * non_un + pop", fe="conflict_id", cluster="conflict_id")
        times.append(time.perf_counter() - t0)
    print(
        f"NB2, {fit.n} rows, {fit.n_groups} fixed effects, {len(fit.params)} coefficients, "
        f"clustered SEs: median {statistics.median(times):.3f} s, best {min(times):.3f} s "
        "(target < 10 s)"
    )
    print(
        f"converged={fit.converged} iterations={fit.iterations} "
        f"gradient_norm={fit.gradient_norm:.2e} alpha={fit.alpha:.4f}"
    )


if __name__ == "__main__":
    main()
