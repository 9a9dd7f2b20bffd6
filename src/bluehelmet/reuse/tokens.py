"""Normalised word tokens with their character offsets (OCR hyphenation is undone upstream)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd

#: Letters and digits (any script); everything else separates tokens.
TOKEN_PATTERN = re.compile(r"[^\W_]+")
#: How tokens are made, recorded in every result.
TOKENIZER = r"regex [^\W_]+, lower case"


def tokens(text: str) -> list[str]:
    """Lower-case runs of letters and digits.

    >>> tokens("Decides to remain SEIZED of the matter; 2nd time.")
    ['decides', 'to', 'remain', 'seized', 'of', 'the', 'matter', '2nd', 'time']
    """
    return [m.group().lower() for m in TOKEN_PATTERN.finditer(text)]


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Tokens with their ``[start, end)`` character offsets in ``text``.

    >>> token_spans("Calls upon, all")
    [('calls', 0, 5), ('upon', 6, 10), ('all', 12, 15)]
    """
    return [(m.group().lower(), m.start(), m.end()) for m in TOKEN_PATTERN.finditer(text)]


def normalise(text: str) -> str:
    """The text as its tokens joined by single spaces (used to spot boilerplate).

    >>> normalise("  Decides to remain seized of the matter. ")
    'decides to remain seized of the matter'
    """
    return " ".join(tokens(text))


@dataclass(frozen=True)
class TokenTable:
    """Tokens of many texts as vocabulary ids: text ``i`` owns ``ids[offsets[i]:offsets[i+1]]``."""

    ids: np.ndarray
    offsets: np.ndarray
    vocab: np.ndarray

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def sizes(self) -> np.ndarray:
        """Number of tokens per text."""
        return np.diff(self.offsets)

    def get(self, i: int) -> list[str]:
        """The tokens of text ``i`` (as :func:`tokens` gives them)."""
        return [str(t) for t in self.vocab[self.ids[self.offsets[i] : self.offsets[i + 1]]]]

    def take(self, rows: np.ndarray) -> TokenTable:
        """The texts at positions ``rows`` (in that order), sharing the vocabulary."""
        rows = np.asarray(rows, dtype=np.int64)
        sizes = self.sizes()[rows]
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        pos = np.repeat(self.offsets[rows] - offsets[:-1], sizes) + np.arange(offsets[-1])
        return TokenTable(ids=self.ids[pos], offsets=offsets, vocab=self.vocab)


def token_table(texts: Iterable[str]) -> TokenTable:
    """Tokenise all ``texts`` at once (same tokens as :func:`tokens`), ids in order of appearance.

    >>> t = token_table(["Calls upon all", "", "all CALLS"])
    >>> t.ids.tolist(), t.sizes().tolist(), t.vocab.tolist()
    ([0, 1, 2, 2, 0], [3, 0, 2], ['calls', 'upon', 'all'])
    """
    find = TOKEN_PATTERN.findall
    parts = [find(t) for t in texts]
    sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    words = np.array([w.lower() for w in chain.from_iterable(parts)], dtype=object)
    ids, vocab = pd.factorize(words)
    return TokenTable(
        ids=ids.astype(np.int64), offsets=offsets, vocab=np.asarray(vocab, dtype=object)
    )
