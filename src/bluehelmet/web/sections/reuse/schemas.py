"""The reuse explorer's JSON answers (response models of ``/api/reuse``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ReuseFamily(BaseModel):
    """One family: its size, origin and spread (``groups`` and ``years`` separated by ``;``)."""

    family: int
    size: int
    n_docs: int
    origin_doc: str
    origin_id: str
    origin_number: int | None
    origin_date: str
    origin_group: str
    first_year: int | None
    last_year: int | None
    n_groups: int
    groups: str
    years: str
    origin_text: str


class ReuseParagraph(BaseModel):
    """One operative paragraph of the corpus."""

    doc: str
    id: str
    number: int | None
    paragraph: str
    date: str
    group: str
    text: str


class ReuseMember(ReuseParagraph):
    """A family member with its most similar earlier member (none for the origin)."""

    origin: bool
    source_id: str | None
    jaccard: float | None
    containment: float | None


class ReusePair(BaseModel):
    """A verified pair: the earlier paragraph is the source; spans are character offsets."""

    source_doc: str
    source_id: str
    target_doc: str
    target_id: str
    jaccard: float
    containment: float
    source_start: int | None
    source_end: int | None
    target_start: int | None
    target_end: int | None
    family: int | None
    source_number: int | None
    target_number: int | None


class ReuseFamilyDetail(BaseModel):
    """A family, its members in time order and the pairs that joined them."""

    family: ReuseFamily
    members: list[ReuseMember]
    pairs: list[ReusePair]


class ReusePairDetail(BaseModel):
    """Both paragraphs of a pair and how many words they share or have alone."""

    kind: str
    pair: ReusePair
    source: ReuseParagraph
    target: ReuseParagraph
    same_words: int
    source_only_words: int
    target_only_words: int


class ReuseSummary(BaseModel):
    """What the engine found in the configured corpus and how it was run."""

    paragraphs: int
    resolutions: int
    pairs: int
    boilerplate_pairs: int
    families: int
    boilerplate_families: int
    problems: list[str]
    params: dict[str, Any]


class ResolutionShare(BaseModel):
    """A resolution's operative characters reused from earlier ones (boilerplate left out)."""

    number: int | None
    doc: str
    date: str
    group: str
    n_paragraphs: int
    chars: int
    reused_same: int
    reused_other: int
    share_same: float
    share_other: float
    reused_share: float
    novelty: float


class ForceSummary(BaseModel):
    """A multidimensional operation's mandates 1999–2026 and how many repeat the previous
    force clause (the last row, ``total``, sums the others)."""

    operation: str
    mandates: int
    with_text: int
    chapter_vii: int
    chvii_force: int
    without_clause: int
    with_previous: int
    repeated: int
    share_repeated: float | None


class ForceMandate(BaseModel):
    """One mandate resolution of an operation, its force clause compared with the previous
    mandate's (``change``: repeated, changed, dropped, new, none or unknown)."""

    operation: str
    resolution: int
    date: str
    events: str | None
    chapter_vii: bool | None
    force_authorised: bool | None
    force_addressee: str | None
    previous_resolution: int | None
    text: bool
    previous_text: bool | None
    force_paragraphs: str | None
    previous_force_paragraphs: str | None
    force_similarity: float | None
    repeated: bool | None
    change: str
    evidence: str | None
    evidence_previous: str | None


class CarryoverMandate(BaseModel):
    """One mandate resolution of an operation: the shares of its operative characters carried
    over from the previous mandate, other operations' mandates, other earlier texts, and new
    (all null without a text; ``share_previous`` null when the previous mandate has none)."""

    operation: str
    resolution: int
    date: str
    previous_resolution: int | None
    text: bool
    previous_text: bool
    chars: int
    share_previous: float | None
    share_other_mandates: float | None
    share_other_earlier: float | None
    share_new: float | None


class YearCoverage(BaseModel):
    """One year and kind of document: texts, adopted, coverage, gap and the year's measures
    (null in a gap year: no texts)."""

    year: int
    kind: str
    n_docs: int
    n_docs_adopted: int | None
    coverage: float | None
    gap: bool
    past_years_missing: int
    past_complete: bool
    repetition_index: float | None
    ci_low: float | None
    ci_high: float | None
    novelty_median: float | None
    novelty_q25: float | None
    novelty_q75: float | None


class BoilerplateFormula(BaseModel):
    """One boilerplate formula in one era: paragraphs, documents, first use and an example."""

    era: str
    formula: str
    size: int
    documents: int
    first_use: str
    first_doc: str
    example: str
