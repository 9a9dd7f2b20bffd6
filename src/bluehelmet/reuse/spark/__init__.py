"""The reuse engine on Apache Spark (optional extra ``bluehelmet[spark]``; imported only when
asked for): :func:`~bluehelmet.reuse.spark.engine.spark_reuse`."""
