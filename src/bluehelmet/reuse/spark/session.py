"""Starting Spark for the reuse engine: what must be installed, and a quiet local session."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import warnings
from pathlib import Path
from typing import Any

from bluehelmet.errors import UsageError


def spark_problem() -> str | None:
    """Why Spark cannot run here (one line saying what to install), or None when it can.

    >>> spark_problem() is None or "install" in spark_problem()
    True
    """
    if importlib.util.find_spec("pyspark") is None:
        return "the spark engine needs PySpark: pip install 'bluehelmet[spark]'"
    home = os.environ.get("JAVA_HOME")
    if not (home and Path(home, "bin", "java").exists()) and shutil.which("java") is None:
        return "the spark engine needs Java 17: install openjdk-17-jre-headless (apt-get)"
    return None


def require_spark() -> None:
    """Raise UsageError naming what to install when Spark cannot run here."""
    problem = spark_problem()
    if problem is not None:
        raise UsageError(problem)


def start_session(master: str = "local[2]", local_dir: str | Path | None = None,
                  partitions: int = 8) -> Any:  # fmt: skip
    """A SparkSession on ``master`` (``local[2]``, ``spark://host:7077``, ``yarn``...): no
    web UI, ``partitions`` shuffle partitions, adaptive execution with skewed join
    partitions split, scratch files in ``local_dir``, and (local mode) this Python for the
    workers."""
    require_spark()
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName("bluehelmet-reuse")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.adaptive.skewJoin.enabled", "true")
    )
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers' Python
        builder = builder.config("spark.driver.host", "127.0.0.1")
    if local_dir is not None:
        builder = builder.config("spark.local.dir", str(local_dir))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
