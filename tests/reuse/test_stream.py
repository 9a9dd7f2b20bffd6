"""Streaming reuse against the in-memory engine on synthetic corpora with planted reuse."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.errors import UsageError
from bluehelmet.reuse import stream
from bluehelmet.reuse.engine import ReuseResult, find_reuse
from bluehelmet.reuse.inputs import read_paragraphs
from bluehelmet.reuse.run import run_reuse
from bluehelmet.reuse.schema import PAIR_COLUMNS
from bluehelmet.reuse.stream import StreamResult, stream_reuse
from bluehelmet.reuse.synthetic import FORMULAS, PLANTED_KINDS, write_corpus
from bluehelmet.reuse.tokens import tokens

KEYS = {"source_id": str, "target_id": str, "id": str}
N = 600
MIN_DOCS = 8  # about 60 documents: each formula ends about 12 of them
#: The tables both runs make from the pairs.
MEASURED = ("families", "resolution_reuse", "repetition_index")


def _grams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """Word n-grams as plain Python tuples (independent of the engine's hashing)."""
    tok = tokens(text)
    if len(tok) < n:
        return {tuple(tok)} if tok else set()
    return {tuple(tok[i : i + n]) for i in range(len(tok) - n + 1)}


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=KEYS, keep_default_na=False)


def _as_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """A result table as it reads back from CSV (same dtypes as the streamed files)."""
    return pd.read_csv(pd.io.common.StringIO(frame.to_csv(index=False)), dtype=KEYS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("corpus")
    made = write_corpus(folder / "c.jsonl", N, seed=11, batch_size=97, boilerplate_share=0.6)
    return made.paragraphs, pd.read_csv(made.planted, dtype=str)


@pytest.fixture(scope="module")
def memory(corpus: tuple[Path, pd.DataFrame]) -> ReuseResult:
    paragraphs, problems = read_paragraphs(corpus[0])
    assert problems == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return find_reuse(paragraphs, min_docs=MIN_DOCS)


@pytest.fixture(scope="module")
def paired(corpus: tuple[Path, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("paired")
    return out, stream_reuse(
        corpus[0], out, batch_size=64, pair_boilerplate=True, min_docs=MIN_DOCS
    )


def test_corpus_has_planted_pairs_of_every_kind_and_boilerplate(corpus) -> None:
    path, planted = corpus
    records = pd.read_json(path, lines=True, dtype=False)
    assert len(records) == N
    assert not records.duplicated(["doc", "id"]).any()
    assert set(planted["kind"]) == set(PLANTED_KINDS)
    assert len(planted) > 30
    bodies = records["text"].str.partition(". ")[2]
    assert bodies.isin(FORMULAS).sum() > 25
    assert (planted["source_doc"] < planted["target_doc"]).all()


def test_planted_pairs_pass_the_thresholds_by_independent_count(corpus) -> None:
    path, planted = corpus
    text = pd.read_json(path, lines=True, dtype=False).set_index(["doc", "id"])["text"]
    for row in planted.itertuples():
        a = _grams(text[(row.source_doc, row.source_id)])
        b = _grams(text[(row.target_doc, row.target_id)])
        inter = len(a & b)
        assert inter / len(a | b) >= 0.6 or inter / min(len(a), len(b)) >= 0.8, row


def test_stream_gives_the_in_memory_pairs_boilerplate_included(paired, memory) -> None:
    out, result = paired
    assert result.params["paragraphs"] == N
    assert result.params["candidates"] == memory.params["candidates"]
    pd.testing.assert_frame_equal(_read(out / "pairs.csv"), _as_csv(memory.pairs))
    pd.testing.assert_frame_equal(
        _read(out / "boilerplate_pairs.csv"), _as_csv(memory.boilerplate_pairs)
    )
    pd.testing.assert_frame_equal(_read(out / "boilerplate.csv"), _as_csv(memory.boilerplate))
    assert len(memory.boilerplate_pairs) > 100


def test_default_leaves_boilerplate_out_of_lsh_with_the_same_pairs(corpus, memory, tmp_path):
    result = stream_reuse(corpus[0], tmp_path, batch_size=50, min_docs=MIN_DOCS)
    pd.testing.assert_frame_equal(_read(tmp_path / "pairs.csv"), _as_csv(memory.pairs))
    assert not (tmp_path / "boilerplate_pairs.csv").exists()
    assert result.params["candidates"] < memory.params["candidates"]
    assert result.params["boilerplate_paragraphs"] == len(memory.boilerplate)
    assert {p.name for p in result.files} == {
        "boilerplate.csv", "params.json", "pairs.csv", *(f"{t}.csv" for t in MEASURED)
    }  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in result.files)


def test_every_planted_pair_is_found_with_the_source_first(paired, corpus) -> None:
    out, _ = paired
    found = _read(out / "pairs.csv")
    key = ["source_doc", "source_id", "target_doc", "target_id"]
    got = set(found[key].itertuples(index=False, name=None))
    want = set(corpus[1][key].itertuples(index=False, name=None))
    assert want <= got
    assert list(found.columns) == list(PAIR_COLUMNS)


def test_found_scores_match_an_independent_count(paired, corpus) -> None:
    out, _ = paired
    text = pd.read_json(corpus[0], lines=True, dtype=False).set_index(["doc", "id"])["text"]
    found = _read(out / "pairs.csv")
    for row in found.head(40).itertuples():
        a = _grams(text[(row.source_doc, row.source_id)])
        b = _grams(text[(row.target_doc, row.target_id)])
        inter = len(a & b)
        assert row.jaccard == pytest.approx(inter / len(a | b))
        assert row.containment == pytest.approx(inter / min(len(a), len(b)))


def test_batch_size_and_format_do_not_change_the_output(corpus, paired, tmp_path) -> None:
    out, _ = paired
    options = {"pair_boilerplate": True, "min_docs": MIN_DOCS}
    one = stream_reuse(corpus[0], tmp_path / "one", batch_size=1, **options)
    assert one.params["paragraphs"] == N
    parquet = write_corpus(tmp_path / "c.parquet", N, seed=11, boilerplate_share=0.6)
    stream_reuse(parquet.paragraphs, tmp_path / "pq", batch_size=200, **options)
    for name in ("pairs.csv", "boilerplate_pairs.csv", "boilerplate.csv"):
        expected = (out / name).read_bytes()
        assert (tmp_path / "one" / name).read_bytes() == expected
        assert (tmp_path / "pq" / name).read_bytes() == expected


def test_small_verify_chunks_duckdb_join_and_parquet_output_give_the_same_pairs(
    corpus, paired, tmp_path, monkeypatch
) -> None:
    out, result = paired
    monkeypatch.setattr(stream, "VERIFY_CHUNK", 7)  # many chunks instead of one
    options = {"pair_boilerplate": True, "min_docs": MIN_DOCS, "candidates": "duckdb"}
    pq = stream_reuse(corpus[0], tmp_path / "pq", batch_size=64, fmt="parquet", **options)
    assert result.params["candidates"] > 7 * 10
    assert (pq.params["candidate_join"], result.params["candidate_join"]) == ("duckdb", "numpy")
    for name in ("pairs", "boilerplate_pairs", "boilerplate"):
        got = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        want = _read(out / f"{name}.csv")
        pd.testing.assert_frame_equal(_as_csv(got), want, check_dtype=False)


def test_synthetic_corpus_is_seeded(tmp_path: Path) -> None:
    a = write_corpus(tmp_path / "a.jsonl", 150, seed=4)
    b = write_corpus(tmp_path / "b.jsonl", 150, seed=4)
    c = write_corpus(tmp_path / "c.jsonl", 150, seed=5)
    assert a.paragraphs.read_bytes() == b.paragraphs.read_bytes()
    assert a.planted.read_bytes() == b.planted.read_bytes()
    assert a.paragraphs.read_bytes() != c.paragraphs.read_bytes()


def test_progress_bar_only_when_asked(corpus, tmp_path, capsys) -> None:
    stream_reuse(corpus[0], tmp_path / "quiet", batch_size=200, progress=False)
    assert capsys.readouterr().err == ""
    stream_reuse(corpus[0], tmp_path / "bar", batch_size=200, progress=True)
    err = capsys.readouterr().err
    assert "reading and hashing" in err and "verifying and aligning" in err


def test_bad_settings_are_usage_errors_before_anything_is_written(corpus, tmp_path) -> None:
    with pytest.raises(UsageError, match="^batch_size must be at least 1, got 0$"):
        stream_reuse(corpus[0], tmp_path / "a", batch_size=0)
    with pytest.raises(UsageError, match=r"^bands \(30\) must divide num_perm \(128\)$"):
        stream_reuse(corpus[0], tmp_path / "b", bands=30)
    with pytest.raises(UsageError, match="^unknown fmt 'xlsx'; use csv, parquet$"):
        stream_reuse(corpus[0], tmp_path / "c", fmt="xlsx")
    with pytest.raises(UsageError, match="^unknown reuse option"):
        stream_reuse(corpus[0], tmp_path / "d", ngram=3)
    assert list(tmp_path.iterdir()) == []


def test_cli_stream_flag(corpus, tmp_path) -> None:
    out = tmp_path / "out"
    args = ["reuse", str(corpus[0]), "--out", str(out), "--stream", "--batch-size", "100"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "wrote 6 files" in result.stdout
    stream_reuse(corpus[0], tmp_path / "api")
    assert (out / "pairs.csv").read_bytes() == (tmp_path / "api" / "pairs.csv").read_bytes()
    assert json.loads((out / "params.json").read_text())["batch_size"] == 100


def test_stream_result_type(paired) -> None:
    _, result = paired
    assert isinstance(result, StreamResult)
    assert set(result.seconds) == {"read_and_hash", "pairs", "measures"}
    assert result.params["engine"] == "stream" and result.params["batch_size"] == 64


def test_a_folder_of_resolutions_is_streamed(tmp_path: Path) -> None:
    body = (
        "Calls upon all parties to cooperate fully with the force and to respect its freedom "
        "of movement at all times"
    )  # 20 words
    folder = tmp_path / "texts"
    folder.mkdir()
    head = "RESOLUTION {} ({})\n\nThe Security Council,\n\n"
    (folder / "S_RES_0100_1950_EN.txt").write_text(
        head.format(100, 1950) + f"1. {body};\n\n2. Decides to remain seized of the matter."
    )
    (folder / "S_RES_0200_1960_EN.txt").write_text(
        head.format(200, 1960) + f"1. Welcomes the report of the Secretary-General;\n\n2. {body}."
    )
    (folder / "notes.txt").write_text("")
    result = stream_reuse(folder, tmp_path / "out", batch_size=1)
    assert result.problems == ["file notes.txt: empty file; skipped"]
    pairs = _read(tmp_path / "out" / "pairs.csv")
    assert pairs[["source_id", "target_id"]].values.tolist() == [["100:1", "200:2"]]
    # 21 tokens with the paragraph number: 17 five-grams each, 16 shared
    assert pairs["jaccard"].tolist() == pytest.approx([16 / 18])
    assert pairs["containment"].tolist() == pytest.approx([16 / 17])


def test_stream_writes_the_in_memory_families_and_measures(tmp_path: Path) -> None:
    """A few thousand planted paragraphs (one without words, which both runs skip from the
    pairs but keep in the measures): the streamed families, document shares and yearly
    index are the in-memory run's."""
    made = write_corpus(tmp_path / "c.jsonl", 3000, seed=5)
    with made.paragraphs.open("a") as handle:
        handle.write('{"doc": "SYN/9999999", "id": "1", "text": "--- ; ---", "date": "2001"}\n')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_reuse(made.paragraphs, tmp_path / "memory")
    run_reuse(made.paragraphs, tmp_path / "stream", stream=True, batch_size=700)
    tables = {
        name: [_read(tmp_path / run / f"{name}.csv") for run in ("memory", "stream")]
        for name in MEASURED
    }
    pd.testing.assert_frame_equal(*tables["families"])
    assert len(tables["families"][0]) > 200  # the planted pairs and their chains
    pd.testing.assert_frame_equal(*tables["resolution_reuse"], check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(*tables["repetition_index"], check_exact=False, rtol=1e-12)
    shares = tables["resolution_reuse"][1]
    assert (shares["share_same"] > 0).any() and (shares["share_other"] > 0).any()
    assert "SYN/9999999" in set(shares["doc"])
