"""The reuse explorer's force-clause pages on MINUSMA's mandates, copied from the shared texts
(skipped without them). Expected values come from the library (force_repetition), the corpus
files and the register, never from the pages."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bluehelmet.register.query import mandate_events
from bluehelmet.reuse.repetition import force_repetition, force_repetition_summary
from bluehelmet.reuse.templates import force_sources
from bluehelmet.web.sections.reuse import force
from bluehelmet.web.sections.reuse.schemas import ForceMandate, ForceSummary
from tests.web.conftest import cells, html

NUMBER = re.compile(r"^(?:S_RES|SC)_(\d+)[ _]")


@pytest.fixture(scope="module")
def minusma_folder(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MINUSMA's mandate resolutions (the register's), copied from the 2000–2026 texts."""
    events = mandate_events("MINUSMA")
    wanted = {int(n) for n in events["resolution"].dropna()}
    folder = tmp_path_factory.mktemp("minusma")
    source = shared_data / "unsc" / "akn_2000_2026" / "resolutions"
    for path in source.glob("*/*.xml"):
        found = NUMBER.match(path.name)
        if found and int(found.group(1)) in wanted:
            (folder / path.parent.name).mkdir(exist_ok=True)
            shutil.copy(path, folder / path.parent.name / path.name)
    return folder


@pytest.fixture
def corpus(minusma_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(minusma_folder))
    return minusma_folder


def test_the_force_page_shows_the_librarys_counts(client: TestClient, corpus: Path) -> None:
    summary = force_repetition_summary(force_repetition()).set_index("operation")
    answer = client.get("/reuse/force")
    assert answer.status_code == 200
    doc = html(answer.text)
    caption = "Mandate resolutions 1999–2026"
    operations = cells(doc, caption)
    assert "MINUSMA" in operations
    i = operations.index("MINUSMA")
    expected = summary.loc["MINUSMA"]
    columns = [
        "mandates", "with_text", "chapter_vii", "chvii_force", "without_clause", "with_previous"
    ]  # fmt: skip
    shown = [cells(doc, caption, c)[i] for c in range(1, 7)]
    assert shown == [str(int(expected[c])) for c in columns]
    assert cells(doc, caption, 7)[i] == str(int(expected["repeated"]))
    assert int(expected["repeated"]) > 0  # the corpus does hold repeated clauses
    share = cells(doc, caption, 8)[i]
    assert share == f"{float(expected['share_repeated']) * 100:.0f}%"
    assert "/reuse/force/MINUSMA" in doc.xpath("//td/a/@href")
    assert "1995–1999" in answer.text and "unknown" in answer.text


def test_the_clause_page_walks_back_through_the_mandates(client: TestClient, corpus: Path) -> None:
    table = force_repetition("MINUSMA")
    chain = [int(n) for n in table["resolution"]]
    assert chain.index(2531) == chain.index(2480) + 1
    doc = html(client.get("/reuse/force/MINUSMA/2531").text)
    back = doc.xpath("//a[@rel='prev']")
    assert [a.get("href") for a in back] == ["/reuse/force/MINUSMA/2480"]
    assert "S/RES/2480" in back[0].text_content()
    assert "/resolutions/2480" in doc.xpath("//section[@class='side']//a/@href")
    row = table.set_index("resolution").loc[2531]
    assert row["change"] in doc.text_content()
    # follow "← previous" to the operation's first mandate: the library's chain, reversed
    visited, url = [], "/reuse/force/MINUSMA/2531"
    while url:
        page = html(client.get(url).text)
        visited.append(int(url.rsplit("/", 1)[1]))
        links = page.xpath("//a[@rel='prev']/@href")
        url = links[0] if links else ""
    assert visited == chain[: chain.index(2531) + 1][::-1]


def test_the_clause_text_is_the_corpus_paragraph(client: TestClient, corpus: Path) -> None:
    table = force_repetition("MINUSMA").set_index("resolution")
    labels = str(table.loc[2531, "force_paragraphs"]).split(";")
    doc = html(client.get("/reuse/force/MINUSMA/2531").text)
    sides = doc.find_class("side")
    heading = sides[1].find("h2").text_content()
    assert heading.endswith(f"paragraph {labels[0]}") and len(labels) == 1
    text = " ".join(sides[1].find_class("diff-text")[0].text_content().split())
    assert text.startswith("Authorizes MINUSMA to use all necessary means")
    sources = doc.xpath("//ul[@class='sources']//a[starts-with(@href, '/reuse/pair')]/@href")
    assert sources and all(client.get(u).status_code == 200 for u in sources)


def test_the_operation_page_lists_the_chain(client: TestClient, corpus: Path) -> None:
    table = force_repetition("MINUSMA")
    doc = html(client.get("/reuse/force/MINUSMA").text)
    clause_links = doc.xpath("//a[@class='clause']/@href")
    assert clause_links == [f"/reuse/force/MINUSMA/{n}" for n in table["resolution"]]
    assert cells(doc, "MINUSMA's mandate resolutions", 3) == list(table["change"])
    assert "/reuse/force" in html(client.get("/reuse").text).xpath("//a/@href")
    operation = html(client.get("/operations/MINUSMA").text)
    assert "/reuse/force/MINUSMA" in operation.xpath("//a/@href")


def test_bad_operations_and_resolutions_are_404(client: TestClient, corpus: Path) -> None:
    page = client.get("/reuse/force/UNAMSI")
    assert page.status_code == 404
    assert 'did you mean <a href="/reuse/force/UNAMSIL">UNAMSIL</a>' in page.text
    api = client.get("/api/reuse/force/UNAMSI")
    assert api.status_code == 404 and "\n" not in api.json()["message"]
    for url in ("/reuse/force/MINUSMA/2532", "/reuse/force/MINUSMA/x", "/reuse/force/UNMISS/2531"):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert "is not a mandate resolution of" in answer.text


def test_the_csv_api_parses_with_the_columns(client: TestClient, corpus: Path) -> None:
    answer = client.get("/api/reuse/force/MINUSMA", params={"format": "csv"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == list(ForceMandate.model_fields)
    table = force_repetition("MINUSMA")
    assert [int(r["resolution"]) for r in rows] == [int(n) for n in table["resolution"]]
    assert [r["change"] for r in rows] == list(table["change"])
    summary = list(csv.DictReader(io.StringIO(client.get("/api/reuse/force?format=csv").text)))
    assert list(summary[0]) == list(ForceSummary.model_fields)
    assert summary[-1]["operation"] == "total"
    json_rows = client.get("/api/reuse/force/MINUSMA").json()
    assert [r["resolution"] for r in json_rows] == [int(r["resolution"]) for r in rows]


def test_force_repetition_runs_once_per_corpus_state(client: TestClient, corpus: Path) -> None:
    client.get("/reuse/force")
    misses = force._table.cache_info().misses
    client.get("/reuse/force/MINUSMA")
    client.get("/api/reuse/force")
    assert force._table.cache_info().misses == misses


def test_without_a_corpus_the_force_pages_are_not_found(client: TestClient) -> None:
    answer = client.get("/api/reuse/force")
    assert answer.status_code == 404 and "BLUEHELMET_CORPUS" in answer.json()["message"]


@pytest.fixture
def sierra_leone_and_drc(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """UNAMSIL's 1289 (2000) and MONUC's 1291 (2000), copied from the 2000–2026 texts."""
    source = shared_data / "unsc" / "akn_2000_2026" / "resolutions" / "2000"
    (tmp_path / "2000").mkdir()
    for number in (1289, 1291):
        for path in source.glob(f"S_RES_{number}_*.xml"):
            shutil.copy(path, tmp_path / "2000" / path.name)
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(tmp_path))
    return tmp_path


def test_a_clause_links_to_its_template_in_another_operation(
    client: TestClient, sierra_leone_and_drc: Path
) -> None:
    sources = force_sources(force_repetition()).set_index(["operation", "resolution"])
    best = sources.loc[("MONUC", 1291)]
    assert best["relation"] in ("copied", "adapted")
    target = f"/reuse/force/{best['source_operation']}/{best['source_resolution']}"
    doc = html(client.get("/reuse/force/MONUC/1291").text)
    assert doc.xpath("//a[@rel='template']/@href") == [target]
    assert client.get(target).status_code == 200
    # the template's clause beside this one: UNAMSIL's wording, read in S/RES/1289 (2000)
    sides = {s.find("h2").text_content().split(":")[0]: s for s in doc.find_class("side")}
    template = " ".join(sides["Template"].text_content().split())
    assert "afford protection to civilians under imminent threat of physical violence" in template
    overview = html(client.get("/reuse/force").text)
    caption = "Operations whose force clauses other operations took up most"
    pairs = list(zip(cells(overview, caption, 0), cells(overview, caption, 1), strict=True))
    assert (best["source_operation"], "MONUC") in pairs
