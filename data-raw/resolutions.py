"""Build src/bluehelmet/data/resolutions.csv (1946–2026) and resolution_index_checks.csv.

Sources, read from ``$BLUEHELMET_SHARED_DATA/unsc`` (default ``../shared/data``):

- the UN "Meetings conducted" tables 1946–2022 (:mod:`bluehelmet.register.meetings`);
- the UN's AKN metadata 2000–2026 (:mod:`bluehelmet.register.un_metadata`), and for the
  few resolutions it lacks, the adoption step of the resolution's own XML;
- titles 1946–2011 from the UN Unite Ideas citation graph, where the metadata has none.

Where the meetings tables and the metadata both cover a resolution (2000–2022) the
index keeps the meetings-table row and lists every disagreement (date, meeting, vote)
in ``resolution_index_checks.csv``. Writes both tables atomically and prints a summary.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
from lxml import etree

from bluehelmet.documents.akn import read_akn
from bluehelmet.errors import BluehelmetError
from bluehelmet.paths import PACKAGE_DATA, shared_data_dir
from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.meetings import ParseReport, parse_meetings_dir
from bluehelmet.register.schema import check_schema
from bluehelmet.register.un_metadata import (
    SOURCE as METADATA,
)
from bluehelmet.register.un_metadata import (
    MetadataReport,
    metadata_row,
    read_metadata_dir,
)

TITLES = "un_unite_citations"
_GRAPH_TITLE = re.compile(r"SECURITY COUNCIL RESOLUTION (\d+) \((\d{4})\) \[(.*)\]$")
_XML_NUMBER = re.compile(r"(?:RES|SC)[_-](\d{4})")
# Disagreements settled by reading the resolution's own text (the XML's FRBR adoption
# date and adoption step): number -> reason shown in the checks table.
_WRITTEN = "voted by written procedure (COVID-19): the XML dates adoption 3 June 2020; "
READ_IN_TEXT = {
    2423: "the XML gives 28 June 2018 (S/PV.8298): the metadata's 2016 date is a slip",
    2524: _WRITTEN + "the index keeps the meetings table's 4 June (results announced)",
    2525: _WRITTEN + "the index keeps the meetings table's 4 June (results announced)",
}


def missing_numbers(numbers: pd.Series) -> list[int]:
    """Numbers in 1..max that are absent."""
    present = set(numbers.astype(int))
    return [n for n in range(1, max(present, default=0) + 1) if n not in present]


def date_order_violations(df: pd.DataFrame) -> list[int]:
    """Numbers dated before a lower-numbered resolution."""
    dates = pd.to_datetime(df.sort_values("number")["date"])
    return df.loc[dates[dates < dates.cummax()].index, "number"].astype(int).tolist()


def graph_titles(path: Path) -> dict[int, str]:
    """Resolution number -> title from the citation graph (GraphML node titles)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    titles: dict[int, str] = {}
    for element in etree.parse(str(path), parser).iter("{*}data"):
        match = _GRAPH_TITLE.match((element.text or "").strip())
        if match:
            titles.setdefault(int(match.group(1)), match.group(3).strip())
    return titles


def xml_rows(folder: Path, numbers: set[int]) -> pd.DataFrame:
    """Index rows for ``numbers`` from the adoption step of their own XML files."""
    rows = []
    for path in sorted(folder.glob("*/*.xml")):
        found = _XML_NUMBER.search(path.name)
        if not found or int(found.group(1)) not in numbers:
            continue
        res = read_akn(path.read_bytes(), str(path))
        if res.kind != "resolution" or res.number not in numbers or res.date is None:
            continue
        step = {
            "symbol": res.symbol,
            "adoption_date": res.date.isoformat(),
            "adoption_meeting": res.vote or "",
            "adoption_type": res.vote or "",
        }
        rows.append(metadata_row(step))
        numbers = numbers - {res.number}
    return pd.DataFrame(rows)


def _same_votes(a: pd.Series, b: pd.Series) -> bool:
    if a["adoption"] == "without_vote" or b["adoption"] == "without_vote":
        return a["adoption"] == b["adoption"]
    return all(pd.isna(a[c]) or pd.isna(b[c]) or int(a[c]) == int(b[c]) for c in _COUNTS)


_COUNTS = ("yes", "no", "abstain")


def _vote_note(r: pd.Series) -> str:
    if "without_vote" in (r["adoption"], r["adoption_un"]):
        return "one source records a vote, the other adoption without a vote"
    return "the sources give different counts"


def index_checks(meetings: pd.DataFrame, metadata: pd.DataFrame) -> pd.DataFrame:
    """One row per field on which the two sources disagree for the same resolution."""
    both = meetings.merge(metadata, on="number", suffixes=("", "_un"))
    rows = []
    for _, r in both.iterrows():
        number = int(r["number"])
        note = READ_IN_TEXT.get(number, "")
        if pd.Timestamp(r["date"]) != pd.Timestamp(r["date_un"]):
            rows.append((number, "date", r["date"], r["date_un"], note))
        meeting = "" if pd.isna(r["meeting"]) else re.sub(r"\s*\(.*", "", str(r["meeting"]))
        if pd.notna(r["meeting_un"]) and meeting and meeting != r["meeting_un"]:
            rows.append((number, "meeting", r["meeting"], r["meeting_un"], note))
        if not _same_votes(r, pd.Series({f: r[f"{f}_un"] for f in _VOTE_FIELDS})):
            mine = r["vote"]
            counts = [r[f"{c}_un"] for c in _COUNTS]
            shown = "-".join(str(int(c)) for c in counts if pd.notna(c))
            theirs = f"{r['vote_un']} (counts {shown})" if shown else r["vote_un"]
            rows.append((number, "vote", mine, theirs, note or _vote_note(r)))
    columns = ["number", "field", "meetings_value", "metadata_value", "note"]
    out = pd.DataFrame(rows, columns=columns)
    for c in ("meetings_value", "metadata_value"):
        out[c] = out[c].map(lambda v: v.date().isoformat() if isinstance(v, pd.Timestamp) else v)
    return out


_VOTE_FIELDS = ["adoption", *_COUNTS]


def main() -> int:
    """Parse both sources, merge, write, re-read and check; print a summary."""
    unsc = shared_data_dir() / "unsc"
    folders = [unsc / "meetings_tables_html", unsc / "akn_2000_2026" / "metadata"]
    for folder in folders:
        if not folder.is_dir():
            print(f"error: {folder} not found; set BLUEHELMET_SHARED_DATA", file=sys.stderr)
            return 1
    report, meta_report = ParseReport(), MetadataReport()
    meetings = parse_meetings_dir(folders[0], report)
    metadata = read_metadata_dir(folders[1], meta_report)
    absent = set(range(int(metadata["number"].min()), int(metadata["number"].max()) + 1))
    extra = xml_rows(unsc / "akn_2000_2026" / "resolutions", absent - set(metadata["number"]))
    metadata = pd.concat([metadata, extra], ignore_index=True).sort_values("number")
    checks = index_checks(meetings, metadata)

    titles = graph_titles(unsc / "resolution_citations_1946_2011.graphml")
    meetings = meetings.merge(metadata[["number", "title"]], on="number", how="left")
    from_graph = meetings["title"].isna() & meetings["number"].isin(titles)
    meetings.loc[from_graph, "title"] = meetings.loc[from_graph, "number"].map(titles)
    has_title = meetings["title"].notna()
    meetings.loc[has_title & ~from_graph, "source"] += f";{METADATA}"
    meetings.loc[from_graph, "source"] += f";{TITLES}"
    later = metadata[~metadata["number"].isin(meetings["number"])]
    df = pd.concat([meetings, later], ignore_index=True).sort_values("number")
    df[list(_COUNTS)] = df[list(_COUNTS)].astype("Int64")

    out = write_table(df, "resolutions", PACKAGE_DATA / "resolutions.csv")
    write_table(checks, "resolution_index_checks", PACKAGE_DATA / "resolution_index_checks.csv")
    try:
        check_schema(read_table("resolutions", out), "resolutions")
    except BluehelmetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {len(df)} resolutions, {df['number'].min()}-{df['number'].max()}")
    print(f"from the meetings tables: {len(meetings)}; from the UN metadata only: {len(later)}")
    print(f"missing numbers: {missing_numbers(df['number']) or 'none'}")
    print(f"numbers dated before a lower number: {date_order_violations(df) or 'none'}")
    print(f"disagreements listed: {checks['field'].value_counts().to_dict()}")
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}")
    for line in report.duplicates + meta_report.duplicates:
        print(f"duplicate {line}")
    for line in meta_report.skipped:
        print(f"skipped {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
