"""Boilerplate: paragraphs whose normalised text recurs in many documents of their era.

Boilerplate is learned per *era* (a span of years): a formula is boilerplate in an era when
it recurs in more than the threshold of that era's documents, so a standard paragraph of
modern resolutions counts there even when it is rare over all years. By default a new era
starts after every run of at least :data:`GAP_YEARS` years without any dated text (the
Council's corpus: 1946-1994 and 2000-2026, split at the 1995-1999 gap). Undated paragraphs
form an era of their own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pandas as pd

from bluehelmet.reuse.tokens import TokenTable, tokens

#: Default: a text is boilerplate in more than 5% of documents, and at least 20.
MIN_DOCS_SHARE = 0.05
MIN_DOCS_FLOOR = 20
#: A run of at least this many years without text starts a new era (the default eras).
GAP_YEARS = 3
#: The era of undated paragraphs.
UNDATED = -1


_ENUMERATOR = re.compile(r"^(?:\d+|[a-z]|[ivx]{1,5})$")


def formula(text: str) -> str:
    """Normalised text without leading paragraph numbers or letters ("5.", "(b)", "iv)").

    >>> formula("5. (b) Decides to remain seized of the matter.")
    'decides to remain seized of the matter'
    """
    return _formula(tokens(text))


def formulas(table: TokenTable) -> list[str]:
    """The :func:`formula` of every text of a token table (no second tokenising).

    >>> from bluehelmet.reuse.tokens import token_table
    >>> formulas(token_table(["5. (b) Decides to remain seized.", "", "iv) Decides"]))
    ['decides to remain seized', '', 'decides']
    """
    words = table.vocab[table.ids].tolist()
    bounds = table.offsets.tolist()
    return [_formula(words[start:end]) for start, end in pairwise(bounds)]


def _formula(toks: list[str]) -> str:
    """The tokens joined by spaces, after up to three leading enumerators (one token stays)."""
    k = 0
    while k < min(3, len(toks) - 1) and _ENUMERATOR.match(toks[k]):
        k += 1
    return " ".join(toks[k:])


def default_min_docs(n_docs: int) -> int:
    """The default document threshold: ``max(20, ceil(0.05 * n_docs))``.

    >>> default_min_docs(100), default_min_docs(1000)
    (20, 50)
    """
    return max(MIN_DOCS_FLOOR, math.ceil(MIN_DOCS_SHARE * n_docs))


def years(dates: Sequence[str]) -> np.ndarray:
    """The year of each ISO date ("1999-10-22", "1999"); :data:`UNDATED` when there is none.

    >>> years(["1999-10-22", "2001", "", "n.d."]).tolist()
    [1999, 2001, -1, -1]
    """
    out = np.full(len(dates), UNDATED, dtype=np.int64)
    for i, date in enumerate(dates):
        head = date[:4] if isinstance(date, str) else ""
        if head.isdigit() and len(head) == 4:
            out[i] = int(head)
    return out


def era_starts(year: np.ndarray, eras: tuple[int, ...] | None) -> tuple[int, ...]:
    """First years of the eras after the first: ``eras`` when given, else the first year
    with text after each run of at least :data:`GAP_YEARS` years without any.

    >>> era_starts(np.array([1993, 1994, 2000, 2001, -1]), None)
    (2000,)
    >>> era_starts(np.array([1990, 1992]), None), era_starts(np.array([1990]), (1950,))
    ((), (1950,))
    """
    if eras is not None:
        return eras
    seen = np.unique(year[year != UNDATED])
    after_gap = seen[1:][np.diff(seen) > GAP_YEARS]
    return tuple(int(y) for y in after_gap)


def era_index(year: np.ndarray, starts: tuple[int, ...]) -> np.ndarray:
    """The era of each year (0 for the first era; :data:`UNDATED` for undated).

    >>> era_index(np.array([1946, 2000, 2026, -1]), (2000,)).tolist()
    [0, 1, 1, -1]
    """
    era = np.searchsorted(np.asarray(starts, dtype=np.int64), year, side="right")
    return np.where(year == UNDATED, UNDATED, era).astype(np.int64)


def era_label(year: np.ndarray) -> str:
    """An era's name from the years of its paragraphs: "1946-1994" ("undated" without any).

    >>> era_label(np.array([2003, 2000, 2026])), era_label(np.array([-1]))
    ('2000-2026', 'undated')
    """
    dated = year[year != UNDATED]
    return f"{dated.min()}-{dated.max()}" if len(dated) else "undated"


#: Characters of a family's example text.
EXAMPLE_CHARS = 200


def formula_families(
    paragraphs: pd.DataFrame, boilerplate: pd.DataFrame, starts: tuple[int, ...]
) -> pd.DataFrame:
    """One row per boilerplate formula and era: ``era``, ``formula`` (normalised text),
    ``size`` (paragraphs), ``documents``, ``first_use`` (earliest date), ``first_doc`` and
    ``example`` (a paragraph's text, cut at :data:`EXAMPLE_CHARS` characters); biggest first
    within each era. ``boilerplate`` lists the boilerplate paragraphs (``doc``, ``id``);
    ``starts`` are the later eras' first years (as the engine's ``params["era_starts"]``).

    >>> paras = pd.DataFrame({"doc": ["A", "B", "C"], "id": ["1", "1", "1"],
    ...     "text": ["1. Remain seized.", "2. Remain seized", "Other"],
    ...     "date": ["2001-05-01", "2000", "2002"]})
    >>> bp = pd.DataFrame({"doc": ["A", "B"], "id": ["1", "1"]})
    >>> formula_families(paras, bp, ())[["era", "size", "first_doc"]].values.tolist()
    [['2000-2002', 2, 'B']]
    """
    columns = ["era", "formula", "size", "documents", "first_use", "first_doc", "example"]
    paras = paragraphs.reset_index(drop=True)
    date = paras["date"].fillna("").astype(str) if "date" in paras else pd.Series("", paras.index)
    year = years(date.tolist())
    era = era_index(year, starts)
    labels = {e: era_label(year[era == e]) for e in np.unique(era)}
    keys = pd.MultiIndex.from_frame(paras[["doc", "id"]].astype(str))
    marked = pd.MultiIndex.from_frame(boilerplate[["doc", "id"]].astype(str))
    table = paras.assign(era=[labels[e] for e in era], date=date)[keys.isin(marked)]
    if table.empty:
        return pd.DataFrame(columns=columns)
    table = table.assign(formula=[formula(t) for t in table["text"]])
    table = table.assign(key=table["date"].where(table["date"] != "", "\uffff"))
    table = table.sort_values(["key", "doc", "id"], kind="stable")
    out = (
        table.groupby(["era", "formula"], sort=False)
        .agg(
            size=("id", "size"),
            documents=("doc", "nunique"),
            first_use=("date", "first"),
            first_doc=("doc", "first"),
            example=("text", "first"),
        )
        .reset_index()
    )
    out["example"] = out["example"].str.slice(0, EXAMPLE_CHARS)
    out = out.sort_values(["era", "documents", "size"], ascending=[True, False, False])
    return out[columns].reset_index(drop=True)
