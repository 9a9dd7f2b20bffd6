"""Does the ranking survive other likelihoods and priors, and which items does it hinge on?

Every check moves numbers *against* one ordering at a time: for hypotheses ranked a above b,
P(E|a) goes to the low end of its range and P(E|b) to the high end (or a's prior is divided
by the factor and b's multiplied). Because the posterior odds of a to b depend only on a's
and b's numbers, and monotonically, these corners are the worst cases: if none reverses an
ordering, no setting inside the ranges does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from bluehelmet.tracing.units import Unit
from bluehelmet.tracing.update import posterior_path

TOLERANCE = 1e-12


@dataclass(frozen=True)
class Sensitivity:
    """The sensitivity analysis of one trace.

    ``perturbations``: one row per worst-case setting (kind likelihood / prior / joint).
    ``hinges``: one row per evidence unit: does moving its likelihoods alone change the
    leader or the ranking? ``holds``: whether the leader and the ranking survive each kind.
    ``breakeven_factor``: the factor by which the prior odds against the leader would have to
    grow for the runner-up to catch up. ``flip_delta``: the smallest shift of every
    likelihood at once (against the leader) that changes the leader; None if none does.
    """

    perturbations: pd.DataFrame
    hinges: pd.DataFrame
    holds: pd.DataFrame
    breakeven_factor: float
    flip_delta: float | None
    likelihood_delta: float
    prior_factor: float


def _final(priors: np.ndarray, likelihoods: np.ndarray) -> np.ndarray:
    return posterior_path(priors, likelihoods)[-1]


def leader_of(posterior: np.ndarray) -> int | None:
    """Index of the single most probable hypothesis, None on a tie.

    >>> leader_of(np.array([0.2, 0.5, 0.3])), leader_of(np.array([0.5, 0.5]))
    (1, None)
    """
    best = int(np.argmax(posterior))
    rest = np.delete(posterior, best)
    return best if bool((posterior[best] - rest > TOLERANCE).all()) else None


def _pairs(posterior: np.ndarray) -> list[tuple[int, int]]:
    """Ordered pairs (a, b) with a strictly more probable than b."""
    k = len(posterior)
    return [(a, b) for a in range(k) for b in range(k) if posterior[a] - posterior[b] > TOLERANCE]


def _row(
    kind: str,
    unit: str,
    names: Sequence[str],
    a: int,
    b: int,
    base: np.ndarray,
    post: np.ndarray,
) -> dict[str, object]:
    leader = leader_of(base)
    new = leader_of(post) if not np.isnan(post).any() else None
    ranking = all(post[x] - post[y] > TOLERANCE for x, y in _pairs(base))
    return {
        "kind": kind,
        "unit": unit,
        "against": names[a],
        "favouring": names[b],
        "leader": "" if new is None else names[new],
        "leader_holds": leader is not None and new == leader,
        "ranking_holds": bool(ranking),
        "leader_posterior": np.nan if leader is None else float(post[leader]),
    }


def _corners(
    units: Sequence[Unit], priors: np.ndarray, factor: float, names: Sequence[str]
) -> pd.DataFrame:
    like = np.array([u.likelihoods for u in units]).reshape(len(units), len(priors))
    low = np.array([u.low for u in units]).reshape(like.shape)
    high = np.array([u.high for u in units]).reshape(like.shape)
    base = _final(priors, like)
    rows = []
    for a, b in _pairs(base):
        for i, unit in enumerate(units):
            moved = like.copy()
            moved[i, a], moved[i, b] = low[i, a], high[i, b]
            rows.append(_row("likelihood", unit.id, names, a, b, base, _final(priors, moved)))
        moved_priors = priors.copy()
        moved_priors[a], moved_priors[b] = priors[a] / factor, priors[b] * factor
        moved_priors /= moved_priors.sum()
        rows.append(_row("prior", "", names, a, b, base, _final(moved_priors, like)))
        moved = like.copy()
        moved[:, a], moved[:, b] = low[:, a], high[:, b]
        rows.append(_row("joint", "", names, a, b, base, _final(priors, moved)))
    return pd.DataFrame(
        rows,
        columns=[
            "kind", "unit", "against", "favouring", "leader", "leader_holds", "ranking_holds",
            "leader_posterior",
        ],
    ).astype({"leader_holds": bool, "ranking_holds": bool, "leader_posterior": float})  # fmt: skip


def _hinges(units: Sequence[Unit], table: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for unit in units:
        mine = table[(table["kind"] == "likelihood") & (table["unit"] == unit.id)]
        flipped = mine[~mine["leader_holds"]]
        rows.append(
            {
                "unit": unit.id,
                "items": ";".join(unit.items),
                "flips_leader": bool(len(flipped)),
                "changes_ranking": bool((~mine["ranking_holds"]).any()),
                "new_leaders": ";".join(sorted(set(flipped["leader"]) - {""})),
                "lowest_leader_posterior": mine["leader_posterior"].min(),
            }
        )
    return pd.DataFrame(rows)


def _holds(table: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for kind in ("likelihood", "prior", "joint"):
        mine = table[table["kind"] == kind]
        rows.append(
            {
                "kind": kind,
                "settings": len(mine),
                "leader_changes": int((~mine["leader_holds"]).sum()),
                "ranking_changes": int((~mine["ranking_holds"]).sum()),
                "leader_holds": bool(mine["leader_holds"].all()),
                "ranking_holds": bool(mine["ranking_holds"].all()),
            }
        )
    return pd.DataFrame(rows)


def _flip_delta(units: Sequence[Unit], priors: np.ndarray) -> float | None:
    """Smallest delta (to 0.001) that flips the leader when every likelihood moves by it."""
    like = np.array([u.likelihoods for u in units]).reshape(len(units), len(priors))
    leader = leader_of(_final(priors, like))
    if leader is None:
        return None

    def flips(delta: float) -> bool:
        for rival in range(len(priors)):
            if rival == leader:
                continue
            moved = like.copy()
            moved[:, leader] = np.clip(like[:, leader] - delta, 0, 1)
            moved[:, rival] = np.clip(like[:, rival] + delta, 0, 1)
            if leader_of(_final(priors, moved)) != leader:
                return True
        return False

    if not flips(1.0):
        return None
    low, high = 0.0, 1.0
    while high - low > 0.0005:
        mid = (low + high) / 2
        low, high = (low, mid) if flips(mid) else (mid, high)
    return round(high, 3)


def sensitivity(
    units: Sequence[Unit],
    priors: np.ndarray,
    names: Sequence[str],
    likelihood_delta: float,
    prior_factor: float,
) -> Sensitivity:
    """Worst-case checks of the leader and the ranking over likelihood and prior ranges.

    >>> from bluehelmet.tracing.demo import demo_case
    >>> from bluehelmet.tracing.units import evidence_units
    >>> s = sensitivity(evidence_units(demo_case()), np.full(3, 1 / 3), "abc", 0.1, 2.0)
    >>> s.holds.set_index("kind")["leader_holds"].to_dict()
    {'likelihood': False, 'prior': False, 'joint': False}
    """
    table = _corners(units, priors, prior_factor, names)
    final = _final(priors, np.array([u.likelihoods for u in units]).reshape(len(units), -1))
    order = np.sort(final)[::-1]
    breakeven = float(order[0] / order[1]) if len(order) > 1 and order[1] > 0 else np.inf
    return Sensitivity(
        perturbations=table,
        hinges=_hinges(units, table),
        holds=_holds(table),
        breakeven_factor=breakeven,
        flip_delta=_flip_delta(units, priors),
        likelihood_delta=likelihood_delta,
        prior_factor=prior_factor,
    )
