"""The curated register against the CR-UNSC resolution texts and the other UN lists."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.coding.batch import code_folders
from bluehelmet.documents.corpus import load_corpus
from bluehelmet.register.load import read_table
from tests.texts import acts_under_chapter_vii, text_date, text_path

FIRST_XML = 1285  # the UN's XML copies start with S/RES/1285 (2000)


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return read_table("mandate_events")


@pytest.mark.shared
def test_text_verified_events_have_a_text_with_their_date(
    events: pd.DataFrame, texts_dir: Path, shared_data: Path
) -> None:
    checked = events[events["verification"] == "text"]
    assert len(checked) > 800
    modern = load_corpus(shared_data / "unsc" / "akn_2000_2026" / "resolutions").resolutions
    dates = {r.number: r.date for r in modern if r.kind == "resolution"}
    # The XML's own adoption date differs from the index for three resolutions only:
    # 1609 (XML 22 June 2005; the meetings table and the UN metadata both say 24 June)
    # and 2524-2525 (written procedure; listed in resolution_index_checks).
    slips = {1609, 2524, 2525}
    for ev in checked[checked["resolution"] >= FIRST_XML].itertuples():
        assert ev.resolution in dates, f"{ev.operation}/{ev.resolution} marked text but no XML"
        if ev.resolution not in slips:
            assert dates[ev.resolution] == ev.date.date(), f"{ev.operation}/{ev.resolution}"
    for ev in checked[checked["resolution"] < FIRST_XML].itertuples():
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
        if ev.chapter_vii and "Reviewed chapter_vii" in str(ev.note):
            continue  # a curator read the text and gave the reason in the note
        if ev.chapter_vii:
            assert says_vii, f"{ev.operation}/{ev.resolution} coded Chapter VII, text is not"
        elif not says_vii:
            assert ev.chapter_vii_scope in ("none", None) or pd.isna(ev.chapter_vii_scope)
    assert compared > 80


@pytest.mark.shared
def test_modern_rows_agree_with_the_coder_or_give_the_reviewers_reason(
    events: pd.DataFrame, shared_data: Path
) -> None:
    """2000–2026: every row was read in its XML text, and its Chapter VII and force values
    are the coder's on that text unless a curator's review (with its reason) says otherwise."""
    folder = shared_data / "unsc" / "akn_2000_2026" / "resolutions"
    coded = code_folders(folder, progress=False)[1].resolution.set_index("resolution")
    modern = events[events["resolution"] >= FIRST_XML]
    assert (modern["verification"] == "text").all()
    compared = reviewed = 0
    for ev in modern.itertuples():
        for field in ("chapter_vii", "force_authorised"):
            if f"Reviewed {field}:" in str(ev.note):
                reviewed += 1
                continue
            compared += 1
            mine, machine = getattr(ev, field), coded.loc[ev.resolution, field]
            assert bool(mine) == bool(machine), f"{ev.operation}/{ev.resolution} {field}"
    assert compared > 1000 and reviewed > 5


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
