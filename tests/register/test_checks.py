"""Each cross-check finds a planted fault in a small, otherwise sound register."""

from __future__ import annotations

import pandas as pd
import pytest

from bluehelmet.register import checks
from bluehelmet.register.checks import Tables

D = pd.Timestamp


def _ops(**over: object) -> pd.DataFrame:
    base = {
        "acronym": ["UNOMSIL", "UNAMSIL"],
        "org": ["UN", "UN"],
        "host_iso3": ["SLE", "SLE"],
        "host_gwno": ["451", "451"],
        "start_date": [D("1998-07-13"), D("1999-10-22")],
        "start_precision": ["day", "day"],
        "end_date": [D("1999-10-22"), D("2005-12-31")],
        "end_precision": ["day", "day"],
        "active": pd.array([False, False], dtype="boolean"),
        "predecessor": [pd.NA, "UNOMSIL"],
        "successor": ["UNAMSIL", pd.NA],
        "established_by": ["SC", "SC"],
        "establishing_resolution": [1181, 1270],
        "source": ["un_sc_resolutions", "un_sc_resolutions"],
    }
    base.update(over)
    return pd.DataFrame(base)


@pytest.fixture
def tables() -> Tables:
    return {
        "sources": pd.DataFrame(
            {"key": ["un_sc_resolutions", "un_sc_meetings", "gleditsch_ward_1999"]}
        ),
        "countries": pd.DataFrame({"iso3": ["SLE"], "gwno": pd.array([451], dtype="Int64")}),
        "gw_states": pd.DataFrame(
            {
                "gwno": pd.array([451], dtype="Int64"),
                "gwc": ["SIE"],
                "iso3": ["SLE"],
                "cown": pd.array([451], dtype="Int64"),
                "start_date": [D("1961-04-27")],
                "end_date": pd.Series([pd.NaT], dtype="datetime64[ns]"),
                "source": ["gleditsch_ward_1999"],
            }
        ),
        "resolutions": pd.DataFrame(
            {
                "number": [1181, 1270],
                "date": [D("1998-07-13"), D("1999-10-22")],
                "source": ["un_sc_meetings", "un_sc_meetings"],
            }
        ),
        "operations": _ops(),
        "mandate_events": pd.DataFrame(
            {
                "operation": ["UNOMSIL", "UNAMSIL"],
                "resolution": [1181, 1270],
                "date": [D("1998-07-13"), D("1999-10-22")],
                "event": ["establish", "establish"],
                "chapter_vii": pd.array([False, True], dtype="boolean"),
                "mandate_until": [pd.NaT, pd.NaT],
                "verification": ["text", "index"],
                "source": ["un_sc_resolutions", "un_sc_resolutions"],
            }
        ),
    }


def test_sound_register_has_no_problems(tables: Tables) -> None:
    assert [p for check in checks.CHECKS for p in check(tables)] == []


def test_event_date_must_match_index(tables: Tables) -> None:
    tables["mandate_events"].loc[1, "date"] = D("1999-10-21")
    assert checks.events_match_index(tables) == [
        "mandate_events UNAMSIL/1270: date 1999-10-21 but the index says 1999-10-22"
    ]


def test_event_resolution_must_exist(tables: Tables) -> None:
    tables["mandate_events"].loc[1, "resolution"] = 1200
    assert "not in resolutions.csv" in checks.events_match_index(tables)[0]


def test_event_after_end_is_flagged(tables: Tables) -> None:
    tables["operations"].loc[1, "end_date"] = D("1999-01-01")
    assert "after the end" in checks.events_within_lifetime(tables)[0]


def test_event_long_before_start_is_flagged(tables: Tables) -> None:
    tables["operations"].loc[1, "start_date"] = D("2001-01-01")
    tables["operations"].loc[1, "establishing_resolution"] = pd.NA
    assert "before the operation began (2000-07-02)" in checks.events_within_lifetime(tables)[0]


def test_establishing_resolution_marks_the_beginning(tables: Tables) -> None:
    # like UNTAG: established years before it deployed
    tables["operations"].loc[1, "start_date"] = D("2003-01-01")
    assert checks.events_within_lifetime(tables) == []


def test_numbers_must_increase_with_date(tables: Tables) -> None:
    tables["resolutions"].loc[1, "date"] = D("1990-01-01")
    assert checks.numbers_increase_with_date(tables) == [
        "resolutions 1270: dated 1990-01-01, before a lower-numbered resolution"
    ]


def test_unknown_host_and_wrong_gw(tables: Tables) -> None:
    tables["operations"] = _ops(host_iso3=["SLE", "XXX"], host_gwno=["450", "451"])
    assert checks.host_codes_valid(tables) == [
        "operations UNOMSIL: host SLE has GW 450, countries.csv says 451",
        "operations UNAMSIL: host XXX not in countries.csv",
    ]


def test_links_must_mirror(tables: Tables) -> None:
    tables["operations"] = _ops(predecessor=[pd.NA, pd.NA])
    assert checks.links_resolve(tables) == [
        "operations UNOMSIL: successor UNAMSIL does not list it as predecessor"
    ]
    tables["operations"] = _ops(successor=[pd.NA, pd.NA])
    assert checks.links_resolve(tables) == [
        "operations UNAMSIL: predecessor UNOMSIL does not list it as successor"
    ]


def test_establishing_resolution_needs_event(tables: Tables) -> None:
    tables["mandate_events"] = tables["mandate_events"].iloc[:1]
    assert checks.establishment_recorded(tables) == [
        "operations UNAMSIL: establishing resolution 1270 has no mandate event"
    ]


def test_unknown_source_key(tables: Tables) -> None:
    tables["operations"] = _ops(source=["un_sc_resolutions", "un_sc_resolutions;wikipedia"])
    assert checks.sources_known(tables) == ["operations: source key 'wikipedia' not in sources.csv"]


def test_resolution_newer_than_index_must_be_unverified(tables: Tables) -> None:
    extra = pd.DataFrame(
        {
            "operation": ["UNAMSIL"],
            "resolution": [1289],
            "date": [D("2000-02-07")],
            "source": ["un_sc_resolutions"],
            "verification": ["index"],
        }
    )
    tables["mandate_events"] = pd.concat([tables["mandate_events"], extra], ignore_index=True)
    assert checks.events_match_index(tables) == [
        "mandate_events UNAMSIL/1289: newer than the index, so it must be marked unverified"
    ]
    tables["mandate_events"].loc[2, "verification"] = "unverified"
    assert checks.events_match_index(tables) == []


def test_withdrawal_decision_may_follow_the_end(tables: Tables) -> None:
    tables["operations"].loc[1, "end_date"] = D("1999-08-01")  # 82 days before 1270
    tables["mandate_events"]["event"] = ["establish", "terminate"]
    assert checks.events_within_lifetime(tables) == []
    tables["mandate_events"]["event"] = ["establish", "expand"]
    assert "after the end 1999-08-01" in checks.events_within_lifetime(tables)[0]


def test_activity_must_agree_with_end_date(tables: Tables) -> None:
    tables["operations"]["active"] = pd.array([True, pd.NA], dtype="boolean")
    assert checks.activity_consistent(tables) == [
        "operations UNOMSIL: active but has end date 1999-10-22",
        "operations UNAMSIL: UN operation with unknown status (set active)",
    ]


def test_move_to_chapter_vii_must_be_a_shift(tables: Tables) -> None:
    later = pd.DataFrame(
        {
            "operation": ["UNOMSIL", "UNOMSIL"],
            "resolution": [1200, 1220],
            "date": [D("1998-10-01"), D("1999-01-12")],
            "event": ["authorise", "expand"],
            "chapter_vii": pd.array([True, True], dtype="boolean"),
            "verification": ["index", "index"],
            "source": ["un_sc_resolutions", "un_sc_resolutions"],
        }
    )
    events = pd.concat([tables["mandate_events"], later], ignore_index=True)
    events["chapter_vii"] = pd.array([False, True, True, True], dtype="boolean")
    tables["mandate_events"] = events
    assert checks.shifts_recorded(tables) == [
        "mandate_events UNOMSIL/1220: first move to Chapter VII after a non-Chapter VII "
        "establishment must be a shift event"
    ]
    tables["mandate_events"].loc[3, "event"] = "shift"
    assert checks.shifts_recorded(tables) == []


def test_dates_need_their_precision(tables: Tables) -> None:
    tables["operations"] = _ops(end_date=[D("1999-10-22"), pd.NaT], end_precision=["month", "day"])
    assert checks.dates_consistent(tables) == [
        "operations UNAMSIL: end_precision day but no end_date"
    ]
    tables["operations"] = _ops(start_date=[D("2000-01-01"), D("1999-10-22")])
    assert checks.dates_consistent(tables) == ["operations UNOMSIL: starts after it ends"]


def test_month_precision_widens_the_lifetime(tables: Tables) -> None:
    """An end known only to the month runs to its last day (plus the usual slack)."""
    tables["operations"] = _ops(
        end_date=[D("1999-10-01"), D("2005-12-31")], end_precision=["month", "day"]
    )
    events = tables["mandate_events"]
    late = pd.DataFrame(
        {"operation": ["UNOMSIL"], "resolution": [1270], "date": [D("1999-11-25")],
         "event": ["expand"], "chapter_vii": pd.array([False], dtype="boolean"),
         "verification": ["index"], "source": ["un_sc_resolutions"]}
    )  # fmt: skip
    tables["mandate_events"] = pd.concat([events, late], ignore_index=True)
    assert checks.events_within_lifetime(tables) == []
    tables["operations"] = _ops(end_date=[D("1999-10-01"), D("2005-12-31")])
    assert len(checks.events_within_lifetime(tables)) == 1
