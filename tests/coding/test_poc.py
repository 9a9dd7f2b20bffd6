"""Protection of civilians: who is tasked, and whether a force authorisation covers it."""

from __future__ import annotations

import pytest

from bluehelmet.coding.clauses import clauses, paragraph_refs
from bluehelmet.coding.code import code_texts
from bluehelmet.coding.force import code_force
from bluehelmet.coding.operations import default_index
from bluehelmet.coding.poc import PocCode, code_poc
from tests.coding.build import make_resolution

INDEX = default_index()


def _poc(text: str, number: int = 2000) -> list[PocCode]:
    res = make_resolution(text, number=number, year=2015)
    parsed = clauses(res, INDEX.mentions(res.text, number), INDEX)
    return code_poc(res, parsed, code_force(res, INDEX, parsed), INDEX)


def _summary(text: str) -> list[tuple[str, str, str, str]]:
    return [(c.paragraph, c.value, c.addressee, c.force) for c in _poc(text)]


def test_mandate_item_tied_to_a_general_authorisation() -> None:
    text = (
        "1. Decides that the mandate of MINUSCA shall include the following tasks:\n\n"
        "(a) To protect, without prejudice to the primary responsibility of the authorities, "
        "the civilian population from threat of physical violence;\n\n"
        "(b) To support the peace process;\n\n"
        "2. Authorizes MINUSCA to use all necessary means to carry out its mandate;\n"
    )
    assert _summary(text) == [("1", "force", "un_operation", "2")]


def test_authorisation_naming_paragraphs_covers_only_those() -> None:
    text = (
        "1. Decides that MONUC shall have the following mandate:\n\n"
        "(a) Ensure the protection of civilians under imminent threat of physical violence;\n\n"
        "2. Requests MONUC to contribute to the protection of civilians in the Kivus;\n\n"
        "3. Authorizes MONUC to use all necessary means to carry out the tasks listed in "
        "paragraph 1 above;\n"
    )
    assert _summary(text) == [
        ("1", "force", "un_operation", "3"),
        ("2", "task", "un_operation", ""),
    ]


def test_poc_with_its_own_necessary_action() -> None:
    text = (
        "1. Decides that UNAMSIL may take the necessary action to ensure the security of its "
        "personnel and, within its capabilities, to afford protection to civilians under "
        "imminent threat of physical violence;\n"
    )
    assert _summary(text) == [("1", "force", "un_operation", "1")]


def test_poc_task_without_force() -> None:
    text = (
        "1. Decides that UNMIL shall protect civilians under imminent threat of physical "
        "violence, within its capabilities;\n\n"
        "2. Encourages MINUSTAH to continue assisting the Government in providing adequate "
        "protection to the civilian population;\n"
    )
    assert _summary(text) == [("1", "task", "un_operation", ""), ("2", "task", "un_operation", "")]


def test_authorisation_for_part_of_the_mandate_does_not_cover_poc() -> None:
    text = (
        "1. Authorizes MINUJUSTH to use all necessary means to carry out its mandate to "
        "support and develop the national police;\n\n"
        "2. Further authorizes MINUJUSTH to protect civilians under imminent threat of physical "
        "violence;\n"
    )
    assert _summary(text) == [("2", "task", "un_operation", "")]


@pytest.mark.parametrize(
    "text",
    [
        "1. Calls upon all parties to protect civilians and to respect international law;",
        "1. Stresses the primary responsibility of the Government to protect civilians;",
        "1. Demands that the parties take all necessary measures to protect civilians;",
        "1. Requests UNMISS to take fully into account the need to protect civilians in its "
        "operations;",
        "1. Requests the Secretary-General to include in his reports information on the "
        "protection of civilians;",
        "1. Decides that UNAMID shall coordinate international efforts towards the protection "
        "of civilians;",
        "1. Recalls its authorization to UNOCI to protect civilians under imminent threat;",
        "1. Decides that UNMEE shall ensure the safety of humanitarian workers;",
    ],
)
def test_not_poc(text: str) -> None:
    assert _poc(text) == []


def test_thematic_statements_are_not_poc() -> None:
    text = (
        "1. Affirms its intention to ensure that peacekeeping missions may be mandated to protect "
        "civilians under imminent threat of physical danger;\n\n"
        "2. Requests the Secretary-General to ensure that relevant United Nations peacekeeping "
        "operations, consistent with their mandates, protect civilians;\n"
    )
    assert _poc(text) == []


def test_non_un_forces() -> None:
    states = (
        "1. Authorizes Member States, acting nationally or through regional organizations, to "
        "take all necessary measures to protect civilians under threat of attack;\n"
    )
    assert _summary(states) == [("1", "force", "member_states", "1")]
    union = (
        "1. Decides to authorize the member States of the African Union to take all necessary "
        "measures to contribute to the protection of civilians;\n"
    )
    assert _summary(union) == [("1", "force", "regional_organisation", "1")]
    asked = "1. Encourages Member States to ensure the protection of civilians;\n"
    assert _poc(asked) == []


def test_paragraph_refs_skip_other_resolutions() -> None:
    assert paragraph_refs("paragraph 15 of resolution 1769 (2007), as in paragraph 15") == {"15"}
    assert paragraph_refs("paragraphs 12 (a) to 12 (k) and 12 (t)") == {"12"}


def test_tables() -> None:
    res = make_resolution(
        "1. Decides that UNMIL shall protect civilians under imminent threat of physical "
        "violence;\n\n"
        "2. Authorizes UNMIL to use all necessary means to carry out its mandate;\n",
        number=1509,
        year=2003,
    )
    none = make_resolution("1. Decides to remain seized of the matter;\n", number=1510, year=2003)
    coded = code_texts([res, none])
    labels = coded.labels()
    rows = labels[labels.code == "poc"][["resolution", "paragraph", "value", "detail"]]
    assert rows.values.tolist() == [[1509, "1", "force", "un_operation"], [1510, "", "none", ""]]
    assert coded.resolution[["poc", "poc_force"]].values.tolist() == [[True, True], [False, False]]
    assert coded.paragraphs.poc.fillna("").tolist() == ["force", "", ""]
    ev = coded.evidence[coded.evidence.code == "poc"]
    assert ev[["paragraph", "value", "detail", "text"]].values.tolist() == [
        ["1", "force", "un_operation; force in 2", "protect civilians"]
    ]
