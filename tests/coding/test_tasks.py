"""PEMA tasks: keywords in clauses that task the UN or encourage the parties, with modes."""

from __future__ import annotations

from bluehelmet.coding.clauses import clauses
from bluehelmet.coding.force import code_force
from bluehelmet.coding.operations import default_index
from bluehelmet.coding.tasks import TASKS, code_tasks
from tests.coding.build import make_resolution


def _tasks(text: str, number: int = 900) -> list[tuple[str, str, str]]:
    res = make_resolution("The Security Council,\n\n" + text, number)
    index = default_index()
    parsed = clauses(res, index.mentions(res.text, number), index)
    found = code_tasks(res, parsed, code_force(res, index, parsed))
    for t in found:
        assert res.text[t.start : t.end]
    return [(t.paragraph, t.task, t.mode) for t in found]


def test_taxonomy_has_pema_names() -> None:
    assert len(TASKS) == 40  # + UseOfForce, coded from force authorisations = PEMA's 41
    assert {"DisarmDemob", "CivProtect", "ElectAssist", "Ceasefire", "RefugeesIDPs"} <= set(TASKS)


def test_modes_from_the_verb() -> None:
    assert _tasks(
        "1. Requests the Secretary-General to monitor the cease-fire;\n\n"
        "2. Decides that UNOMIL shall assist in the repatriation of refugees;\n\n"
        "3. Requests the Secretary-General to ensure the protection of the civilian population;",
        number=866,
    ) == [
        ("1", "Ceasefire", "monitor"),
        ("2", "RefugeesIDPs", "assist"),
        ("3", "CivProtect", "secure"),
    ]


def test_parties_are_encouraged() -> None:
    assert _tasks("4. Calls upon the parties to respect the cease-fire and to demobilize;") == [
        ("4", "Ceasefire", "encouraged"),
        ("4", "DisarmDemob", "encouraged"),
    ]


def test_no_task_without_a_mandate_clause_or_a_verb() -> None:
    assert _tasks("1. Welcomes the holding of elections;\n\n2. Demands a cease-fire;") == []
    assert _tasks("1. Requests the Secretary-General on elections;") == []


def test_use_of_force_from_a_force_authorisation() -> None:
    assert _tasks(
        "9. Authorizes UNPROFOR, acting in self-defence, to take the necessary measures, "
        "including the use of force;",
        number=836,
    ) == [("9", "UseOfForce", "secure")]
