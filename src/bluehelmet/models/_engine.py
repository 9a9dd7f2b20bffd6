"""Maximum likelihood for Poisson and NB2 with fixed effects by damped Newton-Raphson.

Parameters split into fixed effects ``gamma`` (one per group) and dense parameters (the
coefficients, plus ``log alpha`` for NB2). The negative Hessian has an arrow shape: a diagonal
block for the fixed effects, so each Newton step solves it by a Schur complement in
O(n p^2 + G p^2) without forming G x G matrices. When the dense Schur block is not positive
definite, a Marquardt term ``lambda * diag`` is added until it is; steps are backtracked until the
log-likelihood rises enough (Armijo). Covariates are rescaled internally to unit root mean square.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import linalg, optimize, sparse, special

from bluehelmet.errors import DataFormatError
from bluehelmet.models.design import Design, build_design
from bluehelmet.models.results import CountFit

MAX_ITER = 200


@dataclass(frozen=True)
class EngineResult:
    """Raw estimates on the original covariate scale."""

    beta: np.ndarray
    gamma: np.ndarray
    log_alpha: float | None
    vcov: np.ndarray  # dense parameters (beta, then log alpha for NB2)
    vcov_cluster: np.ndarray | None
    loglik: float
    mu: np.ndarray
    converged: bool
    iterations: int
    gradient_norm: float


class _Problem:
    def __init__(self, design: Design, nb2: bool) -> None:
        x = design.x
        rms = np.sqrt(np.mean(x**2, axis=0)) if x.shape[0] else np.ones(x.shape[1])
        self.scale = np.where(rms > 0, rms, 1.0)
        self.x = x / self.scale
        self.y = design.y
        self.nb2 = nb2
        self.k = x.shape[1]
        self.p = self.k + int(nb2)
        self.lgy1 = special.gammaln(self.y + 1)
        self.groups = design.groups
        if design.groups is None:
            self.g = 0
            self.ind: sparse.csr_matrix | None = None
        else:
            self.g = int(design.groups.max()) + 1
            n = len(self.y)
            self.ind = sparse.csr_matrix(
                (np.ones(n), (design.groups, np.arange(n))), shape=(self.g, n)
            )

    def eta(self, dense: np.ndarray, gamma: np.ndarray) -> np.ndarray:
        eta = self.x @ dense[: self.k]
        if self.groups is not None:
            eta = eta + gamma[self.groups]
        return eta

    def loglik(self, dense: np.ndarray, gamma: np.ndarray) -> float:
        with np.errstate(over="ignore", invalid="ignore"):
            eta = self.eta(dense, gamma)
            mu = np.exp(eta)
            y = self.y
            if not self.nb2:
                ll = y * eta - mu - self.lgy1
            else:
                a = dense[-1]
                alpha = np.exp(a)
                theta = 1.0 / alpha
                l1p = np.log1p(alpha * mu)
                ll = (
                    special.gammaln(y + theta)
                    - special.gammaln(theta)
                    - self.lgy1
                    - theta * l1p
                    + y * (a + eta - l1p)
                )
            total = float(np.sum(ll))
        return total if np.isfinite(total) else -np.inf

    def pieces(self, dense: np.ndarray, gamma: np.ndarray) -> dict[str, np.ndarray]:
        """Per-observation first and (negative) second derivatives."""
        eta = self.eta(dense, gamma)
        mu = np.exp(eta)
        y = self.y
        if not self.nb2:
            return {"mu": mu, "s": y - mu, "w": mu}
        alpha = float(np.exp(dense[-1]))
        theta = 1.0 / alpha
        den = 1.0 + alpha * mu
        s = (y - mu) / den
        w = mu * (1.0 + alpha * y) / den**2
        l_t = (
            special.digamma(y + theta)
            - special.digamma(theta)
            - np.log1p(alpha * mu)
            + alpha * (mu - y) / den
        )
        l_tt = (
            special.polygamma(1, y + theta)
            - special.polygamma(1, theta)
            + alpha
            - alpha / den
            - alpha**2 * (mu - y) / den**2
        )
        s_a = -theta * l_t
        w_aa = -(theta**2 * l_tt + theta * l_t)
        w_ea = alpha * mu * (y - mu) / den**2
        return {"mu": mu, "s": s, "w": w, "s_a": s_a, "w_aa": w_aa, "w_ea": w_ea}

    def blocks(
        self, d: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Gradient (dense, fe) and negative Hessian blocks A (dense), B (fe x dense), Dg."""
        x, s, w = self.x, d["s"], d["w"]
        grad_d = x.T @ s
        wx = x * w[:, None]
        a_mat = x.T @ wx
        if self.nb2:
            xe = x.T @ d["w_ea"]
            a_mat = np.block([[a_mat, xe[:, None]], [xe[None, :], np.array([[d["w_aa"].sum()]])]])
            grad_d = np.append(grad_d, d["s_a"].sum())
            wx = np.column_stack([wx, d["w_ea"]])
        if self.ind is None:
            return grad_d, np.zeros(0), a_mat, np.zeros((0, self.p)), np.zeros(0)
        return grad_d, self.ind @ s, a_mat, np.asarray(self.ind @ wx), self.ind @ w

    def scores(self, d: dict[str, np.ndarray]) -> np.ndarray:
        """Per-observation scores of the dense parameters."""
        sc = self.x * d["s"][:, None]
        return np.column_stack([sc, d["s_a"]]) if self.nb2 else sc


def _solve(
    grad_d: np.ndarray, grad_f: np.ndarray, a_mat: np.ndarray, b: np.ndarray, dg: np.ndarray
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Newton step for the arrow-shaped system; True when no damping was needed."""
    if dg.size:
        schur = a_mat - b.T @ (b / dg[:, None])
        rhs = grad_d - b.T @ (grad_f / dg)
    else:
        schur, rhs = a_mat, grad_d
    diag = np.maximum(np.abs(np.diag(schur)), 1e-12)
    lam, exact = 0.0, True
    for _ in range(60):
        try:
            cf = linalg.cho_factor(schur + lam * np.diag(diag))
            break
        except linalg.LinAlgError:
            exact = False
            lam = 1e-6 if lam == 0 else lam * 10
    else:
        raise FloatingPointError("Newton system could not be regularised")
    step_d = linalg.cho_solve(cf, rhs)
    step_f = (grad_f - b @ step_d) / dg if dg.size else np.zeros(0)
    return step_d, step_f, exact


def newton(
    prob: _Problem, dense: np.ndarray, gamma: np.ndarray, tol: float = 1e-10
) -> tuple[np.ndarray, np.ndarray, bool, int]:
    """Maximise the log-likelihood from a start; returns estimates, converged, iterations."""
    ll = prob.loglik(dense, gamma)
    if not np.isfinite(ll):
        raise FloatingPointError("log-likelihood is not finite at the starting values")
    for it in range(1, MAX_ITER + 1):
        grad_d, grad_f, a_mat, b, dg = prob.blocks(prob.pieces(dense, gamma))
        step_d, step_f, exact = _solve(grad_d, grad_f, a_mat, b, dg)
        decrement = float(grad_d @ step_d + grad_f @ step_f)
        if exact and decrement < tol * max(1.0, 1e-6 * abs(ll)):
            return dense, gamma, True, it
        t = 1.0
        for _ in range(60):
            new_d, new_f = dense + t * step_d, gamma + t * step_f
            new_ll = prob.loglik(new_d, new_f)
            if new_ll >= ll + 1e-4 * t * decrement:
                break
            t /= 2
        else:
            # no ascent possible in floating point: accept when the Newton decrement is tiny
            return dense, gamma, exact and decrement < 1e-6 * max(1.0, abs(ll)), it
        dense, gamma, ll = new_d, new_f, new_ll
    return dense, gamma, False, MAX_ITER


def fit(design: Design, nb2: bool, cluster: np.ndarray | None) -> EngineResult:
    """Fit Poisson (``nb2=False``) or NB2 by maximum likelihood; NB2 starts from Poisson."""
    prob = _Problem(design, nb2=False)
    y = design.y
    beta = np.zeros(prob.k)
    if design.groups is not None:
        sums = np.bincount(design.groups, weights=y)
        gamma = np.log(sums / np.bincount(design.groups))
    else:
        gamma = np.zeros(0)
        if design.intercept:
            beta[0] = np.log(max(y.mean(), 1e-10))
    beta, gamma, conv, iters = newton(prob, beta, gamma)
    if nb2:
        pois_ll = prob.loglik(beta, gamma)
        prob = _Problem(design, nb2=True)
        mu = np.exp(prob.eta(np.append(beta, 0.0), gamma))
        moment = float(np.sum((y - mu) ** 2 - y) / np.sum(mu**2))
        res = optimize.minimize_scalar(
            lambda a: -prob.loglik(np.append(beta, a), gamma),
            bracket=(np.log(max(moment, 1e-4)) - 1, np.log(max(moment, 1e-4)) + 1),
        )
        start = np.append(beta, float(res.x))
        dense, gamma, conv, iters2 = newton(prob, start, gamma)
        iters += iters2
        if prob.loglik(dense, gamma) < pois_ll - 1e-8 * abs(pois_ll):
            conv = False
    else:
        dense = beta
    d = prob.pieces(dense, gamma)
    grad_d, grad_f, a_mat, b, dg = prob.blocks(d)
    unscale = np.append(1.0 / prob.scale, [1.0] * int(nb2))
    grad_norm = float(np.max(np.abs(np.concatenate([grad_d / unscale, grad_f]))))
    schur = a_mat - b.T @ (b / dg[:, None]) if dg.size else a_mat
    try:
        cf = linalg.cho_factor(schur)
        inv = linalg.cho_solve(cf, np.eye(prob.p))
    except linalg.LinAlgError:
        conv = False
        inv = np.full((prob.p, prob.p), np.nan)
    vc = None
    if cluster is not None:
        u = prob.scores(d)
        if dg.size:
            assert prob.groups is not None
            u = u - (b / dg[:, None])[prob.groups] * d["s"][:, None]
        n_cl = int(cluster.max()) + 1
        ind = sparse.csr_matrix(
            (np.ones(len(y)), (cluster, np.arange(len(y)))), shape=(n_cl, len(y))
        )
        uc = np.asarray(ind @ u)
        factor = n_cl / (n_cl - 1) if n_cl > 1 else np.nan
        vc = factor * inv @ (uc.T @ uc) @ inv
        vc = vc * np.outer(unscale, unscale)
    return EngineResult(
        beta=dense[: prob.k] / prob.scale,
        gamma=gamma,
        log_alpha=float(dense[-1]) if nb2 else None,
        vcov=inv * np.outer(unscale, unscale),
        vcov_cluster=vc,
        loglik=prob.loglik(dense, gamma),
        mu=d["mu"],
        converged=conv,
        iterations=iters,
        gradient_norm=grad_norm,
    )


def run(
    data: pd.DataFrame,
    formula: str,
    fe: str | None,
    cluster: str | None,
    nb2: bool,
) -> CountFit:
    """Build the design, fit, and package a :class:`CountFit`."""
    design = build_design(data, formula, fe=fe, cluster=cluster, count=True)
    if design.n <= len(design.names) + len(design.group_labels) + int(nb2):
        raise DataFormatError(
            f"{design.n} usable rows for {len(design.names)} terms and "
            f"{len(design.group_labels)} fixed effects: too few to fit"
        )
    if cluster is not None and design.n_clusters < 2:
        raise DataFormatError(f"cluster {cluster!r} has fewer than two clusters after dropping")
    try:
        res = fit(design, nb2=nb2, cluster=design.clusters)
    except FloatingPointError as exc:
        raise DataFormatError(f"model could not be fitted: {exc}") from exc
    names = list(design.names)
    k = len(names)
    params = pd.Series(res.beta, index=names, dtype=float)
    vcov = pd.DataFrame(res.vcov[:k, :k], index=names, columns=names)
    vcov_cl = (
        pd.DataFrame(res.vcov_cluster[:k, :k], index=names, columns=names)
        if res.vcov_cluster is not None
        else None
    )
    alpha = alpha_se = alpha_se_cl = None
    if nb2 and res.log_alpha is not None:
        alpha = float(np.exp(res.log_alpha))
        alpha_se = alpha * float(np.sqrt(res.vcov[k, k]))
        if res.vcov_cluster is not None:
            alpha_se_cl = alpha * float(np.sqrt(res.vcov_cluster[k, k]))
    deviance = null_dev = None
    if not nb2:
        y = design.y
        deviance = _poisson_deviance(y, res.mu)
        null_dev = _poisson_deviance(y, np.full_like(y, y.mean()))
    fe_params = (
        pd.Series(res.gamma, index=list(design.group_labels), name=fe) if fe is not None else None
    )
    return CountFit(
        model="nb2" if nb2 else "poisson",
        formula=formula,
        outcome=design.outcome,
        spec=design.spec,
        params=params,
        vcov=vcov,
        vcov_cluster=vcov_cl,
        alpha=alpha,
        alpha_se=alpha_se,
        alpha_se_cluster=alpha_se_cl,
        loglik=res.loglik,
        n_params=k + len(design.group_labels) + int(nb2),
        deviance=deviance,
        null_deviance=null_dev,
        n=design.n,
        fe=fe,
        fe_params=fe_params,
        cluster=cluster,
        n_clusters=design.n_clusters,
        converged=res.converged,
        iterations=res.iterations,
        gradient_norm=res.gradient_norm,
        n_dropped_missing=design.n_dropped_missing,
        n_dropped_groups=design.n_dropped_groups,
        n_dropped_group_rows=design.n_dropped_group_rows,
        dropped_terms=design.dropped_terms,
    )


def _poisson_deviance(y: np.ndarray, mu: np.ndarray) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(y / mu), 0.0)
    return float(2 * np.sum(term - (y - mu)))
