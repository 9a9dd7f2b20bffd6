"""Connected components of a large graph as Spark DataFrame operations (no GraphFrames).

The alternating large-star / small-star algorithm (Kiveris et al., "Connected Components
in MapReduce and Beyond", SoCC 2014) on the edges oriented from the larger node to the
smaller, ``(u, v)`` with ``v < u``:

- *large-star*: every edge ``(u, v)`` becomes ``(u, m(v))``, ``m(v)`` the smallest of
  ``v`` and its smaller neighbours (each node's larger neighbours hang from that minimum);
- *small-star*: every node ``u`` with smaller neighbours ``N`` links ``u`` and every other
  member of ``N`` to ``min(N)``.

Both keep the components. Rounds (one of each) repeat until the edges form stars: every
node has at most one edge to a smaller node, and no node an edge points to has one. The
centre of each star is then its component's smallest node. Each round is a checkpoint
(``save``), so lineage stays short and an interrupted run resumes at its last round; the
rounds needed grow with the logarithm of the components' size, not their diameter.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

#: ``save(name, make)``: the DataFrame ``make()`` gives, written and read back under ``name``
#: (:meth:`~bluehelmet.reuse.spark.engine.Stages.get`).
Save = Callable[[str, Callable[[], Any]], Any]


def oriented(edges: Any) -> Any:
    """Distinct edges ``(u, v)``, ``u > v``, of an edge table with node columns ``a``, ``b``
    (either order; loops dropped)."""
    from pyspark.sql import functions as F

    return (
        edges.select(F.greatest("a", "b").alias("u"), F.least("a", "b").alias("v"))
        .where(F.col("u") != F.col("v"))
        .distinct()
    )


def _lowest(edges: Any) -> Any:
    """Each node with an edge to a smaller node: ``u`` and that smallest neighbour ``m``."""
    from pyspark.sql import functions as F

    return edges.groupBy("u").agg(F.min("v").alias("m"))


def large_star(edges: Any) -> Any:
    """Oriented edges after a large-star step."""
    from pyspark.sql import functions as F

    low = _lowest(edges).withColumnRenamed("u", "v")
    moved = edges.join(low, "v", "left").select("u", F.coalesce("m", "v").alias("v"))
    return moved.distinct()


def small_star(edges: Any) -> Any:
    """Oriented edges after a small-star step."""
    from pyspark.sql import functions as F

    low = _lowest(edges)
    others = edges.join(low, "u").where(F.col("v") != F.col("m"))
    moved = others.select(F.col("v").alias("u"), F.col("m").alias("v"))
    return moved.unionByName(low.select("u", F.col("m").alias("v"))).distinct()


def one_round(edges: Any) -> Any:
    """Oriented edges after a large-star then a small-star step."""
    return small_star(large_star(edges))


def is_stars(edges: Any) -> bool:
    """Whether oriented ``edges`` are stars centred on their smallest node."""
    from pyspark.sql import functions as F

    forked = edges.groupBy("u").count().where(F.col("count") > 1)
    centres = edges.select(F.col("u").alias("v"))
    chained = edges.join(centres, "v", "left_semi")
    return forked.limit(1).count() == 0 and chained.limit(1).count() == 0


def components(edges: Any, save: Save, name: str = "components") -> Any:
    """``node`` and ``label`` (the smallest node of its component) for every node with an
    edge in ``edges`` (columns ``a``, ``b``); rounds are saved as ``name/0``, ``name/1``...
    """
    from pyspark.sql import functions as F

    star = save(f"{name}/0", lambda: oriented(edges))
    rounds = 0
    while not is_stars(star):
        rounds += 1
        star = save(f"{name}/{rounds}", partial(one_round, star))
    leaves = star.select(F.col("u").alias("node"), F.col("v").alias("label"))
    centres = star.select(F.col("v").alias("node"), F.col("v").alias("label")).distinct()
    return leaves.unionByName(centres)
