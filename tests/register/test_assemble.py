"""Tests of the assembly of mandate events from curated rows, coded texts, titles, reviews."""

from __future__ import annotations

import pandas as pd
import pytest

from bluehelmet.coding.operations import OperationIndex
from bluehelmet.coding.register_rows import COLUMNS, title_rows
from bluehelmet.register.assemble import assemble_events

REVIEW_COLUMNS = ["operation", "resolution", "field", "value", "reason"]


def _rows(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame([{**dict.fromkeys(COLUMNS), **r} for r in rows], columns=list(COLUMNS))


def _coded(*numbers: int, year: int = 2005) -> pd.DataFrame:
    values = {
        "chapter_vii": True,
        "chapter_vii_scope": "preamble",
        "force_authorised": True,
        "force_addressee": "un_operation",
        "poc": True,
        "year": year,
        "source": "un_sc_resolutions;un_akn_2000_2026",
        "note": "coded",
    }
    return pd.DataFrame([values for _ in numbers], index=list(numbers))


def _reviews(*rows: tuple[str, int, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def test_old_curated_rows_stand_and_modern_rows_take_the_coders_values() -> None:
    curated = _rows(
        {
            "operation": "UNEF I",
            "resolution": 340,
            "event": "establish",
            "chapter_vii": False,
            "note": "typed",
        },
        {
            "operation": "UNMIL",
            "resolution": 1509,
            "event": "establish",
            "chapter_vii": False,
            "force_purposes": "protection_of_civilians",
            "note": "typed",
        },
        {"operation": "MISAB", "resolution": 1500, "event": "authorise", "note": "typed"},
    )
    text = _rows(
        {
            "operation": "UNEF I",
            "resolution": 340,
            "event": "expand",
            "chapter_vii": True,
            "verification": "text",
            "note": "coded",
        },
        {
            "operation": "UNMIL",
            "resolution": 1509,
            "event": "establish",
            "chapter_vii": True,
            "verification": "text",
            "note": "coded",
            "mandate_until": "2004-09-19",
        },
        {
            "operation": "UNMIL",
            "resolution": 1561,
            "event": "extend",
            "chapter_vii": True,
            "verification": "text",
            "note": "coded",
        },
    )
    coded = pd.concat([_coded(340, year=1973), _coded(1500, 1509, 1561)])
    out = assemble_events(curated, text, text.iloc[:0], coded, _reviews()).set_index(
        ["operation", "resolution"]
    )
    assert out.loc[("UNEF I", 340), "event"] == "establish"  # hand-checked old row stands
    assert not out.loc[("UNEF I", 340), "chapter_vii"]
    modern = out.loc[("UNMIL", 1509)]
    assert bool(modern["chapter_vii"]) and modern["mandate_until"] == "2004-09-19"
    assert modern["force_purposes"] == "protection_of_civilians"  # curated fills the gap
    assert "coded" in modern["note"] and "typed" in modern["note"]
    assert ("UNMIL", 1561) in out.index  # a renewal the curators never typed
    # a curated modern row without a coded event takes the coder's resolution codes
    assert out.loc[("MISAB", 1500), "event"] == "authorise"
    assert out.loc[("MISAB", 1500), "verification"] == "text"
    assert out.loc[("MISAB", 1500), "force_addressee"] == "un_operation"
    assert out.loc[("MISAB", 1500), "source"].endswith("un_akn_2000_2026")  # the XML cited


def test_title_rows_fill_only_where_nothing_else_exists() -> None:
    curated = _rows(
        {
            "operation": "UNDOF",
            "resolution": 1024,
            "event": "extend",
            "note": "typed",
            "verification": "index",
        }
    )
    titles = _rows(
        {
            "operation": "UNDOF",
            "resolution": 1024,
            "event": "expand",
            "verification": "index",
            "note": "title",
        },
        {
            "operation": "UNDOF",
            "resolution": 1057,
            "event": "extend",
            "verification": "index",
            "note": "title",
        },
    )
    out = assemble_events(curated, curated.iloc[:0], titles, pd.DataFrame(), _reviews())
    assert out.set_index("resolution")["note"].to_dict() == {1024: "typed", 1057: "title"}


def test_reviews_set_fields_drop_rows_and_explain_themselves() -> None:
    text = _rows(
        {"operation": "MINUSMA", "resolution": 2432, "event": "extend", "note": "coded"},
        {
            "operation": "MINUSMA",
            "resolution": 2423,
            "event": "extend",
            "poc": False,
            "note": "coded",
        },
    )
    reviews = _reviews(
        ("MINUSMA", 2432, "row", "drop", "sanctions renewal"),
        ("MINUSMA", 2423, "poc", "true", "para 28 (c)"),
    )
    out = assemble_events(text.iloc[:0], text, text.iloc[:0], _coded(2423, 2432), reviews)
    assert out["resolution"].tolist() == [2423]
    assert out.loc[0, "poc"] is True
    assert out.loc[0, "note"].endswith("Reviewed poc: para 28 (c)")


@pytest.mark.parametrize(
    ("review", "message"),
    [
        (("MINUSMA", 9999, "poc", "true", "x"), "no such mandate-event row"),
        (("MINUSMA", 2423, "colour", "red", "x"), "unknown field"),
        (("MINUSMA", 2423, "row", "keep", "x"), "row must be 'drop'"),
    ],
)
def test_a_review_that_matches_nothing_is_an_error(
    review: tuple[str, int, str, str, str], message: str
) -> None:
    text = _rows({"operation": "MINUSMA", "resolution": 2423, "event": "extend", "note": "c"})
    with pytest.raises(ValueError, match=message):
        assemble_events(text.iloc[:0], text, text.iloc[:0], _coded(2423), _reviews(review))


def test_titles_name_events_and_never_code_values() -> None:
    ops = pd.DataFrame(
        {
            "acronym": ["UNPROFOR", "UNCRO"],
            "name": [
                "United Nations Protection Force",
                "United Nations Confidence Restoration Operation in Croatia",
            ],
            "org": ["UN", "UN"],
            "establishing_resolution": [743, 981],
        }
    )
    index = pd.DataFrame(
        {
            "number": [998, 1025, 1026, 1021],
            "date": pd.to_datetime(["1995-06-16", "1995-11-30", "1995-11-30", "1995-11-22"]),
            "title": [
                "ON ESTABLISHMENT OF A RAPID-REACTION FORCE WITHIN THE UN PROTECTION FORCE",
                "ON PROPOSAL FOR TERMINATION OF THE MANDATE OF THE UN CONFIDENCE RESTORATION "
                "OPERATION IN CROATIA",
                "ON EXTENSION OF THE MANDATE OF THE UN PROTECTION FORCE",
                "ON TERMINATION OF THE EMBARGO ON DELIVERIES OF WEAPONS",
            ],
            "source": ["un_sc_meetings;un_unite_citations"] * 4,
        }
    )
    rows = title_rows(index, {1026}, OperationIndex(ops)).set_index("resolution")
    # 998 establishes a force inside UNPROFOR: an expansion; 1025 only proposes an end
    # (no event word left, so no row); 1026 has a text; 1021 names no operation
    assert rows["event"].to_dict() == {998: "expand"}
    assert rows.loc[998, ["chapter_vii", "force_authorised", "poc"]].isna().all()
    assert rows.loc[998, "verification"] == "index"


STRENGTH_COLUMNS = [
    "operation",
    "resolution",
    "troop_ceiling",
    "police_ceiling",
    "troop_increment",
    "police_increment",
    "paragraph",
    "quote",
    "note",
]


def test_hand_read_strengths_replace_the_coder_and_increments_add_to_the_ceiling() -> None:
    def renewal(number: int, date: str, **values: object) -> dict[str, object]:
        return {
            "operation": "UNX",
            "resolution": number,
            "date": pd.Timestamp(date),
            "event": "extend",
            "verification": "text",
            "note": "coded",
            **values,
        }

    text = _rows(
        renewal(2001, "2005-01-01", event="establish", troop_ceiling=850),  # an increment
        renewal(2002, "2006-01-01", troop_ceiling=300),
        renewal(2003, "2007-01-01"),
        renewal(2004, "2008-01-01"),
        renewal(2005, "2009-01-01"),
        renewal(2006, "2010-01-01"),
    )
    strengths = pd.DataFrame(
        [
            ("UNX", "2001", "5000", "1000", "", "", "4", "up to 5,000 military personnel", ""),
            ("UNX", "2002", "", "", "+300", "-100", "2", "an increase of 300", ""),
            ("UNX", "2003", "", "", "", "", "", "", ""),
            ("UNX", "2004", "", "", "?", "", "3", "a temporary increase", ""),
            ("UNX", "2005", "", "", "", "", "", "", ""),
            ("UNX", "2006", "6000", "", "", "", "5", "up to 6,000", ""),
        ],
        columns=STRENGTH_COLUMNS,
    )
    coded = _coded(2001, 2002, 2003, 2004, 2005, 2006)
    out = assemble_events(
        text.iloc[:0], text, text.iloc[:0], coded, _reviews(), strengths
    ).set_index("resolution")
    troops = out["troop_ceiling"].tolist()
    assert troops == [5000, 5300, 5300, None, None, 6000]
    assert out["police_ceiling"].tolist() == [1000, 900, 900, 900, 900, 900]
    assert "up to 5,000 military personnel" in out.loc[2001, "note"]
    assert "troop ceiling: 5000 (2001) +300 here" in out.loc[2002, "note"]
    assert "kept from 2002" in out.loc[2003, "note"]
    assert "does not total" in out.loc[2004, "note"]


def test_a_strength_for_no_row_is_an_error() -> None:
    strengths = pd.DataFrame(
        [("UNX", "2001", "5000", "", "", "", "4", "up to 5,000", "")], columns=STRENGTH_COLUMNS
    )
    with pytest.raises(ValueError, match="strength UNX 2001"):
        assemble_events(_rows(), _rows(), _rows(), _coded(), _reviews(), strengths)


def test_tasks_are_rewritten_by_a_whole_mandate_and_added_to_otherwise() -> None:
    def row(number: int, tasks: str | None, whole: bool) -> dict[str, object]:
        return {
            "operation": "UNX",
            "resolution": number,
            "date": pd.Timestamp(f"{number}-01-01"),
            "event": "establish" if number == 2001 else "extend",
            "tasks": tasks,
            "sets_mandate": whole,
            "verification": "text",
            "note": "coded",
        }

    text = pd.DataFrame(
        [
            {**dict.fromkeys(COLUMNS), **r}
            for r in (
                row(2001, "CivProtect;HumanRights", True),
                row(2002, None, False),  # a plain renewal
                row(2003, "Gender", False),  # "decides that the mandate shall also include"
                row(2004, "ElectAssist", True),  # a rewritten mandate
            )
        ]
    )
    coded = _coded(2001, 2002, 2003, 2004)
    out = assemble_events(_rows(), text, _rows(), coded, _reviews()).set_index("resolution")
    assert out["tasks"].tolist() == [
        "CivProtect;HumanRights",
        "CivProtect;HumanRights",
        "CivProtect;Gender;HumanRights",
        "ElectAssist",
    ]
    assert "tasks (adding Gender) kept from 2002" in out.loc[2003, "note"]
