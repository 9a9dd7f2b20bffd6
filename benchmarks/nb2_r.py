"""Compare bluehelmet's NB2 fits with R (MASS::glm.nb, else optim on the NB2 log-likelihood).

Datasets: HKS 2013 Model 1 (../shared/data/replication/hks2013_model1.csv, when present) and a
simulated dataset with 40 fixed-effect groups. Prints, per dataset, the R method used and the
largest relative differences in coefficients, standard errors and alpha (target: coefficients
below 1e-4). Needs Rscript with MASS: apt-get install -y r-base-core r-cran-mass.

Run: .venv/bin/python benchmarks/nb2_r.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from bluehelmet.models.nb2 import fit_nb2
from bluehelmet.paths import shared_data_dir

HKS_FORMULA = (
    "osvAll ~ troopLag + policeLag + militaryobserversLag + brv_AllLag + osvAllLagDum"
    " + incomp + epduration + lntpop"
)

R_SCRIPT = r"""
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1]); form <- as.formula(args[2]); fe <- args[3]; out <- args[4]
suppressPackageStartupMessages(library(MASS))
if (fe != "") {
  d[[fe]] <- factor(d[[fe]])
  form <- update(form, as.formula(paste(". ~ . - 1 +", fe)))
}
res <- NULL
warn <- NULL
fit <- tryCatch(withCallingHandlers(glm.nb(form, data = d, control = glm.control(maxit = 100,
         epsilon = 1e-12)), warning = function(w) {warn <<- conditionMessage(w);
         invokeRestart("muffleWarning")}), error = function(e) {warn <<- conditionMessage(e); NULL})
if (!is.null(fit) && is.null(warn) && fit$converged) {
  cf <- coef(fit); se <- sqrt(diag(vcov(fit)))
  res <- list(method = "MASS::glm.nb", names = names(cf), coef = unname(cf), se = unname(se),
              alpha = 1 / fit$theta, alpha_se = fit$SE.theta / fit$theta^2,
              loglik = as.numeric(logLik(fit)), note = "")
} else {
  mf <- model.frame(form, d); y <- model.response(mf); X <- model.matrix(form, mf)
  s <- sqrt(colMeans(X^2)); s[s == 0] <- 1; Xs <- sweep(X, 2, s, "/"); k <- ncol(Xs)
  nll <- function(p) {
    mu <- exp(drop(Xs %*% p[1:k])); -sum(dnbinom(y, size = exp(-p[k + 1]), mu = mu, log = TRUE))
  }
  grad <- function(p) {
    mu <- exp(drop(Xs %*% p[1:k])); a <- exp(p[k + 1]); th <- 1 / a
    gb <- crossprod(Xs, (y - mu) / (1 + a * mu))
    lt <- digamma(y + th) - digamma(th) - log1p(a * mu) + a * (mu - y) / (1 + a * mu)
    -c(gb, -th * sum(lt))
  }
  pois <- glm(form, data = d, family = poisson(), control = glm.control(maxit = 100))
  p <- c(coef(pois) * s, 0)
  p[is.na(p)] <- 0
  prev <- Inf; rounds <- 0
  repeat {
    o <- optim(p, nll, grad, method = "BFGS",
               control = list(maxit = 20000, reltol = 1e-16, ndeps = rep(1e-6, k + 1)))
    p <- o$par; rounds <- rounds + 1
    if (abs(prev - o$value) < 1e-10 * abs(o$value) || rounds >= 50) break
    prev <- o$value
  }
  H <- optimHess(p, nll, grad); V <- solve(H)
  cf <- p[1:k] / s; se <- sqrt(diag(V))[1:k] / s
  res <- list(method = "optim BFGS on dnbinom", names = colnames(X), coef = unname(cf),
              se = unname(se), alpha = exp(p[k + 1]),
              alpha_se = exp(p[k + 1]) * sqrt(V[k + 1, k + 1]),
              loglik = -o$value, note = paste0("glm.nb: ", warn, "; optim rounds ", rounds,
              ", max |gradient| ", signif(max(abs(grad(p) / c(s, 1))), 3)))
}
writeLines(paste0("{",
  '"method":"', res$method, '","note":"', gsub('"', "'", res$note), '",',
  '"names":[', paste0('"', res$names, '"', collapse = ","), "],",
  '"coef":[', paste(sprintf("%.17g", res$coef), collapse = ","), "],",
  '"se":[', paste(sprintf("%.17g", res$se), collapse = ","), "],",
  '"alpha":', sprintf("%.17g", res$alpha), ',"alpha_se":', sprintf("%.17g", res$alpha_se),
  ',"loglik":', sprintf("%.17g", res$loglik), "}"), out)
"""


def simulated_fe(seed: int = 0, groups: int = 40, per_group: int = 100) -> pd.DataFrame:
    """NB2 data with group intercepts, two covariates and their interaction."""
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(groups), per_group)
    x1, x2 = rng.normal(size=g.size), rng.binomial(1, 0.5, g.size).astype(float)
    mu = np.exp(rng.normal(1.0, 0.6, groups)[g] + 0.4 * x1 - 0.5 * x2 + 0.2 * x1 * x2)
    y = rng.negative_binomial(1 / 0.6, 1 / (1 + 0.6 * mu))
    return pd.DataFrame({"grp": g, "x1": x1, "x2": x2, "y": y})


def rel(a: np.ndarray, b: np.ndarray) -> float:
    """Largest relative difference |a - b| / |b|."""
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def compare(name: str, data: pd.DataFrame, formula: str, fe: str | None, rscript: str) -> None:
    fit = fit_nb2(data, formula, fe=fe)
    with tempfile.TemporaryDirectory() as tmp:
        csv, script, out = Path(tmp, "d.csv"), Path(tmp, "nb2.R"), Path(tmp, "out.json")
        data.to_csv(csv, index=False)
        script.write_text(R_SCRIPT, encoding="utf-8")
        subprocess.run(
            [rscript, "--vanilla", str(script), str(csv), formula, fe or "", str(out)],
            check=True,
        )
        r = json.loads(out.read_text(encoding="utf-8"))
    r_coef = pd.Series(r["coef"], index=r["names"])
    r_se = pd.Series(r["se"], index=r["names"])
    terms = list(fit.params.index)
    assert fit.alpha is not None and fit.alpha_se is not None
    print(f"== {name}: n={fit.n}, {len(terms)} coefficients, {fit.n_groups} fixed effects")
    print(
        f"bluehelmet: alpha={fit.alpha:.8g} loglik={fit.loglik:.6f} converged={fit.converged} "
        f"iterations={fit.iterations} gradient_norm={fit.gradient_norm:.2e}"
    )
    print(f"R ({r['method']}): alpha={r['alpha']:.8g} loglik={r['loglik']:.6f} {r['note']}")
    d_coef = rel(fit.params[terms].to_numpy(), r_coef[terms].to_numpy())
    d_se = rel(fit.se[terms].to_numpy(), r_se[terms].to_numpy())
    print(f"max relative difference, coefficients:   {d_coef:.2e}  (target < 1e-4)")
    print(f"max relative difference, standard errors: {d_se:.2e}")
    if r["method"] == "MASS::glm.nb":
        print(
            "  (glm.nb SEs: expected information, theta held fixed; bluehelmet: observed Hessian)"
        )
    print(f"relative difference, alpha:               {abs(fit.alpha / r['alpha'] - 1):.2e}")
    print(f"relative difference, alpha SE:            {abs(fit.alpha_se / r['alpha_se'] - 1):.2e}")


def main() -> int:
    rscript = shutil.which("Rscript")
    if rscript is None:
        print("Rscript not found. Install R and MASS, e.g.:")
        print("  apt-get update && apt-get install -y r-base-core r-cran-mass")
        return 0
    hks = shared_data_dir() / "replication" / "hks2013_model1.csv"
    if hks.exists():
        compare("HKS 2013 model 1", pd.read_csv(hks), HKS_FORMULA, None, rscript)
    else:
        print(f"skipping HKS: {hks} not found")
    compare("simulated, 40 fixed effects", simulated_fe(), "y ~ x1 * x2", "grp", rscript)
    return 0


if __name__ == "__main__":
    sys.exit(main())
