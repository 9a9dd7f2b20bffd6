"""Mandate events in the wording of 2000–2026 resolutions: renewals, ceilings, final periods."""

from __future__ import annotations

import pytest

from bluehelmet.coding.events import code_events
from tests.coding.build import make_resolution


def _coded(text: str, number: int = 2500) -> list[tuple[str, str]]:
    res = make_resolution("The Security Council,\n\n" + text, number, 2020)
    return [(e.operation, e.event) for e in code_events(res)]


# --- Expansions that are not ------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "Requests the Secretary-General to increase the number of women in UNDOF",
        "Requests UNDOF to increase its visible presence through patrols",
        "Requests the Secretary-General to reinforce the capacity of the police component of "
        "UNDOF within existing resources",
    ],
)
def test_not_a_strength_is_no_expansion(clause: str) -> None:
    text = f"1. Decides to renew the mandate of UNDOF until 30 June 2030;\n\n2. {clause};"
    assert _coded(text) == [("UNDOF", "extend")]


def test_the_operation_before_the_verb_must_be_its_subject() -> None:
    text = (
        "1. Decides that MINUSCA shall support conditions for the lasting reduction of the "
        "presence of, and threat posed by, armed groups;\n\n"
        "2. Endorses the view that UNIFIL will deploy fully and that the Government will "
        "strengthen its presence by deploying additional troops;\n\n"
        "3. Decides to extend the mandate of MINUSCA until 30 April 2030;\n\n"
        "4. Decides to extend the mandate of UNIFIL until 31 August 2030;"
    )
    assert sorted(_coded(text)) == [("MINUSCA", "extend"), ("UNIFIL", "extend")]


def test_within_the_ceiling_is_no_new_strength() -> None:
    text = (
        "1. Authorizes the Secretary-General to deploy, within the overall authorized MONUC "
        "ceiling, a reinforced United Nations presence in the town;"
    )
    assert _coded(text, 1500) == []


def test_renewed_mandate_restates_its_tasks() -> None:
    text = (
        "1. Decides to extend the mandate of MINUSCA until 15 November 2030;\n\n"
        "2. Authorizes MINUSCA to pursue the following tasks:\n\n(a) Protection of civilians;\n\n"
        "3. Authorizes MINUSCA to use its capacities to assist the authorities;"
    )
    assert _coded(text) == [("MINUSCA", "extend")]


def test_task_added_to_a_renewal_is_an_expansion() -> None:
    text = (
        "1. Decides to extend the mandate of UNIFIL until 31 August 2030;\n\n"
        "2. Authorizes UNIFIL during that period to carry out, in addition, demining tasks;"
    )
    assert _coded(text) == [("UNIFIL", "expand")]


# --- Ceilings -----------------------------------------------------------------


def test_extension_within_the_authorized_ceiling_is_an_extension() -> None:
    text = (
        "1. Decides to extend the mandate of MINUSMA within the authorized troop ceiling of "
        "11,200 military personnel until 30 June 2030;\n\n"
        "2. Decides that MINUSMA shall continue to comprise up to 13,000 military personnel;"
    )
    assert _coded(text) == [("MINUSMA", "extend")]


def test_new_composition_is_an_expansion() -> None:
    res = make_resolution(
        "The Security Council,\n\n1. Decides to extend the mandate of MINUSTAH until "
        "15 October 2030;\n\n2. Decides that MINUSTAH will consist of a military component of "
        "up to 7,500 troops of all ranks;",
        2500,
        2020,
    )
    [event] = code_events(res)
    assert (event.operation, event.event, event.ceiling) == ("MINUSTAH", "expand", 7500)


@pytest.mark.parametrize(
    "clause",
    [
        "Decides that the police component of MINUJUSTH will be adjusted downward to five units",
        "Decides to adjust the mandate of UNMEE to include demining",
        "Approves the reconfiguration of UNMEE's military component to 1,700 military personnel",
    ],
)
def test_adjustments_are_expansions(clause: str) -> None:
    assert [e for _, e in _coded(f"1. {clause};")] == ["expand"]


def test_deployment_of_a_component_in_a_renewal_is_an_expansion() -> None:
    text = (
        "1. Decides to extend the mandate of MINURCAT until 15 March 2030;\n\n"
        "2. Authorizes the deployment of a military component of MINURCAT in the east;"
    )
    assert _coded(text) == [("MINURCAT", "expand")]


def test_mandate_given_from_adoption_is_an_expansion() -> None:
    text = (
        "1. Decides to renew the mandate of UNOCI until 30 June 2030;\n\n"
        "2. Decides that UNOCI shall have the following mandate from the date of adoption of "
        "this resolution:\n\n(a) Monitoring of the ceasefire;"
    )
    assert _coded(text) == [("UNOCI", "expand")]


# --- Final extensions, withdrawals, successors ------------------------------------


def test_final_period_terminates() -> None:
    text = "1. Decides to extend the mandate of UNMIL for a final period until 30 March 2030;"
    assert _coded(text) == [("UNMIL", "terminate")]
    later = (
        "1. Decides to extend the mandate of UNMIL for a period of six months, with a view to "
        "subsequently extending it for a final period;"
    )
    assert _coded(later) == [("UNMIL", "extend")]


@pytest.mark.parametrize(
    "clause",
    [
        "Requests the Secretary-General to complete the withdrawal of all uniformed and "
        "civilian UNMIL components by 31 December 2030",
        "Decides to withdraw UNMIL effective 30 June 2030",
    ],
)
def test_complete_withdrawal_terminates(clause: str) -> None:
    assert _coded(f"1. {clause};") == [("UNMIL", "terminate")]


def test_transfer_of_authority_ends_the_first_operation() -> None:
    text = (
        "1. Decides to establish UNOCI as from 4 April 2030, and requests the "
        "Secretary-General to transfer authority from MINUCI to UNOCI on that date;"
    )
    assert sorted(_coded(text)) == [("MINUCI", "terminate"), ("UNOCI", "establish")]


def test_new_title_ends_one_operation_and_begins_another() -> None:
    text = (
        "1. Decides that MONUC shall, as from 1 July 2030, bear the title of the United Nations "
        "Organization Stabilization Mission in the Democratic Republic of the Congo (MONUSCO);"
    )
    assert sorted(_coded(text, 1925)) == [("MONUC", "terminate"), ("MONUSCO", "establish")]


def test_request_to_report_on_a_withdrawal_is_no_event() -> None:
    text = (
        "1. Requests the Secretary-General to report to the Council every three months, "
        "including:\n\n(a) On progress towards the withdrawal of UNMIL;"
    )
    assert _coded(text) == []


# --- Establishments -------------------------------------------------------------


def test_acronym_defined_for_all_languages_establishes() -> None:
    text = (
        "1. Decides that the presence shall include a United Nations Mission in the Central "
        "African Republic and Chad (the acronym MINURCAT is to be used in all languages);"
    )
    assert _coded(text) == [("MINURCAT", "establish")]


def test_deployment_of_an_operation_despite_an_intention_aside() -> None:
    text = (
        "1. Decides to authorize, for an initial period of six months, with the intention to "
        "renew it for further periods, the deployment of a peacekeeping operation entitled "
        "United Nations Operation in Burundi;"
    )
    assert _coded(text) == [("ONUB", "establish")]


def test_establishment_with_words_before_of() -> None:
    text = (
        "1. Decides to authorize the establishment, for an initial period of 12 months, of an "
        "African Union-United Nations Hybrid Operation in Darfur (UNAMID);"
    )
    assert _coded(text) == [("UNAMID", "establish")]


@pytest.mark.parametrize(
    "clause",
    [
        "Decides that MONUC will establish a joint structure that will ensure coordination "
        "during the deployment of MONUC",
        "Requests UNMISS to establish the necessary operational links with UNMIS",
        "Decides to support the establishment of a temporary operating base, and the ability "
        "of UNAMID's forces to move freely",
    ],
)
def test_operation_not_the_object_is_not_established(clause: str) -> None:
    assert [e for _, e in _coded(f"1. {clause};") if e == "establish"] == []


# --- Conditions and back-references ----------------------------------------------


def test_its_mandate_is_the_operation_named_before() -> None:
    text = (
        "1. Expresses its full support for UNFICYP and decides to extend its mandate for a "
        "further period ending 31 January 2030;"
    )
    assert _coded(text) == [("UNFICYP", "extend")]


def test_in_the_event_is_a_condition() -> None:
    text = (
        "1. Decides, in the event it determines that the parties have not complied, to "
        "increase the strength of UNMEE;"
    )
    assert _coded(text) == []


# --- Held-out sample (modern_e.csv) ------------------------------------------


def test_mutually_reinforcing_tasks_are_no_reinforcement() -> None:
    text = (
        "1. Decides to extend the mandate of MONUSCO until 31 March 2030;\n\n"
        "2. Decides that the mandate of MONUSCO shall include the following priority tasks, "
        "bearing in mind that these tasks are mutually reinforcing tasks:\n\n"
        "(a) Protection of civilians;"
    )
    assert _coded(text) == [("MONUSCO", "extend")]


def test_an_additional_element_of_the_mandate_is_an_expansion() -> None:
    text = (
        "1. Decides that the mandate of UNMIL shall be extended until 30 September 2030;\n\n"
        "2. Decides that UNMIL's mandate shall include the following additional element: "
        "to provide security for the Special Court;"
    )
    assert _coded(text) == [("UNMIL", "expand")]


def test_the_following_additional_tasks_of_a_renewal_are_restated() -> None:
    text = (
        "1. Decides to extend the mandate of MINUSCA until 15 November 2030;\n\n"
        "2. Further authorizes MINUSCA to carry out the following additional tasks:\n\n"
        "(a) Support to the peace process;"
    )
    assert _coded(text) == [("MINUSCA", "extend")]


def test_recommendations_asked_for_are_no_event() -> None:
    text = (
        "1. Decides to extend the mandate of MONUSCO until 31 March 2030;\n\n"
        "2. Requests the Secretary-General to continue to make recommendations on the "
        "transition and reconfiguration of the United Nations presence, based on the "
        "comparative advantages of MONUSCO;"
    )
    assert _coded(text) == [("MONUSCO", "extend")]


# --- Strength changed in a renewal -------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "Decides to decrease the authorized troop ceiling to 4,791",
        "Decides to maintain the authorized troop ceiling of 4,791 until 15 April 2030, and "
        "further decides that as of 15 April 2030, the authorized troop ceiling shall decrease "
        "to 4,235",
        "Decides that the authorized troop ceiling shall be reduced by a further 585 troops",
        "Authorizes an increase of 850 military personnel",
        "Decides that the authorised strength shall revert to that specified in resolution 1590",
    ],
)
def test_unnamed_ceiling_change_expands_the_renewed_operation(clause: str) -> None:
    text = (
        "1. Decides to extend the mandate of UNISFA until 15 November 2030;\n\n"
        "2. Requests UNISFA to continue to cooperate with UNMISS;\n\n"
        f"3. {clause};"
    )
    assert _coded(text) == [("UNISFA", "expand")]


@pytest.mark.parametrize(
    "text",
    [
        "1. Expresses its full support for UNFICYP and decides to extend its mandate for a "
        "further period ending 31 July 2030; and to increase force levels to 888;",
        "1. Decides to decrease UNFICYP's authorized military strength from 3,590 to 1,240 "
        "military personnel;",
        "1. Endorses the recommendations of the Secretary-General for a phased, gradual "
        "drawdown and withdrawal of UNFICYP's troop contingent;",
        "1. Decides to extend the mandate of UNFICYP until 31 December 2030 and endorses the "
        "plan of its phased drawdown;",
    ],
)
def test_named_strength_change_is_an_expansion(text: str) -> None:
    assert _coded(text) == [("UNFICYP", "expand")]


@pytest.mark.parametrize(
    "clause",
    [
        "Decides that UNISFA's authorised troop ceiling will comprise 3,250 military personnel",
        "Decides to maintain the authorized troop ceiling of 4,791",
        "Requests the Secretary-General to develop options for its responsible drawdown",
    ],
)
def test_restated_ceiling_or_drawdown_asked_for_is_no_expansion(clause: str) -> None:
    text = f"1. Decides to extend the mandate of UNISFA until 15 November 2030;\n\n2. {clause};"
    assert _coded(text) == [("UNISFA", "extend")]
