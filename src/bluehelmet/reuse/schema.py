"""The fixed schemas the reuse steps exchange (columnar, so stages can move to DuckDB/Spark)."""

from __future__ import annotations

#: One paragraph per record; ``date`` (ISO) and ``group`` (e.g. an operation) optional.
PARAGRAPH_COLUMNS = ("doc", "id", "text", "date", "group")
#: A verified pair: the earlier paragraph is the source.
PAIR_COLUMNS = (
    "source_doc", "source_id", "target_doc", "target_id", "jaccard", "containment",
    "source_start", "source_end", "target_start", "target_end",
)  # fmt: skip
