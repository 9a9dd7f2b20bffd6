"""Build src/bluehelmet/data/resolutions.csv from the UN "Meetings conducted" tables.

Reads ``$BLUEHELMET_SHARED_DATA/unsc/meetings_tables_html`` (default ``../shared/data``
next to the repository) with :mod:`bluehelmet.register.meetings`, writes the table
atomically and prints a summary: count, missing numbers, skipped pages, duplicates.
"""

from __future__ import annotations

import sys

import pandas as pd

from bluehelmet.errors import BluehelmetError
from bluehelmet.paths import PACKAGE_DATA, shared_data_dir
from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.meetings import ParseReport, parse_meetings_dir
from bluehelmet.register.schema import check_schema


def missing_numbers(numbers: pd.Series) -> list[int]:
    """Numbers in 1..max that are absent."""
    present = set(numbers.astype(int))
    return [n for n in range(1, max(present, default=0) + 1) if n not in present]


def date_order_violations(df: pd.DataFrame) -> list[int]:
    """Numbers dated before a lower-numbered resolution."""
    dates = pd.to_datetime(df.sort_values("number")["date"])
    return df.loc[dates[dates < dates.cummax()].index, "number"].astype(int).tolist()


def main() -> int:
    """Parse, write, re-read and check the table; print a summary."""
    folder = shared_data_dir() / "unsc" / "meetings_tables_html"
    if not folder.is_dir():
        print(f"error: {folder} not found; set BLUEHELMET_SHARED_DATA", file=sys.stderr)
        return 1
    report = ParseReport()
    df = parse_meetings_dir(folder, report)
    out = write_table(df, "resolutions", PACKAGE_DATA / "resolutions.csv")
    try:
        check_schema(read_table("resolutions", out), "resolutions")
    except BluehelmetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {len(df)} resolutions, {df['number'].min()}-{df['number'].max()}")
    print(f"missing numbers: {missing_numbers(df['number']) or 'none'}")
    print(f"numbers dated before a lower number: {date_order_violations(df) or 'none'}")
    print(f"adoption: {df['adoption'].value_counts().to_dict()}")
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}")
    for line in report.duplicates:
        print(f"duplicate {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
