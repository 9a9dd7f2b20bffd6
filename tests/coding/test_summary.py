"""Force authorisations counted by year and addressee."""

from __future__ import annotations

from bluehelmet.coding.code import code_texts
from bluehelmet.coding.summary import force_by_addressee
from tests.coding.build import make_resolution


def test_counts_resolutions_per_year_and_addressee() -> None:
    both = make_resolution(
        "The Security Council,\n\n"
        "1. Decides that the Force may take the necessary measures, including the use of force, "
        "in reply to attacks;\n\n"
        "2. Authorizes Member States to use all necessary means to support the Force;\n",
        9201,
    )
    states = make_resolution(
        "The Security Council,\n\n1. Authorizes Member States to use all necessary means;\n", 9202
    )
    demand = make_resolution(
        "The Security Council,\n\n1. Demands that the parties take all necessary measures to "
        "ensure the safety of United Nations personnel;\n",
        9203,
    )
    counts = force_by_addressee(code_texts([both, states, demand]))
    year = int(both.year or 0)
    assert counts.loc[year].to_dict() == {
        "un_operation": 1,
        "member_states": 2,
        "regional_organisation": 0,
    }
