"""Skew-safe LSH buckets on Spark: the salted two-stage top-k keeps exactly each bucket's
lowest paragraphs, and a corpus with a giant bucket gives the embedded engine's tables."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bluehelmet.reuse.spark.session import spark_problem
from bluehelmet.reuse.stream import stream_reuse
from bluehelmet.reuse.synthetic import write_corpus

_PROBLEM = spark_problem()
pytestmark = pytest.mark.skipif(_PROBLEM is not None, reason=str(_PROBLEM))

TABLES = ("pairs", "boilerplate", "families", "resolution_reuse", "repetition_index")
COPY = (
    "Urges all member states to refrain from supplying weapons ammunition vehicles or spare "
    "parts to any party and calls upon neighbouring states to patrol their borders closely"
)


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory):
    from bluehelmet.reuse.spark.session import start_session

    session = start_session("local[2]", tmp_path_factory.mktemp("spark-local"), partitions=3)
    yield session
    session.stop()


def test_capped_matches_pandas(spark) -> None:
    """Per (band, key) of more than one paragraph: its k lowest paragraphs, as pandas keeps
    them; sizes as pandas counts them."""
    from bluehelmet.reuse.spark.skew import bucket_sizes, capped

    rng = np.random.default_rng(3)
    n = 3000
    keys = pd.DataFrame(
        {
            "paragraph": rng.permutation(n * 4)[:n].astype("int64"),
            "band": rng.integers(0, 3, n).astype("int32"),
            # one giant bucket, a few large ones, many small and single ones
            "key": np.where(rng.random(n) < 0.4, 7, rng.zipf(1.5, n) % 400).astype("int64"),
        }
    ).drop_duplicates(["paragraph", "band"])
    frame = spark.createDataFrame(keys, "paragraph long, band int, key long")
    k = 5
    size = keys.groupby(["band", "key"])["paragraph"].transform("size")
    want = (
        keys[size > 1].sort_values("paragraph").groupby(["band", "key"]).head(k)
        .sort_values(["band", "key", "paragraph"]).reset_index(drop=True)
    )  # fmt: skip
    sizes = bucket_sizes(frame)
    got = (
        capped(frame, sizes, k, salts=4).toPandas()
        .sort_values(["band", "key", "paragraph"]).reset_index(drop=True)
    )  # fmt: skip
    pd.testing.assert_frame_equal(got[["paragraph", "band", "key"]], want, check_dtype=False)
    counted = keys.groupby(["band", "key"]).size().rename("size").reset_index()
    counted = counted[counted["size"] > 1].sort_values(["band", "key"]).reset_index(drop=True)
    got_sizes = sizes.toPandas().sort_values(["band", "key"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got_sizes, counted, check_dtype=False)
    assert (counted["size"] > k * 4).any()  # a bucket larger than salts * k was cut
    assert len(want) < len(keys[size > 1])


def _with_giant_bucket(path: Path, copies: int, documents: int) -> Path:
    """The planted-reuse corpus with ``copies`` paragraphs of one text first, spread over
    ``documents`` documents."""
    corpus = write_corpus(path.with_name("base.jsonl"), 2000, seed=5)
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            doc, number = f"GIANT/{i % documents:04d}", i // documents + 1
            record = {"doc": doc, "id": str(number), "text": COPY, "date": "1990-05-01",
                      "group": "OP01"}  # fmt: skip
            out.write(json.dumps(record) + "\n")
        out.write(corpus.paragraphs.read_text(encoding="utf-8"))
    return path


@pytest.mark.parametrize(
    ("documents", "pair_boilerplate"),
    [(3, False), (300, True)],
    ids=["repeated-in-few-documents", "boilerplate-paired"],
)
def test_giant_bucket_identical(
    spark, tmp_path: Path, documents: int, pair_boilerplate: bool
) -> None:
    """A bucket of 300 copies (in every band) capped at 40 gives the embedded engine's pairs,
    tables and params, capped bucket count included."""
    from bluehelmet.reuse.spark.engine import spark_reuse

    src = _with_giant_bucket(tmp_path / "giant.jsonl", 300, documents)
    opts = {"max_bucket": 40, "pair_boilerplate": pair_boilerplate}
    with pytest.warns(UserWarning, match="32 LSH bucket"):
        emb = stream_reuse(src, tmp_path / "emb", fmt="parquet", progress=False, **opts)
    got = spark_reuse(src, tmp_path / "spark", session=spark, **opts)
    names = (*TABLES, "boilerplate_pairs") if pair_boilerplate else TABLES
    for name in names:
        a = pd.read_parquet(tmp_path / "emb" / f"{name}.parquet")
        b = pd.read_parquet(tmp_path / "spark" / f"{name}.parquet")
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=name)
    skip = {"engine", "batch_size", "master"}
    assert {k: v for k, v in got.params.items() if k not in skip} == {
        k: v for k, v in emb.params.items() if k not in skip
    }
    assert got.params["capped_buckets"] >= 32  # the giant bucket, in each of 32 bands
    table = "boilerplate_pairs" if pair_boilerplate else "pairs"
    pairs = pd.read_parquet(tmp_path / "spark" / f"{table}.parquet")
    giant = pairs["source_doc"].str.startswith("GIANT") & pairs["target_doc"].str.startswith(
        "GIANT"
    )
    assert giant.sum() == 40 * 39 // 2  # the 40 lowest copies, every pair of them
