"""Predicted counts and marginal effects with simulation-based intervals.

Coefficients are drawn from a multivariate normal centred on the estimates with the fit's
covariance (cluster-robust when the model was clustered). Fixed effects are held at their
estimates. When ``newdata`` lacks the fixed-effect column, predictions average over the
estimated groups: mu = exp(x'b) * mean_g exp(gamma_g) (the "average group").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.models.design import slope_matrix, term_matrix
from bluehelmet.models.results import CountFit


def _offset(fit: CountFit, newdata: pd.DataFrame) -> np.ndarray:
    if fit.fe_params is None:
        return np.zeros(len(newdata))
    gamma = fit.fe_params
    if fit.fe is not None and fit.fe in newdata.columns:
        unknown = sorted({str(v) for v in newdata[fit.fe] if v not in gamma.index})
        if unknown:
            raise UsageError(f"{fit.fe} value(s) not in the fit: {', '.join(unknown[:5])}")
        return gamma.loc[newdata[fit.fe].to_numpy()].to_numpy(dtype=float)
    g = gamma.to_numpy(dtype=float)
    top = g.max()
    return np.full(len(newdata), top + np.log(np.mean(np.exp(g - top))))


def _draws(fit: CountFit, n_sims: int, seed: int) -> np.ndarray:
    if n_sims < 2:
        raise UsageError("n_sims must be at least 2")
    rng = np.random.default_rng(seed)
    cov = fit.vcov_used.to_numpy()
    return rng.multivariate_normal(fit.params.to_numpy(), cov, size=n_sims, method="eigh")


def _summarise(
    newdata: pd.DataFrame, point: np.ndarray, sims: np.ndarray, level: float
) -> pd.DataFrame:
    lo, hi = np.quantile(sims, [(1 - level) / 2, (1 + level) / 2], axis=1)
    out = newdata.reset_index(drop=True).copy()
    out["estimate"] = point
    out["mean"] = sims.mean(axis=1)
    out["conf_low"] = lo
    out["conf_high"] = hi
    return out


def predict_counts(
    fit: CountFit,
    newdata: pd.DataFrame,
    n_sims: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Expected counts for each row of ``newdata``: estimate, simulation mean and interval.

    >>> from bluehelmet.models.poisson import fit_poisson
    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame({"x": rng.normal(size=500)})
    >>> d["y"] = rng.poisson(np.exp(1 + 0.5 * d["x"]))
    >>> p = predict_counts(fit_poisson(d, "y ~ x"), pd.DataFrame({"x": [0.0]}))
    >>> bool(p.conf_low[0] < p.estimate[0] < p.conf_high[0]), round(p.estimate[0])
    (True, 3)
    """
    x = term_matrix(fit.spec, newdata, fit.params.index)
    off = _offset(fit, newdata)
    point = np.exp(x @ fit.params.to_numpy() + off)
    sims = np.exp(x @ _draws(fit, n_sims, seed).T + off[:, None])
    return _summarise(newdata, point, sims, level)


def marginal_effects(
    fit: CountFit,
    newdata: pd.DataFrame,
    variable: str,
    n_sims: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """d E[y] / d ``variable`` at each row of ``newdata`` (interactions included), with intervals.

    >>> from bluehelmet.models.poisson import fit_poisson
    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame({"x": rng.normal(size=500), "z": rng.integers(0, 2, 500)})
    >>> d["y"] = rng.poisson(np.exp(1 + 0.5 * d["x"] - 0.3 * d["x"] * d["z"]))
    >>> fit = fit_poisson(d, "y ~ x * z")
    >>> me = marginal_effects(fit, pd.DataFrame({"x": [0.0, 0.0], "z": [0, 1]}), "x")
    >>> bool(me.estimate[0] > me.estimate[1] > 0)
    True
    """
    if variable not in fit.spec.variable_terms:
        raise UsageError(f"{variable!r} is not a term of the model {fit.formula!r}")
    x = term_matrix(fit.spec, newdata, fit.params.index)
    deriv = slope_matrix(fit.spec, newdata, fit.params.index, variable)
    off = _offset(fit, newdata)
    b = fit.params.to_numpy()
    point = np.exp(x @ b + off) * (deriv @ b)
    draws = _draws(fit, n_sims, seed).T
    sims = np.exp(x @ draws + off[:, None]) * (deriv @ draws)
    return _summarise(newdata, point, sims, level)
