"""Formulas to design matrices for count models, with fixed effects and explicit row dropping.

Formulas are read by formulaic: ``outcome ~ a + b + a:b``; ``a*b`` expands in place to
``a + b + a:b``; ``- 1`` (or ``+ 0``) removes the intercept; terms keep the order written.
Plain columns must be numeric; ``C(x)`` turns a column into dummies and transforms such as
``np.log(x)`` are evaluated on the data. The outcome is one numeric column. Nothing is dropped
silently: the returned :class:`Design` counts rows dropped for missing (or non-finite) values,
fixed-effect groups dropped because their outcome is all zero, and terms dropped as collinear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from formulaic import Formula, ModelMatrix, ModelSpec, SimpleFormula, model_matrix
from formulaic.errors import FormulaicError
from formulaic.parser.types import Factor

from bluehelmet.errors import DataFormatError, UsageError

INTERCEPT = "(Intercept)"


@dataclass(frozen=True)
class Design:
    """Model matrices and what was dropped to build them.

    ``x`` excludes the fixed effects; ``groups`` holds integer codes 0..G-1 into ``group_labels``.
    ``spec`` evaluates the formula's terms on new data (see :func:`term_matrix`).
    """

    outcome: str
    spec: ModelSpec
    y: np.ndarray
    x: np.ndarray
    names: tuple[str, ...]
    intercept: bool
    groups: np.ndarray | None
    group_labels: tuple[object, ...]
    clusters: np.ndarray | None
    n_clusters: int
    n_dropped_missing: int
    n_dropped_groups: int
    n_dropped_group_rows: int
    dropped_terms: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        """Rows used in the fit."""
        return int(self.y.shape[0])


def read_formula(formula: str) -> tuple[str, SimpleFormula]:
    """The outcome column and the right-hand side of ``outcome ~ terms``.

    >>> outcome, rhs = read_formula("deaths ~ un * non_un + pop - 1")
    >>> outcome, [str(t) for t in rhs]
    ('deaths', ['un', 'non_un', 'un:non_un', 'pop'])
    """
    if formula.count("~") != 1 or not formula.split("~")[0].strip():
        raise UsageError(f"formula must have one '~' (outcome ~ terms): {formula!r}")
    try:
        parsed = Formula(formula, _ordering="none")
    except (FormulaicError, SyntaxError) as exc:
        raise UsageError(f"cannot read formula {formula!r}: {_first_line(exc)}") from None
    lhs, rhs = parsed.lhs, parsed.rhs
    factors = [f for term in lhs for f in term.factors]
    if len(lhs) != 1 or len(factors) != 1 or factors[0].eval_method != Factor.EvalMethod.LOOKUP:
        raise UsageError(f"formula outcome must be one column name, got {str(lhs)!r}")
    if not isinstance(rhs, SimpleFormula):
        raise UsageError(f"formula must have one part (no '|'): {formula!r}")
    if not list(rhs):
        raise UsageError(f"formula has no terms: {formula!r}")
    return factors[0].expr, rhs


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _names(columns: Sequence[str]) -> list[str]:
    return [INTERCEPT if c == "Intercept" else str(c) for c in columns]


def term_matrix(spec: ModelSpec, data: pd.DataFrame, names: Sequence[str]) -> np.ndarray:
    """Evaluate the formula's terms on ``data`` and keep the columns ``names``, in that order.

    >>> _, rhs = read_formula("y ~ a * b")
    >>> d = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    >>> spec = model_matrix(rhs, d).model_spec
    >>> term_matrix(spec, d, ["(Intercept)", "a:b"]).tolist()
    [[1.0, 3.0], [1.0, 8.0]]
    """
    missing = sorted(spec.required_variables - set(data.columns))
    if missing:
        raise UsageError(f"column(s) {', '.join(missing)} not in the data")
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            mm = spec.get_model_matrix(data)
    except (FormulaicError, SyntaxError) as exc:
        raise DataFormatError(f"cannot evaluate the formula's terms: {_first_line(exc)}") from None
    frame = pd.DataFrame(mm.to_numpy(dtype=float), columns=_names(mm.columns))
    return frame[list(names)].to_numpy(dtype=float)


def slope_matrix(
    spec: ModelSpec, data: pd.DataFrame, names: Sequence[str], variable: str
) -> np.ndarray:
    """Derivative of each named column with respect to ``variable`` (a plain numeric column;
    zero where it does not appear).

    >>> _, rhs = read_formula("y ~ a * b")
    >>> d = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    >>> spec = model_matrix(rhs, d).model_spec
    >>> slope_matrix(spec, d, ["(Intercept)", "a", "b", "a:b"], "a").tolist()
    [[0.0, 1.0, 0.0, 3.0], [0.0, 1.0, 0.0, 4.0]]
    """
    terms = spec.variable_terms.get(variable, set())
    for term in terms:
        for factor in term.factors:
            if variable in spec.factor_variables[factor] and factor.expr != variable:
                raise UsageError(
                    f"no marginal effect of {variable!r} inside {factor.expr!r}; "
                    f"use {variable!r} as a plain column in the formula"
                )
    moved = set(_names([spec.column_names[i] for t in terms for i in spec.term_indices[t]]))
    at_one = term_matrix(spec, data.assign(**{variable: 1.0}), names)
    return at_one * np.array([name in moved for name in names], dtype=float)


def build_design(
    data: pd.DataFrame,
    formula: str,
    fe: str | None = None,
    cluster: str | None = None,
    count: bool = True,
) -> Design:
    """Build model matrices: drop rows with missing values, all-zero FE groups, collinear terms.

    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame({"y": rng.poisson(2, 8), "x": rng.normal(size=8), "g": [1, 1, 2, 2] * 2})
    >>> d.loc[0, "x"] = np.nan
    >>> des = build_design(d, "y ~ x", fe="g")
    >>> des.names, des.n, des.n_dropped_missing
    (('x',), 7, 1)
    """
    outcome, rhs = read_formula(formula)
    if not isinstance(data, pd.DataFrame):
        raise UsageError("data must be a pandas DataFrame")
    used = [outcome, *sorted(rhs.required_variables)]
    needed = list(dict.fromkeys(used + [c for c in (fe, cluster) if c is not None]))
    unknown = [c for c in needed if c not in data.columns]
    if unknown:
        raise UsageError(f"unknown column(s) {', '.join(unknown)} in formula/fe/cluster")
    plain = [f.expr for t in rhs for f in t.factors if f.eval_method == Factor.EvalMethod.LOOKUP]
    for col in dict.fromkeys([outcome, *plain]):
        if not pd.api.types.is_numeric_dtype(data[col]):
            raise DataFormatError(
                f"column {col!r} is not numeric; encode it, write C({col}) or use it as fe"
            )
    if data[outcome].notna().sum() == 0:
        raise DataFormatError(f"outcome {outcome!r} has no non-missing values")
    frame = data[needed]
    complete = frame.notna().all(axis=1).to_numpy() & np.isfinite(frame[outcome].astype(float))
    x_frame = _materialise(rhs, frame.loc[complete], formula)
    x_all = x_frame.to_numpy(dtype=float)
    finite = np.isfinite(x_all).all(axis=1)
    frame, x_all = frame.loc[complete].loc[finite], x_all[finite]
    n_missing = len(data) - len(frame)
    if frame.empty:
        raise DataFormatError("no complete rows: every row has a missing value in a used column")
    y = frame[outcome].to_numpy(dtype=float)
    if count:
        if (y < 0).any():
            raise DataFormatError(f"outcome {outcome!r} has negative values; counts needed")
        if (y != np.round(y)).any():
            raise DataFormatError(f"outcome {outcome!r} has non-integer values; counts needed")
    n_groups_dropped = rows_dropped = 0
    groups: np.ndarray | None = None
    labels: tuple[object, ...] = ()
    if fe is not None:
        codes, uniques = pd.factorize(frame[fe], sort=True)
        if count:
            totals = np.bincount(codes, weights=y, minlength=len(uniques))
            keep_group = totals > 0
            n_groups_dropped = int((~keep_group).sum())
            keep = keep_group[codes]
            rows_dropped = int((~keep).sum())
            frame, x_all = frame.loc[keep], x_all[keep]
            if frame.empty:
                raise DataFormatError(f"outcome {outcome!r} is zero in every {fe!r} group")
            codes, uniques = pd.factorize(frame[fe], sort=True)
        groups = codes.astype(np.intp)
        labels = tuple(uniques.tolist())
        y = frame[outcome].to_numpy(dtype=float)
    names = _names(x_frame.columns)
    if fe is not None and INTERCEPT in names:  # the fixed effects take the intercept's place
        x_all = np.delete(x_all, names.index(INTERCEPT), axis=1)
        names.remove(INTERCEPT)
    keep_cols = _independent_columns(x_all, groups)
    clusters = None
    n_clusters = 0
    if cluster is not None:
        ccodes, cuniq = pd.factorize(frame[cluster], sort=True)
        clusters, n_clusters = ccodes.astype(np.intp), len(cuniq)
    kept = tuple(n for n, k in zip(names, keep_cols, strict=True) if k)
    return Design(
        outcome=outcome,
        spec=x_frame.model_spec,
        y=y,
        x=x_all[:, keep_cols],
        names=kept,
        intercept=INTERCEPT in kept,
        groups=groups,
        group_labels=labels,
        clusters=clusters,
        n_clusters=n_clusters,
        n_dropped_missing=n_missing,
        n_dropped_groups=n_groups_dropped,
        n_dropped_group_rows=rows_dropped,
        dropped_terms=tuple(n for n, k in zip(names, keep_cols, strict=True) if not k),
    )


def _materialise(rhs: SimpleFormula, frame: pd.DataFrame, formula: str) -> ModelMatrix:
    """The formula's columns on ``frame``, with the ``model_spec`` that evaluates them again."""
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            mm = model_matrix(rhs, frame, na_action="ignore")
    except (FormulaicError, SyntaxError) as exc:
        raise DataFormatError(f"cannot evaluate formula {formula!r}: {_first_line(exc)}") from None
    assert isinstance(mm, ModelMatrix)  # one formula part, one matrix
    return mm


def _independent_columns(x: np.ndarray, groups: np.ndarray | None, tol: float = 1e-9) -> np.ndarray:
    """Flag columns not (numerically) spanned by the fixed effects and earlier columns."""
    n, k = x.shape
    resid = x.astype(float).copy()
    if groups is not None and n:
        counts = np.bincount(groups)
        for j in range(k):
            means = np.bincount(groups, weights=resid[:, j], minlength=len(counts)) / counts
            resid[:, j] -= means[groups]
    keep = np.zeros(k, dtype=bool)
    basis: list[np.ndarray] = []
    for j in range(k):
        v = resid[:, j].copy()
        scale = np.linalg.norm(x[:, j])
        for b in basis:
            v -= (b @ v) * b
        for b in basis:  # second pass for numerical stability
            v -= (b @ v) * b
        norm = np.linalg.norm(v)
        if scale > 0 and norm > tol * scale:
            keep[j] = True
            basis.append(v / norm)
    return keep
