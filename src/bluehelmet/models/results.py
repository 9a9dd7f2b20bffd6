"""The fitted count model (:class:`CountFit`): coefficient table, summary text and exports."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from formulaic import ModelSpec
from scipy import stats

from bluehelmet.files import atomic_path

CLUSTER_NOTE = "cluster-robust sandwich, small-sample factor G/(G-1)"


@dataclass(frozen=True, eq=False)
class CountFit:
    """A fitted Poisson or NB2 model with its convergence diagnostics and dropped-row counts.

    ``params``/``vcov`` cover the formula terms only (fixed effects are in ``fe_params``);
    ``spec`` evaluates those terms on new data (formulaic's model spec).
    ``vcov_cluster`` is the cluster-robust covariance when ``cluster`` was given; ``tidy`` and
    the effects use it when present. ``alpha`` is the NB2 dispersion (Var = mu + alpha mu^2).
    """

    model: str
    formula: str
    outcome: str
    spec: ModelSpec
    params: pd.Series
    vcov: pd.DataFrame
    vcov_cluster: pd.DataFrame | None
    alpha: float | None
    alpha_se: float | None
    alpha_se_cluster: float | None
    loglik: float
    n_params: int
    deviance: float | None
    null_deviance: float | None
    n: int
    fe: str | None
    fe_params: pd.Series | None
    cluster: str | None
    n_clusters: int
    converged: bool
    iterations: int
    gradient_norm: float
    n_dropped_missing: int
    n_dropped_groups: int
    n_dropped_group_rows: int
    dropped_terms: tuple[str, ...]

    @property
    def n_groups(self) -> int:
        """Number of fixed-effect groups in the fit (0 without fixed effects)."""
        return 0 if self.fe_params is None else len(self.fe_params)

    @property
    def aic(self) -> float:
        """Akaike information criterion, counting fixed effects and alpha as parameters."""
        return -2.0 * self.loglik + 2.0 * self.n_params

    @property
    def bic(self) -> float:
        """Bayesian information criterion."""
        return -2.0 * self.loglik + math.log(self.n) * self.n_params

    @property
    def se(self) -> pd.Series:
        """Model-based (inverse observed information) standard errors."""
        return pd.Series(np.sqrt(np.diag(self.vcov)), index=self.params.index)

    @property
    def se_cluster(self) -> pd.Series | None:
        """Cluster-robust standard errors, or None without ``cluster``."""
        if self.vcov_cluster is None:
            return None
        return pd.Series(np.sqrt(np.diag(self.vcov_cluster)), index=self.params.index)

    @property
    def vcov_used(self) -> pd.DataFrame:
        """The covariance used for inference: cluster-robust when present, else model-based."""
        return self.vcov_cluster if self.vcov_cluster is not None else self.vcov

    def tidy(self, conf_level: float = 0.95) -> pd.DataFrame:
        """Coefficient table: term, estimate, std_error, z, p, conf_low, conf_high.

        >>> from bluehelmet.models.poisson import fit_poisson
        >>> rng = np.random.default_rng(1)
        >>> d = pd.DataFrame({"x": rng.normal(size=200)})
        >>> d["y"] = rng.poisson(np.exp(0.5 + 0.3 * d["x"]))
        >>> t = fit_poisson(d, "y ~ x").tidy()
        >>> t[["term", "estimate", "std_error"]].round(2).values.tolist()
        [['(Intercept)', 0.45, 0.06], ['x', 0.29, 0.06]]
        """
        se = np.sqrt(np.diag(self.vcov_used.to_numpy()))
        est = self.params.to_numpy()
        z = est / se
        q = stats.norm.ppf(0.5 + conf_level / 2)
        return pd.DataFrame(
            {
                "term": list(self.params.index),
                "estimate": est,
                "std_error": se,
                "z": z,
                "p": 2 * stats.norm.sf(np.abs(z)),
                "conf_low": est - q * se,
                "conf_high": est + q * se,
            }
        )

    def _table(self, digits: int) -> pd.DataFrame:
        t = self.tidy()
        rows = [
            [r.term, *(_fmt(v, digits) for v in (r.estimate, r.std_error, r.z, r.p))]
            for r in t.itertuples()
        ]
        if self.alpha is not None:
            se = self.alpha_se_cluster if self.vcov_cluster is not None else self.alpha_se
            rows.append(["alpha", _fmt(self.alpha, digits), _fmt(se, digits), "", ""])
        return pd.DataFrame(rows, columns=["term", "estimate", "std_error", "z", "p"])

    def _footer(self) -> list[tuple[str, str]]:
        out = [("model", self.model), ("N", str(self.n)), ("log-likelihood", f"{self.loglik:.3f}")]
        out.append(("AIC", f"{self.aic:.3f}"))
        if self.fe:
            out.append((f"fixed effects ({self.fe})", str(self.n_groups)))
        se_kind = f"clustered by {self.cluster} ({self.n_clusters})" if self.cluster else "model"
        out.append(("standard errors", se_kind))
        out.append(("converged", f"{self.converged} ({self.iterations} iterations, "
                    f"gradient norm {self.gradient_norm:.1e})"))  # fmt: skip
        return out

    def summary(self, digits: int = 4) -> str:
        r"""Plain-text summary: coefficients, fit statistics, dropped rows and convergence.

        >>> from bluehelmet.models.poisson import fit_poisson
        >>> d = pd.DataFrame({"y": [0, 1, 3, 2, 5, 4], "x": [0.0, 1.0, 2.0, 1.5, 3.0, 2.5]})
        >>> print("\n".join(fit_poisson(d, "y ~ x").summary().splitlines()[1:4]))
               term  estimate  std_error        z        p
        (Intercept)   -0.8468     0.8551  -0.9902   0.3221
                  x    0.8677     0.3494    2.483  0.01301
        """
        table = self._table(digits)
        widths = [max(len(str(v)) for v in [c, *table[c]]) for c in table.columns]
        lines = [f"{self.model.upper()} count model: {self.formula}"]
        lines.append("  ".join(c.rjust(w) for c, w in zip(table.columns, widths, strict=True)))
        for row in table.itertuples(index=False):
            lines.append("  ".join(str(v).rjust(w) for v, w in zip(row, widths, strict=True)))
        lines.append("")
        lines += [f"{k}: {v}" for k, v in self._footer()]
        if self.cluster:
            lines.append(f"cluster se: {CLUSTER_NOTE}")
        if self.deviance is not None and self.null_deviance is not None:
            lines.append(f"deviance: {self.deviance:.3f}  null deviance: {self.null_deviance:.3f}")
        lines.append(
            f"dropped: {self.n_dropped_missing} rows with missing values, "
            f"{self.n_dropped_groups} all-zero groups ({self.n_dropped_group_rows} rows)"
            + (f", collinear terms {', '.join(self.dropped_terms)}" if self.dropped_terms else "")
        )
        return "\n".join(lines)

    def to_csv(self, path: str | Path | None = None) -> str:
        """Coefficient table (full precision) as CSV; written to ``path`` when given.

        >>> from bluehelmet.models.poisson import fit_poisson
        >>> d = pd.DataFrame({"y": [0, 1, 3, 2, 5, 4], "x": [0.0, 1.0, 2.0, 1.5, 3.0, 2.5]})
        >>> row = fit_poisson(d, "y ~ x").to_csv().splitlines()[2].split(",")
        >>> row[0], round(float(row[1]), 4), round(float(row[6]), 3)
        ('x', 0.8677, 1.552)
        """
        t = self.tidy()
        if self.alpha is not None:
            se = self.alpha_se_cluster if self.vcov_cluster is not None else self.alpha_se
            t.loc[len(t)] = ["alpha", self.alpha, se, np.nan, np.nan, np.nan, np.nan]
        text = t.to_csv(index=False, lineterminator="\n", float_format="%.10g")
        if path is not None:
            _write(text, Path(path))
        return text

    def to_markdown(self, path: str | Path | None = None, digits: int = 4) -> str:
        """Coefficient table as a Markdown (pipe) table with fit statistics below.

        >>> from bluehelmet.models.poisson import fit_poisson
        >>> d = pd.DataFrame({"y": [0, 1, 3, 2, 5, 4], "x": [0.0, 1.0, 2.0, 1.5, 3.0, 2.5]})
        >>> print(fit_poisson(d, "y ~ x").to_markdown().splitlines()[3])
        | x | 0.8677 | 0.3494 | 2.483 | 0.01301 |
        """
        table = self._table(digits)
        lines = ["| " + " | ".join(table.columns) + " |", "|---|---:|---:|---:|---:|"]
        for row in table.itertuples(index=False):
            lines.append("| " + " | ".join(_md_escape(str(v)) for v in row) + " |")
        lines.append("")
        lines += [f"{k}: {v}  " for k, v in self._footer()]
        text = "\n".join(lines) + "\n"
        if path is not None:
            _write(text, Path(path))
        return text

    def to_latex(self, path: str | Path | None = None, digits: int = 4) -> str:
        r"""Coefficient table as a LaTeX ``tabular`` (booktabs rules).

        >>> from bluehelmet.models.poisson import fit_poisson
        >>> d = pd.DataFrame({"y": [0, 1, 3, 2, 5, 4], "x": [0.0, 1.0, 2.0, 1.5, 3.0, 2.5]})
        >>> print(fit_poisson(d, "y ~ x").to_latex().splitlines()[5])
        x & 0.8677 & 0.3494 & 2.483 & 0.01301 \\
        """
        table = self._table(digits)
        lines = [r"\begin{tabular}{lrrrr}", r"\toprule"]
        lines.append(" & ".join(_tex_escape(c) for c in table.columns) + r" \\")
        lines.append(r"\midrule")
        for row in table.itertuples(index=False):
            lines.append(" & ".join(_tex_escape(str(v)) for v in row) + r" \\")
        lines.append(r"\midrule")
        for k, v in self._footer():
            lines.append(
                rf"\multicolumn{{2}}{{l}}{{{_tex_escape(k)}}} & "
                rf"\multicolumn{{3}}{{r}}{{{_tex_escape(v)}}} \\"
            )
        lines += [r"\bottomrule", r"\end{tabular}"]
        text = "\n".join(lines) + "\n"
        if path is not None:
            _write(text, Path(path))
        return text


def _write(text: str, path: Path) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _fmt(value: float | None, digits: int) -> str:
    if value is None or not np.isfinite(value):
        return ""
    return f"{value:.{digits}g}"


def _md_escape(text: str) -> str:
    return text.replace("|", r"\|")


_TEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _tex_escape(text: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in text)
