"""Trace a case: the posterior path, weights of evidence, the ledger, the predictions matrix."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bluehelmet.errors import ValidationError
from bluehelmet.tracing.case import Case
from bluehelmet.tracing.load import load_case
from bluehelmet.tracing.sensitivity import Sensitivity, leader_of, sensitivity
from bluehelmet.tracing.units import Unit, evidence_units
from bluehelmet.tracing.update import posterior_path, weights_of_evidence


@dataclass(frozen=True)
class Trace:
    """The result of updating one case over its rival hypotheses.

    ``result``: hypothesis, label, prior, posterior, rank, woe_db (total, decibans).
    ``path``: one row per step and hypothesis (step 0 holds the priors).
    ``ledger``: one row per evidence item with its unit and P(E|H) per hypothesis.
    ``matrix``: each hypothesis's predicted observations, found / not found / contradicted.
    """

    case: Case
    units: tuple[Unit, ...]
    result: pd.DataFrame
    path: pd.DataFrame
    ledger: pd.DataFrame
    matrix: pd.DataFrame
    sensitivity: Sensitivity

    @property
    def leader(self) -> str | None:
        """The id of the most probable hypothesis, None on a tie."""
        index = leader_of(self.result["posterior"].to_numpy())
        return None if index is None else str(self.result["hypothesis"].iloc[index])

    def to_dict(self) -> dict[str, Any]:
        """The trace as JSON-ready values (infinite weights as ``"+inf"``/``"-inf"``, missing
        values as None): case, file, leader, result, path, ledger, matrix and sensitivity.

        >>> from bluehelmet.tracing.demo import demo_case
        >>> trace(demo_case()).to_dict()["sensitivity"]["prior_factor"]
        2.0
        """
        s = self.sensitivity
        return {
            "case": self.case.info.model_dump(mode="json"),
            "file": Path(self.case.marks.name).name,
            "leader": self.leader,
            "result": _records(self.result),
            "path": _records(self.path),
            "ledger": _records(self.ledger),
            "matrix": _records(self.matrix),
            "sensitivity": {
                "likelihood_delta": s.likelihood_delta,
                "prior_factor": s.prior_factor,
                "breakeven_factor": _plain(s.breakeven_factor),
                "flip_delta": s.flip_delta,
                "holds": _records(s.holds),
                "hinges": _records(s.hinges),
                "perturbations": _records(s.perturbations),
            },
        }

    def posteriors(self) -> pd.DataFrame:
        """The posterior path as a wide table: one row per step, one column per hypothesis."""
        wide = self.path.pivot(index=["step", "unit"], columns="hypothesis", values="posterior")
        return wide[self.case.hypothesis_ids].reset_index().rename_axis(columns=None)


def _plain(value: object) -> object:
    """A JSON-ready scalar: None for NaN, ``"+inf"``/``"-inf"`` for infinities."""
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else ("+inf" if value > 0 else "-inf")
    return value


def _records(df: pd.DataFrame) -> list[dict[str, object]]:
    plain = df.astype(object).where(df.notna(), None)
    return [{k: _plain(v) for k, v in row.items()} for row in plain.to_dict(orient="records")]


def _odds_db(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return 10 * np.log10(p / (1 - p))


def _result(case: Case, priors: np.ndarray, final: np.ndarray) -> pd.DataFrame:
    names = case.hypothesis_ids
    df = pd.DataFrame(
        {
            "hypothesis": names,
            "label": [case.label(h) for h in names],
            "prior": priors,
            "posterior": final,
            "woe_db": _odds_db(final) - _odds_db(priors),
        }
    )
    df.insert(4, "rank", df["posterior"].rank(ascending=False, method="min").astype(int))
    return df


def _path(case: Case, units: list[Unit], path: np.ndarray) -> pd.DataFrame:
    names = case.hypothesis_ids
    rows = [
        {"step": 0, "unit": "prior", "items": "", "hypothesis": h, "likelihood": np.nan,
         "before": np.nan, "posterior": path[0, j], "woe_db": np.nan}
        for j, h in enumerate(names)
    ]  # fmt: skip
    for step, unit in enumerate(units, start=1):
        woe = weights_of_evidence(path[step - 1], unit.likelihoods)
        for j, h in enumerate(names):
            rows.append(
                {
                    "step": step,
                    "unit": unit.id,
                    "items": ";".join(unit.items),
                    "hypothesis": h,
                    "likelihood": unit.likelihoods[j],
                    "before": path[step - 1, j],
                    "posterior": path[step, j],
                    "woe_db": woe[j],
                }
            )
    return pd.DataFrame(rows)


def _ledger(case: Case, units: list[Unit]) -> pd.DataFrame:
    unit_of = {item: unit for unit in units for item in unit.items}
    rows = []
    for item in case.evidence:
        unit = unit_of[item.id]
        row: dict[str, object] = {
            "item": item.id,
            "unit": unit.id,
            "counted": item.id in unit.used,
            "source_type": item.source_type,
            "citation": item.citation,
            "date": item.date.isoformat() if item.date else "",
            "actor": item.actor or "",
            "bears_on": ";".join(item.bears_on),
            "finding": item.finding,
            "description": item.description.strip(),
            "judgement": (item.judgement or "").strip(),
        }
        row.update({f"p_{h}": item.likelihoods[h].value for h in case.hypothesis_ids})
        rows.append(row)
    return pd.DataFrame(rows)


def _status(findings: list[str]) -> str:
    if not findings:
        return "untested"
    return findings[0] if len(set(findings)) == 1 else "mixed"


def _matrix(case: Case) -> pd.DataFrame:
    rows = []
    for hyp in case.hypotheses:
        for obs in hyp.predicts or []:
            items = [e for e in case.evidence if obs.id in e.bears_on]
            rows.append(
                {
                    "hypothesis": hyp.id,
                    "observation": obs.id,
                    "prediction": obs.text,
                    "status": _status([e.finding for e in items]),
                    "evidence": "; ".join(f"{e.id} {e.finding}" for e in items),
                    "citations": "; ".join(dict.fromkeys(e.citation for e in items)),
                }
            )
    return pd.DataFrame(
        rows, columns=["hypothesis", "observation", "prediction", "status", "evidence", "citations"]
    )


def _impossible(case: Case, unit: Unit) -> str:
    index = next(i for i, e in enumerate(case.evidence) if e.id == unit.items[0])
    return (
        f"{case.marks.where(('evidence', index, 'likelihoods'))}: evidence {unit.id}: "
        "P(E|H) is 0 for every hypothesis still standing, so this evidence is impossible "
        "under all of them; give at least one a likelihood above 0"
    )


def trace(source: Case | str | Path) -> Trace:
    """Update the priors over the whole rival set, evidence unit by unit, and check robustness.

    ``source`` is a loaded case, a case file or a bundled case's id.

    >>> from bluehelmet.tracing.demo import demo_case
    >>> t = trace(demo_case())
    >>> t.leader, t.result["posterior"].round(2).tolist()
    ('b', [0.38, 0.6, 0.02])
    """
    case = source if isinstance(source, Case) else load_case(source)
    units = evidence_units(case)
    priors = np.array([case.priors[h] for h in case.hypothesis_ids])
    like = np.array([u.likelihoods for u in units]).reshape(len(units), len(priors))
    path = posterior_path(priors, like)
    for step, unit in enumerate(units, start=1):
        if np.isnan(path[step]).any():
            raise ValidationError(_impossible(case, unit))
    settings = case.sensitivity
    return Trace(
        case=case,
        units=tuple(units),
        result=_result(case, priors, path[-1]),
        path=_path(case, units, path),
        ledger=_ledger(case, units),
        matrix=_matrix(case),
        sensitivity=sensitivity(
            units, priors, case.hypothesis_ids, settings.likelihood_delta, settings.prior_factor
        ),
    )
