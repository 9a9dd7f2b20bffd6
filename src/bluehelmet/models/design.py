"""Formulas to design matrices for count models, with fixed effects and explicit row dropping.

A formula is ``outcome ~ term + term ...``: a term is a column name or an interaction of
columns written ``a:b``; ``a*b`` expands to ``a + b + a:b``; ``- 1`` (or ``+ 0``) removes the
intercept. Columns must be numeric; encode categories first or pass them as ``fe``. Nothing is
dropped silently: the returned :class:`Design` counts rows dropped for missing values, fixed-effect
groups dropped because their outcome is all zero, and terms dropped as collinear with the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bluehelmet.errors import DataFormatError, UsageError

Term = tuple[str, ...]
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


@dataclass(frozen=True)
class Formula:
    """A parsed formula: outcome name, terms (tuples of column names) and the intercept flag."""

    outcome: str
    terms: tuple[Term, ...]
    intercept: bool

    @property
    def columns(self) -> list[str]:
        """Every column the formula uses, outcome first, each once."""
        seen: dict[str, None] = {self.outcome: None}
        for term in self.terms:
            seen.update(dict.fromkeys(term))
        return list(seen)


def term_name(term: Term) -> str:
    """The printed name of a term: its columns joined by ``:``.

    >>> term_name(("un_troops", "non_un_troops"))
    'un_troops:non_un_troops'
    """
    return ":".join(term)


def parse_formula(formula: str) -> Formula:
    """Parse ``y ~ a + b + a:b`` (``a*b`` expands, ``-1`` drops the intercept).

    >>> f = parse_formula("deaths ~ un * non_un + pop - 1")
    >>> f.outcome, [term_name(t) for t in f.terms], f.intercept
    ('deaths', ['un', 'non_un', 'un:non_un', 'pop'], False)
    """
    if formula.count("~") != 1:
        raise UsageError(f"formula must have one '~' (outcome ~ terms): {formula!r}")
    lhs, rhs = (part.strip() for part in formula.split("~"))
    if not _NAME.match(lhs):
        raise UsageError(f"formula outcome must be one column name, got {lhs!r}")
    intercept = True
    terms: dict[Term, None] = {}
    for sign, chunk in re.findall(r"([+-]?)\s*([^+-]+)", rhs.replace(" ", "")):
        if chunk in ("0", "1"):
            intercept = not (chunk == "0" or sign == "-")
            continue
        if sign == "-":
            raise UsageError(f"only '- 1' may be subtracted in a formula, got '-{chunk}'")
        for term in _expand(chunk):
            terms.setdefault(term, None)
    if not rhs or (not terms and not intercept):
        raise UsageError(f"formula has no terms: {formula!r}")
    return Formula(lhs, tuple(terms), intercept)


def _expand(chunk: str) -> list[Term]:
    factors = chunk.split("*")
    parts = [tuple(f.split(":")) for f in factors]
    for part in parts:
        for name in part:
            if not _NAME.match(name):
                raise UsageError(f"cannot read formula term {name!r} (use plain column names)")
    out: list[Term] = []
    for mask in range(1, 2 ** len(parts)):
        cols: list[str] = []
        for j, part in enumerate(parts):
            if mask >> j & 1:
                cols.extend(c for c in part if c not in cols)
        out.append(tuple(cols))
    out.sort(key=len)
    return out


@dataclass(frozen=True)
class Design:
    """Model matrices and what was dropped to build them.

    ``x`` excludes the fixed effects; ``groups`` holds integer codes 0..G-1 into ``group_labels``.
    """

    formula: Formula
    y: np.ndarray
    x: np.ndarray
    names: tuple[str, ...]
    terms: tuple[Term, ...]
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


def term_matrix(data: pd.DataFrame, terms: tuple[Term, ...], intercept: bool) -> np.ndarray:
    """Evaluate terms (products of columns) on ``data``; intercept column first when present.

    >>> d = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    >>> term_matrix(d, (("a",), ("a", "b")), True).tolist()
    [[1.0, 1.0, 3.0], [1.0, 2.0, 8.0]]
    """
    cols = [np.ones(len(data))] if intercept else []
    for term in terms:
        missing = [c for c in term if c not in data.columns]
        if missing:
            raise UsageError(f"column(s) {', '.join(missing)} not in the data")
        value = np.ones(len(data))
        for c in term:
            value = value * data[c].to_numpy(dtype=float)
        cols.append(value)
    return np.column_stack(cols) if cols else np.empty((len(data), 0))


def build_design(
    data: pd.DataFrame,
    formula: str | Formula,
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
    f = formula if isinstance(formula, Formula) else parse_formula(formula)
    if not isinstance(data, pd.DataFrame):
        raise UsageError("data must be a pandas DataFrame")
    needed = list(dict.fromkeys(f.columns + [c for c in (fe, cluster) if c is not None]))
    unknown = [c for c in needed if c not in data.columns]
    if unknown:
        raise UsageError(f"unknown column(s) {', '.join(unknown)} in formula/fe/cluster")
    for col in f.columns:
        if not pd.api.types.is_numeric_dtype(data[col]):
            raise DataFormatError(f"column {col!r} is not numeric; encode it or use it as fe")
    if data[f.outcome].notna().sum() == 0:
        raise DataFormatError(f"outcome {f.outcome!r} has no non-missing values")
    frame = data[needed]
    numeric = frame[f.columns].astype(float)
    complete = frame.notna().all(axis=1).to_numpy() & np.isfinite(numeric.to_numpy()).all(axis=1)
    n_missing = int((~complete).sum())
    frame = frame.loc[complete]
    if frame.empty:
        raise DataFormatError("no complete rows: every row has a missing value in a used column")
    y = frame[f.outcome].to_numpy(dtype=float)
    if count:
        if (y < 0).any():
            raise DataFormatError(f"outcome {f.outcome!r} has negative values; counts needed")
        if (y != np.round(y)).any():
            raise DataFormatError(f"outcome {f.outcome!r} has non-integer values; counts needed")
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
            frame = frame.loc[keep]
            if frame.empty:
                raise DataFormatError(f"outcome {f.outcome!r} is zero in every {fe!r} group")
            codes, uniques = pd.factorize(frame[fe], sort=True)
        groups = codes.astype(np.intp)
        labels = tuple(uniques.tolist())
        y = frame[f.outcome].to_numpy(dtype=float)
    intercept = f.intercept and fe is None
    x = term_matrix(frame, f.terms, intercept)
    names = (["(Intercept)"] if intercept else []) + [term_name(t) for t in f.terms]
    keep_cols = _independent_columns(x, groups)
    dropped = tuple(n for n, k in zip(names, keep_cols, strict=True) if not k)
    terms = tuple(t for t, k in zip(f.terms, keep_cols[int(intercept) :], strict=True) if k)
    clusters = None
    n_clusters = 0
    if cluster is not None:
        ccodes, cuniq = pd.factorize(frame[cluster], sort=True)
        clusters, n_clusters = ccodes.astype(np.intp), len(cuniq)
    return Design(
        formula=f,
        y=y,
        x=x[:, keep_cols],
        names=tuple(n for n, k in zip(names, keep_cols, strict=True) if k),
        terms=terms,
        intercept=intercept and bool(keep_cols[0]),
        groups=groups,
        group_labels=labels,
        clusters=clusters,
        n_clusters=n_clusters,
        n_dropped_missing=n_missing,
        n_dropped_groups=n_groups_dropped,
        n_dropped_group_rows=rows_dropped,
        dropped_terms=dropped,
    )


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
