"""Mandate carry-over: shares of a mandate resolution from its previous mandate, other
operations' mandates, other earlier texts, and new."""

from __future__ import annotations

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.reuse.carryover import mandate_carryover
from bluehelmet.reuse.schema import PAIR_COLUMNS

TEXT = "x" * 100  # every paragraph is 100 characters, so shares are easy to count


def _events(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "operation": [r[0] for r in rows],
            "resolution": [r[1] for r in rows],
            "date": pd.to_datetime([r[2] for r in rows]),
            "event": ["extend"] * len(rows),
            "chapter_vii": [False] * len(rows),
            "force_authorised": [False] * len(rows),
            "force_addressee": [None] * len(rows),
        }
    )


def _paragraphs(numbers: list[int], dates: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc": [f"S/RES/{n}" for n in numbers],
            "id": [f"{n}:1" for n in numbers],
            "text": [TEXT] * len(numbers),
            "date": dates,
            "number": numbers,
        }
    )


def _pair(source: int, target: int, start: int, end: int) -> list[object]:
    return [f"S/RES/{source}", f"{source}:1", f"S/RES/{target}", f"{target}:1", 1.0, 1.0,
            start, end, start, end]  # fmt: skip


def test_each_span_is_credited_once_to_the_nearest_kind_of_source() -> None:
    # 10: an earlier text of no operation; 20: another operation's mandate;
    # 30: this operation's previous mandate; 40: this mandate
    paras = _paragraphs([10, 20, 30, 40], ["1990", "1991", "1992", "1993"])
    pairs = pd.DataFrame(
        [
            _pair(30, 40, 0, 40),  # previous mandate: 0-40
            _pair(20, 40, 30, 60),  # other operation: 30-60, of which 40-60 new to it
            _pair(10, 40, 50, 70),  # other earlier text: 50-70, of which 60-70 new to it
        ],
        columns=list(PAIR_COLUMNS),
    )
    events = _events([("UNB", 20, "1991-01-01"), ("UNA", 30, "1992-01-01"),
                      ("UNA", 40, "1993-01-01")])  # fmt: skip
    out = mandate_carryover(pairs, paras, events).set_index("resolution")
    row = out.loc[40]
    assert row["previous_resolution"] == 30 and row["previous_text"]
    assert row[["share_previous", "share_other_mandates", "share_other_earlier"]].tolist() == [
        0.4,
        0.2,
        0.1,
    ]
    assert row["share_new"] == pytest.approx(0.3)
    assert out.loc[20, "share_new"] == 1.0  # nothing earlier is aligned with it


def test_a_mandate_without_text_is_empty_and_a_missing_previous_text_is_not_a_zero() -> None:
    paras = _paragraphs([40], ["2000"])
    events = _events([("UNA", 30, "1999-01-01"), ("UNA", 40, "2000-01-01")])
    empty = pd.DataFrame(columns=list(PAIR_COLUMNS))
    out = mandate_carryover(empty, paras, events).set_index("resolution")
    assert not out.loc[30, "text"] and pd.isna(out.loc[30, "share_new"])
    assert out.loc[40, "text"] and not out.loc[40, "previous_text"]
    assert pd.isna(out.loc[40, "share_previous"])  # unknown: 1999 has no text
    assert out.loc[40, "share_new"] == 1.0


def test_paragraphs_without_resolution_numbers_are_refused() -> None:
    paras = _paragraphs([40], ["2000"]).drop(columns="number")
    with pytest.raises(DataFormatError, match="missing column number"):
        mandate_carryover(pd.DataFrame(columns=list(PAIR_COLUMNS)), paras, _events([]))
