"""Build src/bluehelmet/data/failed_drafts.csv: vetoed and failed Security Council drafts.

Vetoed drafts 1946–2022 come from the packaged veto list (built by ``data-raw/vetoes.py``);
the drafts not adopted 2023–2025 from ``$BLUEHELMET_SHARED_DATA/unsc/akn_2000_2026/
drafts_not_adopted/*.xml``, read with the project's AKN reader (symbol, date, meeting, the
UN's vote lists, agenda item and title). Each draft is linked to the operations its agenda
item, title or text names (:func:`bluehelmet.council.drafts.linked_operations`).
"""

from __future__ import annotations

import sys

from bluehelmet.council.drafts import build_failed_drafts, read_drafts
from bluehelmet.errors import BluehelmetError
from bluehelmet.paths import PACKAGE_DATA, shared_data_dir
from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.schema import check_schema


def main() -> int:
    """Read, link, write, re-read and check the table; print a summary."""
    folder = shared_data_dir() / "unsc" / "akn_2000_2026" / "drafts_not_adopted"
    if not folder.is_dir():
        print(f"error: {folder} not found; set BLUEHELMET_SHARED_DATA", file=sys.stderr)
        return 1
    try:
        drafts = read_drafts(folder)
        df = build_failed_drafts(read_table("vetoes"), drafts, read_table("operations"))
        out = write_table(df, "failed_drafts", PACKAGE_DATA / "failed_drafts.csv")
        check_schema(read_table("failed_drafts", out), "failed_drafts")
    except (BluehelmetError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    linked = df[df["operation"].notna()]
    print(f"wrote {out}: {len(df)} drafts ({len(drafts)} from the XML), {len(linked)} linked")
    for row in linked.itertuples():
        print(f"  {row.date.date()} {row.draft}: {row.operation} ({row.linked_by})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
