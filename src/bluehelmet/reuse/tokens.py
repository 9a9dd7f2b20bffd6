"""Normalised word tokens with their character offsets (OCR hyphenation is undone upstream)."""

from __future__ import annotations

import re

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
