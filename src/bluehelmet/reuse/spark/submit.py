"""Entry point for ``spark-submit``: the reuse engine on the session spark-submit made.

Give this file's path to spark-submit, the project's wheel to ``--py-files``, then the
input and output folder (and options, ``--help``)::

    spark-submit --master spark://head:7077 --py-files dist/bluehelmet-0.1.0-py3-none-any.whl \\
      src/bluehelmet/reuse/spark/submit.py hdfs:///corpora/paragraphs.parquet reuse-out \\
      --workdir hdfs:///tmp/reuse-stages

The master, executors and memory are spark-submit's (``--master``, ``--conf``); nothing is
hard-coded here. Spark puts only ``.py``, ``.zip`` and ``.egg`` files of ``--py-files`` on
the executors' path, so a wheel given there is re-added as a ``.zip``
(:func:`ship_wheel`). Prints one JSON line: the files written, skipped records, counts and
seconds per stage.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from bluehelmet.errors import UsageError


def wheel_archive() -> Path | None:
    """The wheel (a zip archive not named ``.zip``/``.egg``) bluehelmet was imported from,
    or None when it was imported from a folder or from an archive Spark ships itself.

    >>> wheel_archive() is None  # imported from the source folder here
    True
    """
    import bluehelmet

    archive = getattr(bluehelmet.__spec__.loader, "archive", None)  # a zipimporter's file
    if archive is None or archive.lower().endswith((".zip", ".egg")):
        return None
    return Path(archive)


def ship_wheel(spark: Any) -> Path | None:
    """Copy the wheel bluehelmet runs from (if any) to a ``.zip`` and add it to the
    executors' Python path with ``addPyFile``; the ``.zip`` added, or None."""
    wheel = wheel_archive()
    if wheel is None:
        return None
    target = Path(tempfile.mkdtemp(prefix="bluehelmet-wheel-")) / f"{wheel.stem}.zip"
    shutil.copyfile(wheel, target)
    spark.sparkContext.addPyFile(str(target))
    return target


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The job's arguments.

    >>> parse(["in.parquet", "out", "--partitions", "400"]).partitions
    400
    """
    parser = argparse.ArgumentParser(
        prog="submit.py", description="bluehelmet text reuse on the spark-submit session"
    )
    parser.add_argument("source", help="JSON Lines or Parquet file or folder (any Hadoop URI)")
    parser.add_argument("out", help="local folder for the tables")
    parser.add_argument(
        "--workdir", help="stage folder (any Hadoop URI; default OUT/.spark-stages)"
    )
    parser.add_argument("--partitions", type=int, help="spark.sql.shuffle.partitions")
    parser.add_argument("--pair-boilerplate", action="store_true", help="also pair boilerplate")
    parser.add_argument("--keep-stages", action="store_true", help="keep the stage folder")
    parser.add_argument("--min-jaccard", type=float, help="verified pairs' minimum Jaccard")
    parser.add_argument("--ngram", type=int, help="shingle length in words")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the engine on the session spark-submit configured and print a JSON summary."""
    from pyspark.sql import SparkSession

    from bluehelmet.reuse.spark.engine import spark_reuse

    args = parse(argv)
    spark = SparkSession.builder.appName("bluehelmet-reuse").getOrCreate()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    if args.partitions is not None:
        spark.conf.set("spark.sql.shuffle.partitions", str(args.partitions))
    shipped = ship_wheel(spark)
    options = {"min_jaccard": args.min_jaccard, "n": args.ngram}
    try:
        result = spark_reuse(
            args.source, args.out, session=spark, workdir=args.workdir,
            pair_boilerplate=args.pair_boilerplate, keep_stages=args.keep_stages,
            **{k: v for k, v in options.items() if v is not None},
        )  # fmt: skip
    except UsageError as error:
        sys.exit(f"bluehelmet: {error}")
    finally:
        spark.stop()
    summary = {
        "files": [str(f) for f in result.files],
        "problems": result.problems,
        "pairs": result.params.get("pairs"),
        "seconds": result.seconds,
        "shipped": str(shipped) if shipped else None,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
