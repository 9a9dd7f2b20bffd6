"""Battle deaths and peacekeepers: NB2 on the HKS-2014-layout dyad-months (UN troops and a
regional-operation dummy), and ``estimate_partnership`` for it or the conflict-month panel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.models.conflict_month import conflict_month_partnership
from bluehelmet.models.effects import predict_counts
from bluehelmet.models.nb2 import fit_nb2
from bluehelmet.models.results import CountFit
from bluehelmet.options import check
from bluehelmet.panels.importers.hks2014 import read_hks2014
from bluehelmet.panels.sources import HKS2014
from bluehelmet.paths import shared_data_dir

FORMULA = "brf_grc ~ troop_lag1000 * regional_pko + police_lag1000 + brf_grc_lag"
#: Units ``estimate_partnership`` fits on; the first is the default.
UNITS = ("conflict-month", "dyad-month")


def battle_deaths_model(data: pd.DataFrame, fe: bool = True) -> CountFit:
    """NB2 of government–rebel battle deaths on lagged UN troops and police (thousands), a
    regional peacekeeping dummy, its interaction with UN troops, and lagged deaths; conflict
    fixed effects (optional) and conflict-clustered standard errors; 1992–2011 rows only.

    >>> rng = np.random.default_rng(1)
    >>> d = pd.DataFrame({"conflict_ID": np.repeat(np.arange(20), 30), "year": 2000,
    ...     "troop_lag1000": rng.gamma(1, 1, 600), "regional_pko": rng.integers(0, 2, 600),
    ...     "police_lag1000": rng.gamma(1, 0.1, 600), "brf_grc_lag": rng.poisson(3, 600)})
    >>> d["brf_grc"] = rng.negative_binomial(1, 1 / (1 + np.exp(1 - 0.3 * d.troop_lag1000)))
    >>> battle_deaths_model(d).converged
    True
    """
    rows = data[data["year"].between(1992, 2011)]
    return fit_nb2(rows, FORMULA, fe="conflict_ID" if fe else None, cluster="conflict_ID")


def predicted_deaths(fit: CountFit, data: pd.DataFrame, n_sims: int = 1000) -> pd.DataFrame:
    """Predicted battle deaths over UN troop levels, without and with a regional operation.

    Other covariates are held at their means among the rows used; the grid runs from zero
    to the 95th percentile of positive UN troop levels (thousands).

    >>> rng = np.random.default_rng(1)
    >>> d = pd.DataFrame({"conflict_ID": np.repeat(np.arange(20), 30), "year": 2000,
    ...     "troop_lag1000": rng.gamma(1, 1, 600), "regional_pko": rng.integers(0, 2, 600),
    ...     "police_lag1000": rng.gamma(1, 0.1, 600), "brf_grc_lag": rng.poisson(3, 600)})
    >>> d["brf_grc"] = rng.negative_binomial(1, 1 / (1 + np.exp(1 - 0.3 * d.troop_lag1000)))
    >>> p = predicted_deaths(battle_deaths_model(d, fe=False), d, n_sims=100)
    >>> sorted(set(p.regional_pko)), len(p)
    ([0, 1], 22)
    """
    troops = data.loc[data["troop_lag1000"] > 0, "troop_lag1000"]
    grid = np.linspace(0.0, float(troops.quantile(0.95)), 11)
    rows = [
        {
            "troop_lag1000": t,
            "regional_pko": r,
            "police_lag1000": float(data["police_lag1000"].mean()),
            "brf_grc_lag": float(data["brf_grc_lag"].mean()),
        }
        for r in (0, 1)
        for t in grid
    ]
    newdata = pd.DataFrame(rows)
    return predict_counts(fit, newdata, n_sims=n_sims)


def hks2014_data(shared: Path | None = None) -> pd.DataFrame:
    """The HKS-2014-layout dyad-months from the shared data folder.

    >>> import tempfile
    >>> hks2014_data(Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: ...battle_deaths_1992_2011.Rdata: not found...
    """
    path = (shared or shared_data_dir()) / HKS2014
    if not path.exists():
        raise NotFoundError(f"{path}: not found; set BLUEHELMET_SHARED_DATA to its folder")
    return read_hks2014(path).data


@dataclass(frozen=True)
class PartnershipEstimate:
    """The fitted battle-deaths model, its unit, the rows it was fitted on and predicted deaths
    over UN troop levels (with and without a partner)."""

    fit: CountFit
    data: pd.DataFrame
    unit: str
    predictions: pd.DataFrame


def estimate_partnership(
    fe: bool = True, shared: Path | None = None, unit: str = UNITS[0]
) -> PartnershipEstimate:
    """Fit the battle-deaths model on the shared data; the caller formats and writes its table
    (``fit.to_markdown()``, ``fit.to_latex()``, ``fit.to_csv()``) and figure.

    ``unit="conflict-month"`` (default): the partnership analysis on the conflict-month panel,
    Africa 1993–2011 (:func:`~bluehelmet.models.conflict_month.conflict_month_partnership`).
    ``unit="dyad-month"``: :func:`battle_deaths_model` on the HKS-2014 dyad-months.

    >>> estimate_partnership(unit="country-year")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: unknown unit 'country-year'; use conflict-month, dyad-month
    """
    check("unit", unit, UNITS)
    if unit == "conflict-month":
        result = conflict_month_partnership(shared, fe=fe)
        return PartnershipEstimate(result.fit, result.data, unit, result.predictions)
    data = hks2014_data(shared)
    used = data[data["year"].between(1992, 2011)]
    fit = battle_deaths_model(used, fe=fe)
    return PartnershipEstimate(fit, used, unit, predicted_deaths(fit, used))
