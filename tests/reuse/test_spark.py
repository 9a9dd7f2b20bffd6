"""The Spark engine (local mode) gives the embedded engine's pairs and tables, identical."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.reuse.spark.session import spark_problem
from bluehelmet.reuse.stream import stream_reuse
from bluehelmet.reuse.synthetic import write_corpus
from tests.carryover_corpus import write_two_mandates

_PROBLEM = spark_problem()
pytestmark = pytest.mark.skipif(_PROBLEM is not None, reason=f"{_PROBLEM} (`make spark`)")

TABLES = ("pairs", "boilerplate", "families", "resolution_reuse", "repetition_index")
#: Resolutions drawn from each shared folder for the real-corpus run (about 4,100 paragraphs).
SAMPLE = 150


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


def _parts(corpus_file: Path, folder: Path, fmt: str) -> Path:
    """``corpus_file`` split into part files as Spark writes them, growing in size (Spark
    packs them by size, so a reader that kept Spark's order would read them backwards),
    with the ``_SUCCESS`` marker and a hidden checksum file beside them."""
    folder.mkdir()
    rows = pd.read_json(corpus_file, lines=True, dtype=False)
    for i, (lo, hi) in enumerate([(0, 200), (200, 700), (700, len(rows))]):
        part = rows.iloc[lo:hi]
        if fmt == "parquet":
            part.to_parquet(folder / f"part-{i:05d}-6f1e-c000.snappy.parquet", index=False)
        else:
            part.to_json(folder / f"part-{i:05d}-6f1e-c000.json", orient="records", lines=True)
    (folder / "_SUCCESS").write_text("")
    (folder / ".part-00000-6f1e-c000.crc").write_bytes(b"\0")
    return folder


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_spark_reads_folders_of_part_files(spark, corpus, tmp_path: Path, fmt: str) -> None:
    """A folder of part files (named by a file: URI for JSON Lines) gives the tables of the
    whole file: records in the order of the files' names, then of their lines."""
    from bluehelmet.reuse.spark.engine import spark_reuse

    folder = _parts(corpus.paragraphs, tmp_path / "corpus", fmt)
    source = folder.as_uri() if fmt == "jsonl" else folder
    stream_reuse(corpus.paragraphs, tmp_path / "emb", fmt="parquet", progress=False)
    got = spark_reuse(source, tmp_path / "spark", session=spark)
    _same(tmp_path / "emb", tmp_path / "spark", TABLES)
    assert got.params["pairs"] > 100 and got.problems == []


def test_spark_reads_a_folder_of_council_documents(spark, tmp_path: Path) -> None:
    """Council documents are read by the embedded reader, then handed to Spark: the same
    tables as the embedded engine on the folder, with the repeated paragraph found."""
    from bluehelmet.reuse.spark.engine import spark_reuse

    folder = write_two_mandates(tmp_path / "docs")
    emb = stream_reuse(folder, tmp_path / "emb", fmt="parquet", progress=False)
    got = spark_reuse(folder, tmp_path / "spark", session=spark, keep_stages=True,
                      workdir=tmp_path / "work")  # fmt: skip
    _same(tmp_path / "emb", tmp_path / "spark", TABLES)
    pairs = pd.read_parquet(tmp_path / "spark" / "pairs.parquet")
    assert pairs[["source_doc", "target_doc"]].values.tolist() == [
        ["S/RES/2100 (2013)", "S/RES/2164 (2014)"]
    ]
    assert got.params["paragraphs"] == emb.params["paragraphs"] == 4
    assert len(list((tmp_path / "work").glob("*/documents/_SUCCESS"))) == 1


def _same_params(embedded: dict, spark: dict) -> None:
    skip = {"engine", "batch_size", "master"}
    assert {k: v for k, v in spark.items() if k not in skip} == {
        k: v for k, v in embedded.items() if k not in skip
    }


@pytest.mark.shared
def test_spark_on_a_sample_of_the_real_resolutions(spark, shared_data: Path, tmp_path: Path):
    """A seeded sample of the real resolutions (1946-1994 texts, 2000-2026 XML) in one
    folder: the Spark engine's tables are the embedded engine's, and reuse was found."""
    from bluehelmet.reuse.spark.engine import spark_reuse

    unsc = shared_data / "unsc"
    folders = [unsc / "akn_2000_2026" / "resolutions", unsc / "resolutions_en_1946_1994"]
    if not all(folder.is_dir() for folder in folders):
        pytest.skip(f"resolution texts not found in {unsc}")
    rng = random.Random(2026)
    docs = tmp_path / "docs"
    docs.mkdir()
    for folder in folders:
        for path in rng.sample(sorted(p for p in folder.rglob("*") if p.is_file()), SAMPLE):
            (docs / path.name).symlink_to(path)
    emb = stream_reuse(docs, tmp_path / "emb", fmt="parquet", progress=False)
    got = spark_reuse(docs, tmp_path / "spark", session=spark)
    _same(tmp_path / "emb", tmp_path / "spark", TABLES)
    _same_params(emb.params, got.params)
    assert emb.params["paragraphs"] > 3000 and emb.params["pairs"] > 500
    assert emb.params["boilerplate_paragraphs"] > 0
    families = pd.read_parquet(tmp_path / "spark" / "families.parquet")
    assert len(families) > 0


def test_cli_passes_a_uri_as_given(tmp_path: Path) -> None:
    """A URI reaches Spark as written (no path mangling of "//"); without a telling suffix
    the run stops before Spark starts, naming --input-format."""
    from typer.testing import CliRunner

    from bluehelmet.cli import app

    args = ["reuse", "run", "s3a://bucket/corpus", "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(app, [*args, "--format", "parquet", "--engine", "spark"])
    assert result.exit_code == 2
    assert "s3a://bucket/corpus: a URI without .jsonl or .parquet" in result.stderr
    assert "--input-format jsonl|parquet" in result.stderr
