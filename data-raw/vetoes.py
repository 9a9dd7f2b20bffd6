"""Build src/bluehelmet/data/vetoes.csv from the World Politics Datalab veto list.

Reads ``$BLUEHELMET_SHARED_DATA/unsc/vetoes_1946_2022.csv`` (default ``../shared/data``
next to the repository) with :func:`bluehelmet.register.vetoes.read_vetoes` and writes
the table atomically, printing a summary.
"""

from __future__ import annotations

import sys

from bluehelmet.errors import BluehelmetError
from bluehelmet.paths import PACKAGE_DATA, shared_data_dir
from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.schema import check_schema
from bluehelmet.register.vetoes import read_vetoes


def main() -> int:
    """Read, write, re-read and check the table; print a summary."""
    source = shared_data_dir() / "unsc" / "vetoes_1946_2022.csv"
    if not source.is_file():
        print(f"error: {source} not found; set BLUEHELMET_SHARED_DATA", file=sys.stderr)
        return 1
    try:
        df = read_vetoes(source)
    except BluehelmetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = write_table(df, "vetoes", PACKAGE_DATA / "vetoes.csv")
    print(f"wrote {out}: {len(df)} vetoed drafts, {df['date'].min()} to {df['date'].max()}")
    members = df["vetoed_by"].str.split(";").explode().value_counts().to_dict()
    print(f"vetoes cast by member: {members}")
    try:
        check_schema(read_table("vetoes", out), "vetoes")
    except BluehelmetError as exc:
        print(f"warning: {exc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
