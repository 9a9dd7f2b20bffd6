"""Build the register tables (operations, mandate events, countries, GW states) from curated files.

The curated files are typed by the project's curators from the resolution texts
and the sources named in each row. This script merges them, sorts them stably,
validates the whole register (schemas and cross-checks against resolutions.csv)
and only then writes the packaged tables, so a failed check writes nothing.

Run: python data-raw/register.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.validate import register_problems

CURATED = Path(__file__).parent / "curated"
PARTS = {
    "operations": ["operations_un.csv", "operations_non_un.csv"],
    "mandate_events": [
        "mandate_events_un_africa.csv",
        "mandate_events_un_other.csv",
        "mandate_events_non_un.csv",
    ],
    "countries": ["countries.csv"],
    "gw_states": ["gw_states.csv"],
}
SORT = {
    "operations": ["acronym"],
    "mandate_events": ["date", "resolution", "operation"],
    "countries": ["iso3"],
    "gw_states": ["gwno", "start_date"],
}


def build(table: str) -> pd.DataFrame:
    """Concatenate and sort the curated parts of one table."""
    frames = [read_table(table, CURATED / name) for name in PARTS[table]]
    df = pd.concat(frames, ignore_index=True)
    return df.sort_values(SORT[table], kind="stable").reset_index(drop=True)


def main() -> int:
    tables = {
        name: read_table(name)
        for name in ("sources", "resolutions", "vetoes", "operation_date_checks")
    }
    tables.update({name: build(name) for name in PARTS})
    problems = register_problems(tables)
    if len(problems):
        for row in problems.itertuples():
            print(f"{row.check}: {row.problem}", file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    for name in PARTS:
        write_table(tables[name], name)
        print(f"{name}: {len(tables[name])} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
