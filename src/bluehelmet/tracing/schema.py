"""The case-file layout (docs/tracing.md), declared once as pydantic models.

These models check each field on its own (types, allowed values, ranges); cross-field rules
(ids that must exist, priors that must sum to 1, dependence cycles) live in ``checks``.

>>> Likelihood(test="hoop", passed=False).value
0.05
>>> Likelihood(p=0.3).bounds(0.1)
(0.2, 0.4)
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator

from bluehelmet.tracing.defaults import LIKELIHOOD_DELTA, PRIOR_FACTOR, VAN_EVERA

TestType = Literal["straw_in_the_wind", "hoop", "smoking_gun", "doubly_decisive"]
SourceType = Literal[
    "un_document", "meeting_record", "interview", "memoir", "press", "dataset", "study"
]
Finding = Literal["found", "not_found", "contradicted"]
Combine = Literal["strongest", "explicit"]


def _probability(value: float) -> float:
    if not 0 <= value <= 1:
        raise ValueError(f"{value} is outside [0, 1]; give a probability between 0 and 1")
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty; write the text")
    return value


Probability = Annotated[float, Field(strict=True), AfterValidator(_probability)]
Ident = Annotated[str, Field(strict=True, pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")]
Text = Annotated[str, Field(strict=True), AfterValidator(_text)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Links(_Model):
    """Register objects the case is about: resolution numbers, operation acronyms, meetings."""

    resolutions: list[Annotated[int, Field(strict=True)]] = []
    operations: list[Text] = []
    meetings: list[Annotated[str, Field(strict=True, pattern=r"^S/PV\.\d+")]] = []


class CaseInfo(_Model):
    """The case and the outcome it explains."""

    id: Annotated[str, Field(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Text
    outcome: Text
    question: Text | None = None
    links: Links = Links()
    note: Text | None = None


class Observation(_Model):
    """An observation a hypothesis predicts."""

    id: Ident
    text: Text


class Hypothesis(_Model):
    """A rival explanation; a default id alone stands for the packaged default logic."""

    id: Ident
    label: Text | None = None
    summary: Text | None = None
    predicts: list[Observation] | None = None


class Likelihood(_Model):
    """P(E | H) for one hypothesis: a Van Evera test (passed or failed) or an explicit ``p``.

    ``range: [low, high]`` overrides the default sensitivity range around the value.
    """

    test: TestType | None = None
    passed: StrictBool | None = None
    p: Probability | None = None
    range: list[Probability] | None = None

    @model_validator(mode="after")
    def _one_value(self) -> Likelihood:
        if (self.test is None) == (self.p is None):
            raise ValueError("give either test (a Van Evera test type) or p (a probability)")
        if self.passed is not None and self.test is None:
            raise ValueError("passed goes with test; with an explicit p drop passed")
        if self.range is not None:
            if len(self.range) != 2 or self.range[0] > self.range[1]:
                raise ValueError(f"range {self.range} is not [low, high]; give two probabilities")
            if not self.range[0] <= self.value <= self.range[1]:
                raise ValueError(f"range {self.range} does not contain the value {self.value}")
        return self

    @property
    def value(self) -> float:
        """P(E | H): the explicit ``p`` or the test's documented default."""
        if self.p is not None:
            return self.p
        passed, failed = VAN_EVERA[str(self.test)]
        return passed if self.passed is not False else failed

    def bounds(self, delta: float) -> tuple[float, float]:
        """The sensitivity range: ``range`` if given, else value ± delta clipped to [0, 1]."""
        if self.range is not None:
            return self.range[0], self.range[1]
        low, high = max(0.0, self.value - delta), min(1.0, self.value + delta)
        return round(low, 12), round(high, 12)


class Evidence(_Model):
    """One evidence item of the ledger."""

    id: Ident
    description: Text
    source_type: SourceType
    citation: Text
    date: dt.date | None = None
    actor: Text | None = None
    bears_on: list[Ident] = []
    finding: Finding = "found"
    likelihoods: dict[str, Likelihood]
    judgement: Text | None = None


class Group(_Model):
    """Evidence items (or groups) that are not independent and count once together."""

    id: Ident
    members: list[Ident] = Field(min_length=2)
    combine: Combine = "strongest"
    likelihoods: dict[str, Likelihood] | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _explicit_has_likelihoods(self) -> Group:
        if self.combine == "explicit" and self.likelihoods is None:
            raise ValueError("combine: explicit needs likelihoods (joint P(E|H) per hypothesis)")
        if self.combine != "explicit" and self.likelihoods is not None:
            raise ValueError("likelihoods go with combine: explicit; add it or drop them")
        return self


class SensitivitySettings(_Model):
    """How far the sensitivity analysis moves likelihoods and priors."""

    likelihood_delta: Annotated[float, Field(strict=True, ge=0, le=1)] = LIKELIHOOD_DELTA
    prior_factor: Annotated[float, Field(strict=True, ge=1)] = PRIOR_FACTOR


class CaseFile(_Model):
    """A whole case file as written (before defaults are filled in)."""

    case: CaseInfo
    hypotheses: list[Hypothesis] | None = Field(default=None, min_length=2)
    priors: dict[str, Probability] | None = None
    evidence: list[Evidence] = Field(min_length=1)
    dependence: list[Group] = []
    sensitivity: SensitivitySettings = SensitivitySettings()
