"""Normalised word tokens with their character offsets (OCR hyphenation is undone upstream)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Letters and digits (any script); everything else separates tokens.
TOKEN_PATTERN = re.compile(r"[^\W_]+")
#: How tokens are made, recorded in every result.
TOKENIZER = r"regex [^\W_]+, lower case"
#: Byte table of :func:`token_table`: ASCII letters lowered, ASCII digits and every byte
#: of a multi-byte UTF-8 character kept, every other ASCII byte a space.
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 or c >= 128 else 32
    for c in range(256)
)


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


def token_offsets(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Character ``[start, end)`` of every token of every text (as :func:`token_spans` gives
    them) and the offsets of each text's tokens: text ``i`` owns ``offsets[i]:offsets[i+1]``.

    ASCII texts are read all at once (a byte is a character; word bytes are those the byte
    table of :func:`token_table` keeps); other texts go through the pattern one by one.

    >>> starts, ends, offsets = token_offsets(["Calls upon, all", "", "é x"])
    >>> starts.tolist(), ends.tolist(), offsets.tolist()
    ([0, 6, 12, 0, 2], [5, 10, 15, 1, 3], [0, 3, 3, 5])
    """
    arr = pa.array(texts, pa.large_string())
    n = len(arr)
    ascii_text = pc.string_is_ascii(arr).to_numpy(zero_copy_only=False)
    bounds = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data = arr.buffers()[2]
    raw = data.to_pybytes()[bounds[0] : bounds[-1]] if data is not None else b""
    word = np.frombuffer(raw.translate(_ASCII_WORDS), dtype=np.uint8) != 32
    local = bounds - bounds[0]
    edge = np.zeros(len(word) + 1, dtype=bool)  # where a text begins or ends
    edge[local] = True
    before = np.concatenate([[False], word]) & ~edge  # the byte before is a word byte
    after = np.concatenate([word, [False]]) & ~edge  # the next byte is a word byte
    starts = np.flatnonzero(word & ~before[:-1])
    ends = np.flatnonzero(word & ~after[1:]) + 1
    owner = np.searchsorted(local, starts, side="right") - 1
    keep = ascii_text[owner]
    starts, ends, owner = starts[keep], ends[keep], owner[keep]
    counts = np.bincount(owner, minlength=n)
    starts, ends = starts - local[owner], ends - local[owner]
    other = np.flatnonzero(~ascii_text).tolist()
    spans = [[m.span() for m in TOKEN_PATTERN.finditer(texts[i])] for i in other]
    counts[other] = [len(sp) for sp in spans]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    out = np.empty((int(offsets[-1]), 2), dtype=np.int64)
    mine = np.repeat(ascii_text, counts)
    out[mine, 0], out[mine, 1] = starts, ends
    if len(other):
        out[~mine] = np.array([s for sp in spans for s in sp], dtype=np.int64).reshape(-1, 2)
    return out[:, 0], out[:, 1], offsets


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
        ids, offsets = take_ragged(self.ids, self.offsets, rows)
        return TokenTable(ids=ids, offsets=offsets, vocab=self.vocab)


def take_ragged(
    values: np.ndarray, offsets: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Values and new offsets of rows ``rows`` (in that order) of a ragged array.

    Row ``i`` of the ragged array is ``values[offsets[i]:offsets[i + 1]]``.

    >>> values, offsets = take_ragged(np.array([5, 6, 7, 8]), np.array([0, 1, 1, 4]), [2, 0])
    >>> values.tolist(), offsets.tolist()
    ([6, 7, 8, 5], [0, 3, 4])
    """
    rows = np.asarray(rows, dtype=np.int64)
    starts = offsets[rows]
    sizes = offsets[rows + 1] - starts
    out = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(sizes, out=out[1:])
    index = np.repeat(starts - out[:-1], sizes) + np.arange(out[-1], dtype=np.int64)
    return np.asarray(values[index]), out


def token_table(texts: Iterable[str]) -> TokenTable:
    """Tokenise all ``texts`` at once (same tokens as :func:`tokens`), ids in order of appearance.

    In Arrow: ASCII texts are lowered and their separators blanked by one byte table over
    the whole batch, then split on spaces; a text that is not ASCII is first replaced by
    its :func:`tokens` joined by spaces (the byte table keeps those unchanged).

    >>> t = token_table(["Calls upon all", "", "all CALLS"])
    >>> t.ids.tolist(), t.sizes().tolist(), t.vocab.tolist()
    ([0, 1, 2, 2, 0], [3, 0, 2], ['calls', 'upon', 'all'])
    """
    given = texts if isinstance(texts, list | pd.Series | np.ndarray) else list(texts)
    arr = pa.array(given, pa.large_string())
    other = pc.invert(pc.string_is_ascii(arr))
    if pc.any(other).as_py():
        pieces = [" ".join(tokens(t)) for t in arr.filter(other).to_pylist()]
        arr = pc.replace_with_mask(arr, other, pa.array(pieces, pa.large_string()))
    _, offsets, data = arr.buffers()
    blanked = pa.py_buffer(data.to_pybytes().translate(_ASCII_WORDS)) if data else data
    arr = pa.Array.from_buffers(arr.type, len(arr), [None, offsets, blanked], offset=arr.offset)
    lists = pc.ascii_split_whitespace(arr)
    flat = pc.list_flatten(lists)
    word = pc.greater(pc.binary_length(flat), 0)  # the split leaves "" at either end
    owner = pc.list_parent_indices(lists).to_numpy()[word.to_numpy(zero_copy_only=False)]
    offsets_out = np.zeros(len(arr) + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=len(arr)), out=offsets_out[1:])
    coded = pc.dictionary_encode(flat.filter(word))
    return TokenTable(
        ids=coded.indices.to_numpy().astype(np.int64),
        offsets=offsets_out,
        vocab=np.array(coded.dictionary.to_pylist(), dtype=object),
    )
