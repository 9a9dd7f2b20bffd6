"""Boilerplate: paragraphs whose normalised text recurs in many documents."""

from __future__ import annotations

import math
import re
from itertools import pairwise

from bluehelmet.reuse.tokens import TokenTable, tokens

#: Default: a text is boilerplate in more than 5% of documents, and at least 20.
MIN_DOCS_SHARE = 0.05
MIN_DOCS_FLOOR = 20


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
