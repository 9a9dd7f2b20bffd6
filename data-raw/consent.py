"""Build src/bluehelmet/data/consent_events.csv from data-raw/curated/consent_events.csv.

Every quote is checked against the resolution it cites, read from
``$BLUEHELMET_SHARED_DATA/unsc`` (the UN's XML 2000–2026, number and date read from inside
the XML; the 1946–1994 text files): each passage must be found verbatim (whitespace
normalised), and a host letter's symbol and date must be in the quote. The build fails,
listing every such problem, rather than write an unverified quote; ``response_date`` is
the resolution's own date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bluehelmet.council.consent import build_consent_events, read_curated, resolution_texts
from bluehelmet.errors import BluehelmetError
from bluehelmet.paths import PACKAGE_DATA, shared_data_dir
from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.schema import check_schema

CURATED = Path(__file__).resolve().parent / "curated" / "consent_events.csv"


def main() -> int:
    """Verify, write, re-read and check the table; print a summary."""
    shared = shared_data_dir()
    if not (shared / "unsc" / "akn_2000_2026" / "resolutions").is_dir():
        print(
            f"error: no resolution texts under {shared}; set BLUEHELMET_SHARED_DATA",
            file=sys.stderr,
        )
        return 1
    try:
        df = build_consent_events(read_curated(CURATED), resolution_texts(shared))
        out = write_table(df, "consent_events", PACKAGE_DATA / "consent_events.csv")
        check_schema(read_table("consent_events", out), "consent_events")
    except BluehelmetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    counts = df["verification"].value_counts().to_dict()
    print(f"wrote {out}: {len(df)} events, {df['operation'].nunique()} operations; {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
