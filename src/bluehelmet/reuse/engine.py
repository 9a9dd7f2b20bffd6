"""In-memory text reuse: the reuse pipeline on one batch, pair tables returned.

tokens -> shingles -> MinHash -> LSH -> verification -> alignment; the steps are those of
:mod:`bluehelmet.reuse.pipeline`, which the streaming engine
(:func:`~bluehelmet.reuse.stream.stream_reuse`) runs batch by batch.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from bluehelmet.reuse.inputs import RecordReader
from bluehelmet.reuse.pipeline import Sink, pass_one, pass_two, progress_bar
from bluehelmet.reuse.settings import ReuseSettings, reuse_settings
from bluehelmet.reuse.spill import MemorySink, MemoryStore
from bluehelmet.reuse.tokens import TOKENIZER


@dataclass(frozen=True)
class ReuseResult:
    """Verified pairs (``PAIR_COLUMNS``), boilerplate pairs and paragraphs (``doc``, ``id``),
    the paragraph table as checked (before paragraphs without words or over ``max_tokens``
    words are left out), the problems met (skipped rows, a summary) and ``params``: how the
    run was made and what it counted."""

    pairs: pd.DataFrame
    boilerplate_pairs: pd.DataFrame
    boilerplate: pd.DataFrame
    paragraphs: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


def find_reuse(
    paragraphs: pd.DataFrame, settings: ReuseSettings | None = None, **options: Any
) -> ReuseResult:
    """Verified text reuse between paragraphs (earlier paragraph = source).

    ``paragraphs`` has ``doc``, ``id`` and ``text`` (optional ``date``, ``group``,
    ``force``); a missing column is a :class:`~bluehelmet.errors.DataFormatError`.
    ``settings`` (or its fields as keyword ``options``, e.g. ``min_docs=8``) say how pairs
    are made; defaults (:class:`~bluehelmet.reuse.settings.ReuseSettings`): word 5-gram
    shingles; 128 MinHash permutations in 32 bands of 4 rows (a pair at Jaccard 0.6 becomes
    a candidate with probability ~0.988, at 0.7 ~0.9998); a candidate is kept at exact
    Jaccard >= 0.6 or containment >= 0.8. Pairs touching a boilerplate paragraph (formula in
    more than ``min_docs`` documents, default max(20, 5% of documents); see
    :mod:`bluehelmet.reuse.boilerplate`) go to ``boilerplate_pairs`` instead of ``pairs``.

    Rows are checked as a streaming run checks records
    (:class:`~bluehelmet.reuse.inputs.RecordChecker`): a repeated ``(doc, id)``, a missing
    ``doc``, ``id`` or ``text``, a paragraph without words or over ``max_tokens`` words (or
    ``max_chars`` characters) is skipped and reported by row in ``problems``, with a count
    summary (also given as one warning).

    >>> text = "the council calls upon all parties to respect the ceasefire at once"
    >>> df = pd.DataFrame({"doc": ["A", "B", "B"], "id": ["1", "1", "1"],
    ...     "text": [text, "x " + text, "again"], "date": ["1990-01-01", "1989-01-01", ""]})
    >>> with warnings.catch_warnings(record=True):
    ...     r = find_reuse(df)
    >>> r.pairs[["source_doc", "target_doc", "containment"]].values.tolist()
    [['B', 'A', 1.0]]
    >>> r.problems[0]
    "row 3: duplicate (doc, id) ('B', '1') first seen at 2; skipped"
    """
    result = reuse_records(RecordReader(paragraphs), reuse_settings(settings, **options))
    if result.problems:
        warnings.warn(f"{result.problems[-1]} (see .problems)", stacklevel=2)
    return result


def reuse_records(reader: RecordReader, settings: ReuseSettings) -> ReuseResult:
    """:func:`find_reuse` on the records of ``reader`` (a file, a folder or a table), read as
    one batch: problems are numbered as the reader numbers records (lines of JSON Lines).

    >>> r = reuse_records(RecordReader(pd.DataFrame({"doc": ["A"], "id": ["1"],
    ...     "text": ["one paragraph"]})), ReuseSettings())
    >>> r.params["paragraphs"], r.pairs.empty, r.problems
    (1, True, [])
    """
    batches = list(reader.batches(sys.maxsize))
    store, pairs, boilerplate_pairs = MemoryStore(), MemorySink(), MemorySink()
    sinks: dict[str, Sink] = {"pairs": pairs, "boilerplate_pairs": boilerplate_pairs}
    with progress_bar(False) as bar:
        pass_one(batches, reader, store, bar, settings)
        boilerplate, counts = pass_two(
            store, sinks, bar, settings, pair_boilerplate=True, step=settings.bands,
            chunk=sys.maxsize,
        )  # fmt: skip
    return ReuseResult(
        pairs=pairs.table(),
        boilerplate_pairs=boilerplate_pairs.table(),
        boilerplate=boilerplate.to_pandas(),
        paragraphs=batches[0].records if batches else reader.checker.frame([]),
        problems=reader.report(),
        params={"engine": "memory", "tokenizer": TOKENIZER, **settings.record(), **counts},
    )
