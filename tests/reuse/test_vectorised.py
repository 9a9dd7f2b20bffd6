"""The whole-corpus (vectorised) steps give what the one-paragraph references give."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd
import pytest

from bluehelmet.reuse.align import align
from bluehelmet.reuse.align_batch import align_pairs, char_spans
from bluehelmet.reuse.boilerplate import formula, formulas
from bluehelmet.reuse.inputs import RecordReader
from bluehelmet.reuse.minhash import EMPTY, KEY_BITS, VALUE_BITS, permutations, signatures
from bluehelmet.reuse.pipeline import boilerplate, prepare
from bluehelmet.reuse.shingles import shingle_hashes, shingle_texts, shingle_tokens
from bluehelmet.reuse.spill import MemoryStore
from bluehelmet.reuse.tokens import take_ragged, token_offsets, token_spans, token_table, tokens

WORDS = ["council", "decides", "calls", "upon", "all", "parties", "ceasefire", "İstanbul"]


def _texts(seed: int, count: int = 120) -> list[str]:
    """Random texts of 0-40 words with punctuation, shared phrases and some near copies."""
    rng = np.random.default_rng(seed)
    texts: list[str] = []
    for k in range(count):
        if texts and k % 4 == 0:  # a near copy of an earlier text
            base = texts[int(rng.integers(len(texts)))].split()
            if base:
                base[int(rng.integers(len(base)))] = str(rng.choice(WORDS)).upper()
            texts.append(" ".join(base) + " (a);")
        else:
            n = int(rng.integers(0, 40))
            texts.append(", ".join(str(w).capitalize() for w in rng.choice(WORDS, n)) + ".")
    return texts + ["", " ;; ", "one", "two words"]


@pytest.mark.parametrize("seed", [1, 2])
def test_token_table_matches_tokens(seed: int) -> None:
    texts = _texts(seed)
    table = token_table(texts)
    assert [table.get(i) for i in range(len(texts))] == [tokens(t) for t in texts]
    rows = np.array([5, 0, len(texts) - 1, 3])
    sub = table.take(rows)
    assert [sub.get(i) for i in range(len(rows))] == [tokens(texts[r]) for r in rows]


def test_token_table_matches_tokens_on_hard_texts() -> None:
    texts = ["  lead; trail  ", "a\x00b\x1cc\x85d\xa0e\u2003f", "x_y 3² ½ Ⅻ ǅ", "naïve CAFÉ",
             "Straße", "e\u0301cole İ", "ASCII only, 2nd.", "", "日本語"]  # fmt: skip
    table = token_table(texts * 2)
    assert [table.get(i) for i in range(len(texts) * 2)] == [tokens(t) for t in texts * 2]


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
def test_shingle_tokens_matches_one_paragraph_hashes(n: int) -> None:
    texts = _texts(3)
    s = shingle_tokens(token_table(texts), n=n)
    assert len(s) == len(texts)
    for i, text in enumerate(texts):
        np.testing.assert_array_equal(s.get(i), shingle_hashes(tokens(text), n))


def test_signatures_match_python_integers() -> None:
    texts = _texts(4, count=30)
    s = shingle_texts(texts, n=3)
    sig = signatures(s, num_perm=16, seed=3, workers=2)
    a, b = permutations(16, seed=3)
    for i in range(len(texts)):
        xs = [int(h) >> (64 - KEY_BITS) for h in s.get(i)]
        if not xs:
            assert (sig[i] == EMPTY).all()
            continue
        expected = [
            min(((int(ak) * x + int(bk)) % 2**64) >> (64 - VALUE_BITS) for x in xs)
            for ak, bk in zip(a, b, strict=True)
        ]
        assert sig[i].tolist() == expected
    np.testing.assert_array_equal(sig, signatures(s, num_perm=16, seed=3, workers=1))


def test_align_pairs_match_align_one_by_one() -> None:
    texts = _texts(5)
    rng = np.random.default_rng(0)
    a = np.concatenate([rng.integers(0, len(texts), 300), np.arange(4, 100, 4)])
    b = np.concatenate([rng.integers(0, len(texts), 300), np.arange(4, 100, 4) - 1])
    a = np.append(a, [7, 7])  # a repeated pair is aligned once
    b = np.append(b, [9, 9])
    spans = char_spans(texts, a, b, align_pairs(token_table(texts), a, b))
    assert spans.tolist() == [list(align(texts[i], texts[j])) for i, j in zip(a, b, strict=True)]
    assert (spans[:, 0] >= 0).sum() > 100  # most pairs share a word


def test_align_pairs_in_small_stacks(monkeypatch: pytest.MonkeyPatch) -> None:
    import bluehelmet.reuse.align_batch as align_batch

    texts = _texts(6, count=40)
    a, b = np.arange(0, 39), np.arange(1, 40)
    table = token_table(texts)
    whole = align_pairs(table, a, b)
    monkeypatch.setattr(align_batch, "MAX_CELLS", 64)  # one pair per stack
    np.testing.assert_array_equal(align_pairs(table, a, b), whole)
    spans = char_spans(texts, a, b, whole)
    monkeypatch.setattr(align_batch, "TEXT_BLOCK", 3)  # token offsets found 3 texts at a time
    np.testing.assert_array_equal(char_spans(texts, a, b, whole), spans)


@pytest.mark.parametrize("seed", [1, 2])
def test_token_offsets_match_token_spans(seed: int) -> None:
    rng = np.random.default_rng(seed)
    alphabet = list("ab Z9_-.,;\n\té") + ["\u2014", "ß", "İ"]
    texts = ["".join(rng.choice(alphabet, int(rng.integers(0, 30)))) for _ in range(500)]
    texts += _texts(seed) + ["_", "a", "a_b", "x" * 50]
    starts, ends, offsets = token_offsets(texts)
    for i, text in enumerate(texts):
        mine = slice(offsets[i], offsets[i + 1])
        got = list(zip(starts[mine], ends[mine], strict=True))
        assert got == [(s, e) for _, s, e in token_spans(text)], text


@pytest.mark.parametrize("seed", [1, 2])
def test_formulas_of_a_token_table_match_formula(seed: int) -> None:
    texts = _texts(seed) + ["5. (b) iv) Decides", "(a)", "1 2", "12. 3. a. b. Notes", "x"]
    assert formulas(token_table(texts)) == [formula(t) for t in texts]


def test_boilerplate_is_a_formula_in_more_than_min_docs_documents() -> None:
    texts = ["1. Remain seized.", "remain SEIZED", "(c) Remain seized", "Other text", "Other",
             "(d) remain seized"]  # fmt: skip
    df = pd.DataFrame({"doc": ["a", "b", "c", "c", "d", "c"], "id": list("111213"), "text": texts})
    reader = RecordReader(df)
    store = MemoryStore()
    batch = prepare(*next(reader.batches(10)), reader, n=2, max_tokens=10)
    store.add(batch, signatures(batch.shingles, num_perm=4))
    mask, eras = boilerplate(store, min_docs=2)
    assert mask.tolist() == [True, True, True, False, False, True]  # 3 documents > 2
    assert eras[["era", "documents", "min_docs"]].values.tolist() == [["undated", 4, 2]]
    assert boilerplate(store, min_docs=3)[0].tolist() == [False] * 6
    assert boilerplate(store, min_docs=None)[1]["min_docs"].tolist() == [20]  # max(20, 5% of 4)


def test_boilerplate_is_learned_per_era() -> None:
    # "remain seized" is in 3 documents of the late era and 1 of the early one: over all
    # years 4 documents (not over min_docs=4), within the late era 3 of its 3 (over 2).
    texts = ["Remain seized.", "Remain seized.", "Remain seized.", "Remain seized.", "Other"]
    df = pd.DataFrame({"doc": list("abcde"), "id": list("11111"), "text": texts})
    reader = RecordReader(df)
    store = MemoryStore()
    batch = prepare(*next(reader.batches(10)), reader, n=2, max_tokens=10)
    store.add(batch, signatures(batch.shingles, num_perm=4))
    year = np.array([1950, 2001, 2002, 2003, 1951])
    assert not boilerplate(store, min_docs=4, year=year, eras=())[0].any()
    mask, eras = boilerplate(store, min_docs=2, year=year)  # eras split at the gap
    assert mask.tolist() == [False, True, True, True, False]
    assert eras[["era", "documents", "boilerplate_paragraphs"]].values.tolist() == [
        ["1950-1951", 2, 0], ["2001-2003", 3, 3]]  # fmt: skip


def test_take_ragged_matches_slicing() -> None:
    rng = np.random.default_rng(5)
    sizes = rng.integers(0, 6, 50)
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    values = rng.integers(0, 1000, int(offsets[-1]))
    rows = rng.integers(0, 50, 30)
    got, new_offsets = take_ragged(values, offsets, rows)
    expected = [values[offsets[r] : offsets[r + 1]].tolist() for r in rows]
    assert [got[s:e].tolist() for s, e in pairwise(new_offsets)] == expected


def test_shingles_sorted_by_paragraph_when_hashes_share_their_top_bits() -> None:
    from bluehelmet.reuse.shingles import _by_paragraph

    low = np.array([7, 4, 6, 5, 1], dtype=np.uint64)  # the same key: only the low bits differ
    hashes, para = _by_paragraph(low, np.array([0, 0, 0, 0, 1]), 2)
    assert hashes.tolist() == [4, 5, 6, 7, 1] and para.tolist() == [0, 0, 0, 0, 1]
    rng = np.random.default_rng(0)
    big = rng.integers(0, 2**63, 1000, dtype=np.uint64)
    owner = rng.integers(0, 30, 1000)
    order = np.lexsort((big, owner))
    got = _by_paragraph(big, owner, 30)
    assert got[0].tolist() == big[order].tolist() and got[1].tolist() == owner[order].tolist()
