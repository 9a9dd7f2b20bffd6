"""Predicted counts, marginal effects, the partnership analysis and table exports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.models.effects import marginal_effects, predict_counts
from bluehelmet.models.nb2 import fit_nb2
from bluehelmet.models.partnership import partnership_effects
from bluehelmet.models.poisson import fit_poisson
from bluehelmet.models.results import CountFit
from bluehelmet.panels.lags import lag_columns


@pytest.fixture(scope="module")
def simple_fit() -> CountFit:
    rng = np.random.default_rng(2)
    n = 3000
    d = pd.DataFrame({"x": rng.normal(size=n), "z": rng.binomial(1, 0.5, n).astype(float)})
    d["y"] = rng.negative_binomial(2, 1 / (1 + 0.5 * np.exp(1 + 0.4 * d.x - 0.3 * d.x * d.z)))
    d["cl"] = np.arange(n) % 50
    return fit_nb2(d, "y ~ x * z", cluster="cl")


def test_predictions_and_interval(simple_fit: CountFit) -> None:
    new = pd.DataFrame({"x": [0.0, 1.0], "z": [0.0, 1.0]})
    p = predict_counts(simple_fit, new, n_sims=4000, seed=1)
    b = simple_fit.params
    expected = np.exp([b["(Intercept)"], b.sum()])
    assert p.estimate.to_numpy() == pytest.approx(expected, rel=1e-12)
    assert (p.conf_low < p.estimate).all() and (p.estimate < p.conf_high).all()
    assert p["mean"].to_numpy() == pytest.approx(expected, rel=0.02)
    again = predict_counts(simple_fit, new, n_sims=4000, seed=1)
    pd.testing.assert_frame_equal(p, again)


def test_marginal_effect_matches_finite_difference(simple_fit: CountFit) -> None:
    new = pd.DataFrame({"x": [0.3, -0.5], "z": [1.0, 0.0]})
    me = marginal_effects(simple_fit, new, "x", n_sims=500)
    h = 1e-6
    up = predict_counts(simple_fit, new.assign(x=new.x + h), n_sims=2).estimate
    down = predict_counts(simple_fit, new.assign(x=new.x - h), n_sims=2).estimate
    assert me.estimate.to_numpy() == pytest.approx(((up - down) / (2 * h)).to_numpy(), rel=1e-6)
    with pytest.raises(UsageError):
        marginal_effects(simple_fit, new, "nope")


def test_exports_contain_the_numbers(simple_fit: CountFit, tmp_path: Path) -> None:
    csv_path = tmp_path / "coef.csv"
    simple_fit.to_csv(csv_path)
    table = pd.read_csv(csv_path)
    assert table.term.tolist() == ["(Intercept)", "x", "z", "x:z", "alpha"]
    assert table.estimate.iloc[1] == pytest.approx(simple_fit.params["x"], rel=1e-9)
    assert table.std_error.iloc[1] == pytest.approx(simple_fit.se_cluster["x"], rel=1e-9)
    assert table.estimate.iloc[-1] == pytest.approx(simple_fit.alpha, rel=1e-9)
    x_est = f"{simple_fit.params['x']:.4g}"
    md = simple_fit.to_markdown()
    assert f"| x | {x_est} |" in md and "| alpha |" in md
    tex = simple_fit.to_latex(tmp_path / "coef.tex")
    assert f"x & {x_est} &" in tex and r"x:z" in tex and r"\bottomrule" in tex
    assert (tmp_path / "coef.tex").read_text() == tex
    summary = simple_fit.summary()
    assert x_est in summary and "clustered by cl (50)" in summary and "gradient norm" in summary


def test_latex_escapes_underscores() -> None:
    d = pd.DataFrame({"y": [0, 1, 3, 2, 5, 4], "un_troops": [0.0, 1, 2, 1.5, 3, 2.5]})
    assert r"un\_troops" in fit_poisson(d, "y ~ un_troops").to_latex()


def test_lag_columns_respects_gaps_and_units() -> None:
    p = pd.DataFrame(
        {
            "conflict_id": [1, 1, 1, 2, 2],
            "date": ["2000-01-15", "2000-02-01", "2000-04-01", "2000-01-01", "2000-02-01"],
            "x": [1.0, 2.0, 3.0, 10.0, 20.0],
        }
    )
    lagged = lag_columns(p.iloc[::-1], ["x"])
    assert lagged.sort_index().x_lag1.tolist() == pytest.approx(
        [np.nan, 1.0, np.nan, np.nan, 10.0], nan_ok=True
    )


def _panel(seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_c, n_m = 60, 80
    cid = np.repeat(np.arange(n_c), n_m)
    month = np.tile(np.arange(n_m), n_c)
    un = rng.integers(0, 8000, cid.size) * (rng.random(cid.size) < 0.5)
    non = rng.integers(0, 6000, cid.size) * (rng.random(cid.size) < 0.4)
    pop = rng.normal(size=cid.size)
    p = pd.DataFrame(
        {
            "conflict_id": cid,
            "date": pd.PeriodIndex.from_ordinals(month + 360, freq="M").to_timestamp(),
            "un_troops": un,
            "non_un_troops": non,
            "pop": pop,
        }
    )
    lag = p.groupby("conflict_id")[["un_troops", "non_un_troops", "pop"]].shift(1)
    gamma = rng.normal(1.0, 0.7, n_c)[cid]
    u, v = lag.un_troops / 1000, lag.non_un_troops / 1000
    mu = np.exp(gamma - 0.10 * u + 0.02 * v - 0.05 * u * v + 0.2 * lag["pop"])
    y = rng.negative_binomial(1 / 0.8, 1 / (1 + 0.8 * mu.fillna(1.0)))
    return p.assign(battle_deaths=y)


def test_partnership_effects_recovers_interaction() -> None:
    res = partnership_effects(_panel(), controls=("pop",), n_sims=300)
    fit = res.fit
    assert fit.converged and fit.model == "nb2" and fit.fe == "conflict_id"
    assert fit.n_dropped_missing == 60  # first month of each conflict has no lag
    assert fit.se_cluster is not None
    truth = {
        "un_troops_lag1": -0.10,
        "non_un_troops_lag1": 0.02,
        "un_troops_lag1:non_un_troops_lag1": -0.05,
        "pop_lag1": 0.2,
    }
    for term, value in truth.items():
        assert abs(fit.params[term] - value) < 4 * fit.se_cluster[term], term
    pred = res.predictions
    assert len(pred) == 22 and set(pred.partner) == {False, True}
    top = pred[pred.un_troops_lag1 == pred.un_troops_lag1.max()]
    with_p = top[top.partner].estimate.iloc[0]
    without = top[~top.partner].estimate.iloc[0]
    assert with_p < without  # negative interaction: partner lowers deaths at high UN levels
    assert (pred.conf_low <= pred.estimate).all() and (pred.estimate <= pred.conf_high).all()


def test_partnership_effects_bad_column() -> None:
    with pytest.raises(UsageError, match="battle"):
        partnership_effects(_panel().drop(columns="battle_deaths"))
