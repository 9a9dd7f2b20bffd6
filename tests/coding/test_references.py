"""References to an earlier force authorisation are coded apart from new authorisations."""

from __future__ import annotations

from bluehelmet.coding.code import code_resolution
from bluehelmet.coding.references import force_references
from tests.coding.build import make_resolution

COUNCIL = "The Security Council,\n\n"


def test_recalled_authorisations_are_references_not_force() -> None:
    res = make_resolution(
        COUNCIL + "Recalling that its resolution 678 (1990) authorized Member States to use "
        "all necessary means,\n\n"
        "1. Recalls its authorization given to UNOCI to use all necessary means to carry out "
        "its mandate;\n\n"
        "2. Decides to remain seized of the matter;",
        number=1962,
        year=2010,
    )
    refs = force_references(res)
    assert [(r.paragraph, r.cited) for r in refs] == [("preamble", (678,)), ("1", ())]
    assert res.text[refs[1].start : refs[1].end].startswith("Recalls its authorization")
    coded = code_resolution(res)
    assert not coded.resolution.loc[0, "force_authorised"]
    assert coded.resolution.loc[0, "n_force_references"] == 2
    ev = coded.evidence[coded.evidence.code == "force_reference"]
    assert ev["value"].tolist() == ["678", ""]


def test_new_authorisations_and_other_obligations_are_not_references() -> None:
    res = make_resolution(
        COUNCIL + "Reaffirming the basic principles of peacekeeping, including non-use of force "
        "except in self-defence and defence of the mandate, authorized by the Council,\n\n"
        "1. Recalls paragraph 15 of resolution 1701 (2006) according to which all States "
        "shall take the necessary measures to prevent the sale of arms;\n\n"
        "2. Recalls its authorization to the Secretary-General to deploy a unit;\n\n"
        "3. Recalls its earlier decisions and authorizes UNMISS to use all necessary means;",
        number=2459,
        year=2019,
    )
    assert force_references(res) == []
    assert code_resolution(res).resolution.loc[0, "force_authorised"]
