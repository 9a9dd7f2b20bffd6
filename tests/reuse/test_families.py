"""Clause families: transitive merging, origins, deterministic numbering, summaries."""

from __future__ import annotations

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError
from bluehelmet.reuse.engine import find_reuse
from bluehelmet.reuse.families import families, family_summary
from bluehelmet.reuse.schema import PAIR_COLUMNS


def _paragraphs() -> pd.DataFrame:
    rows = [
        ("R3", "3:1", "2003-05-01", "UNMIL"),
        ("R1", "1:1", "2001-01-10", "UNAMSIL"),
        ("R2", "2:1", "2002-03-01", "UNAMSIL"),
        ("R4", "4:1", "2004-07-01", "UNOCI"),
        ("R0", "0:1", "2000-06-01", "MONUC"),
        ("R5", "5:1", "2005-01-01", ""),
        ("R6", "6:1", "", "UNMIL"),
        ("R0", "0:2", "2000-06-01", "MONUC"),
    ]
    return pd.DataFrame(
        [(d, i, f"text {d}{i}", date, g) for d, i, date, g in rows],
        columns=["doc", "id", "text", "date", "group"],
    )


def _pairs(links: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    rows = [(*link, 0.8, 0.9, 0, 5, 0, 5) for link in links]
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS))


PAIRS = [
    ("R1", "1:1", "R2", "2:1"),  # chain R1 -> R2 -> R3 -> R4 merges transitively
    ("R2", "2:1", "R3", "3:1"),
    ("R3", "3:1", "R4", "4:1"),
    ("R0", "0:1", "R5", "5:1"),
    ("R5", "5:1", "R6", "6:1"),
    ("R9", "9:1", "R0", "0:2"),  # unknown paragraph: ignored
]


def test_families_merge_transitively_and_are_numbered_by_origin_date() -> None:
    out = families(_pairs(PAIRS), _paragraphs())
    fam = dict(zip(out["doc"] + "/" + out["id"], out["family"], strict=True))
    # Origins: R0/0:1 (2000-06-01, first in table) -> 0; R0/0:2 (same date, later row) -> 1;
    # R1/1:1 (2001) -> 2.
    assert fam == {
        "R0/0:1": 0, "R5/5:1": 0, "R6/6:1": 0,
        "R0/0:2": 1,
        "R1/1:1": 2, "R2/2:1": 2, "R3/3:1": 2, "R4/4:1": 2,
    }  # fmt: skip
    origins = out.loc[out["origin"], "doc"] + "/" + out.loc[out["origin"], "id"]
    assert sorted(origins) == ["R0/0:1", "R0/0:2", "R1/1:1"]
    assert out["doc"].tolist() == _paragraphs()["doc"].tolist()  # paragraph order kept


def test_numbering_does_not_depend_on_pair_order() -> None:
    a = families(_pairs(PAIRS), _paragraphs())["family"].tolist()
    b = families(_pairs(PAIRS[::-1]), _paragraphs())["family"].tolist()
    assert a == b


def test_undated_paragraph_is_never_the_origin_of_a_dated_family() -> None:
    paras = _paragraphs()
    out = families(_pairs([("R6", "6:1", "R4", "4:1")]), paras)
    origin = out[out["origin"] & (out["family"] == out.loc[3, "family"])]
    assert origin["doc"].tolist() == ["R4"]


def test_family_summary_gives_origin_and_spread() -> None:
    summary = family_summary(families(_pairs(PAIRS), _paragraphs()))
    assert summary["family"].tolist() == [0, 2]  # family 1 is a singleton
    big = summary.set_index("family").loc[2]
    assert (big["size"], big["origin_doc"], big["origin_id"]) == (4, "R1", "1:1")
    assert (big["origin_date"], big["origin_group"]) == ("2001-01-10", "UNAMSIL")
    assert (big["first_year"], big["last_year"], big["n_docs"]) == (2001, 2004, 4)
    assert (big["groups"], big["n_groups"]) == ("UNAMSIL;UNMIL;UNOCI", 3)
    assert big["years"] == "2001;2002;2003;2004"
    small = summary.set_index("family").loc[0]
    # R5 has no group (left out); R6 has no date (no year; its group comes last).
    assert (small["groups"], small["years"], small["size"]) == ("MONUC;UNMIL", "2000;2005", 3)
    assert len(family_summary(families(_pairs(PAIRS), _paragraphs()), min_size=1)) == 3


def test_missing_columns_are_reported() -> None:
    with pytest.raises(DataFormatError, match="pairs"):
        families(pd.DataFrame(columns=["source_doc"]), _paragraphs())


def test_same_date_origin_is_the_engines_source_not_the_first_row() -> None:
    """Two identical paragraphs of one date, listed B before A: the engine pairs A -> B (date,
    then doc, then id), and the family's origin must be that same source."""
    text = "the council authorizes the force to take all necessary measures to protect civilians"
    paras = pd.DataFrame(
        {"doc": ["B", "A"], "id": ["1", "1"], "text": [text, text], "date": ["2000", "2000"]}
    )
    pairs = find_reuse(paras).pairs
    assert pairs[["source_doc", "target_doc"]].values.tolist() == [["A", "B"]]
    members = families(pairs, paras)
    assert members.set_index("doc").loc["A", "origin"]
    assert not members.set_index("doc").loc["B", "origin"]
    assert family_summary(members)["origin_doc"].tolist() == ["A"]
