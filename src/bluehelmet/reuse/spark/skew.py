"""Skew-safe LSH buckets on Spark: sizes by ``groupBy`` and a salted two-stage top-k.

A bucket ``(band, key)`` shared by millions of paragraphs (a formula everybody repeats)
must not land in one task with all its rows. Its size comes from a ``groupBy`` count
(partial aggregation: each task counts its own rows before the shuffle), and its
``max_bucket`` lowest paragraphs are found in two steps: first per ``(band, key, salt)``,
the salt being a hash of the paragraph modulo ``salts``, so that a giant bucket is spread
over ``salts`` groups; then per ``(band, key)`` over what is left (at most
``salts * max_bucket`` rows a bucket). Every one of a bucket's ``k`` lowest paragraphs is
among the ``k`` lowest of its own salt group, so the result is exactly that of one window
over the whole bucket.
"""

from __future__ import annotations

from typing import Any

_BUCKET = ("band", "key")


def bucket_sizes(keys: Any) -> Any:
    """``band``, ``key`` and ``size`` (paragraphs) of each bucket of ``keys`` (``paragraph``,
    ``band``, ``key``; one key a band) holding more than one paragraph."""
    from pyspark.sql import functions as F

    sizes = keys.groupBy(*_BUCKET).agg(F.count("*").alias("size"))
    return sizes.where(F.col("size") > 1)


def lowest(frame: Any, by: list[str], k: int) -> Any:
    """The rows of ``frame`` with the ``k`` lowest ``paragraph`` numbers of each group ``by``."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    place = F.row_number().over(Window.partitionBy(*by).orderBy("paragraph"))
    return frame.withColumn("_pos", place).where(F.col("_pos") <= k).drop("_pos")


def capped(keys: Any, sizes: Any, k: int, salts: int) -> Any:
    """``keys`` rows (``paragraph``, ``band``, ``key``) of the buckets in ``sizes`` (those
    of more than one paragraph), each bucket cut to its ``k`` lowest paragraphs: first per
    salt (``xxhash64(paragraph) mod salts``), then per bucket. The same rows as
    ``lowest(keys, ["band", "key"], k)`` restricted to ``sizes``, with no task holding more
    than about ``size / salts`` rows of a bucket in the first step, ``salts * k`` in the
    second."""
    from pyspark.sql import functions as F

    salt = F.pmod(F.xxhash64("paragraph"), F.lit(salts)).alias("salt")
    first = lowest(keys.select("paragraph", *_BUCKET, salt), [*_BUCKET, "salt"], k)
    shared = first.drop("salt").join(sizes.select(*_BUCKET), list(_BUCKET))
    return lowest(shared, list(_BUCKET), k)
