"""The coder on real CR-UNSC texts (skipped without ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.coding.code import code_resolution, code_texts
from bluehelmet.coding.evaluate import evaluate, read_gold
from bluehelmet.documents import Resolution, read_resolution
from tests.texts import text_path

GOLD = Path(__file__).parents[1] / "data" / "gold"
pytestmark = pytest.mark.shared


def _read(texts_dir: Path, number: int) -> Resolution:
    path = text_path(texts_dir, number)
    assert path is not None
    return read_resolution(path)


def _labels(texts_dir: Path, number: int) -> list[list[str]]:
    labels = code_resolution(_read(texts_dir, number)).labels()
    return labels[["code", "paragraph", "value"]].values.tolist()


def test_678_member_states(texts_dir: Path) -> None:
    assert _labels(texts_dir, 678) == [
        ["chapter_vii", "preamble", "preamble"],
        ["force", "2", "member_states"],
        ["event", "", "none"],
        ["poc", "", "none"],
    ]
    ev = code_resolution(_read(texts_dir, 678)).evidence
    assert ev[ev.code == "force_phrase"].text.str.split().str.join(" ").tolist() == [
        "all necessary means"
    ]


def test_794_member_states_under_chapters_vii_and_viii(texts_dir: Path) -> None:
    assert _labels(texts_dir, 794) == [
        ["chapter_vii", "10;16", "paragraph"],
        ["chapter_viii", "16", "paragraph"],
        ["force", "10", "member_states"],
        ["force", "16", "member_states"],
        ["event", "", "none"],
        ["poc", "", "none"],
    ]


def test_814_chapter_vii_section_b(texts_dir: Path) -> None:
    coded = code_resolution(_read(texts_dir, 814))
    row = coded.resolution.iloc[0]
    assert (row.chapter_vii_scope, row.chapter_vii_where, row.force_authorised) == (
        "section",
        "B",
        False,
    )
    assert row.events == "UNOSOM II:expand"  # worded as expanding UNOSOM (register: establish)
    paras = coded.paragraphs.set_index("label")
    assert pd.isna(paras.loc["A.1", "chapter_vii"])
    assert paras.loc["B.5", "chapter_vii"] == "section"


def test_836_unprofor_and_member_states(texts_dir: Path) -> None:
    coded = code_resolution(_read(texts_dir, 836))
    force = coded.paragraphs[coded.paragraphs.force]
    assert force[["paragraph", "addressee"]].values.tolist() == [
        ["9", "un_operation"],
        ["10", "member_states"],
    ]
    assert force.purposes.iloc[0].split(";")[0] == "self_defence"
    assert coded.resolution.events.iloc[0] == "UNPROFOR:expand"


def test_143_no_force_and_onuc_unnamed(texts_dir: Path) -> None:
    assert _labels(texts_dir, 143) == [
        ["chapter_vii", "", "none"],
        ["force", "", "none"],
        ["event", "", "none"],
        ["poc", "", "none"],
    ]


def test_unficyp_renewals_carry_their_end_date(texts_dir: Path) -> None:
    ev = code_resolution(_read(texts_dir, 614)).evidence
    assert ev[ev.code == "event"][["value", "detail"]].values.tolist() == [
        ["UNFICYP:extend", "until 1988-12-15"]
    ]


def test_targets_on_the_gold_development_set(texts_dir: Path) -> None:
    """Dev-set regression: the rules were written reading these labels."""
    gold = read_gold(sorted(GOLD.glob("gold_*.csv")))
    resolutions = [_read(texts_dir, n) for n in sorted(set(gold.resolution))]
    scores = evaluate(gold, code_texts(resolutions).labels()).set_index("code")
    assert scores.loc["chapter_vii", "f1"] >= 0.98
    assert scores.loc["force", "f1"] >= 0.95
    assert scores.loc["force", "accuracy"] >= 0.95
    assert scores.loc["event", "f1"] >= 0.90
