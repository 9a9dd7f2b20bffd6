"""The reuse engine's stages as Spark DataFrame operations, each written as a Parquet stage.

Stages (each a folder under the work folder, skipped when its ``_SUCCESS`` marker exists,
so an interrupted run resumes where it stopped):

1. ``paragraphs``: the input (JSON Lines or Parquet, a file or a folder of part files,
   any Hadoop-compatible URI; or ``documents``, Council documents read by the embedded
   reader, :mod:`~bluehelmet.reuse.spark.sources`) with a ``paragraph`` number in input
   order, checked as the embedded reader checks records
   (missing ``doc``/``id``/``text``, blank or too long texts and repeated ``(doc, id)`` are
   skipped and counted).
2. ``hashed``: words, formula and document hashes, shingles and MinHash signatures
   (:func:`~bluehelmet.reuse.spark.batches.hashed` in ``mapInArrow``).
3. ``boilerplate`` and ``eras``: formulas in more than their era's threshold of documents,
   by ``groupBy`` (the thresholds of :mod:`~bluehelmet.reuse.boilerplate`).
4. ``keys``: LSH band keys (:func:`~bluehelmet.reuse.spark.batches.keyed`).
5. ``buckets``: the size of each LSH bucket ``(band, key)`` of more than one paragraph,
   by ``groupBy`` (:func:`~bluehelmet.reuse.spark.skew.bucket_sizes`).
6. ``candidates``: the self-join on ``(band, key)``, each bucket capped at ``max_bucket``
   lowest paragraphs as ``lsh.join_duckdb`` does, by a salted two-stage top-k that spreads
   a giant bucket over many tasks (:func:`~bluehelmet.reuse.spark.skew.capped`).
7. ``pairs``: candidates joined to both sides' shingles and texts, verified and aligned
   (:func:`~bluehelmet.reuse.spark.batches.verified`).

Then, in stages under ``tables`` (made from the pairs, so replaced with them): the pair
tables and the boilerplate list sorted by Spark and streamed batch by batch into one
Parquet file each (:mod:`~bluehelmet.reuse.spark.ordered`), and the families, document
shares and repetition index as DataFrame operations
(:mod:`~bluehelmet.reuse.spark.measures`, components by
:mod:`~bluehelmet.reuse.spark.components`). The driver holds one batch of rows and the
final tables (a row per family of two or more, per document, per year), never a row per
paragraph or per pair.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from bluehelmet.files import atomic_path
from bluehelmet.reuse.boilerplate import UNDATED, default_min_docs, era_starts
from bluehelmet.reuse.schema import PAIR_COLUMNS
from bluehelmet.reuse.settings import ReuseSettings, reuse_settings
from bluehelmet.reuse.spark import batches, skew
from bluehelmet.reuse.spark.measures import measured as spark_measures
from bluehelmet.reuse.spark.ordered import write_sorted
from bluehelmet.reuse.spark.session import require_spark, start_session
from bluehelmet.reuse.spark.sources import documents_frame, read_records, spark_input, stamp
from bluehelmet.reuse.spill import PAIR_SCHEMA as OUT_PAIR_SCHEMA
from bluehelmet.reuse.tokens import TOKENIZER

_HASHED_DDL = (
    "paragraph long, words long, formula long, doc_hash long, shingles array<long>, "
    "signature binary"
)
_KEY_DDL = "paragraph long, band int, key long"
_PAIR_DDL = (
    ", ".join(f"{c} string" for c in PAIR_COLUMNS[:4])
    + ", jaccard double, containment double, "
    + ", ".join(f"{c} long" for c in PAIR_COLUMNS[6:])
    + ", lo long, hi long, boilerplate boolean"
)
_KEY_SCHEMA = pa.schema([("doc", pa.string()), ("id", pa.string())])


@dataclass(frozen=True)
class SparkResult:
    """Files written, records skipped (counted by reason), how the run was made, seconds."""

    files: list[Path]
    problems: list[str]
    params: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def fingerprint(source: str | Sequence[str], s: ReuseSettings, pair_boilerplate: bool) -> str:
    """12 hex digits naming a run's stages: its sources (with the sizes and times of local
    files, :func:`~bluehelmet.reuse.spark.sources.stamp`) and settings, so that stages of
    another input or settings are never reused.

    >>> a = fingerprint("x.jsonl", ReuseSettings(), False)
    >>> a == fingerprint("x.jsonl", ReuseSettings(n=4), False), len(a)
    (False, 12)
    """
    named = [source] if isinstance(source, str) else list(source)
    sources = [[name, stamp(name)] for name in named]
    what = json.dumps([sources, s.record(), pair_boilerplate], sort_keys=True, default=str)
    return hashlib.sha256(what.encode()).hexdigest()[:12]


class Stages:
    """Parquet stages in ``root``: each computed once, then read back."""

    def __init__(self, spark: Any, root: str) -> None:
        self.spark = spark
        self.root = root.rstrip("/")
        self.seconds: dict[str, float] = {}

    def _done(self, name: str) -> bool:
        jvm = self.spark._jvm
        path = jvm.org.apache.hadoop.fs.Path(f"{self.root}/{name}/_SUCCESS")
        return bool(path.getFileSystem(self.spark._jsc.hadoopConfiguration()).exists(path))

    def get(self, name: str, make: Callable[[], Any]) -> Any:
        """Stage ``name``: written by ``make()`` (a DataFrame) unless already complete."""
        if not self._done(name):
            start = time.perf_counter()
            make().write.mode("overwrite").parquet(f"{self.root}/{name}")
            self.seconds[name] = time.perf_counter() - start
        return self.spark.read.parquet(f"{self.root}/{name}")


def _read(spark: Any, source: str, fmt: str, max_chars: int) -> Any:
    """The input with a ``paragraph`` number in input order, string columns, and ``ok``
    (null when the record is kept, else why it is skipped)."""
    from pyspark.sql import functions as F

    frame = read_records(spark, source, fmt, ("doc", "id", "text", "date", "group", "kind"))
    blank = F.coalesce(F.col("text"), F.lit("")).rlike(r"(?U)^\s*$")
    why = (
        F.when(
            F.coalesce(F.col("doc"), F.lit("")).eqNullSafe("")
            | F.coalesce(F.col("id"), F.lit("")).eqNullSafe("")
            | F.col("text").isNull(),
            "missing field",
        )
        .when(blank, "empty text")
        .when(F.length("text") > max_chars, "text too long")
    )
    return frame.select(
        "paragraph", "doc", "id", "text",
        F.coalesce(F.col("date"), F.lit("")).alias("date"),
        F.coalesce(F.col("group"), F.lit("")).alias("group"),
        F.coalesce(F.col("kind"), F.lit("")).alias("kind"),
        why.alias("ok"),
    )  # fmt: skip


def _paragraphs(spark: Any, source: str, fmt: str, max_chars: int) -> Any:
    """Checked paragraphs; skipped records keep only ``paragraph`` and ``ok`` (the reason),
    a repeated ``(doc, id)`` is skipped after its first record."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    frame = _read(spark, source, fmt, max_chars)
    first = Window.partitionBy("doc", "id").orderBy("paragraph")
    seen = F.when(F.col("ok").isNull(), F.row_number().over(first))
    repeated = F.when(F.col("ok").isNull() & (seen > 1), "duplicate (doc, id)").otherwise(
        F.col("ok")
    )
    return frame.withColumn("ok", repeated)


def _eras(spark: Any, kept: Any, s: ReuseSettings) -> Any:
    """Per era: label, documents, threshold (``min_docs``); ``era`` of each kept paragraph
    as a column expression (the years and rules of :mod:`~bluehelmet.reuse.boilerplate`)."""
    from pyspark.sql import functions as F

    head = F.substring("date", 1, 4)
    year = F.when(head.rlike("^[0-9]{4}$"), head.cast("long")).otherwise(F.lit(UNDATED))
    seen = [r[0] for r in kept.select(year.alias("y")).distinct().collect()]
    starts = era_starts(np.array(seen, dtype=np.int64), s.eras)
    era = F.lit(0)
    for start in starts:
        era = era + (year >= start).cast("int")
    era = F.when(year == UNDATED, F.lit(UNDATED)).otherwise(era)
    return era, year, starts


def spark_reuse(
    source: str | Path | Sequence[str | Path],
    out: str | Path,
    settings: ReuseSettings | None = None,
    master: str = "local[2]",
    *,
    pair_boilerplate: bool = False,
    session: Any = None,
    workdir: str | Path | None = None,
    keep_stages: bool = False,
    partitions: int = 8,
    input_format: str | None = None,
    **options: Any,
) -> SparkResult:
    """Verified reuse in ``source`` (a JSON Lines or Parquet file or folder of part files,
    local path or Hadoop URI; or folders of Council documents, read together) on Spark
    ``master``; writes the tables
    :func:`~bluehelmet.reuse.stream.stream_reuse` writes with ``fmt="parquet"`` into the
    local folder ``out`` (same pairs, same order).

    ``settings`` (or its fields as ``options``) and ``pair_boilerplate`` are those of the
    embedded engines. ``session`` is a SparkSession to use (default: a new one on
    ``master``). Stages go to ``workdir`` (default: ``out/.spark-stages``), in a folder
    named by :func:`fingerprint`; a run finding complete stages there reuses them. They
    are removed after a successful run unless ``keep_stages``. ``input_format`` ("jsonl"
    or "parquet") is for a URI without a telling suffix (local folders are told by their
    files; :func:`~bluehelmet.reuse.spark.sources.input_format`).
    """
    require_spark()
    from pyspark.sql import functions as F

    s = reuse_settings(settings, **options)
    read = spark_input(source, input_format)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = str(workdir) if workdir is not None else str(out_dir / ".spark-stages")
    named = read.names[0] if len(read.names) == 1 else read.names
    root = f"{base.rstrip('/')}/{fingerprint(named, s, pair_boilerplate)}"
    spark = session or start_session(master, partitions=partitions)
    st = Stages(spark, root)
    start = time.perf_counter()

    src, fmt = read.names[0], read.fmt
    notes: list[str] = []  # the embedded reader's problems with Council documents
    if fmt == "documents":  # read on the driver, then a Parquet stage Spark reads
        columns = ("doc", "id", "text", "date", "group", "kind")
        st.get("documents", lambda: documents_frame(spark, read.folders, columns, s.max_chars,
                                                    notes))  # fmt: skip
        src, fmt = f"{root}/documents", "parquet"
    checked = st.get("paragraphs", lambda: _paragraphs(spark, src, fmt, s.max_chars))
    good = checked.where(F.col("ok").isNull()).drop("ok")
    hashed = st.get(
        "hashed",
        lambda: good.select("paragraph", "doc", "text").mapInArrow(
            lambda it: batches.hashed(it, s), _HASHED_DDL
        ),
    )
    kept = hashed.where((F.col("words") > 0) & (F.col("words") <= s.max_tokens)).join(
        good.select("paragraph", "date"), "paragraph"
    )
    era, year, starts = _eras(spark, kept, s)
    dated = kept.withColumn("era", era).withColumn("year", year)

    def eras() -> Any:
        per = dated.groupBy("era").agg(
            F.countDistinct("doc_hash").alias("documents"),
            F.min(F.when(F.col("year") != UNDATED, F.col("year"))).alias("first"),
            F.max("year").alias("last"),
        )
        rows = per.collect()
        limit = {r["era"]: default_min_docs(r["documents"]) if s.min_docs is None else s.min_docs
                 for r in rows}  # fmt: skip
        return spark.createDataFrame(
            [(r["era"], r["documents"], limit[r["era"]], r["first"], r["last"]) for r in rows],
            "era long, documents long, min_docs long, first long, last long",
        )

    era_table = st.get("eras", eras)

    def boilerplate() -> Any:
        spread = dated.groupBy("era", "formula").agg(F.countDistinct("doc_hash").alias("docs"))
        with_docs = dated.join(spread, ["era", "formula"]).join(
            era_table.select("era", "min_docs"), "era"
        )
        return with_docs.select(
            "paragraph", "era", (F.col("docs") > F.col("min_docs")).alias("boilerplate")
        )

    marked = st.get("boilerplate", boilerplate)
    live = hashed.join(marked, "paragraph")
    if not pair_boilerplate:
        live = live.where(~F.col("boilerplate"))
    keys = st.get(
        "keys",
        lambda: live.select("paragraph", "signature").mapInArrow(
            lambda it: batches.keyed(it, s), _KEY_DDL
        ),
    )
    buckets = st.get("buckets", lambda: skew.bucket_sizes(keys))

    def candidates() -> Any:
        salts = int(spark.conf.get("spark.sql.shuffle.partitions"))
        kept = skew.capped(keys, buckets, s.max_bucket, salts)
        x, y = kept.alias("x"), kept.alias("y")
        joined = x.join(
            y,
            (F.col("x.band") == F.col("y.band"))
            & (F.col("x.key") == F.col("y.key"))
            & (F.col("x.paragraph") < F.col("y.paragraph")),
        )
        return joined.select(F.col("x.paragraph").alias("a"), F.col("y.paragraph").alias("b"))\
            .distinct()  # fmt: skip

    cand = st.get("candidates", candidates)

    def pairs() -> Any:
        side = (
            hashed.select("paragraph", "shingles")
            .join(good.select("paragraph", "doc", "id", "text", "date"), "paragraph")
            .join(marked.select("paragraph", "boilerplate"), "paragraph")
            .withColumn("when", F.when(F.col("date") == "", "\uffff").otherwise(F.col("date")))
        )
        names = ["shingles", "doc", "id", "text", "boilerplate", "when"]

        def sided(p: str) -> Any:
            return side.select(
                F.col("paragraph").alias(p), *[F.col(c).alias(f"{p}_{c}") for c in names]
            )

        both = cand.join(sided("a"), "a").join(sided("b"), "b")
        first = F.struct("a_when", "a_doc", "a_id") < F.struct("b_when", "b_doc", "b_id")
        return both.withColumn("a_first", first).mapInArrow(
            lambda it: batches.verified(it, s), _PAIR_DDL
        )

    found = st.get("pairs", pairs)
    middle = time.perf_counter()

    names = ["pairs", "boilerplate_pairs"] if pair_boilerplate else ["pairs"]
    tables = Stages(spark, f"{root}/tables")  # made from the pairs: replaced with them
    written: dict[str, int] = {}
    for name in names:
        chosen = found.where(F.col("boilerplate") == (name == "boilerplate_pairs"))
        ordered = tables.get(name, partial(chosen.orderBy, "lo", "hi"))
        written[name] = write_sorted(ordered, f"{tables.root}/{name}", out_dir / f"{name}.parquet",
                                     OUT_PAIR_SCHEMA, ["lo", "hi"], local=_local(root))  # fmt: skip
    bp_rows = tables.get(
        "boilerplate",
        lambda: marked.where("boilerplate").join(good.select("paragraph", "doc", "id"),
                                                 "paragraph").orderBy("paragraph"),
    )  # fmt: skip
    write_sorted(bp_rows, f"{tables.root}/boilerplate", out_dir / "boilerplate.parquet",
                 _KEY_SCHEMA, ["paragraph"], local=_local(root))  # fmt: skip
    extra = [c for c in ("kind",) if c in good.columns]
    light = good.select(
        "paragraph", "doc", "id", "date", "group", *extra,
        F.length("text").cast("int").alias("chars"),
    )  # fmt: skip
    measured = spark_measures(light, found.where(~F.col("boilerplate")), tables.get)
    for name, frame in measured.items():
        _write(frame, out_dir / f"{name}.parquet")
    done = time.perf_counter()

    era_rows = era_table.orderBy("era").collect()
    bp_count = {r["era"]: r["n"] for r in marked.where("boilerplate").groupBy("era")
                .agg(F.count("*").alias("n")).collect()}  # fmt: skip
    era_records = [
        {
            "era": f"{r['first']}-{r['last']}" if r["first"] is not None else "undated",
            "documents": int(r["documents"]),
            "min_docs": int(r["min_docs"]),
            "boilerplate_paragraphs": int(bp_count.get(r["era"], 0)),
        }
        for r in era_rows
    ]
    skipped = {r["ok"]: r["n"] for r in checked.where(F.col("ok").isNotNull()).groupBy("ok")
               .agg(F.count("*").alias("n")).collect()}  # fmt: skip
    words = hashed.where((F.col("words") == 0) | (F.col("words") > s.max_tokens))
    for r in words.select(F.when(F.col("words") == 0, "no words").otherwise("too many words")
                          .alias("w")).groupBy("w").count().collect():  # fmt: skip
        skipped[r["w"]] = r["count"]
    problems = notes + [f"{n} record(s) skipped: {why}" for why, n in sorted(skipped.items())]
    n_kept = kept.count()
    thresholds = [e["min_docs"] for e in era_records]
    params = {
        "engine": "spark",
        "master": spark.sparkContext.master,
        "tokenizer": TOKENIZER,
        **s.record(),
        "pair_boilerplate": pair_boilerplate,
        "fmt": "parquet",
        "paragraphs": n_kept,
        "documents": int(kept.select("doc_hash").distinct().count()),
        "min_docs": thresholds[0] if len(thresholds) == 1 else thresholds,
        "era_starts": list(starts),
        "boilerplate_eras": era_records,
        "boilerplate_paragraphs": int(sum(bp_count.values())),
        "candidates": cand.count(),
        "capped_buckets": buckets.where(F.col("size") > s.max_bucket).count(),
        **written,
    }
    files = [out_dir / f"{name}.parquet" for name in [*names, "boilerplate", *measured]]
    with atomic_path(out_dir / "params.json") as tmp:
        tmp.write_text(json.dumps(params, indent=1, sort_keys=True, default=str) + "\n")
    made = {f"tables/{name}": sec for name, sec in tables.seconds.items()}
    seconds = {**st.seconds, **made, "stages": middle - start, "tables": done - middle}
    if not keep_stages and _local(root):
        shutil.rmtree(root, ignore_errors=True)
    return SparkResult([*files, out_dir / "params.json"], problems, params, seconds)


def _local(path: str) -> bool:
    """Whether ``path`` is on the local file system (no URI scheme, or ``file:``)."""
    return "://" not in path or path.startswith("file:")


def _write(frame: pd.DataFrame, path: Path) -> None:
    with atomic_path(path) as tmp:
        frame.to_parquet(tmp, index=False)
