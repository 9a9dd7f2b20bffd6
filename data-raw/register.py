"""Build the register tables (operations, mandate events, countries, GW states).

The curated files are typed by the project's curators from the resolution texts
and the sources named in each row. Mandate events are assembled
(:mod:`bluehelmet.register.assemble`) from the curated rows, the rows the coder finds
in every resolution text of the shared corpora (1946–1994 and 2000–2026), rows from
the UN titles of resolutions without a text (1995–1999), the troop and police ceilings
read by hand in every 2000–2026 mandate text (``curated/mandate_strengths.csv``: the
total stated, or the increment, with the paragraph and the words), and the curators'
reviews (``curated/mandate_reviews.csv``: each departure from the coder with its reason). The
script validates the whole register (schemas and cross-checks against resolutions.csv)
and only then writes the packaged tables, so a failed check writes nothing.

Needs the shared data (``$BLUEHELMET_SHARED_DATA``, default ``../shared/data``).
Run: python data-raw/register.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from bluehelmet.coding.batch import code_folders
from bluehelmet.coding.operations import OperationIndex
from bluehelmet.coding.register_rows import resolution_values, text_rows, title_rows
from bluehelmet.paths import shared_data_dir
from bluehelmet.register.assemble import assemble_events
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


def mandate_events(curated: pd.DataFrame, operations: pd.DataFrame) -> pd.DataFrame:
    """Curated rows, coded texts, UN titles and reviews in one table (see module doc)."""
    unsc = shared_data_dir() / "unsc"
    folders = [unsc / "resolutions_en_1946_1994", unsc / "akn_2000_2026" / "resolutions"]
    _, coded = code_folders(folders)
    index = read_table("resolutions")
    dates = index.set_index("number")["date"]
    known = set(operations["acronym"])
    un = frozenset(operations.loc[operations["org"] == "UN", "acronym"])
    text = text_rows(coded, dates, un)
    text = text[text["operation"].isin(known)]
    read = set(coded.resolution["resolution"].astype(int))
    titles = title_rows(index, read, OperationIndex(operations))
    reviews = pd.read_csv(CURATED / "mandate_reviews.csv", dtype=str, keep_default_na=False)
    strengths = pd.read_csv(CURATED / "mandate_strengths.csv", dtype=str, keep_default_na=False)
    ceilings = text.set_index(["operation", "resolution"])["troop_ceiling"]
    print(f"coder's troop ceilings: {_agreement(ceilings, strengths)}")
    events = assemble_events(curated, text, titles, resolution_values(coded), reviews, strengths)
    events = events.sort_values(SORT["mandate_events"], kind="stable").reset_index(drop=True)
    with tempfile.TemporaryDirectory() as tmp:  # the packaged types, as a reader sees them
        return read_table(
            "mandate_events", write_table(events, "mandate_events", Path(tmp) / "m.csv")
        )


def _agreement(coder: pd.Series, strengths: pd.DataFrame) -> str:
    """How often the coder's troop ceiling equals the hand-read one (empty = empty)."""
    pairs = [
        (
            int(s.troop_ceiling) if s.troop_ceiling else None,
            coder.get((s.operation, int(s.resolution))),
        )
        for s in strengths.itertuples()
        if (s.operation, int(s.resolution)) in coder.index
    ]
    pairs = [(hand, None if pd.isna(read) else int(read)) for hand, read in pairs]
    stated = [(hand, read) for hand, read in pairs if hand is not None]
    same = sum(hand == read for hand, read in pairs)
    found = sum(hand == read for hand, read in stated)
    return f"{same}/{len(pairs)} rows agree; {found}/{len(stated)} stated ceilings found"


def main() -> int:
    tables = {
        name: read_table(name)
        for name in ("sources", "resolutions", "vetoes", "operation_date_checks")
    }
    tables.update({name: build(name) for name in PARTS})
    tables["mandate_events"] = mandate_events(tables["mandate_events"], tables["operations"])
    problems = register_problems(tables)
    if len(problems):
        for row in problems.itertuples():
            print(f"{row.check}: {row.problem}", file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    stale = not tables["operations"].equals(read_table("operations"))
    for name in PARTS:
        write_table(tables[name], name)
        print(f"{name}: {len(tables[name])} rows")
    if stale:  # the coder named operations from the table this build replaces
        print("operations changed: run this script again so the coder knows them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
