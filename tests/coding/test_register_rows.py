"""Register rows from coded texts: purposes by addressee, tasks of one operation only."""

from __future__ import annotations

import pandas as pd

from bluehelmet.coding.code import code_texts
from bluehelmet.coding.register_rows import text_rows
from tests.coding.build import make_resolution

PREAMBLE = "The Security Council,\n\nActing under Chapter VII of the Charter,\n\n"
DATES = pd.Series({1509: pd.Timestamp("2003-09-19"), 1510: pd.Timestamp("2003-10-13")})


def _rows(operative: str, number: int) -> pd.DataFrame:
    coded = code_texts([make_resolution(PREAMBLE + operative, number, 2003)])
    return text_rows(coded, DATES, frozenset({"UNMIL", "UNAMSIL"})).set_index("operation")


def test_a_mandate_of_one_operation_gives_its_tasks_and_purposes() -> None:
    rows = _rows(
        "1. Decides to establish UNMIL for a period of twelve months;\n\n"
        "2. Decides that the mandate of UNMIL shall be as follows:\n\n"
        "(a) To assist in the disarmament and demobilization of combatants;\n\n"
        "(b) To protect civilians under imminent threat of physical violence;\n\n"
        "3. Authorizes UNMIL to use all necessary means to carry out its mandate;\n\n"
        "4. Authorizes Member States to use all necessary means to enforce the arms embargo;",
        1509,
    )
    unmil = rows.loc["UNMIL"]
    assert set(unmil["tasks"].split(";")) == {"DisarmDemob", "CivProtect"}
    assert bool(unmil["sets_mandate"])
    # the UN operation's purposes, not the Member States' enforcement
    assert set(unmil["force_purposes"].split(";")) == {
        "mandate_implementation",
        "protection_of_civilians",
    }


def test_tasks_of_a_resolution_on_two_operations_are_not_attributed() -> None:
    rows = _rows(
        "1. Decides to extend the mandate of UNMIL until 31 March 2004;\n\n"
        "2. Decides to extend the mandate of UNAMSIL until 30 June 2004;\n\n"
        "3. Requests UNMIL to assist in the disarmament of combatants;",
        1510,
    )
    assert set(rows.index) == {"UNMIL", "UNAMSIL"}
    assert rows["tasks"].isna().all()


def test_additional_mandate_elements_keep_the_mandate_they_add_to() -> None:
    """Tasks under "shall include the following additional elements" add to a mandate; they
    set no whole one (the register keeps the earlier tasks beside the new ones)."""
    for words in ("the mandate of UNMIL shall include the following additional elements",
                  "UNMIL shall carry out the following additional tasks"):  # fmt: skip
        rows = _rows(
            "1. Decides to extend the mandate of UNMIL until 31 March 2004;\n\n"
            f"2. Decides that {words}:\n\n"
            "(a) To assist in the disarmament and demobilization of combatants;",
            1510,
        )
        assert rows.loc["UNMIL", "tasks"] == "DisarmDemob"
        assert not bool(rows.loc["UNMIL", "sets_mandate"])
