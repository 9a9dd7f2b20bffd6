"""Process-tracing JSON answers (response models of ``/api/cases``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from bluehelmet.tracing.schema import CaseInfo

#: A weight of evidence or odds factor: a number, "+inf" / "-inf", or null when undefined.
Weight = float | str | None


class CaseRow(BaseModel):
    """A bundled case with its leading hypothesis (``problem``: why a file could not be read)."""

    id: str
    title: str
    outcome: str
    leader: str
    label: str
    posterior: float | None
    leader_holds: bool | None
    ranking_holds: bool | None
    file: str
    problem: str


class ResultRow(BaseModel):
    """A hypothesis's prior and posterior; ``woe_db``: the whole ledger's weight (decibans)."""

    hypothesis: str
    label: str
    prior: float
    posterior: float
    rank: int
    woe_db: Weight


class PathRow(BaseModel):
    """One step of the posterior path for one hypothesis (step 0 holds the priors)."""

    step: int
    unit: str
    items: str
    hypothesis: str
    likelihood: float | None
    before: float | None
    posterior: float
    woe_db: Weight


class MatrixRow(BaseModel):
    """A predicted observation: found, not_found, contradicted, mixed or untested."""

    hypothesis: str
    observation: str
    prediction: str
    status: str
    evidence: str
    citations: str


class HoldsRow(BaseModel):
    """Whether the leader and the ranking survive one kind of check."""

    kind: str
    settings: int
    leader_changes: int
    ranking_changes: int
    leader_holds: bool
    ranking_holds: bool


class HingeRow(BaseModel):
    """Does moving this evidence unit alone within its ranges change the leader or ranking?"""

    unit: str
    items: str
    flips_leader: bool
    changes_ranking: bool
    new_leaders: str
    lowest_leader_posterior: float | None


class SensitivitySummary(BaseModel):
    """The sensitivity checks' settings and results."""

    likelihood_delta: float
    prior_factor: float
    breakeven_factor: Weight
    flip_delta: float | None
    holds: list[HoldsRow]
    hinges: list[HingeRow]


class CaseDetail(BaseModel):
    """One case traced. ``ledger`` rows carry ``p_<hypothesis>`` (P(E|H)) and
    ``woe_db_<hypothesis>`` (the weight of evidence of the item's unit, decibans)."""

    case: CaseInfo
    file: str
    leader: str | None
    result: list[ResultRow]
    path: list[PathRow]
    ledger: list[dict[str, Any]]
    matrix: list[MatrixRow]
    sensitivity: SensitivitySummary
