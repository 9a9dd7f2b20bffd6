"""Build votes.csv, council_members.csv and sponsors.csv from the UN's metadata 2000–2026.

Reads ``$BLUEHELMET_SHARED_DATA/unsc/akn_2000_2026/metadata/*.json`` (member lists by
vote, sponsors) and ``unsc/council_membership_1992_2023.csv`` with
:func:`bluehelmet.register.votes.read_votes`; dates and counts come from the packaged
resolution index (built first by ``data-raw/resolutions.py``), which is checked against the
meetings tables. Writes the three tables atomically and prints what could not be read.
"""

from __future__ import annotations

import sys

from bluehelmet.errors import BluehelmetError
from bluehelmet.paths import PACKAGE_DATA, shared_data_dir
from bluehelmet.register.council import VoteReport
from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.schema import check_schema
from bluehelmet.register.votes import read_votes


def main() -> int:
    """Read, write, re-read and check the tables; print a summary."""
    unsc = shared_data_dir() / "unsc"
    folder = unsc / "akn_2000_2026" / "metadata"
    membership = unsc / "council_membership_1992_2023.csv"
    for path in (folder, membership):
        if not path.exists():
            print(f"error: {path} not found; set BLUEHELMET_SHARED_DATA", file=sys.stderr)
            return 1
    report = VoteReport()
    try:
        tables = read_votes(folder, membership, read_table("resolutions"), report)
        for name, df in tables.items():
            out = write_table(df, name, PACKAGE_DATA / f"{name}.csv")
            check_schema(read_table(name, out), name)
            print(f"wrote {out}: {len(df)} rows")
    except (BluehelmetError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    votes = tables["votes"]
    counts = votes["vote"].value_counts(dropna=False).to_dict()
    print(f"votes: {votes['resolution'].nunique()} resolutions; {counts}")
    for line in report.unresolved:
        print(f"  not read from the lists: {line}")
    if report.unmapped:
        print(f"  names that are not member states (dropped): {sorted(set(report.unmapped))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
