"""Coded paragraphs with the evidence highlighted, when a corpus of texts is configured."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from bluehelmet.web.coded import highlight
from tests.web.conftest import html

TEXT = (
    "RESOLUTION 678 (1990)\n\nAdopted by the Security Council at its 2963rd meeting, "
    "on 29 November 1990\n\nThe Security Council,\n\nNoting the situation,\n\n"
    "Acting under Chapter VII of the Charter,\n\n"
    "1. Authorizes Member States to use all necessary means to restore peace;\n\n"
    "2. Decides to remain seized of the matter.\n"
)


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "S_RES_0678_1990_EN.txt").write_text(TEXT)
    (folder / "S_RES_0679_1990_EN.txt").write_bytes(b"\x00\x01 not a text")
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(folder))
    return folder


def test_evidence_is_highlighted_on_the_resolution_page(client: TestClient, corpus: Path) -> None:
    doc = html(client.get("/resolutions/678").text)
    marks = {m.text_content(): m.get("title") for m in doc.iter("mark")}
    assert (
        "Acting under Chapter VII" in marks and "chapter_vii" in marks["Acting under Chapter VII"]
    )
    assert "Member States" in marks and "force: member_states" in marks["Member States"]
    assert "all necessary means" in marks
    paragraph_2 = doc.get_element_by_id("p-2")
    assert not paragraph_2.findall(".//mark")
    assert "S_RES_0678_1990_EN.txt" in doc.text_content()


def test_coded_tables_as_json_and_csv(client: TestClient, corpus: Path) -> None:
    body = client.get("/api/resolutions/678").json()
    assert body["coded"]["resolution"][0]["force_authorised"] is True
    evidence = pd.read_csv(io.StringIO(client.get("/api/resolutions/678/evidence?format=csv").text))
    force = evidence[evidence["code"] == "force"].iloc[0]
    assert force["text"] == "Member States" and force["paragraph"] == 1
    paragraphs = client.get("/api/resolutions/678/paragraphs").json()
    assert [p["paragraph"] for p in paragraphs] == ["1", "2"]
    assert [p["force"] for p in paragraphs] == [True, False]


def test_unreadable_or_missing_texts_are_said_not_failed(client: TestClient, corpus: Path) -> None:
    unreadable = client.get("/resolutions/679")
    assert unreadable.status_code == 200
    assert "no readable text of this resolution" in unreadable.text
    assert client.get("/api/resolutions/680/evidence").status_code == 404


def test_operation_page_links_events_to_their_coded_text(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "unamsil"
    folder.mkdir()
    (folder / "S_RES_1270_1999_EN.txt").write_text(TEXT.replace("678 (1990)", "1270 (1999)"))
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(folder))
    page = client.get("/operations/UNAMSIL").text
    assert 'href="/resolutions/1270#text">coded text' in page
    assert 'href="/resolutions/1289#text"' not in page


def test_highlight_cuts_overlapping_spans() -> None:
    text = "Acting under Chapter VII, authorizes"
    segments = highlight(text, 100, [(100, 124, "vii"), (113, 136, "x")])
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.codes) for s in segments] == [
        ("Acting under ", ("vii",)),
        ("Chapter VII", ("vii", "x")),
        (", authorizes", ("x",)),
    ]


@pytest.mark.shared
def test_shared_corpus_resolution_678(
    client: TestClient, texts_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(texts_dir))
    doc = html(client.get("/resolutions/678").text)
    marks = [m.text_content() for m in doc.iter("mark")]
    assert "all necessary means" in marks and "Acting under Chapter VII" in marks
