"""The evaluator's arithmetic on small hand-made label sets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.coding.evaluate import errors, evaluate, read_gold
from bluehelmet.errors import DataFormatError


def _frame(rows: list[tuple[int, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["resolution", "code", "paragraph", "value"])


GOLD = _frame(
    [
        (1, "chapter_vii", "preamble", "preamble"),
        (1, "force", "", "none"),
        (1, "event", "2", "UNFICYP:extend"),
        (2, "chapter_vii", "", "none"),
        (2, "force", "3", "member_states"),
        (2, "force", "B.5", "un_operation"),
        (2, "event", "", "none"),
        (3, "chapter_vii", "B", "section"),
        (3, "force", "", "none"),
        (3, "event", "1", "UNOSOM II:establish"),
    ]
)


def test_scores_are_counted_by_hand() -> None:
    predicted = _frame(
        [
            (1, "chapter_vii", "", "preamble"),
            (1, "force", "4", "member_states"),  # spurious
            (1, "event", "2", "UNFICYP:extend"),
            (2, "chapter_vii", "", "preamble"),  # spurious invocation
            (2, "force", "3(a)", "regional_organisation"),  # found, wrong addressee
            (3, "chapter_vii", "", "paragraph"),  # found, wrong scope
            (3, "event", "1", "UNOSOM II:expand"),  # wrong event type
            (9, "force", "1", "member_states"),  # not in gold: ignored
        ]
    )
    scores = evaluate(GOLD, predicted).set_index("code")
    vii = scores.loc["chapter_vii"]
    assert (vii.tp, vii.fp, vii.fn) == (2, 1, 0)
    assert vii.precision == pytest.approx(2 / 3) and vii.recall == 1.0
    assert vii.f1 == pytest.approx(0.8)
    assert vii.accuracy == pytest.approx(0.5)  # 1 right scope of 2 found
    force = scores.loc["force"]
    assert (force.tp, force.fp, force.fn) == (1, 1, 1)
    assert force.f1 == pytest.approx(0.5) and force.accuracy == 0.0
    event = scores.loc["event"]
    assert (event.tp, event.fp, event.fn) == (1, 1, 1)


def test_errors_list_missed_and_spurious() -> None:
    predicted = _frame([(2, "force", "3", "member_states"), (1, "force", "4", "un_operation")])
    found = errors(GOLD, predicted, "force")
    assert found[["kind", "resolution", "key"]].values.tolist() == [
        ["missed", 2, "B.5"],
        ["spurious", 1, "4"],
    ]


def test_gold_needs_one_chapter_vii_row_per_resolution(tmp_path: Path) -> None:
    path = tmp_path / "gold_t.csv"
    path.write_text("resolution,code,paragraph,value,detail,reason\n5,force,,none,,no force\n")
    with pytest.raises(DataFormatError, match="resolution 5 needs exactly one chapter_vii"):
        read_gold([path])


def test_gold_bad_code_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold_t.csv"
    path.write_text(
        "resolution,code,paragraph,value,detail,reason\n"
        "5,chapter_vii,,none,,x\n5,forse,,none,,typo\n"
    )
    with pytest.raises(DataFormatError, match=r"gold_t.csv line 3, field code"):
        read_gold([path])
