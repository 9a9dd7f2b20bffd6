"""Poisson regression (log link) by maximum likelihood, with fixed effects and clustered SEs."""

from __future__ import annotations

import pandas as pd

from bluehelmet.models._engine import run
from bluehelmet.models.results import CountFit


def fit_poisson(
    data: pd.DataFrame, formula: str, fe: str | None = None, cluster: str | None = None
) -> CountFit:
    """Fit a Poisson GLM of ``formula`` (``y ~ a + b + a:b``) by Newton-Raphson.

    ``fe`` names a column whose groups get their own intercept (groups whose outcome is all
    zero are dropped and counted); ``cluster`` names the column for cluster-robust SEs.
    Rows with missing values in any used column are dropped and counted in the result.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame({"x": rng.normal(size=2000), "g": rng.integers(0, 20, 2000)})
    >>> d["y"] = rng.poisson(np.exp(0.2 + 0.5 * d["x"] + 0.05 * d["g"]))
    >>> fit = fit_poisson(d, "y ~ x", fe="g", cluster="g")
    >>> round(float(fit.params["x"]), 1), fit.converged, fit.n_groups
    (0.5, True, 20)
    """
    return run(data, formula, fe=fe, cluster=cluster, nb2=False)
