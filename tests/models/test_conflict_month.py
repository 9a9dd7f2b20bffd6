"""The partnership analysis on conflict-months: stale lag columns, and the real panel."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.models.battle_deaths import estimate_partnership
from bluehelmet.models.conflict_month import conflict_month_deaths, conflict_month_partnership
from bluehelmet.models.partnership import partnership_effects
from bluehelmet.panels.describe import deaths_by_status


def _simulated() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    p = pd.DataFrame([(c, m) for c in range(20) for m in range(30)], columns=["conflict_id", "m"])
    p["date"] = pd.Timestamp("2000-01-01") + pd.to_timedelta(p["m"] * 31, "D")
    p["un_troops"] = rng.integers(0, 5000, len(p)) * (rng.random(len(p)) < 0.5)
    p["non_un_troops"] = rng.integers(0, 3000, len(p)) * (rng.random(len(p)) < 0.5)
    p["battle_deaths"] = rng.negative_binomial(1, 0.1, len(p))
    return p


def test_lag_columns_already_in_the_panel_are_replaced() -> None:
    # panel() carries un_troops_lag1 in personnel, not thousands; the analysis lags its own.
    plain = _simulated()
    stale = plain.assign(un_troops_lag1=-1.0, non_un_troops_lag1=-1.0, battle_deaths_lag1=-1.0)
    a = partnership_effects(plain, controls=["battle_deaths"], n_sims=50).fit
    b = partnership_effects(stale, controls=["battle_deaths"], n_sims=50).fit
    assert a.params.to_dict() == pytest.approx(b.params.to_dict(), rel=1e-12)
    # lagged by hand: conflict 3, month 5 takes month 4's troops in thousands
    data = partnership_effects(stale, n_sims=50).data
    row = data[(data.conflict_id == 3) & (data.m == 5)].iloc[0]
    before = plain[(plain.conflict_id == 3) & (plain.m == 4)].iloc[0]
    assert row.un_troops_lag1 == before.un_troops / 1000


def test_deaths_by_status_by_hand() -> None:
    d = pd.DataFrame(
        {
            "conflict_id": [1, 1, 2, 2, 3],
            "status": ["un_only", "un_only", "none", "parallel", None],
            "battle_deaths": [0.0, 12.0, 4.0, np.nan, 9.0],
        }
    )
    out = deaths_by_status(d).set_index("status")
    # rows without status or deaths are left out: un_only (0, 12), none (4)
    assert out.loc["un_only", ["months", "with_deaths", "mean_deaths"]].tolist() == [2, 0.5, 6.0]
    assert out.loc["all", ["months", "conflicts", "total_deaths"]].tolist() == [3, 2, 16.0]
    assert "parallel" not in out.index


def test_unknown_unit_is_refused() -> None:
    expected = "^unknown unit 'country-year'; use conflict-month, dyad-month$"
    with pytest.raises(UsageError, match=expected):
        estimate_partnership(unit="country-year")


@pytest.mark.shared
def test_real_conflict_month_model_converges(shared_data: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the one untranslated HKS dyad
        rows = conflict_month_deaths(shared_data)
        result = conflict_month_partnership(shared_data, n_sims=100)
    assert set(rows.region) == {"Africa"} and rows.battle_deaths.notna().all()
    assert rows.date.min() >= pd.Timestamp("1993-01-01")
    assert rows.date.max() <= pd.Timestamp("2011-12-01")
    fit = result.fit
    assert fit.converged and fit.gradient_norm < 1e-4
    assert fit.n + fit.n_dropped_missing + fit.n_dropped_group_rows == len(rows)
    assert "un_troops_lag1:non_un_troops_lag1" in fit.params.index
    assert "battle_deaths_lag1" in fit.params.index and fit.alpha is not None
    assert set(result.predictions.partner) == {False, True}
