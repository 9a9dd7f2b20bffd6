"""Families and measures of the Spark engine as DataFrame operations: the driver collects
only the final tables (one row per family of two or more, per document, per year).

Each table equals the embedded one (:func:`~bluehelmet.reuse.families.families` then
:func:`~bluehelmet.reuse.families.family_summary`,
:func:`~bluehelmet.reuse.measures.resolution_reuse`,
:func:`~bluehelmet.reuse.measures.repetition_index`) value for value:

- families are the connected components of the pairs
  (:func:`~bluehelmet.reuse.spark.components.components`); a family's origin is its first
  member by ``(undated, date, doc, id)`` and families are numbered by their origins in
  that order, singletons included (a range-partitioned sort, numbered by partition
  offsets);
- characters reused are integer sums (span unions by a window over each target's spans
  sorted by start); document shares are divided on the driver by
  :func:`~bluehelmet.reuse.measures.document_shares`, the embedded code;
- the yearly mean of the paragraphs' reused shares is summed exactly
  (:func:`~bluehelmet.reuse.measures.exact_mean`, the same float in any order) by
  ``applyInPandas``: one year's shares (8 bytes a dated paragraph) meet in one Python
  worker, not on the driver.

The paragraph table has ``paragraph`` (numbers in input order), ``doc``, ``id``, ``date``,
``group`` and ``chars`` (``kind`` when given); the pair table has the pair columns and
``lo``, ``hi`` (the two paragraphs' numbers).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from bluehelmet.reuse.families import family_summary
from bluehelmet.reuse.measures import document_shares, exact_mean
from bluehelmet.reuse.spark.components import Save, components

#: A paragraph's place in time, as the embedded engine orders family members.
_TIME = ("undated", "date", "doc", "id")


def _year(date: Any) -> Any:
    """The year of an ISO ``date`` column (first four characters, digits), else null."""
    from pyspark.sql import functions as F

    head = F.substring(date, 1, 4)
    return F.when(head.rlike("^[0-9]{4}$"), head.cast("long"))


def _timed(paragraphs: Any) -> Any:
    from pyspark.sql import functions as F

    undated = (F.col("date") == "").alias("undated")
    return paragraphs.withColumn("time", F.struct(undated, "date", "doc", "id"))


def _numbered(firsts: Any, save: Save) -> Any:
    """``family`` and ``number`` (rank of ``time``, from 0) of each row of ``firsts``."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    placed = save(
        "family_order",
        lambda: firsts.repartitionByRange("time").withColumn("part", F.spark_partition_id()),
    )
    sizes = dict(placed.groupBy("part").count().collect())
    offsets, total = [], 0
    for part in range(max(sizes, default=-1) + 1):
        offsets.append(total)
        total += sizes.get(part, 0)
    offset = F.element_at(F.array(*[F.lit(o) for o in offsets] or [F.lit(0)]), F.col("part") + 1)
    local = F.row_number().over(Window.partitionBy("part").orderBy("time")) - 1
    return placed.select("family", (offset + local).alias("number"))


def family_table(paragraphs: Any, pairs: Any, save: Save) -> pd.DataFrame:
    """The embedded ``family_summary(families(pairs, paragraphs))``."""
    from pyspark.sql import functions as F

    labels = components(pairs.select(F.col("lo").alias("a"), F.col("hi").alias("b")), save)
    members = _timed(paragraphs).join(
        labels.select(F.col("node").alias("paragraph"), F.col("label").alias("family")),
        "paragraph",
        "left",
    )
    alone = members.where(F.col("family").isNull()).select(
        F.col("paragraph").alias("family"), "time"
    )
    together = members.where(F.col("family").isNotNull())
    firsts = together.groupBy("family").agg(F.min("time").alias("time")).unionByName(alone)
    numbers = _numbered(firsts, save)
    groups = (
        together.where(F.col("group") != "")
        .groupBy("family", "group")
        .agg(F.min("time").alias("time"))
        .groupBy("family")
        .agg(F.sort_array(F.collect_list(F.struct("time", "group"))).alias("g"))
        .select(
            "family",
            F.size("g").cast("long").alias("n_groups"),
            F.concat_ws(";", F.transform("g", lambda x: x["group"])).alias("groups"),
        )
    )
    years = F.sort_array(F.collect_set(_year(F.col("date"))))
    summary = (
        together.groupBy("family")
        .agg(
            F.count("*").alias("size"),
            F.min(F.struct("time", "group")).alias("origin"),
            F.min(_year(F.col("date"))).alias("first_year"),
            F.max(_year(F.col("date"))).alias("last_year"),
            F.countDistinct("doc").alias("n_docs"),
            F.concat_ws(";", F.transform(years, lambda y: y.cast("string"))).alias("years"),
        )
        .join(groups, "family", "left")
        .join(numbers, "family")
        .select(
            F.col("number").alias("family"),
            "size",
            *[F.col(f"origin.time.{c}").alias(f"origin_{c}") for c in ("doc", "id", "date")],
            F.col("origin.group").alias("origin_group"),
            "first_year",
            "last_year",
            "n_docs",
            F.coalesce("n_groups", F.lit(0).cast("long")).alias("n_groups"),
            F.coalesce("groups", F.lit("")).alias("groups"),
            "years",
        )
        .orderBy("family")
    )
    out = summary.toPandas()
    if out.empty:
        return family_summary(pd.DataFrame(columns=["doc", "id", "date", "group", "family",
                                                    "origin"]))  # fmt: skip
    for col in ("family", "size", "n_docs", "n_groups"):
        out[col] = out[col].astype("int64")
    for col in ("first_year", "last_year"):
        out[col] = out[col].astype("Int64")
    return out


def paragraph_reuse(paragraphs: Any, pairs: Any) -> Any:
    """The paragraph table with ``reused_same``, ``reused_other`` (characters) and
    ``reused_share``, as :func:`~bluehelmet.reuse.measures.paragraph_reuse` counts them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    kind = F.col("kind") if "kind" in paragraphs.columns else F.lit("")
    paras = paragraphs.withColumn(
        "kind", F.when(F.coalesce(kind, F.lit("")) == "", "resolution").otherwise(kind)
    )

    def side(name: str) -> Any:
        cols = ("paragraph", "date", "group", "kind", "chars")
        return paras.select(
            F.col("doc").alias(f"{name}_doc"),
            F.col("id").alias(f"{name}_id"),
            *[F.col(c).alias(f"{name}_{c}") for c in cols],
        )

    links = pairs.join(side("source"), ["source_doc", "source_id"]).join(
        side("target"), ["target_doc", "target_id"]
    )
    later = (
        (F.col("source_date") != "")
        & (F.col("target_date") != "")
        & (F.col("source_date") > F.col("target_date"))
    )
    links = links.where(
        (F.col("source_doc") != F.col("target_doc"))
        & ~later
        & (F.col("source_kind") == F.col("target_kind"))
    )
    length = F.col("target_chars").cast("long")
    whole = F.col("target_start").isNull() | F.col("target_end").isNull()

    def clipped(value: str, default: Any) -> Any:
        return F.when(whole, default).otherwise(F.least(F.greatest(F.col(value), F.lit(0)), length))

    spans = links.select(
        F.col("target_paragraph").alias("paragraph"),
        ((F.col("target_group") != "") & (F.col("source_group") == F.col("target_group"))).alias(
            "same"
        ),
        clipped("target_start", F.lit(0).cast("long")).alias("start"),
        clipped("target_end", length).alias("end"),
    )

    def gain(*by: str) -> Any:
        before = F.max("end").over(
            Window.partitionBy(*by)
            .orderBy("start", "end")
            .rowsBetween(Window.unboundedPreceding, -1)
        )
        rest = F.greatest(F.lit(0).cast("long"), F.col("end") - F.greatest("start", before))
        return F.when(before.isNull(), F.col("end") - F.col("start")).otherwise(rest)

    gains = spans.select(
        "paragraph", "same", gain("paragraph").alias("all"), gain("paragraph", "same").alias("grp")
    )
    covered = gains.groupBy("paragraph").agg(
        F.sum("all").alias("n_all"),
        F.coalesce(F.sum(F.when(F.col("same"), F.col("grp"))), F.lit(0).cast("long")).alias(
            "n_same"
        ),
    )
    out = paras.join(covered, "paragraph", "left").fillna(0, ["n_all", "n_same"])
    chars = F.col("chars").cast("long")
    share = F.col("n_all").cast("double") / F.greatest(chars, F.lit(1)).cast("double")
    return out.select(
        *paras.columns,
        F.col("n_same").alias("reused_same"),
        (F.col("n_all") - F.col("n_same")).alias("reused_other"),
        F.when(chars > 0, share).otherwise(F.lit(0.0)).alias("reused_share"),
    )


def resolution_table(reuse: Any) -> pd.DataFrame:
    """The embedded ``resolution_reuse`` from :func:`paragraph_reuse`'s table: sums per
    document (in order of their first paragraph) in Spark, shares on the driver."""
    from pyspark.sql import functions as F

    first = {c: F.min_by(c, "paragraph").alias(c) for c in ("kind", "date", "group")}
    per = (
        reuse.groupBy("doc")
        .agg(
            F.min("paragraph").alias("first"),
            *first.values(),
            F.count("*").alias("n_paragraphs"),
            *[
                F.sum(F.col(c).cast("long")).alias(c)
                for c in ("chars", "reused_same", "reused_other")
            ],
        )
        .orderBy("first")
        .drop("first")
    )
    out = per.toPandas()
    for col in ("n_paragraphs", "chars", "reused_same", "reused_other"):
        out[col] = out[col].astype("int64")
    return document_shares(out)


def _mean(frame: pd.DataFrame) -> pd.DataFrame:
    """One year's mean reused share (:func:`~bluehelmet.reuse.measures.exact_mean`)."""
    share = exact_mean(frame["reused_share"])
    return pd.DataFrame({"year": frame["year"].iloc[:1], "repetition_index": [share]})


def repetition_table(reuse: Any) -> pd.DataFrame:
    """The embedded ``repetition_index`` from :func:`paragraph_reuse`'s table."""
    from pyspark.sql import functions as F

    dated = reuse.withColumn("year", _year(F.col("date"))).where(F.col("year").isNotNull())
    counts = dated.groupBy("year").agg(
        F.countDistinct("doc").alias("n_docs"), F.count("*").alias("n_paragraphs")
    )
    means = (
        dated.select("year", "reused_share")
        .groupBy("year")
        .applyInPandas(_mean, "year long, repetition_index double")
    )
    out = counts.join(means, "year").orderBy("year").toPandas()
    for col in ("year", "n_docs", "n_paragraphs"):
        out[col] = out[col].astype("int64")
    out["repetition_index"] = out["repetition_index"].astype("float64")
    return out[["year", "n_docs", "n_paragraphs", "repetition_index"]]


def measured(paragraphs: Any, pairs: Any, save: Save) -> dict[str, pd.DataFrame]:
    """The ``families``, ``resolution_reuse`` and ``repetition_index`` tables the embedded
    engine writes, of ``pairs`` (not boilerplate) among ``paragraphs``."""
    reuse = save("paragraph_reuse", lambda: paragraph_reuse(paragraphs, pairs))
    return {
        "families": family_table(paragraphs, pairs, save),
        "resolution_reuse": resolution_table(reuse),
        "repetition_index": repetition_table(reuse),
    }
