"""The partnership section's JSON answers (response models of ``/api/partnership``)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class ShareRow(BaseModel):
    """UN deployment-months in a group, those with a non-UN partner and the share."""

    group: str
    un_months: int
    with_partner: int
    share: float


class PartnerShare(BaseModel):
    """The partner share with its definition, overall or by year or region."""

    definition: str
    by: str | None
    rows: list[ShareRow]


class Configuration(BaseModel):
    """Conflict-months in one deployment configuration (or handovers of one direction)."""

    configuration: str
    months: int


class Conflict(BaseModel):
    """A conflict with peacekeepers: first and last month with them, months by status."""

    conflict_id: int
    name: str
    location: str | None
    region: str | None
    first_month: date
    last_month: date
    un_only: int
    non_un_only: int
    parallel: int


class ConflictMonth(BaseModel):
    """One conflict-month: personnel by organisation type and kind (NA outside coverage)."""

    date: date
    un_troops: float | None
    un_police: float | None
    un_observers: float | None
    regional_troops: float | None
    regional_police: float | None
    regional_observers: float | None
    international_troops: float | None
    international_police: float | None
    international_observers: float | None
    status: str | None
    battle_deaths: float | None


class Coefficient(BaseModel):
    """One model term: estimate, conflict-clustered SE, z, p and 95% interval."""

    term: str
    estimate: float
    std_error: float | None
    z: float | None
    p: float | None
    conf_low: float | None
    conf_high: float | None


class Prediction(BaseModel):
    """Predicted battle deaths at one UN troop level (thousands), with or without a partner."""

    un_troops_lag1: float
    non_un_troops_lag1: float
    battle_deaths_lag1: float
    partner: bool
    estimate: float
    mean: float
    conf_low: float
    conf_high: float


class Diagnostics(BaseModel):
    """The model's sample, fixed effects, clustering and convergence."""

    model: str
    formula: str
    n: int
    fixed_effects: str | None
    n_groups: int
    cluster: str | None
    n_clusters: int
    cluster_note: str
    converged: bool
    iterations: int
    gradient_norm: float
    log_likelihood: float
    aic: float
    dropped_missing: int
    dropped_groups: int
    dropped_group_rows: int
    partner_level: float


class Model(BaseModel):
    """The conflict-month model: coefficients, diagnostics and predictions."""

    diagnostics: Diagnostics
    coefficients: list[Coefficient]
    predictions: list[Prediction]
