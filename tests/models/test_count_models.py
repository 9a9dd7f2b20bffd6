"""Poisson and NB2 fits: recovery on simulated data, the HKS 2013 reproduction, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.models.design import build_design, read_formula
from bluehelmet.models.effects import marginal_effects, predict_counts
from bluehelmet.models.nb2 import fit_nb2
from bluehelmet.models.poisson import fit_poisson

HKS_FORMULA = (
    "osvAll ~ troopLag + policeLag + militaryobserversLag + brv_AllLag + osvAllLagDum"
    " + incomp + epduration + lntpop"
)
# crdata reference output for hks2013 (quoted in ../shared/data/README.md), as printed.
HKS_PUBLISHED = {
    "(Intercept)": -3.579,
    "troopLag": -0.1697,
    "policeLag": -3.272,
    "militaryobserversLag": 8.100,
    "brv_AllLag": 5.606e-4,
    "osvAllLagDum": 0.2911,
    "incomp": 3.486,
    "epduration": -0.02223,
    "lntpop": 0.1894,
}


def _round_sig(value: float, sig: int) -> float:
    return float(f"{value:.{sig}g}")


def _nb_draw(rng: np.random.Generator, mu: np.ndarray, alpha: float) -> np.ndarray:
    return rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu))


@pytest.fixture(scope="module")
def hks(shared_data: Path) -> pd.DataFrame:
    return pd.read_csv(shared_data / "replication" / "hks2013_model1.csv")


@pytest.fixture(scope="module")
def grouped() -> pd.DataFrame:
    """60 groups x 150 rows, NB2 with group intercepts; 3 extra groups with all-zero outcome."""
    rng = np.random.default_rng(42)
    g = np.repeat(np.arange(60), 150)
    x1, x2 = rng.normal(size=g.size), rng.binomial(1, 0.4, g.size).astype(float)
    gamma = rng.normal(0.5, 0.8, 60)
    mu = np.exp(gamma[g] + 0.4 * x1 - 0.6 * x2 + 0.3 * x1 * x2)
    d = pd.DataFrame({"g": g, "x1": x1, "x2": x2, "y": _nb_draw(rng, mu, 0.7)})
    zeros = pd.DataFrame({"g": np.repeat([100, 101, 102], 5), "x1": 0.1, "x2": 1.0, "y": 0})
    return pd.concat([d, zeros], ignore_index=True)


# --- HKS 2013 reproduction -------------------------------------------------------------------


@pytest.mark.shared
def test_hks_poisson_reproduces_published_output(hks: pd.DataFrame) -> None:
    assert sorted(hks["incomp"].unique().tolist()) == [1, 2]  # coded 1/2 as in the original
    fit = fit_poisson(hks, HKS_FORMULA)
    assert fit.converged and fit.n == 3746
    for term, published in HKS_PUBLISHED.items():
        assert _round_sig(fit.params[term], 4) == published, term
    assert round(fit.null_deviance) == 2_840_157
    assert round(fit.deviance) == 2_134_801
    assert round(fit.aic) == 2_139_137
    assert fit.n - 1 == 3745 and fit.n - fit.n_params == 3737


@pytest.mark.shared
def test_hks_nb2_converges(hks: pd.DataFrame) -> None:
    fit = fit_nb2(hks, HKS_FORMULA, cluster="location")
    assert fit.converged
    assert fit.gradient_norm < 1e-4
    assert fit.iterations < 100
    assert fit.alpha is not None
    # The README speaks of a "dispersion near 0.02" (glm.nb's theta = 1/alpha, loosely).
    assert 0.005 < 1 / fit.alpha < 0.2
    assert fit.loglik > fit_poisson(hks, HKS_FORMULA).loglik
    assert fit.se_cluster is not None and (fit.se_cluster > 0).all()
    print(
        f"HKS NB2: alpha={fit.alpha:.6g} iterations={fit.iterations} grad={fit.gradient_norm:.2e}"
    )


# --- simulated recovery ----------------------------------------------------------------------


def test_poisson_recovers_parameters() -> None:
    rng = np.random.default_rng(7)
    n = 20_000
    d = pd.DataFrame({"a": rng.normal(size=n), "b": rng.uniform(0, 2, n)})
    truth = {"(Intercept)": 0.3, "a": 0.5, "b": -0.4, "a:b": 0.2}
    eta = truth["(Intercept)"] + truth["a"] * d.a + truth["b"] * d.b + truth["a:b"] * d.a * d.b
    d["y"] = rng.poisson(np.exp(eta))
    fit = fit_poisson(d, "y ~ a * b")
    assert fit.converged and fit.gradient_norm < 1e-6
    for term, value in truth.items():
        assert abs(fit.params[term] - value) < 4 * fit.se[term], term


def test_nb2_recovers_parameters_and_alpha() -> None:
    rng = np.random.default_rng(11)
    n = 20_000
    d = pd.DataFrame({"a": rng.normal(size=n), "b": rng.binomial(1, 0.5, n)})
    mu = np.exp(1.0 + 0.5 * d.a - 0.7 * d.b)
    d["y"] = _nb_draw(rng, mu.to_numpy(), 1.3)
    fit = fit_nb2(d, "y ~ a + b")
    assert fit.converged and fit.gradient_norm < 1e-6
    for term, value in {"(Intercept)": 1.0, "a": 0.5, "b": -0.7}.items():
        assert abs(fit.params[term] - value) < 4 * fit.se[term], term
    assert fit.alpha is not None and fit.alpha_se is not None
    assert abs(fit.alpha - 1.3) < 4 * fit.alpha_se


def test_nb2_fixed_effects_recover_and_count_dropped_groups(grouped: pd.DataFrame) -> None:
    fit = fit_nb2(grouped, "y ~ x1 * x2", fe="g", cluster="g")
    assert fit.converged and fit.gradient_norm < 1e-5
    assert fit.n_groups == 60 and fit.n_dropped_groups == 3 and fit.n_dropped_group_rows == 15
    assert "(Intercept)" not in fit.params.index
    for term, value in {"x1": 0.4, "x2": -0.6, "x1:x2": 0.3}.items():
        assert abs(fit.params[term] - value) < 4 * fit.se[term], term
    assert fit.alpha is not None and fit.alpha_se is not None
    assert abs(fit.alpha - 0.7) < 4 * fit.alpha_se
    assert fit.n_params == 3 + 60 + 1


def test_fe_solution_equals_explicit_dummies(grouped: pd.DataFrame) -> None:
    """The Schur-complement FE solver gives the same estimates and SEs as explicit dummies."""
    d = grouped[grouped.g < 60].copy()
    dummies = pd.get_dummies(d.g, prefix="d", dtype=float)
    wide = pd.concat([d, dummies], axis=1)
    formula = "y ~ x1 + x2 + " + " + ".join(dummies.columns) + " - 1"
    for fitter in (fit_poisson, fit_nb2):
        fe_fit = fitter(d, "y ~ x1 + x2", fe="g")
        dummy_fit = fitter(wide, formula)
        for term in ("x1", "x2"):
            assert fe_fit.params[term] == pytest.approx(dummy_fit.params[term], rel=1e-7)
            assert fe_fit.se[term] == pytest.approx(dummy_fit.se[term], rel=1e-6)
        assert fe_fit.loglik == pytest.approx(dummy_fit.loglik, rel=1e-10)


def test_nb2_matches_statsmodels(grouped: pd.DataFrame) -> None:
    sm = pytest.importorskip("statsmodels.api")
    d = grouped[grouped.g < 60]
    fit = fit_nb2(d, "y ~ x1 + x2")
    exog = sm.add_constant(d[["x1", "x2"]].to_numpy())
    ref = sm.NegativeBinomial(d.y.to_numpy(), exog, loglike_method="nb2").fit(
        method="newton", maxiter=200, tol=1e-12, disp=0
    )
    assert fit.params.to_numpy() == pytest.approx(ref.params[:3], rel=1e-6)
    assert fit.alpha == pytest.approx(ref.params[3], rel=1e-6)
    assert fit.loglik == pytest.approx(ref.llf, rel=1e-10)
    assert fit.se.to_numpy() == pytest.approx(ref.bse[:3], rel=1e-4)


# --- clustered standard errors ---------------------------------------------------------------


def test_cluster_se_exceed_model_se_under_cluster_shocks() -> None:
    rng = np.random.default_rng(5)
    n_cl, size = 80, 100
    cl = np.repeat(np.arange(n_cl), size)
    z = rng.normal(size=n_cl)[cl]  # cluster-level covariate
    shock = rng.normal(0, 0.6, n_cl)[cl]  # unmodelled cluster-level shock
    d = pd.DataFrame({"cl": cl, "z": z, "y": rng.poisson(np.exp(0.5 + 0.3 * z + shock))})
    for fitter in (fit_poisson, fit_nb2):
        fit = fitter(d, "y ~ z", cluster="cl")
        assert fit.se_cluster is not None
        assert fit.se_cluster["z"] > 1.5 * fit.se["z"]


def test_cluster_se_with_singleton_clusters_is_scaled_hc0() -> None:
    rng = np.random.default_rng(9)
    n = 400
    d = pd.DataFrame({"x": rng.normal(size=n), "id": np.arange(n)})
    d["y"] = rng.poisson(np.exp(0.2 + 0.4 * d.x))
    fit = fit_poisson(d, "y ~ x", cluster="id")
    x = np.column_stack([np.ones(n), d.x])
    mu = np.exp(x @ fit.params.to_numpy())
    bread = np.linalg.inv(x.T @ (mu[:, None] * x))
    scores = x * (d.y.to_numpy() - mu)[:, None]
    hc0 = bread @ scores.T @ scores @ bread
    assert fit.vcov_cluster is not None
    assert fit.vcov_cluster.to_numpy() == pytest.approx(hc0 * n / (n - 1), rel=1e-8)


# --- design and bad input --------------------------------------------------------------------


def test_missing_rows_are_counted_not_silently_dropped() -> None:
    d = pd.DataFrame({"y": [1, 2, np.nan, 4, 0, 3], "x": [0.1, np.nan, 0.3, 0.2, 0.5, 0.9]})
    fit = fit_poisson(d, "y ~ x")
    assert fit.n == 4 and fit.n_dropped_missing == 2
    assert "2 rows with missing values" in fit.summary()


def test_collinear_term_with_fixed_effect_is_dropped_and_reported(grouped: pd.DataFrame) -> None:
    d = grouped[grouped.g < 60].copy()
    d["const_in_g"] = d.g * 0.1
    fit = fit_poisson(d, "y ~ x1 + const_in_g", fe="g")
    assert fit.dropped_terms == ("const_in_g",)
    assert list(fit.params.index) == ["x1"]


def test_formulas_expand_in_the_order_written() -> None:
    outcome, rhs = read_formula("y ~ a*b + c - 1")
    assert outcome == "y" and [str(t) for t in rhs] == ["a", "b", "a:b", "c"]
    _, rhs = read_formula("y ~ a*b*c")
    assert [str(t) for t in rhs] == ["1", "a", "b", "a:b", "c", "a:c", "b:c", "a:b:c"]
    rng = np.random.default_rng(4)
    d = pd.DataFrame(rng.normal(size=(40, 3)), columns=["a", "b", "c"]).assign(y=1)
    assert build_design(d, "y~a+0").names == ("a",)
    assert build_design(d, "y ~ a*b - a:b").names == ("(Intercept)", "a", "b")
    design = build_design(d, "y ~ a*b*c - 1")
    assert design.names == ("a", "b", "a:b", "c", "a:c", "b:c", "a:b:c")
    assert design.x[:, 6] == pytest.approx((d.a * d.b * d.c).to_numpy(), rel=1e-15)


def test_categorical_and_transformed_terms(grouped: pd.DataFrame) -> None:
    d = grouped[grouped.g < 4].assign(
        w=lambda df: np.exp(df.x1), kind=lambda df: df.g.map({0: "a", 1: "b", 2: "c", 3: "a"})
    )
    fit = fit_poisson(d, "y ~ np.log(w) + C(kind)")
    dummies = d.assign(kb=(d.kind == "b").astype(float), kc=(d.kind == "c").astype(float))
    by_hand = fit_poisson(dummies, "y ~ x1 + kb + kc")
    assert list(fit.params.index) == ["(Intercept)", "np.log(w)", "C(kind)[T.b]", "C(kind)[T.c]"]
    assert fit.params.to_numpy() == pytest.approx(by_hand.params.to_numpy(), rel=1e-10)
    new = pd.DataFrame({"w": [1.0, np.e], "kind": ["c", "a"]})
    p = predict_counts(fit, new, n_sims=2)
    b = fit.params
    expected = np.exp([b.iloc[0] + b.iloc[3], b.iloc[0] + b.iloc[1]])
    assert p.estimate.to_numpy() == pytest.approx(expected, rel=1e-12)
    with pytest.raises(UsageError, match="inside 'np.log\\(w\\)'"):
        marginal_effects(fit, new, "w")


def test_non_finite_transformed_rows_are_counted_as_missing() -> None:
    d = pd.DataFrame({"y": [1, 2, 0, 4, 3, 5], "w": [0.0, 1.0, 2.0, 3.0, -1.0, 5.0]})
    fit = fit_poisson(d, "y ~ np.log(w)")
    assert fit.n == 4 and fit.n_dropped_missing == 2


def test_collinear_dummy_with_fixed_effect_is_dropped(grouped: pd.DataFrame) -> None:
    d = grouped[grouped.g < 6].assign(half=lambda df: np.where(df.g < 3, "low", "high"))
    fit = fit_poisson(d, "y ~ x1 + C(half)", fe="g")
    assert fit.dropped_terms == ("C(half)[T.low]",) and list(fit.params.index) == ["x1"]


@pytest.mark.parametrize(
    ("frame", "formula", "error", "needle"),
    [
        (pd.DataFrame({"y": [1, 2], "x": [1.0, 2.0]}), "y ~ nope", UsageError, "nope"),
        (pd.DataFrame({"y": [1, 2], "x": [1.0, 2.0]}), "y ~ x ~ z", UsageError, "'~'"),
        (pd.DataFrame({"y": [1, 2], "x": [1.0, 2.0]}), "~ x", UsageError, "'~'"),
        (pd.DataFrame({"y": [1, 2], "x": [1.0, 2.0]}), "y ~ (x", UsageError, "cannot read"),
        (pd.DataFrame({"y": [1, 2], "x": [1.0, 2.0]}), "np.log(y) ~ x", UsageError, "outcome"),
        (pd.DataFrame({"y": [1, 2], "x": [1.0, 2.0]}), "y ~ x | x", UsageError, "one part"),
        (pd.DataFrame({"y": [1, 2], "x": [1.0, 2.0]}), "y ~ 0", UsageError, "no terms"),
        (pd.DataFrame({"y": [1, 2], "x": [1.0, 2.0]}), "y ~ nope(x)", UsageError, "nope"),
        (pd.DataFrame({"y": [1, 2], "x": ["a", "b"]}), "y ~ np.log(x)", DataFormatError, "np.log"),
        (pd.DataFrame({"y": [np.nan] * 3, "x": [1.0, 2, 3]}), "y ~ x", DataFormatError, "no non"),
        (pd.DataFrame({"y": [1, -2, 3], "x": [1.0, 2, 3]}), "y ~ x", DataFormatError, "negative"),
        (pd.DataFrame({"y": [1, 2.5, 3], "x": [1.0, 2, 3]}), "y ~ x", DataFormatError, "integer"),
        (pd.DataFrame({"y": [1, 2, 3], "x": ["a", "b", "c"]}), "y ~ x", DataFormatError, "numeric"),
    ],
)
def test_bad_input_raises_one_line_errors(
    frame: pd.DataFrame, formula: str, error: type[Exception], needle: str
) -> None:
    for fitter in (fit_poisson, fit_nb2):
        with pytest.raises(error) as info:
            fitter(frame, formula)
        message = str(info.value)
        assert needle in message and "\n" not in message


def test_unknown_fe_column_and_all_zero_groups() -> None:
    d = pd.DataFrame({"y": [0, 0, 0, 0], "x": [1.0, 2, 3, 4], "g": [1, 1, 2, 2]})
    with pytest.raises(UsageError, match="grp"):
        fit_nb2(d, "y ~ x", fe="grp")
    with pytest.raises(DataFormatError, match="zero in every"):
        build_design(d, "y ~ x", fe="g")
