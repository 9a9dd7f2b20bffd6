"""The reuse engine on a synthetic corpus with planted reuse, and on the shared corpus."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.reuse.engine import ReuseResult, find_reuse
from bluehelmet.reuse.exact import brute_force_pairs
from bluehelmet.reuse.schema import PAIR_COLUMNS
from bluehelmet.reuse.shingles import shingle_texts
from bluehelmet.reuse.tokens import tokens
from bluehelmet.reuse.verify import verify

BOILERPLATE = "Decides to remain seized of the matter."
N_DOCS = 300


def _python_overlap(x: str, y: str, n: int = 5) -> tuple[float, float]:
    """Jaccard and containment on plain Python sets of n-gram tuples (independent check)."""

    def grams(t: str) -> set[tuple[str, ...]]:
        tok = tokens(t)
        if len(tok) < n:
            return {tuple(tok)} if tok else set()
        return {tuple(tok[i : i + n]) for i in range(len(tok) - n + 1)}

    a, b = grams(x), grams(y)
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def _corpus(seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, str]]]:
    """Paragraph table, planted pairs (source, target keys and kind), decoy pairs."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocab = sorted({"".join(rng.choice(letters, rng.integers(3, 10))) for _ in range(3000)})

    def sentence(lo: int = 12, hi: int = 18) -> list[str]:
        return [str(w) for w in rng.choice(vocab, rng.integers(lo, hi))]

    def render(sents: list[list[str]]) -> str:
        return " ".join(" ".join(s).capitalize() + "." for s in sents)

    rows: list[dict[str, str]] = []
    sents_of: dict[str, list[list[str]]] = {}
    for d in range(N_DOCS):
        doc = f"D{d:03d}"
        date = str(pd.Timestamp("1990-01-01") + pd.Timedelta(days=3 * d))[:10]
        for p in range(3):
            sents = [sentence() for _ in range(3)]
            key = f"{doc}/{p}"
            sents_of[key] = sents
            rows.append({"doc": doc, "id": str(p), "text": render(sents), "date": date})
        if d % 5 == 0:  # boilerplate on its own, in 60 documents
            rows.append({"doc": doc, "id": "bp", "text": BOILERPLATE, "date": date})
    by_key = {f"{r['doc']}/{r['id']}": r for r in rows}
    kinds = ["exact", "substitution", "insertion", "deletion", "reorder"]
    planted = []
    for k in range(40):
        src_doc, tgt_doc = sorted(rng.choice(N_DOCS, 2, replace=False))
        src = f"D{src_doc:03d}/{k % 3}"
        tgt = f"D{tgt_doc:03d}/{k % 3}"
        if src in {p["source"] for p in planted} | {p["target"] for p in planted}:
            continue
        if tgt in {p["source"] for p in planted} | {p["target"] for p in planted}:
            continue
        kind = kinds[k % len(kinds)]
        sents = [list(s) for s in sents_of[src]]
        if kind == "substitution":
            sents[1][3] = str(rng.choice(vocab))
        elif kind == "insertion":
            sents[1][4:4] = [str(w) for w in rng.choice(vocab, 3)]
        elif kind == "deletion":
            del sents[1][4:7]
        elif kind == "reorder":
            sents = [sents[0], sents[2], sents[1]]
        by_key[tgt]["text"] = render(sents)
        planted.append({"source": src, "target": tgt, "kind": kind})
    # decoys: unrelated text followed by the boilerplate sentence
    decoys = []
    for k in range(10):
        a, b = f"D{2 * k + 1:03d}/dec", f"D{2 * k + 201:03d}/dec"
        for key in (a, b):
            doc = key.split("/")[0]
            date = by_key[f"{doc}/0"]["date"]
            rows.append(
                {"doc": doc, "id": "dec", "text": render([sentence(6, 9)]) + " " + BOILERPLATE,
                 "date": date}
            )  # fmt: skip
        decoys.append((a, b))
    return pd.DataFrame(rows), pd.DataFrame(planted), decoys


@pytest.fixture(scope="module")
def corpus() -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, str]]]:
    return _corpus()


@pytest.fixture(scope="module")
def result(corpus: tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, str]]]) -> ReuseResult:
    return find_reuse(corpus[0])


def _keys(pairs: pd.DataFrame) -> set[tuple[str, str]]:
    return {
        (f"{r.source_doc}/{r.source_id}", f"{r.target_doc}/{r.target_id}")
        for r in pairs.itertuples()
    }


def test_schema_and_params(result: ReuseResult) -> None:
    assert tuple(result.pairs.columns) == PAIR_COLUMNS
    assert tuple(result.boilerplate_pairs.columns) == PAIR_COLUMNS
    for key in ("tokenizer", "n", "num_perm", "bands", "seed"):
        assert key in result.params
    assert result.params["capped_buckets"] == 0


def test_planted_pairs_found_and_oriented(result: ReuseResult, corpus) -> None:
    _, planted, _ = corpus
    found = _keys(result.pairs)
    missed = [p for p in planted.itertuples() if (p.source, p.target) not in found]
    assert not missed, missed
    assert set(planted["kind"]) == {"exact", "substitution", "insertion", "deletion", "reorder"}


def test_boilerplate_and_decoys(result: ReuseResult, corpus) -> None:
    _, _, decoys = corpus
    found = _keys(result.pairs)
    flat = found | {(b, a) for a, b in found}
    assert not [d for d in decoys if d in flat]
    assert not any(k.endswith("/bp") for pair in found for k in pair)
    assert set(result.boilerplate["id"]) == {"bp"}
    assert len(result.boilerplate) == N_DOCS // 5
    assert len(result.boilerplate_pairs) >= (N_DOCS // 5) * (N_DOCS // 5 - 1) // 2


def test_precision_and_recall(result: ReuseResult, corpus) -> None:
    paragraphs = corpus[0]
    text = {f"{r.doc}/{r.id}": r.text for r in paragraphs.itertuples()}
    reported = pd.concat([result.pairs, result.boilerplate_pairs])
    for r in reported.itertuples():
        jac, con = _python_overlap(text[f"{r.source_doc}/{r.source_id}"],
                                   text[f"{r.target_doc}/{r.target_id}"])  # fmt: skip
        assert jac >= 0.6 or con >= 0.8
        assert jac == pytest.approx(r.jaccard) and con == pytest.approx(r.containment)
    brute = brute_force_pairs(paragraphs, n=5, min_jaccard=0.6)
    truth = {frozenset((f"{r.doc_a}/{r.id_a}", f"{r.doc_b}/{r.id_b}")) for r in brute.itertuples()}
    found = {frozenset(k) for k in _keys(reported)}
    recall = len(truth & found) / len(truth)
    plain = {p for p in truth if not any(k.endswith("/bp") for k in p)}
    plain_recall = len(plain & found) / len(plain)
    print(
        f"synthetic: {len(truth)} true pairs at J>=0.6 ({len(plain)} without boilerplate), "
        f"recall {recall:.4f} ({plain_recall:.4f}), precision 1.0"
    )
    assert recall >= 0.98 and plain_recall >= 0.98


def test_alignment_spans(result: ReuseResult, corpus) -> None:
    paragraphs, planted, _ = corpus
    text = {f"{r.doc}/{r.id}": r.text for r in paragraphs.itertuples()}
    rows = {(f"{r.source_doc}/{r.source_id}", f"{r.target_doc}/{r.target_id}"): r
            for r in result.pairs.itertuples()}  # fmt: skip
    for p in planted.itertuples():
        r = rows[(p.source, p.target)]
        s = text[p.source][r.source_start : r.source_end]
        t = text[p.target][r.target_start : r.target_end]
        if p.kind == "exact":
            assert s == t == text[p.source].rstrip(".")
        else:
            ts, tt = tokens(s), tokens(t)
            assert ts[:3] == tt[:3] and ts[-3:] == tt[-3:]
            assert len(ts) >= 10


def test_deterministic(result: ReuseResult, corpus) -> None:
    again = find_reuse(corpus[0])
    pd.testing.assert_frame_equal(result.pairs, again.pairs)
    pd.testing.assert_frame_equal(result.boilerplate_pairs, again.boilerplate_pairs)
    assert result.params == again.params


def test_alignment_skips_added_text() -> None:
    base = "calls upon all parties to respect the ceasefire and to cooperate fully with the force"
    df = pd.DataFrame(
        {"doc": ["A", "B"], "id": ["1", "1"], "date": ["1990-01-01", "1990-01-01"],
         "text": [base.capitalize() + ".", "3. Recalling its resolutions, " + base + " now"]}
    )  # fmt: skip
    res = find_reuse(df)
    r = res.pairs.iloc[0]
    assert (r.source_doc, r.target_doc) == ("A", "B")  # same date: doc order decides
    src = df.text[0][r.source_start : r.source_end]
    tgt = df.text[1][r.target_start : r.target_end]
    assert src.lower() == tgt.lower() == base


def test_lsh_caps_large_buckets() -> None:
    from bluehelmet.reuse.lsh import candidates

    sig = np.zeros((6, 4), dtype=np.uint32)
    with pytest.warns(UserWarning, match="2 LSH bucket"):
        out = candidates(sig, bands=2, max_bucket=3)
    assert out.attrs["capped_buckets"] == 2
    assert out.values.tolist() == [[0, 1], [0, 2], [1, 2]]


def test_bad_rows_are_skipped_and_reported_by_row_with_a_summary_warning() -> None:
    words = " ".join(f"w{i}" for i in range(50))
    df = pd.DataFrame(
        {"doc": ["A", "B", "C", "D", "E", "C", None], "id": ["1"] * 7,
         "text": ["", "  ;; ", words, words, words + " " + words, "x y", words]}
    )  # fmt: skip
    with pytest.warns(UserWarning, match="summary: 2 records loaded, 5 skipped") as record:
        res = find_reuse(df, max_tokens=60)
    assert len(record) == 1
    assert res.problems == [
        "row 1: empty text; skipped",
        "row 2: no words; skipped",
        "row 5: too many words (100 > 60 words); skipped",
        "row 6: duplicate (doc, id) ('C', '1') first seen at 3; skipped",
        "row 7: missing field (doc); skipped",
        "summary: 2 records loaded, 5 skipped (duplicate (doc, id): 1, empty text: 1, "
        "missing field: 1, no words: 1, too many words: 1), 0 warnings",
    ]
    assert res.params["paragraphs"] == 2
    assert res.paragraphs[["doc", "id"]].values.tolist() == [
        ["B", "1"], ["C", "1"], ["D", "1"], ["E", "1"]
    ]  # fmt: skip
    assert _keys(res.pairs) == {("C/1", "D/1")}  # the first C/1 is kept, the repeat skipped


def test_in_memory_and_streaming_skip_the_same_rows(tmp_path: Path) -> None:
    from bluehelmet.reuse.stream import stream_reuse

    words = " ".join(f"w{i}" for i in range(50))
    df = pd.DataFrame(
        {"doc": ["A", "B", "C", "A", "D", "E"], "id": ["1"] * 6,
         "text": [words, "", words, "other words " + words, ";;", words + " x"]}
    )  # fmt: skip
    df.to_parquet(tmp_path / "p.parquet")
    with pytest.warns(UserWarning):
        memory = find_reuse(df)
    streamed = stream_reuse(tmp_path / "p.parquet", tmp_path / "out", batch_size=2,
                            pair_boilerplate=True)  # fmt: skip
    assert memory.problems == streamed.problems  # rows of the table = rows of the Parquet file
    assert "row 4: duplicate (doc, id) ('A', '1') first seen at 1; skipped" in memory.problems
    pairs = pd.read_csv(tmp_path / "out" / "pairs.csv", dtype={"source_id": str, "target_id": str})
    pd.testing.assert_frame_equal(pairs, memory.pairs, check_dtype=False)
    assert _keys(memory.pairs) == {("A/1", "C/1"), ("A/1", "E/1"), ("C/1", "E/1")}


@pytest.mark.parametrize("missing", ["doc", "id", "text"])
def test_a_missing_column_is_one_data_format_error_naming_it(missing: str) -> None:
    df = pd.DataFrame({"doc": ["A"], "id": ["1"], "text": ["some words here"]})
    with pytest.raises(DataFormatError) as caught:
        find_reuse(df.drop(columns=missing))
    assert str(caught.value) == (
        f"paragraph table: missing column(s) {missing}; needs doc, id and text"
    )


def test_missing_values_are_missing_fields_not_the_text_none() -> None:
    text = "the council decides to extend the mandate of the force for six months"
    df = pd.DataFrame(
        {"doc": ["A", "B", None, "D"], "id": ["1", "1", "1", float("nan")],
         "text": [text] * 4, "date": [None, pd.NA, "", None]}
    )  # fmt: skip
    with pytest.warns(UserWarning):
        res = find_reuse(df)
    assert res.problems[:2] == [
        "row 3: missing field (doc); skipped",
        "row 4: missing field (id); skipped",
    ]
    assert _keys(res.pairs) == {("A/1", "B/1")}


def test_no_pairs() -> None:
    df = pd.DataFrame({"doc": ["A", "B"], "id": ["1", "1"], "text": ["a b c d e f", "g h i j k l"]})
    res = find_reuse(df)
    assert res.pairs.empty and tuple(res.pairs.columns) == PAIR_COLUMNS


@pytest.mark.shared
def test_shared_corpus_recall(texts_dir: Path) -> None:
    from bluehelmet.documents import load_corpus

    corpus = load_corpus(texts_dir, progress=False)
    rows = [
        {"doc": str(r.number), "id": str(p.index), "text": p.text,
         "date": r.date.isoformat() if r.date else None}
        for r in corpus.resolutions
        for p in r.operative()
    ]  # fmt: skip
    paragraphs = pd.DataFrame(rows).drop_duplicates(["doc", "id"])
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = find_reuse(paragraphs)
    took = time.perf_counter() - start
    brute = brute_force_pairs(paragraphs, n=5, min_jaccard=0.6)
    truth = {frozenset((f"{r.doc_a}/{r.id_a}", f"{r.doc_b}/{r.id_b}")) for r in brute.itertuples()}
    found = {frozenset(k) for k in _keys(pd.concat([res.pairs, res.boilerplate_pairs]))}
    recall = len(truth & found) / max(1, len(truth))
    high = {frozenset(k) for k in _keys(res.pairs[res.pairs["jaccard"] >= 0.6])}
    assert high <= truth  # precision: every pair reported at J >= 0.6 is a true one
    print(
        f"shared: {len(paragraphs)} paragraphs, {len(truth)} true pairs, recall {recall:.4f}, "
        f"{len(res.pairs)} pairs + {len(res.boilerplate_pairs)} boilerplate, {took:.1f}s"
    )
    assert recall >= 0.98


def test_containment_alone_keeps_a_clause_quoted_in_a_longer_paragraph() -> None:
    # bigrams counted by hand: the clause has 6, the paragraph 16 (the clause's 6 among them):
    # Jaccard 6/16 = 0.375 < 0.6 but containment 6/6 = 1 >= 0.8 -> kept. The other pair shares
    # 6 of 8 and 12 bigrams: containment 0.75 and Jaccard 6/14 -> dropped.
    texts = [
        "a b c d e f g",
        "a b c d e f g h i j k l m n o p q",
        "a b c d e f g x y",
        "a b c d e f g r s t u v w",
    ]
    kept = verify(shingle_texts(texts, n=2), pd.DataFrame({"a": [0, 2], "b": [1, 3]}))
    assert kept[["a", "b"]].values.tolist() == [[0, 1]]
    assert kept["jaccard"].tolist() == pytest.approx([6 / 16])
    assert kept["containment"].tolist() == [1.0]


def test_the_earlier_date_is_the_source_whatever_the_doc_ids() -> None:
    text = "the council authorizes the force to take all necessary measures to protect civilians"
    paras = pd.DataFrame(
        {
            "doc": ["A", "Z", "B"],
            "id": ["1", "1", "1"],
            "text": [text] * 3,
            "date": ["2000-01-01", "1990-01-01", ""],
        }  # fmt: skip
    )
    pairs = find_reuse(paras).pairs
    got = set(zip(pairs["source_doc"], pairs["target_doc"], strict=True))
    assert got == {("Z", "A"), ("Z", "B"), ("A", "B")}  # undated B comes last
