"""The Spark engine's tail: components, families and measures, sorted output files."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bluehelmet.reuse.families import families, family_summary
from bluehelmet.reuse.measures import repetition_index, resolution_reuse
from bluehelmet.reuse.schema import PAIR_COLUMNS
from bluehelmet.reuse.spark.session import spark_problem

_PROBLEM = spark_problem()
pytestmark = pytest.mark.skipif(_PROBLEM is not None, reason=str(_PROBLEM))


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory):
    from bluehelmet.reuse.spark.session import start_session

    session = start_session("local[2]", tmp_path_factory.mktemp("spark-local"), partitions=3)
    yield session
    session.stop()


def _smallest_in_component(edges: list[tuple[int, int]]) -> dict[int, int]:
    """Reference: union-find over the edges, each node mapped to its component's minimum."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _graphs() -> list[tuple[int, int]]:
    """Disjoint hand-built graphs: a chain in order, a chain in reverse, a star centred on
    its largest node, a cycle, repeated and reversed edges, two stars joined by one edge,
    and a 300-node path numbered at random (its smallest node somewhere in the middle)."""
    rng = random.Random(7)
    edges = [(i, i + 1) for i in range(0, 20)]  # chain 0..20
    edges += [(i + 1, i) for i in range(100, 130)]  # chain 100..130, edges reversed
    edges += [(250, leaf) for leaf in range(200, 250)]  # star, centre is the largest
    edges += [(300 + i, 300 + (i + 1) % 12) for i in range(12)]  # cycle
    edges += [(400, 401), (401, 400), (400, 401), (402, 401)]  # repeated, reversed
    edges += [(510, x) for x in (511, 512, 513)] + [(520, x) for x in (521, 522)] + [(513, 522)]
    nodes = list(range(1000, 1300))
    rng.shuffle(nodes)
    edges += list(zip(nodes[:-1], nodes[1:], strict=True))
    return edges


def test_components_match_union_find(spark, tmp_path: Path) -> None:
    from bluehelmet.reuse.spark.components import components
    from bluehelmet.reuse.spark.engine import Stages

    edges = _graphs()
    st = Stages(spark, str(tmp_path / "stages"))
    frame = spark.createDataFrame(edges, "a long, b long")
    got = components(frame, st.get).toPandas()
    want = _smallest_in_component(edges)
    assert len(got) == len(want) == got["node"].nunique()
    assert dict(zip(got["node"], got["label"], strict=True)) == want
    rounds = [name for name in st.seconds if name.startswith("components/")]
    assert len(rounds) > 3  # the long path needed several rounds, each saved


def _corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Paragraphs and pairs with the cases the measures treat apart: undated and
    repeated dates (origins tie-broken by doc and id), empty groups, pairs in one document
    or from a later source, overlapping, nested and missing spans, many shares a year."""
    rng = np.random.default_rng(3)
    n = 400
    docs = [f"D{rng.integers(0, 60):02d}" for _ in range(n)]
    dates = rng.choice(["", "1999-01-02", "2000-05-01", "2000", "2001-xx", "abcd"], n)
    paras = pd.DataFrame(
        {
            "paragraph": np.arange(n, dtype=np.int64) * 3 + 5,  # gaps, as Spark numbers them
            "doc": docs,
            "id": [str(i) for i in range(n)],
            "date": dates,
            "group": rng.choice(["", "UNMIK", "MONUC", "UNFIL"], n),
            "chars": rng.integers(0, 120, n).astype(np.int32),
        }
    )
    paras = paras.drop_duplicates(["doc", "id"]).reset_index(drop=True)
    rows = []
    for _ in range(150):  # near neighbours: chains and small families
        a = int(rng.integers(0, len(paras) - 6))
        b = a + int(rng.integers(1, 6))
        start = int(rng.integers(-5, 100))
        end = start + int(rng.integers(0, 60))
        missing = rng.random() < 0.1
        rows.append(
            {
                "source_doc": paras["doc"][b],
                "source_id": paras["id"][b],
                "target_doc": paras["doc"][a],
                "target_id": paras["id"][a],
                "jaccard": 0.5,
                "containment": 0.5,
                "source_start": 0,
                "source_end": 1,
                "target_start": None if missing else start,
                "target_end": end,
                "lo": int(paras["paragraph"][a]),
                "hi": int(paras["paragraph"][b]),
            }
        )
    pairs = pd.DataFrame(rows).drop_duplicates(["lo", "hi"]).reset_index(drop=True)
    pairs["target_start"] = pairs["target_start"].astype("Int64")
    return paras, pairs


def test_measures_match_embedded(spark, tmp_path: Path) -> None:
    from bluehelmet.reuse.spark.engine import Stages
    from bluehelmet.reuse.spark.measures import measured

    paras, pairs = _corpus()
    light = paras.drop(columns="paragraph")
    plain = pairs[list(PAIR_COLUMNS)]
    want = {
        "families": family_summary(families(plain, light)),
        "resolution_reuse": resolution_reuse(plain, light),
        "repetition_index": repetition_index(plain, light),
    }
    assert len(want["families"]) > 20 and want["resolution_reuse"]["reused_same"].sum() > 0
    st = Stages(spark, str(tmp_path / "stages"))
    got = measured(spark.createDataFrame(paras), spark.createDataFrame(pairs), st.get)
    for name, table in want.items():
        pd.testing.assert_frame_equal(table, got[name], check_exact=True, obj=name)


def test_measures_without_pairs(spark, tmp_path: Path) -> None:
    from bluehelmet.reuse.spark.engine import Stages
    from bluehelmet.reuse.spark.measures import measured

    paras, pairs = _corpus()
    none = pairs.iloc[:0]
    light = paras.drop(columns="paragraph")
    st = Stages(spark, str(tmp_path / "stages"))
    ddl = ", ".join(
        f"{c} {'string' if c.endswith(('doc', 'id')) else 'double'}" for c in PAIR_COLUMNS[:6]
    )
    ddl += ", " + ", ".join(f"{c} long" for c in [*PAIR_COLUMNS[6:], "lo", "hi"])  # fmt: skip
    got = measured(spark.createDataFrame(paras), spark.createDataFrame([], ddl), st.get)
    plain = none[list(PAIR_COLUMNS)]
    want = family_summary(families(plain, light))
    pd.testing.assert_frame_equal(want, got["families"], check_exact=True)
    pd.testing.assert_frame_equal(
        resolution_reuse(plain, light), got["resolution_reuse"], check_exact=True
    )


@pytest.mark.parametrize("local", [True, False])
def test_write_sorted_keeps_order(spark, tmp_path: Path, local: bool) -> None:
    from bluehelmet.reuse.spark.engine import Stages
    from bluehelmet.reuse.spark.ordered import write_sorted

    rng = np.random.default_rng(1)
    keys = rng.permutation(5000)
    frame = spark.createDataFrame(
        pd.DataFrame({"k": keys.astype(np.int64), "name": [f"n{k}" for k in keys]})
    ).repartition(4)
    st = Stages(spark, str(tmp_path / "stages"))
    staged = st.get("sorted", lambda: frame.orderBy("k"))
    schema = pa.schema([("name", pa.string())])
    rows = write_sorted(staged, f"{st.root}/sorted", tmp_path / "out.parquet", schema, ["k"],
                        local=local)  # fmt: skip
    written = pq.read_table(tmp_path / "out.parquet")
    assert rows == 5000 and written.schema == schema
    assert written.column("name").to_pylist() == [f"n{k}" for k in range(5000)]
