"""The Spark engine (local mode) gives the embedded engine's pairs and tables, identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.reuse.spark.session import spark_problem
from bluehelmet.reuse.stream import stream_reuse
from bluehelmet.reuse.synthetic import write_corpus

_PROBLEM = spark_problem()
pytestmark = pytest.mark.skipif(_PROBLEM is not None, reason=str(_PROBLEM))

TABLES = ("pairs", "boilerplate", "families", "resolution_reuse", "repetition_index")


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory):
    from bluehelmet.reuse.spark.session import start_session

    session = start_session("local[2]", tmp_path_factory.mktemp("spark-local"), partitions=2)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "c.jsonl", 2000, seed=5)


def _same(embedded: Path, spark: Path, names: tuple[str, ...]) -> None:
    for name in names:
        a = pd.read_parquet(embedded / f"{name}.parquet")
        b = pd.read_parquet(spark / f"{name}.parquet")
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=name)


@pytest.mark.parametrize("pair_boilerplate", [False, True])
def test_spark_pairs_identical(spark, corpus, tmp_path: Path, pair_boilerplate: bool) -> None:
    from bluehelmet.reuse.spark.engine import spark_reuse

    emb = stream_reuse(corpus.paragraphs, tmp_path / "emb", fmt="parquet", progress=False,
                       pair_boilerplate=pair_boilerplate)  # fmt: skip
    got = spark_reuse(corpus.paragraphs, tmp_path / "spark", session=spark,
                      pair_boilerplate=pair_boilerplate)  # fmt: skip
    names = (*TABLES, "boilerplate_pairs") if pair_boilerplate else TABLES
    _same(tmp_path / "emb", tmp_path / "spark", names)
    assert emb.params["pairs"] > 100  # planted reuse was found, not two empty tables
    if pair_boilerplate:
        assert emb.params["boilerplate_pairs"] > 0
    skip = {"engine", "batch_size", "master"}
    assert {k: v for k, v in got.params.items() if k not in skip} == {
        k: v for k, v in emb.params.items() if k not in skip
    }
    assert got.problems == []
    pairs = pd.read_parquet(tmp_path / "spark" / "pairs.parquet")
    planted = pd.read_csv(corpus.planted, dtype=str, keep_default_na=False)
    keys = ["source_doc", "source_id", "target_doc", "target_id"]
    found = set(map(tuple, pairs[keys].values.tolist()))
    want = set(map(tuple, planted[keys].values.tolist()))
    assert len(want & found) / len(want) > 0.9


def test_spark_bad_records_and_parquet_input(spark, tmp_path: Path) -> None:
    """Records the embedded reader skips are skipped (and counted); Parquet reads the same."""
    from bluehelmet.reuse.spark.engine import spark_reuse

    text = "the council decides to extend the mandate of the force for six months"
    rows = pd.DataFrame(
        {
            "doc": ["A", "B", "B", "C", "", "D"],
            "id": ["1", "1", "1", "1", "1", "1"],
            "text": [text, text, "again " + text, "   ", text, "!!! ???"],
            "date": ["2001", "2000", "2002", "", "", ""],
        }
    )
    rows.to_parquet(tmp_path / "p.parquet", index=False)
    got = spark_reuse(tmp_path / "p.parquet", tmp_path / "out", session=spark)
    pairs = pd.read_parquet(tmp_path / "out" / "pairs.parquet")
    assert pairs[["source_doc", "target_doc"]].values.tolist() == [["B", "A"]]
    assert got.problems == [
        "1 record(s) skipped: duplicate (doc, id)",
        "1 record(s) skipped: empty text",
        "1 record(s) skipped: missing field",
        "1 record(s) skipped: no words",
    ]


def test_spark_resumes_from_stages(spark, corpus, tmp_path: Path) -> None:
    """A run finding complete stages reads them instead of recomputing: a planted stage
    marker with no pairs gives no pairs."""
    from bluehelmet.reuse.settings import ReuseSettings
    from bluehelmet.reuse.spark.engine import fingerprint, spark_reuse

    work = tmp_path / "work"
    first = spark_reuse(corpus.paragraphs, tmp_path / "a", session=spark, workdir=work,
                        keep_stages=True)  # fmt: skip
    root = work / fingerprint(str(corpus.paragraphs), ReuseSettings(), False)
    assert (root / "pairs" / "_SUCCESS").exists()
    again = spark_reuse(corpus.paragraphs, tmp_path / "b", session=spark, workdir=work,
                        keep_stages=True)  # fmt: skip
    assert "hashed" not in again.seconds and "hashed" in first.seconds
    _same(tmp_path / "a", tmp_path / "b", TABLES)
    spark.createDataFrame([], spark.read.parquet(str(root / "pairs")).schema).write.mode(
        "overwrite"
    ).parquet(str(root / "pairs"))
    shutil.rmtree(root / "tables")  # the stages made from the pairs go with them
    emptied = spark_reuse(corpus.paragraphs, tmp_path / "c", session=spark, workdir=work)
    assert emptied.params["pairs"] == 0 and not root.exists()
