"""Force authorisations: each rule and each negative, on sentences written for the test."""

from __future__ import annotations

import pytest

from bluehelmet.coding.force import ForceCode, code_force
from bluehelmet.documents.model import Resolution
from tests.coding.build import make_resolution

PREAMBLE = "The Security Council,\n\nActing under Chapter VII of the Charter,\n\n"


def _code(operative: str, number: int = 1) -> tuple[Resolution, list[ForceCode]]:
    res = make_resolution(PREAMBLE + operative, number)
    return res, code_force(res)


def _one(operative: str, phrase: str, number: int = 1) -> ForceCode:
    res, codes = _code(operative, number)
    assert len(codes) == 1, codes
    code = codes[0]
    assert phrase in res.text[code.start : code.end]
    return code


@pytest.mark.parametrize(
    "operative",
    [
        "1. Demands that all parties take all necessary measures to ensure the safety of "
        "UNPROFOR personnel;",
        "1. Calls upon all States to refrain from the threat or use of force against the "
        "territorial integrity of any State;",
        "1. Recalls the obligation under Article 2, paragraph 4, of the Charter not to resort "
        "to the use of force;",
        "1. Reaffirms the unacceptability of the acquisition of territory by the use of force;",
        "1. Recalls that resolution 678 (1990) authorized Member States to use all necessary "
        "means;",
        "1. Requests the United Kingdom to take all necessary action to prevent a unilateral "
        "declaration of independence;",
        "1. Decides that all States shall take all necessary measures to ensure that no claim "
        "shall lie at the instance of the authorities;",
        "1. Decides to guarantee the inviolability of the boundary and to take, as appropriate, "
        "all necessary measures to that end;",
        "1. Calls upon States to take nationally or through regional arrangements all measures "
        "necessary to provide assistance to the United Nations Protection Force, based on "
        "technical monitoring;",
        "1. Requests the Secretary-General to take the necessary measures to establish the "
        "first phase of the Mission;",
    ],
)
def test_not_an_authorisation(operative: str) -> None:
    assert _code(operative)[1] == []


def test_member_states_all_necessary_means() -> None:
    code = _one(
        "2. Authorizes Member States co-operating with the Government of Kuwait to use all "
        "necessary means to uphold and implement resolution 660 (1990) and to restore "
        "international peace and security in the area;",
        "Authorizes Member States co-operating with the Government of Kuwait to use all "
        "necessary means",
    )
    assert (code.paragraph, code.addressee, code.phrase) == ("2", "member_states", "all_necessary")
    assert code.purposes == ("enforcement",)


def test_un_operation_protection_of_civilians_with_limits() -> None:
    code = _one(
        "14. Decides that in the discharge of its mandate UNAMSIL may take the necessary action "
        "to ensure the security and freedom of movement of its personnel and, within its "
        "capabilities and areas of deployment, to afford protection to civilians under "
        "imminent threat of physical violence;",
        "UNAMSIL may take the necessary action",
        number=1270,
    )
    assert code.addressee == "un_operation"
    assert code.purposes == (
        "protection_of_civilians",
        "freedom_of_movement",
        "protection_of_un_personnel",
        "mandate_implementation",
    )
    assert code.limits == ("within_capabilities", "areas_of_deployment")


def test_without_prejudice_limit() -> None:
    code = _one(
        "4. Authorizes the Force to take all necessary action to protect civilians under "
        "imminent threat, without prejudice to the responsibility of the Government;",
        "all necessary action",
    )
    assert code.limits == ("without_prejudice_to_government",)
    assert code.purposes == ("protection_of_civilians",)


def test_self_defence_including_use_of_force() -> None:
    code = _one(
        "9. Authorizes UNPROFOR, acting in self-defence, to take the necessary measures, "
        "including the use of force, in reply to bombardments against the safe areas;",
        "the necessary measures, including the use of force",
        number=836,
    )
    assert code.addressee == "un_operation"
    assert code.phrase == "including_use_of_force"
    assert code.purposes == ("self_defence", "protection_of_civilians")


def test_decides_that_member_states_may_take_air_power() -> None:
    code = _one(
        "10. Decides that, notwithstanding paragraph 1 of resolution 816 (1993), Member States, "
        "acting nationally or through regional organizations or arrangements, may take, under "
        "the authority of the Security Council, all necessary measures, through the use of air "
        "power, to support UNPROFOR in the performance of its mandate;",
        "all necessary measures",
        number=836,
    )
    assert (code.addressee, code.purposes) == ("member_states", ("mandate_implementation",))
    assert code.limits == ("under_council_authority",)


def test_maritime_interdiction_by_states() -> None:
    code = _one(
        "12. Calls upon States, acting nationally or through regional agencies or arrangements, "
        "to use such measures commensurate with the specific circumstances as may be necessary "
        "to halt all inward and outward maritime shipping;",
        "such measures commensurate with the specific circumstances",
    )
    assert (code.addressee, code.phrase, code.purposes) == (
        "member_states",
        "commensurate",
        ("enforcement",),
    )


def test_generic_call_on_states_needs_coalition_wording() -> None:
    assert _code("1. Calls upon States to take all necessary measures to end the trade;")[1] == []
    code = _one(
        "2. Calls upon States to take nationally or through regional agencies or arrangements "
        "all measures necessary to facilitate the delivery of humanitarian assistance;",
        "all measures necessary",
    )
    assert (code.addressee, code.purposes) == ("member_states", ("humanitarian_access",))


def test_government_only_with_explicit_force() -> None:
    code = _one(
        "5. Calls upon the Government of the United Kingdom to prevent, by the use of force if "
        "necessary, the arrival at Beira of vessels carrying oil;",
        "by the use of force if necessary",
    )
    assert code.addressee == "member_states"


def test_secretary_general_and_member_states_is_member_states() -> None:
    code = _one(
        "10. Authorizes the Secretary-General and Member States cooperating to implement the "
        "offer to use all necessary means to establish a secure environment for humanitarian "
        "relief operations;",
        "all necessary means",
    )
    assert code.addressee == "member_states"


def test_regional_organisation() -> None:
    code = _one(
        "3. Authorizes the African Union to take all necessary measures to carry out its mandate;",
        "all necessary measures",
    )
    assert code.addressee == "regional_organisation"


def test_reaffirmed_authority_restated_in_the_text() -> None:
    code = _one(
        "5. Reaffirms that the Secretary-General is authorized under resolution 814 (1993) to "
        "take all necessary measures against all those responsible for the armed attacks;",
        "all necessary measures",
    )
    assert code.addressee == "un_operation"


def test_subparagraph_authorisation_is_coded_on_its_paragraph() -> None:
    res, codes = _code(
        "8. Authorizes UNAMSIL to:\n\n(a) Monitor the cease-fire;\n\n"
        "(b) Take the necessary action to ensure the security of its personnel;",
        number=1270,
    )
    assert [(c.paragraph, c.label, c.addressee) for c in codes] == [("8", "8(b)", "un_operation")]
    assert "Take the necessary action" in res.text[codes[0].start : codes[0].end]


def test_purposes_come_from_the_mandate_an_authorisation_covers() -> None:
    code = _one(
        "1. Authorizes MINUSMA to use all necessary means to carry out its mandate;\n\n"
        "2. Decides that the mandate of MINUSMA shall include the following priority tasks:\n\n"
        "(a) To protect civilians under imminent threat of physical violence;\n\n"
        "(b) To monitor the arms embargo;\n\n"
        "3. Requests the Secretary-General to ensure the freedom of movement of observers;",
        "all necessary means",
    )
    assert set(code.purposes) == {"mandate_implementation", "protection_of_civilians"}


def test_purposes_of_a_named_paragraph_and_of_own_items_only() -> None:
    _, codes = _code(
        "1. Decides that UNISFA shall protect United Nations personnel;\n\n"
        "2. Decides that UNISFA shall facilitate humanitarian assistance;\n\n"
        "3. Authorizes UNISFA to take the necessary actions to carry out the tasks in "
        "paragraph 2 and to:\n\n(a) ensure the freedom of movement of its personnel;"
    )
    assert [set(c.purposes) for c in codes] == [
        {"mandate_implementation", "humanitarian_access", "freedom_of_movement"}
    ]


def test_an_acronym_the_text_defines_is_its_actor() -> None:
    code = _one(
        "1. Decides that the Mission shall include a Regional Protection Force (RPF), and "
        "authorizes the RPF to use all necessary means to accomplish its mandate;",
        "all necessary means",
    )
    assert code.addressee == "un_operation"
    assert code.paragraph == "1"


def test_an_undefined_acronym_is_no_actor() -> None:
    assert (
        _code("1. Authorizes the RPF to use all necessary means to accomplish its mandate;")[1]
        == []
    )
