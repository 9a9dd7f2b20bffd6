"""Mandate continuity exceptions on small synthetic registers (not the packaged data)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

import bluehelmet as bh
from bluehelmet.cli import app
from bluehelmet.register.checks import EXCEPTION_COLUMNS, mandate_exceptions, mandates_continuous

from .mandate_frames import event, events, operations

UN: dict[str, Any] = {"acronym": "UNX", "org": "UN", "end_date": "2010-12-31", "active": False}


def _check(*rows: dict[str, Any], op: dict[str, Any] = UN) -> pd.DataFrame:
    return mandate_exceptions({"mandate_events": events(*rows), "operations": operations(op)})


def test_renewals_on_time_are_no_exception() -> None:
    found = _check(
        event("UNX", 100, "2008-01-15", "establish", mandate_until="2008-07-15"),
        event("UNX", 110, "2008-07-30", mandate_until="2009-01-31"),  # 15 days late: grace
        event("UNX", 120, "2009-01-30", mandate_until="2010-12-31"),
    )
    assert found.empty and list(found.columns) == EXCEPTION_COLUMNS


def test_gap_without_renewal_is_an_unexplained_exception() -> None:
    found = _check(
        event("UNX", 100, "2008-01-15", "establish", mandate_until="2008-07-15", poc=True),
        event("UNX", 130, "2009-06-01", "expand", troop_ceiling=5000, poc=True),
        event("UNX", 140, "2010-06-01", "terminate", mandate_until="2010-12-31"),
    )
    assert found[["resolution", "next_resolution", "check", "reason"]].values.tolist() == [
        [100, 130, "gap", ""]
    ]
    assert "2008-07-15" in found["detail"].iloc[0]


def test_late_renewal_is_an_exception() -> None:
    found = _check(
        event("UNX", 100, "2008-01-15", "establish", mandate_until="2008-07-15", poc=True),
        event("UNX", 130, "2008-09-01", mandate_until="2010-12-31", poc=True),
    )
    assert found[["check", "next_resolution", "reason"]].values.tolist() == [
        ["late_renewal", 130, ""]
    ]


def test_gap_due_in_the_years_without_texts_is_explained() -> None:
    op = {**UN, "end_date": "2001-12-31"}
    found = _check(
        event("UNX", 900, "1994-03-01", "establish", mandate_until="1996-03-01", poc=False),
        event("UNX", 1300, "2000-06-01", mandate_until="2001-12-31", poc=False),
        op=op,
    )
    assert found["check"].tolist() == ["late_renewal"]
    assert "March 1994 and 1999" in found["reason"].iloc[0]


def test_gap_due_before_march_1994_is_not_explained_by_the_missing_years() -> None:
    found = _check(
        event("UNX", 850, "1993-06-01", "establish", mandate_until="1993-12-01", poc=False),
        event("UNX", 990, "1995-03-01", mandate_until="2010-12-31", poc=False),
    )
    assert found["reason"].tolist() == [""]


def test_period_carried_past_an_index_only_row_is_explained() -> None:
    found = _check(
        event("UNX", 100, "2003-01-15", "establish", mandate_until="2003-07-15", poc=True),
        event("UNX", 110, "2003-07-10", verification="index"),  # a renewal, not coded
        event("UNX", 120, "2004-01-10", mandate_until="2010-12-31", poc=True),
    )
    assert found[["resolution", "next_resolution"]].values.tolist() == [[110, 120]]
    assert "index-only" in found["reason"].iloc[0]


def test_operation_running_on_without_resolution_and_ended_operations() -> None:
    lapsed = _check(event("UNX", 100, "2008-01-15", "establish", mandate_until="2008-07-15"))
    assert lapsed[["check", "reason"]].values.tolist() == [["gap", ""]]
    assert pd.isna(lapsed["next_resolution"].iloc[0])
    ended = {**UN, "end_date": "2008-07-31"}
    found = _check(
        event("UNX", 100, "2008-01-15", "establish", mandate_until="2008-07-15"),
        event("UNX", 150, "2009-05-01", "expand", troop_ceiling=0),
        op=ended,
    )
    assert "ended on 2008-07-31" in found["reason"].iloc[0]


def test_nothing_after_a_termination_and_non_un_operations_are_not_gap_checked() -> None:
    assert _check(
        event("UNX", 100, "2008-01-15", "establish", mandate_until="2008-07-15"),
        event("UNX", 110, "2008-07-10", "terminate", mandate_until="2008-08-15"),
        event("UNX", 150, "2010-05-01", "expand"),
    ).empty
    other = {"acronym": "AUX", "org": "AU", "end_date": None, "active": True}
    assert _check(
        event("AUX", 100, "2008-01-15", "authorise", mandate_until="2008-07-15"),
        event("AUX", 150, "2010-05-01", "authorise"),
        op=other,
    ).empty


def test_resolutions_out_of_order() -> None:
    op = {**UN, "end_date": None, "active": True}
    found = _check(
        event("UNX", 120, "2008-03-01", "establish"),
        event("UNX", 110, "2008-05-01", "expand"),  # later, but numbered lower
        event("UNX", 130, "2008-04-01", "expand"),  # listed after a later date
        op=op,
    )
    assert found["check"].tolist() == ["order", "order"]
    assert {tuple(r) for r in found[["resolution", "next_resolution"]].values.tolist()} == {
        (110, 130),  # 130 is listed after 110, a later date
        (130, 110),  # in date order, 110 follows 130
    }


def test_one_operation_and_unknown_names() -> None:
    rows = events(event("UNX", 100, "2008-01-15", "establish", mandate_until="2008-07-15"))
    tables = {"mandate_events": rows, "operations": operations(UN)}
    assert len(mandate_exceptions(tables, operation="unx")) == 1
    with pytest.raises(bh.NotFoundError):
        mandate_exceptions(tables, operation="NOPE")


def test_cli_lists_exceptions_and_counts_the_unexplained() -> None:
    result = CliRunner().invoke(app, ["mandates", "check", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(EXCEPTION_COLUMNS)
    assert "unexplained" in result.stderr


def test_validation_fails_on_unexplained_exceptions_only() -> None:
    lapsed = events(
        event("UNX", 100, "2008-01-15", "establish", mandate_until="2008-07-15", poc=True),
        event("UNX", 130, "2009-06-01", "expand", troop_ceiling=5000, poc=True),
        event("UNX", 140, "2010-06-01", "terminate", mandate_until="2010-12-31"),
    )
    problems = mandates_continuous({"mandate_events": lapsed, "operations": operations(UN)})
    assert len(problems) == 1 and problems[0].startswith("mandate_events UNX/100: gap")
    explained = events(
        event("UNX", 900, "1994-03-01", "establish", mandate_until="1996-03-01", poc=False),
        event("UNX", 1300, "2000-06-01", mandate_until="2001-12-31", poc=False),
    )
    op = {**UN, "end_date": "2001-12-31"}
    tables = {"mandate_events": explained, "operations": operations(op)}
    assert len(mandate_exceptions(tables)) == 1 and mandates_continuous(tables) == []
