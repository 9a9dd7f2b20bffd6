"""The reuse explorer's data: the reuse engine run once per process on the configured corpus.

The corpus is the folders named by ``BLUEHELMET_CORPUS``. Their operative paragraphs are
read (:func:`bluehelmet.reuse.inputs.read_paragraphs`, folder by folder) and explored
(:func:`bluehelmet.reuse.explore.explore`, default settings: the same tables the CLI writes
and the report shows) on first use, then kept in memory per corpus state
(folders and modification times). Clause families come from the verified pairs; *formula*
families from the boilerplate pairs, shown apart. Reuse shares leave boilerplate out, as the
report does.
"""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from bluehelmet.coding.summary import uncovered_years
from bluehelmet.errors import BluehelmetError, NotFoundError
from bluehelmet.reuse.coverage import adopted_per_year
from bluehelmet.reuse.explore import ReuseTables, explore
from bluehelmet.reuse.families import family_summary
from bluehelmet.reuse.inputs import EXTRA_COLUMNS, read_paragraphs
from bluehelmet.reuse.schema import PARAGRAPH_COLUMNS
from bluehelmet.web.cache import locked_cache
from bluehelmet.web.coded import CorpusState, corpus_state

#: The two kinds of family: clauses (verified pairs) and boilerplate formulas.
KINDS = ("families", "boilerplate")
EXCERPT = 140
NO_CORPUS = (
    "the reuse explorer needs a corpus of resolution texts: start the server with "
    "BLUEHELMET_CORPUS=/path/to/texts"
)


@dataclass(frozen=True, eq=False)
class FamilySet:
    """Paragraphs with their family, one summary row per family (largest first) and the pairs
    that joined them (with the family and both resolution numbers)."""

    members: pd.DataFrame
    summary: pd.DataFrame
    pairs: pd.DataFrame


@dataclass(frozen=True, eq=False)
class ReuseData:
    """Everything the reuse explorer shows, for one corpus (``tables``: the engine's, whose
    yearly coverage and boilerplate formulas are computed on first use)."""

    folders: tuple[str, ...]
    paragraphs: pd.DataFrame
    sets: dict[str, FamilySet]
    shares: pd.DataFrame
    paragraph_shares: pd.DataFrame
    problems: tuple[str, ...]
    params: dict[str, Any]
    uncovered: frozenset[int]
    tables: ReuseTables


def excerpt(text: str, width: int = EXCERPT) -> str:
    """``text`` on one line, shortened to ``width`` characters at a word boundary.

    >>> excerpt("Decides   to extend\\nthe mandate", 24)
    'Decides to extend […]'
    """
    return textwrap.shorten(text, width=width, placeholder=" […]")


def _family_set(found: ReuseTables, kind: str) -> FamilySet:
    """The families of one kind of pair (``"families"``: verified, ``"boilerplate"``)."""
    pairs = found.pairs if kind == "families" else found.boilerplate_pairs
    members = found.members if kind == "families" else found.boilerplate_members
    members = members.astype({"family": "int64", "origin": bool})
    summary = found.summary if kind == "families" else family_summary(members)
    origins = members[members["origin"]].set_index("family")
    summary = summary.assign(
        origin_number=summary["family"].map(origins["number"]).astype("Int64"),
        origin_text=summary["family"].map(origins["text"]).map(excerpt),
    ).sort_values(["size", "n_docs", "family"], ascending=[False, False, True], kind="stable")
    family_of = members.set_index(["doc", "id"])["family"]
    keys = pd.MultiIndex.from_frame(pairs[["source_doc", "source_id"]].astype(str))
    joined = pairs.assign(
        family=pd.array(family_of.reindex(keys).to_numpy(), dtype="Int64"),
        source_number=found.numbers(pairs, "source"),
        target_number=found.numbers(pairs, "target"),
    )
    return FamilySet(members, summary.reset_index(drop=True), joined.reset_index(drop=True))


def _read_one(folder: str) -> tuple[pd.DataFrame, list[str]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read_paragraphs(Path(folder))
    except (BluehelmetError, OSError, ValueError) as exc:
        empty = pd.DataFrame(columns=[*PARAGRAPH_COLUMNS, *EXTRA_COLUMNS])
        return empty, [f"corpus {Path(folder).name} not read: {exc}"]


def _read(folders: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Every folder's paragraphs, one table, and every folder's problems in order."""
    parts = [_read_one(folder) for folder in folders]
    problems = [problem for _, found in parts for problem in found]
    tables = [table for table, _ in parts if not table.empty]
    if not tables:
        return pd.DataFrame(columns=[*PARAGRAPH_COLUMNS, *EXTRA_COLUMNS]), problems
    return pd.concat(tables, ignore_index=True), problems


def compute(folders: Sequence[str]) -> ReuseData:
    """Run the reuse engine on folders of resolutions and build the explorer's tables.

    A folder that cannot be read gives no paragraphs and says why in ``problems``.

    >>> import tempfile
    >>> compute([tempfile.mkdtemp()]).sets["families"].summary.empty
    True
    """
    read, problems = _read(folders)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = explore(read.assign(paragraph=read["label"]), adopted_per_year())
        sets = {kind: _family_set(found, kind) for kind in KINDS}
    problems += found.result.problems  # repeated ids, empty paragraphs: the engine's checks
    paragraphs = found.paragraphs
    shares = found.resolution_shares
    numbers = paragraphs.drop_duplicates("doc").set_index("doc")["number"]
    shares.insert(0, "number", shares["doc"].map(numbers).astype("Int64"))
    per = found.paragraph_shares.drop(columns="source_doc")
    members = sets["families"].members
    sizes = members.groupby("family")["family"].transform("size")
    per["family"] = members["family"].where(sizes >= 2).astype("Int64").array
    return ReuseData(
        tuple(folders),
        paragraphs,
        sets,
        shares,
        per,
        tuple(problems),
        found.params,
        _uncovered(paragraphs),
        found,
    )


def _uncovered(paragraphs: pd.DataFrame) -> frozenset[int]:
    """Years in the paragraphs' span that no resolution text covers."""
    docs = paragraphs.drop_duplicates("doc")
    years = pd.to_numeric(docs["date"].astype(str).str[:4], errors="coerce").astype("Int64")
    pairs = zip(docs["number"], years, strict=True)
    return frozenset(uncovered_years((n, y) for n, y in pairs if pd.notna(n) and pd.notna(y)))


@locked_cache()
def _explored(state: CorpusState) -> ReuseData:
    return compute([folder for folder, _ in state])


def reuse_data() -> ReuseData:
    """The explorer's data for the configured corpus (computed on first use, then kept);
    NotFoundError without a corpus.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     reuse_data().params["paragraphs"]
    0
    """
    state = corpus_state()
    if state is None:
        raise NotFoundError(NO_CORPUS)
    return _explored(state)
