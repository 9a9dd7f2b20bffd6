"""The curated register against the CR-UNSC resolution texts and the other UN lists."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.register.load import read_table
from tests.texts import acts_under_chapter_vii, text_date, text_path


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return read_table("mandate_events")


@pytest.mark.shared
def test_text_verified_events_have_a_text_with_their_date(
    events: pd.DataFrame, texts_dir: Path
) -> None:
    checked = events[events["verification"] == "text"]
    assert len(checked) > 80
    for ev in checked.itertuples():
        path = text_path(texts_dir, ev.resolution)
        assert path is not None, f"{ev.operation}/{ev.resolution} marked text but no text"
        printed = text_date(path)
        assert printed is None or printed == ev.date.date(), f"{ev.operation}/{ev.resolution}"


@pytest.mark.shared
def test_chapter_vii_coding_agrees_with_the_texts(events: pd.DataFrame, texts_dir: Path) -> None:
    """Chapter VII coded true needs the words in the text; a text without them is not VII."""
    compared = 0
    for ev in events.itertuples():
        path = text_path(texts_dir, ev.resolution)
        if path is None or pd.isna(ev.chapter_vii):
            continue
        compared += 1
        says_vii = acts_under_chapter_vii(path)
        if ev.chapter_vii:
            assert says_vii, f"{ev.operation}/{ev.resolution} coded Chapter VII, text is not"
        elif not says_vii:
            assert ev.chapter_vii_scope in ("none", None) or pd.isna(ev.chapter_vii_scope)
    assert compared > 80


@pytest.mark.shared
def test_known_chapter_vii_landmarks(events: pd.DataFrame) -> None:
    coded = events.set_index(["operation", "resolution"])["chapter_vii"]
    assert bool(coded[("UNOSOM II", 814)]) is True
    assert bool(coded[("UNOMSIL", 1181)]) is False
    assert bool(coded[("UNAMSIL", 1270)]) is True
    assert bool(coded[("MONUC", 1279)]) is False
    assert bool(coded[("MONUC", 1291)]) is True
    assert bool(coded[("ONUC", 143)]) is False


def test_date_disagreements_all_have_reasons() -> None:
    checks = read_table("operation_date_checks")
    assert checks["reason"].notna().all()
    assert (checks["reason"] != "unexplained").all()
