"""Tests of the reader of the UN's AKN metadata (JSON Lines, 2000–2026)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd

from bluehelmet.register.load import read_table
from bluehelmet.register.un_metadata import MetadataReport, read_metadata_dir


def _entry(symbol: str, when: str, kind: str, counts: tuple[str, str, str]) -> str:
    keys = ("MS_in_favour_count", "MS_against_count", "MS_abstaining_count")
    entry = {
        "symbol": symbol,
        "adoption_date": when,
        "adoption_meeting": "9082nd meeting",
        "adoption_type": kind,
        "agenda_item_name": "The situation in Mali",
        "resolution_title": f"Security Council resolution {symbol} [on the situation in Mali]",
        **dict(zip(keys, counts, strict=True)),
    }
    return json.dumps(entry)


def test_messy_rows_are_read_and_bad_rows_skipped_with_file_and_line(tmp_path: Path) -> None:
    lines = [
        _entry(
            "S/RES/2640(2022)",
            "29\xa0June\xa02022",
            "Adopted 13-0-2, 9082nd meeting",
            ("15", "", ""),
        ),
        _entry("S/RES/2641 (2022)", "2022-06-30 00:00:00", "Adopted unanimously", ("015", "", "")),
        _entry(
            "S/RES/1574 (2004)", "19 November 2004 in Nairobi", "Adopted without vote", ("", "", "")
        ),
        _entry("S/RES/2641 (2022)", "2022-06-30", "Adopted unanimously", ("15", "0", "0")),
        _entry("S/RES/9 (x)", "1 May 2022", "Adopted unanimously", ("15", "0", "0")),
        _entry("S/RES/2642 (2022)", "sometime", "Adopted unanimously", ("15", "0", "0")),
        "[1, 2]",
    ]
    (tmp_path / "2022.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = MetadataReport()
    df = read_metadata_dir(tmp_path, report).set_index("number")
    assert list(df.index) == [1574, 2640, 2641]
    assert df.loc[2640, "date"] == date(2022, 6, 29)
    # the vote text's counts win over the member count (15 in favour is the UN's slip)
    assert df.loc[2640, ["yes", "no", "abstain"]].tolist() == [13, 0, 2]
    assert df.loc[2641, ["adoption", "yes", "no", "abstain"]].tolist() == ["unanimous", 15, 0, 0]
    assert df.loc[1574, "adoption"] == "without_vote" and pd.isna(df.loc[1574, "yes"])
    assert df.loc[1574, "date"] == date(2004, 11, 19)
    assert df.loc[2640, "meeting"] == "S/PV.9082"
    assert df.loc[2640, "title"] == "on the situation in Mali"
    assert report.duplicates == ["2641: 2 identical entries, one kept"]
    assert [s.split(": ")[0] for s in report.skipped] == [
        "2022.json:5",
        "2022.json:6",
        "2022.json:7",
    ]
    assert "adoption_date" in report.skipped[1]


def test_packaged_index_after_2022_equals_the_metadata(shared_data: Path) -> None:
    fresh = read_metadata_dir(shared_data / "unsc" / "akn_2000_2026" / "metadata")
    packaged = read_table("resolutions").set_index("number")
    later = fresh[fresh["number"] > 2640].set_index("number")
    assert len(later) > 150
    for column in ("year", "meeting", "topic", "adoption", "yes", "no", "abstain", "title"):
        mine = packaged.loc[later.index, column].astype(object).where(lambda s: s.notna(), None)
        theirs = later[column].astype(object).where(lambda s: s.notna(), None)
        assert mine.tolist() == theirs.tolist(), column
    dates = pd.to_datetime(packaged.loc[later.index, "date"]).dt.date
    assert dates.tolist() == later["date"].tolist()
