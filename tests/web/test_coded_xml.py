"""The resolution page on the UN's XML (2000-2026): found by the number inside the file, with
the UN's own metadata shown apart from the coder's answer; several corpus folders at once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bluehelmet.paths import configured_corpus
from bluehelmet.web.coded import corpus_numbers, corpus_state
from tests.web.conftest import html

MINUSMA = (
    "Decides to establish the United Nations Multidimensional Integrated Stabilization "
    "Mission in Mali (MINUSMA)"
)
OLD_TEXT = (
    "RESOLUTION 678 (1990)\n\nAdopted by the Security Council at its 2963rd meeting, "
    "on 29 November 1990\n\nThe Security Council,\n\nActing under Chapter VII of the Charter,\n\n"
    "1. Authorizes Member States to use all necessary means to restore peace;\n"
)


@pytest.fixture()
def two_corpora(shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A text folder (678) and an XML folder with a year subfolder, where 2100's file is
    named as another resolution and 2101's as nothing at all; plus a folder that is absent."""
    old = tmp_path / "old"
    old.mkdir()
    (old / "S_RES_0678_1990_EN.txt").write_text(OLD_TEXT)
    year = tmp_path / "akn" / "2013"
    year.mkdir(parents=True)
    source = shared_data / "unsc" / "akn_2000_2026" / "resolutions" / "2013"
    shutil.copy(source / "S_RES_2100_1331417e.xml", year / "S_RES_2101_misfiled.xml")
    shutil.copy(source / "S_RES_2101_1331435e.xml", year / "document.xml")
    folders = [old, tmp_path / "akn", tmp_path / "absent"]
    monkeypatch.setenv("BLUEHELMET_CORPUS", os.pathsep.join(str(f) for f in folders))
    return tmp_path


def test_several_folders_are_read_and_indexed_by_the_numbers_inside(two_corpora: Path) -> None:
    assert configured_corpus() == (two_corpora / "old", two_corpora / "akn")
    state = corpus_state()
    assert state is not None and [Path(f).name for f, _ in state] == ["old", "akn"]
    assert corpus_numbers() == {678, 2100, 2101}


def test_xml_resolution_page_shows_its_coded_operative_text(
    client: TestClient, two_corpora: Path
) -> None:
    doc = html(client.get("/resolutions/2100").text)
    paragraph_7 = doc.get_element_by_id("p-7").text_content()
    assert MINUSMA in " ".join(paragraph_7.split())
    # the file named 2101 holds 2100: the page says which file it was read from
    assert "S_RES_2101_misfiled.xml" in doc.get_element_by_id("text").getnext().text_content()
    marks = {m.text_content(): m.get("title") for m in doc.iter("mark")}
    assert "force: un_operation" in marks["MINUSMA"]
    assert "force: member_states" in marks["French troops"]


def test_un_metadata_is_shown_apart_from_the_coders_answer(
    client: TestClient, two_corpora: Path
) -> None:
    doc = html(client.get("/resolutions/2100").text)
    un = doc.get_element_by_id("un-metadata")
    facts = dict(
        zip(
            [dt.text_content() for dt in un.iter("dt")],
            [dd.text_content() for dd in un.iter("dd")],
            strict=True,
        )
    )
    assert facts["Meeting"] == "S/PV.6952"
    assert facts["Vote"] == "Adopted unanimously, 6952nd meeting"
    assert facts["Chapter VII (UN marker)"].startswith("yes")
    assert "not the mandate coder's answer" in un.text_content()
    # the coder's own evidence sits in the text, outside the UN's metadata
    assert not un.findall(".//mark")


def test_old_text_in_the_other_folder_has_no_un_metadata(
    client: TestClient, two_corpora: Path
) -> None:
    page = client.get("/resolutions/678").text
    doc = html(page)
    assert "S_RES_0678_1990_EN.txt" in doc.text_content()
    assert 'id="un-metadata"' not in page
    assert any(m.text_content() == "Member States" for m in doc.iter("mark"))


def test_coded_tables_of_an_xml_resolution_in_the_api(
    client: TestClient, two_corpora: Path
) -> None:
    body = client.get("/api/resolutions/2101").json()
    assert body["coded"]["resolution"][0]["resolution"] == 2101
    paragraphs = {p["paragraph"]: p for p in client.get("/api/resolutions/2100/paragraphs").json()}
    assert paragraphs["17"]["force"] is True and "un_operation" in paragraphs["17"]["addressee"]
    assert paragraphs["7"]["force"] is False
