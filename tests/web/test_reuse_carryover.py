"""The reuse explorer's carry-over shares (on an operation's force page and in the API), its
years-covered page, and its caches following new texts; on corpora written by hand
(tests/carryover_corpus.py). Expected values are counted from those texts and the register,
or read from the API to compare with the page, never taken from the page alone."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bluehelmet.register.query import resolutions
from bluehelmet.web.sections.reuse.schemas import BoilerplateFormula, CarryoverMandate, YearCoverage
from tests.carryover_corpus import SHARE_PREVIOUS, SHARES, write_two_mandates
from tests.web.conftest import cells, html

CAPTION = "MINUSMA's mandate resolutions"
SEIZED = "Decides to remain seized of the matter"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_two_mandates(tmp_path / "corpus")
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(folder))
    return folder


def test_the_operation_page_shows_the_apis_carryover_shares(
    client: TestClient, corpus: Path
) -> None:
    api = client.get("/api/reuse/carryover", params={"operation": "minusma"})
    assert api.status_code == 200
    rows = {r["resolution"]: r for r in api.json()}
    assert list(api.json()[0]) == list(CarryoverMandate.model_fields)
    assert rows[2164]["share_previous"] == pytest.approx(SHARE_PREVIOUS, abs=0.03)
    page = client.get("/reuse/force/MINUSMA")
    assert page.status_code == 200
    doc = html(page.text)
    numbers = [int(n.removeprefix("S/RES/")) for n in cells(doc, CAPTION, 1)]
    assert numbers == list(rows)  # the same mandates, in the same order
    shown = {share: cells(doc, CAPTION, 8 + i) for i, share in enumerate(SHARES)}
    for i, number in enumerate(numbers):
        for share in SHARES:
            value = rows[number][share]
            if value is not None:
                assert shown[share][i] == f"{value:.3f}", (number, share)
            elif not rows[number]["text"]:
                assert shown[share][i] == "no text", (number, share)
    assert shown["share_previous"][numbers.index(2100)] == "0.000"  # the first mandate
    csv_url = doc.xpath("//a[contains(@href, '/api/reuse/carryover')]/@href")[0]
    table = list(csv.DictReader(io.StringIO(client.get(csv_url).text)))
    assert [int(r["resolution"]) for r in table] == numbers
    assert client.get("/api/reuse/carryover", params={"operation": "UNAMSI"}).status_code == 404


def test_the_coverage_page_shows_gap_years_as_no_texts(client: TestClient, corpus: Path) -> None:
    assert "/reuse/coverage" in html(client.get("/reuse").text).xpath("//a/@href")
    page = client.get("/reuse/coverage")
    assert page.status_code == 200
    doc = html(page.text)
    caption = "Texts and reuse per year"
    years = [int(y) for y in cells(doc, caption, 0)]
    api = client.get("/api/reuse/coverage").json()
    assert list(api[0]) == list(YearCoverage.model_fields)
    assert years == [r["year"] for r in api]
    # adopted per year from the register's index, counted here
    adopted = resolutions().dropna(subset=["year"]).groupby("year").size()
    texts, shown_adopted = cells(doc, caption, 2), cells(doc, caption, 3)
    for year in range(1995, 2000):
        i = years.index(year)
        assert texts[i] == "no texts" and shown_adopted[i] == str(int(adopted[year]))
        measures = [cells(doc, caption, c)[i] for c in (4, 6, 7, 8, 9, 10, 11)]
        assert measures == ["no texts"] * 7  # never a zero
    i = years.index(2014)
    assert texts[i] == "1" and api[i]["n_docs"] == 1 and not api[i]["gap"]
    assert cells(doc, caption, 4)[i] == f"{api[i]['coverage']:.3f}".rstrip("0")
    # every year from 1946 to 2012 had resolutions adopted, none with a text here
    assert all(adopted.get(y, 0) > 0 for y in range(1946, 2013)) and years[0] == 1946
    assert "No texts for 1946–2012." in " ".join(doc.text_content().split())


@pytest.fixture
def seized_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """21 resolutions of 1990, each ending with the same formula (21 > 20: boilerplate)."""
    folder = tmp_path / "seized"
    folder.mkdir()
    for n in range(646, 667):
        (folder / f"S_RES_{n:04d}_1990_EN.txt").write_text(
            f"RESOLUTION {n} (1990)\n\nAdopted by the Security Council at its 9999th meeting, on "
            f"1 March 1990\n\nThe Security Council,\n\n1. Requests report number {n} on item "
            f"{n * 7} of agenda {n * 13};\n\n2. {SEIZED}.\n"
        )
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(folder))
    return folder


def test_the_coverage_page_lists_the_boilerplate_formulas(
    client: TestClient, seized_corpus: Path
) -> None:
    api = client.get("/api/reuse/formulas").json()
    assert list(api[0]) == list(BoilerplateFormula.model_fields)
    assert [(r["documents"], r["size"]) for r in api] == [(21, 21)]
    assert SEIZED.lower() in api[0]["formula"].lower()
    doc = html(client.get("/reuse/coverage").text)
    assert cells(doc, "Boilerplate formulas per era", 3) == ["21"]
    formulas = list(csv.DictReader(io.StringIO(client.get("/api/reuse/formulas?format=csv").text)))
    assert [r["first_doc"] for r in formulas] == [api[0]["first_doc"]]


def test_a_new_text_is_seen_by_the_force_and_carryover_tables(
    client: TestClient, corpus: Path
) -> None:
    later = corpus.parent / "2164.txt"
    (corpus / "S_RES_2164_2014_EN.txt").rename(later)
    before = {r["resolution"]: r for r in client.get("/api/reuse/force/MINUSMA").json()}
    assert before[2100]["text"] and not before[2164]["text"]
    carried = {
        r["resolution"]: r for r in client.get("/api/reuse/carryover?operation=MINUSMA").json()
    }
    assert carried[2164]["share_new"] is None
    later.rename(corpus / "S_RES_2164_2014_EN.txt")  # the folder is newer now
    after = {r["resolution"]: r for r in client.get("/api/reuse/force/MINUSMA").json()}
    assert after[2164]["text"] and after[2164]["previous_text"]
    carried = {
        r["resolution"]: r for r in client.get("/api/reuse/carryover?operation=MINUSMA").json()
    }
    assert carried[2164]["share_previous"] == pytest.approx(SHARE_PREVIOUS, abs=0.03)
