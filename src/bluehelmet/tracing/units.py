"""Evidence units: independent items, and dependence groups combined into one likelihood each."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bluehelmet.tracing.case import Case
from bluehelmet.tracing.schema import Likelihood
from bluehelmet.tracing.update import weights_of_evidence


@dataclass(frozen=True)
class Unit:
    """One step of the updating: an item, or a group counted once.

    ``likelihoods``, ``low`` and ``high`` hold P(E|H) and its sensitivity range per hypothesis
    (in the case's hypothesis order); ``items`` are the evidence ids it stands for and ``used``
    those whose likelihoods count (all of an explicit group's items: their joint likelihood).
    """

    id: str
    items: tuple[str, ...]
    used: tuple[str, ...]
    likelihoods: np.ndarray
    low: np.ndarray
    high: np.ndarray
    position: int


def _vectors(
    table: dict[str, Likelihood], order: list[str], delta: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    entries = [table[h] for h in order]
    bounds = np.array([e.bounds(delta) for e in entries], dtype=float)
    return np.array([e.value for e in entries], dtype=float), bounds[:, 0], bounds[:, 1]


def _strength(unit: Unit, priors: np.ndarray) -> float:
    """Largest |weight of evidence| (decibans) over hypotheses, under the case priors."""
    woe = np.abs(weights_of_evidence(priors, unit.likelihoods))
    return float(np.nan_to_num(woe, nan=0.0, posinf=np.inf).max())


def evidence_units(case: Case) -> list[Unit]:
    """The case's updating steps in ledger order (a group stands where its first item stood).

    A group with ``combine: strongest`` counts only the member (item or nested group) with the
    largest |weight of evidence| under the case's priors (ties: the first listed);
    ``combine: explicit`` uses the group's own joint likelihoods.

    >>> from bluehelmet.tracing.demo import demo_case
    >>> [(u.id, u.items) for u in evidence_units(demo_case())]
    [('e1', ('e1',)), ('g1', ('e2', 'e3'))]
    """
    order = case.hypothesis_ids
    priors = np.array([case.priors[h] for h in order])
    delta = case.sensitivity.likelihood_delta
    position = {e.id: i for i, e in enumerate(case.evidence)}
    units: dict[str, Unit] = {}
    for item in case.evidence:
        p, low, high = _vectors(item.likelihoods, order, delta)
        units[item.id] = Unit(item.id, (item.id,), (item.id,), p, low, high, position[item.id])
    pending = list(case.groups)
    while pending:
        ready = [g for g in pending if all(m in units for m in g.members)]
        for group in ready:
            parts = [units.pop(m) for m in group.members]
            items = tuple(i for part in parts for i in part.items)
            first = min(part.position for part in parts)
            if group.likelihoods is not None:
                p, low, high = _vectors(group.likelihoods, order, delta)
                units[group.id] = Unit(group.id, items, items, p, low, high, first)
            else:
                best = max(parts, key=lambda part: _strength(part, priors))
                units[group.id] = Unit(
                    group.id, items, best.used, best.likelihoods, best.low, best.high, first
                )
            pending.remove(group)
    return sorted(units.values(), key=lambda unit: unit.position)
