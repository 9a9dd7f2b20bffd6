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
