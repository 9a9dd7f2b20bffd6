"""A checked case: the file's content with the default hypotheses and priors filled in."""

from __future__ import annotations

from dataclasses import dataclass

from bluehelmet.tracing.marks import Marks
from bluehelmet.tracing.schema import CaseInfo, Evidence, Group, Hypothesis, SensitivitySettings


@dataclass(frozen=True)
class Case:
    """A process-tracing case ready for updating (built by ``load_case``).

    Every hypothesis has a label and its predicted observations; ``priors`` has one entry per
    hypothesis, in hypothesis order, summing to 1; ``marks`` locate each field in the file.
    """

    info: CaseInfo
    hypotheses: tuple[Hypothesis, ...]
    priors: dict[str, float]
    evidence: tuple[Evidence, ...]
    groups: tuple[Group, ...]
    sensitivity: SensitivitySettings
    marks: Marks

    @property
    def id(self) -> str:
        """The case's slug."""
        return self.info.id

    @property
    def hypothesis_ids(self) -> list[str]:
        """Hypothesis ids in the file's order."""
        return [h.id for h in self.hypotheses]

    def label(self, hypothesis: str) -> str:
        """The label of one hypothesis."""
        return next(str(h.label) for h in self.hypotheses if h.id == hypothesis)
