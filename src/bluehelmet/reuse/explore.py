"""Reuse explored once: the engine run on a paragraph table, and every table made from it.

The CLI (``bluehelmet reuse``), the report's reuse section and the web explorer all call
:func:`explore` and read what they show from its :class:`ReuseTables`, so a number means
the same thing wherever it appears. Tables are computed on first use and kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from bluehelmet.reuse.boilerplate import formula_families
from bluehelmet.reuse.coverage import yearly
from bluehelmet.reuse.engine import ReuseResult, find_reuse
from bluehelmet.reuse.families import families, family_summary
from bluehelmet.reuse.measures import (
    best_sources,
    force_genealogy,
    group_matrix,
    kind_pairs,
    paragraph_reuse,
    repetition_index,
    resolution_reuse,
)


@dataclass(frozen=True, eq=False)
class ReuseTables:
    """The paragraphs, the engine's result and the tables made from them (lazily).

    ``pairs`` leave boilerplate out; ``boilerplate_pairs`` are the formulas shown apart.
    ``adopted`` (``year``, ``n_docs_adopted``: resolutions adopted per year, e.g.
    :func:`~bluehelmet.reuse.coverage.adopted_per_year`) gives ``yearly`` its coverage.
    """

    paragraphs: pd.DataFrame
    result: ReuseResult
    adopted: pd.DataFrame | None = None

    @property
    def pairs(self) -> pd.DataFrame:
        """Verified pairs, boilerplate left out."""
        return self.result.pairs

    @property
    def boilerplate_pairs(self) -> pd.DataFrame:
        """Pairs between boilerplate paragraphs (standard formulas)."""
        return self.result.boilerplate_pairs

    @property
    def params(self) -> dict[str, Any]:
        """How the pairs were made (engine settings and counts)."""
        return self.result.params

    @cached_property
    def members(self) -> pd.DataFrame:
        """Each paragraph with its family of verified pairs and whether it is the origin."""
        return families(self.pairs, self.paragraphs)

    @cached_property
    def boilerplate_members(self) -> pd.DataFrame:
        """Each paragraph with its family of boilerplate pairs."""
        return families(self.boilerplate_pairs, self.paragraphs)

    @cached_property
    def summary(self) -> pd.DataFrame:
        """One row per family of verified pairs."""
        return family_summary(self.members)

    @cached_property
    def resolution_shares(self) -> pd.DataFrame:
        """Per document: shares reused from the same and other groups, and novelty."""
        return resolution_reuse(self.pairs, self.paragraphs)

    @cached_property
    def paragraph_shares(self) -> pd.DataFrame:
        """Per paragraph: reused shares and the most similar earlier source."""
        return best_sources(paragraph_reuse(self.pairs, self.paragraphs), self.pairs)

    @cached_property
    def repetition(self) -> pd.DataFrame:
        """Per year: the repetition index."""
        return repetition_index(self.pairs, self.paragraphs)

    @cached_property
    def yearly(self) -> pd.DataFrame:
        """Per year and kind: texts, coverage, gaps, repetition index (with its interval)
        and novelty; gap years have NA measures (see :mod:`bluehelmet.reuse.coverage`)."""
        return yearly(self.pairs, self.paragraphs, self.adopted, seed=self.params.get("seed", 1))

    @cached_property
    def kind_pairs(self) -> pd.DataFrame:
        """Pairs by source and target kind; ``counted`` False for those the measures leave out."""
        return kind_pairs(self.pairs, self.paragraphs)

    @cached_property
    def boilerplate_families(self) -> pd.DataFrame:
        """One row per boilerplate formula and era (see
        :func:`~bluehelmet.reuse.boilerplate.formula_families`)."""
        return formula_families(
            self.paragraphs, self.result.boilerplate, tuple(self.params.get("era_starts", ()))
        )

    @cached_property
    def matrix(self) -> pd.DataFrame:
        """Source group x target group: paragraphs of the target reusing the source."""
        return group_matrix(self.pairs, self.paragraphs, count="paragraphs")

    @cached_property
    def force_genealogy(self) -> pd.DataFrame:
        """Each force paragraph's best earlier source (empty without a ``force`` column)."""
        if "force" not in self.paragraphs.columns:
            return pd.DataFrame()
        return force_genealogy(self.pairs, self.paragraphs)

    def numbers(self, pairs: pd.DataFrame, side: str) -> pd.Series:
        """The resolution ``number`` of each pair's ``side`` ("source" or "target") paragraph,
        read from the paragraph table (<NA> without a ``number`` column or match)."""
        if "number" not in self.paragraphs.columns:
            return pd.Series(pd.NA, index=pairs.index, dtype="Int64")
        number = self.paragraphs.set_index(["doc", "id"])["number"]
        keys = pd.MultiIndex.from_frame(pairs[[f"{side}_doc", f"{side}_id"]].astype(str))
        return pd.Series(number.reindex(keys).to_numpy(), index=pairs.index, dtype="Int64")


def explore(
    paragraphs: pd.DataFrame, adopted: pd.DataFrame | None = None, **settings: Any
) -> ReuseTables:
    """Run the reuse engine once on ``paragraphs`` (``settings``: as
    :func:`~bluehelmet.reuse.engine.find_reuse`) and return the tables made from it
    (``adopted``: as :class:`ReuseTables`).

    >>> text = "the council decides to extend the mandate of the force for six months"
    >>> paras = pd.DataFrame({"doc": ["A", "B"], "id": ["1:1", "2:1"], "text": [text, text],
    ...     "date": ["1990-01-01", "1991-01-01"], "group": ["UNX", "UNY"]})
    >>> t = explore(paras)
    >>> len(t.pairs), int(t.matrix.loc["UNX", "UNY"]), t.resolution_shares["novelty"].tolist()
    (1, 1, [1.0, 0.0])
    """
    result = find_reuse(paragraphs, **settings)
    return ReuseTables(_kept(paragraphs, result.paragraphs), result, adopted)


def _kept(paragraphs: pd.DataFrame, checked: pd.DataFrame) -> pd.DataFrame:
    """The caller's rows (with all their columns) that the engine's checks kept."""
    mine = pd.MultiIndex.from_frame(paragraphs[["doc", "id"]].astype(str))
    kept = pd.MultiIndex.from_frame(checked[["doc", "id"]].astype(str))
    return paragraphs[mine.isin(kept) & ~mine.duplicated()].reset_index(drop=True)
