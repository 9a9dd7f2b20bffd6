"""Mandate events: establish, extend, expand, terminate; names, back-references, priority."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bluehelmet.coding.events import EventCode, code_events, parse_number
from bluehelmet.coding.operations import index_for
from bluehelmet.documents.model import Resolution
from tests.coding.build import make_resolution


def _events(text: str, number: int = 900) -> tuple[Resolution, list[EventCode]]:
    res = make_resolution("The Security Council,\n\n" + text, number)
    return res, code_events(res)


def _one(text: str, number: int = 900) -> tuple[Resolution, EventCode]:
    res, events = _events(text, number)
    assert len(events) == 1, events
    return res, events[0]


def test_extend_until_date() -> None:
    res, e = _one(
        "1. Decides to extend the present mandate of the United Nations Interim Force in Lebanon "
        "for a further interim period of six months, that is, until 31 July 1993;",
        number=830,
    )
    assert (e.operation, e.event, e.until, e.paragraph) == (
        "UNIFIL",
        "extend",
        dt.date(1993, 7, 31),
        "1",
    )
    assert (
        "extend the present mandate of the United Nations Interim Force in Lebanon"
        in (res.text[e.start : e.end])
    )


def test_cyprus_stationing_is_an_extension_not_an_establishment() -> None:
    res, e = _one(
        "3. Extends once more the stationing in Cyprus of the United Nations Peace-keeping "
        "Force, established under Security Council resolution 186 (1964), for a further period "
        "ending 15 June 1972;",
        number=315,
    )
    assert (e.operation, e.event, e.until) == ("UNFICYP", "extend", dt.date(1972, 6, 15))
    assert res.text[e.start : e.end].startswith("Extends")


def test_expand_with_ceiling_up_to_22000() -> None:
    res, e = _one(
        "3. Authorizes the gradual reduction of UNOSOM II to a force level of up to 22,000, and "
        "necessary support elements;",
        number=897,
    )
    assert (e.operation, e.event, e.ceiling) == ("UNOSOM II", "expand", 22000)
    assert "reduction of UNOSOM II" in res.text[e.start : e.end]


def test_establish_named_operation() -> None:
    res, e = _one(
        "2. Decides to establish, under its authority, a United Nations Protection Force in "
        "accordance with the report;",
        number=743,
    )
    assert (e.operation, e.event, e.source) == ("UNPROFOR", "establish", "text")
    assert "United Nations Protection Force" in res.text[e.start : e.end]


def test_the_force_refers_back_to_the_operation_named_before() -> None:
    _, e = _one(
        "Having considered the report on the United Nations Disengagement Observer Force,\n\n"
        "1. Decides:\n\n(a) To call upon the parties to implement resolution 338 (1973);\n\n"
        "(b) To renew the mandate of the Force for another period of six months, that is, until "
        "30 November 1990;",
        number=655,
    )
    assert (e.operation, e.event, e.until, e.paragraph, e.label) == (
        "UNDOF",
        "extend",
        dt.date(1990, 11, 30),
        "1",
        "1(b)",
    )


def test_terminate() -> None:
    _, e = _one(
        "2. Decides, in the light of the report, to terminate the mandate of the United Nations "
        "Observer Group in Central America with effect from 17 January 1992;",
        number=730,
    )
    assert (e.operation, e.event, e.until) == ("ONUCA", "terminate", None)


def test_one_event_per_operation_expand_beats_extend() -> None:
    _, e = _one(
        "1. Decides to extend the mandate of UNPROFOR until 31 March 1994;\n\n"
        "2. Decides to enlarge the mandate and strength of UNPROFOR;",
        number=871,
    )
    assert (e.event, e.paragraph, e.until) == ("expand", "2", dt.date(1994, 3, 31))


def test_extending_a_mandate_to_new_tasks_is_expand() -> None:
    _, e = _one(
        "5. Decides to extend to that end the mandate of UNPROFOR in order to enable it to deter "
        "attacks against the safe areas;",
        number=836,
    )
    assert e.event == "expand"


def test_hypothetical_and_reporting_clauses_are_not_events() -> None:
    _, events = _events(
        "1. Expresses its intention to consider the establishment of a United Nations Mission "
        "in Haiti;\n\n2. Requests the Secretary-General to submit a report on the possible "
        "expansion of UNOSOM;\n\n3. Requests all States to extend their full co-operation to "
        "UNOSOM;",
        number=800,
    )
    assert events == []


def test_numbered_families_resolve_by_date() -> None:
    _, e1 = _one("3. Authorizes the increase in strength of UNOSOM;", number=775)
    assert e1.operation == "UNOSOM I"
    _, e2 = _one(
        "5. Decides to expand the size of the force of the United Nations Operation in Somalia;",
        number=814,
    )
    # the register counts 814 as UNOSOM II's establishment; its text words it as an expansion
    assert (e2.operation, e2.event) == ("UNOSOM II", "expand")


def test_unnamed_operation_gets_no_event_from_the_register() -> None:
    # 143 set up ONUC without naming it: the coder reads the text only
    res = make_resolution(
        "2. Decides to authorize the Secretary-General to take the necessary steps to provide "
        "the Government with such military assistance as may be necessary;",
        143,
    )
    assert code_events(res) == []


def test_operations_table_can_be_passed() -> None:
    ops = pd.DataFrame(
        {
            "acronym": ["UNXYZ"],
            "name": ["United Nations Example Mission in Utopia"],
            "org": ["UN"],
            "establishing_resolution": [pd.NA],
        }
    )
    res = make_resolution("1. Decides to renew the mandate of UNXYZ until 1 May 2001;", 1300)
    assert [(e.operation, e.event) for e in code_events(res, ops)] == [("UNXYZ", "extend")]
    assert index_for(ops) is index_for(ops)  # a table is indexed once


def test_number_words() -> None:
    assert parse_number("one hundred and twenty") == 120
    assert parse_number("1,144") == 1144
