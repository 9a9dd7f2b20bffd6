"""The standard partnership analysis: NB2 of a conflict-month outcome on lagged UN and non-UN
troops, their interaction and lagged controls, with conflict fixed effects and clustered SEs.

Expected panel columns (one row per conflict-month): ``conflict_id`` (the ``fe``/``cluster``
column), ``date`` (any value pandas reads as a date; only its month is used), the count outcome
(default ``battle_deaths``), ``un_troops`` and ``non_un_troops`` (numbers of personnel), and any
controls named. Lags are taken by calendar month within each conflict: a row whose previous
month is absent from the panel gets a missing lag and is dropped (and counted) by the fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.models.effects import predict_counts
from bluehelmet.models.nb2 import fit_nb2
from bluehelmet.models.results import CountFit
from bluehelmet.panels.lags import lag_columns


@dataclass(frozen=True, eq=False)
class PartnershipResult:
    """The NB2 fit, the analysis data (with lag columns) and predicted counts over a grid.

    ``predictions`` has one row per UN troop level (in ``scale`` units) and partner setting:
    ``partner`` is False (no non-UN troops) or True (non-UN troops at ``partner_level``).
    """

    fit: CountFit
    data: pd.DataFrame
    predictions: pd.DataFrame
    un_term: str
    non_un_term: str
    partner_level: float


def partnership_effects(
    panel: pd.DataFrame,
    outcome: str = "battle_deaths",
    un: str = "un_troops",
    non_un: str = "non_un_troops",
    controls: Sequence[str] = (),
    fe: str | None = "conflict_id",
    cluster: str | None = "conflict_id",
    lag: int = 1,
    scale: float = 1000.0,
    grid: Sequence[float] | None = None,
    partner_level: float | None = None,
    n_sims: int = 1000,
    seed: int = 0,
) -> PartnershipResult:
    """Fit ``outcome ~ un_lag * non_un_lag + controls_lag`` (NB2) and predict over UN troops.

    Troop numbers are divided by ``scale`` (default: thousands). ``grid`` gives UN troop levels
    in those units (default: 11 points from 0 to the 95th percentile of positive UN troops);
    ``partner_level`` the non-UN level of the "with partner" curve (default: median of positive
    non-UN troops). Controls are lagged too and held at their means for predictions; fixed
    effects are averaged over conflicts (see :mod:`bluehelmet.models.effects`).

    >>> rng = np.random.default_rng(3)
    >>> rows = [(c, m) for c in range(30) for m in range(40)]
    >>> p = pd.DataFrame(rows, columns=["conflict_id", "m"])
    >>> p["date"] = pd.Timestamp("2000-01-01") + pd.to_timedelta(p["m"] * 31, "D")
    >>> p["un_troops"] = rng.integers(0, 5000, len(p)) * (rng.random(len(p)) < 0.5)
    >>> p["non_un_troops"] = rng.integers(0, 3000, len(p)) * (rng.random(len(p)) < 0.5)
    >>> p["battle_deaths"] = rng.negative_binomial(1, 1 / (1 + np.exp(2 + p["conflict_id"] / 30)))
    >>> res = partnership_effects(p, n_sims=200)
    >>> res.fit.converged, sorted(set(res.predictions["partner"].tolist()))
    (True, [False, True])
    """
    if lag < 1:
        raise UsageError("lag must be at least 1 month")
    unit = fe or cluster
    if unit is None:
        raise UsageError("partnership_effects needs fe or cluster to define conflicts for lags")
    for col in [outcome, un, non_un, *controls]:
        if col not in panel.columns:
            raise UsageError(f"panel has no column {col!r}")
    stale = [f"{c}_lag{lag}" for c in (un, non_un, *controls) if f"{c}_lag{lag}" in panel]
    data = panel.drop(columns=stale)  # lags of unscaled troops, e.g. from ``panel()``
    data[un] = data[un] / scale
    data[non_un] = data[non_un] / scale
    data = lag_columns(data, [un, non_un, *controls], lag=lag, unit=unit)
    un_l, non_l = f"{un}_lag{lag}", f"{non_un}_lag{lag}"
    ctrl_l = [f"{c}_lag{lag}" for c in controls]
    formula = f"{outcome} ~ {un_l} * {non_l}" + "".join(f" + {c}" for c in ctrl_l)
    fit = fit_nb2(data, formula, fe=fe, cluster=cluster)
    used = data.dropna(subset=[outcome, un_l, non_l, *ctrl_l])
    if grid is None:
        positive = used.loc[used[un_l] > 0, un_l]
        top = float(positive.quantile(0.95)) if len(positive) else 1.0
        grid = list(np.linspace(0.0, top, 11))
    if partner_level is None:
        positive = used.loc[used[non_l] > 0, non_l]
        partner_level = float(positive.median()) if len(positive) else 1.0
    rows = []
    for partner in (False, True):
        for level in grid:
            row = {un_l: float(level), non_l: partner_level if partner else 0.0}
            row.update({c: float(used[c].mean()) for c in ctrl_l})
            rows.append({**row, "partner": partner})
    newdata = pd.DataFrame(rows)
    pred = predict_counts(fit, newdata, n_sims=n_sims, seed=seed)
    return PartnershipResult(fit, data, pred, un_l, non_l, float(partner_level))
