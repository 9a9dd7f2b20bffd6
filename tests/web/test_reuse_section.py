"""The reuse explorer: a small corpus written here, with one planted clause family (its origin
is the earliest member by date, not the lowest number), one two-member family, a formula in
every resolution (boilerplate) and noise. Expected values come from the texts written here."""

from __future__ import annotations

import calendar
import csv
import io
import itertools
import random
import re
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bluehelmet.web import create_app
from bluehelmet.web.security import LOOPBACK_HOSTS
from tests.web.conftest import cells, html

MONTHS = list(calendar.month_name)[1:]
CLAUSE = (
    "Decides to extend the stationing in Cyprus of the United Nations Peace-keeping Force "
    "established under resolution 186 (1964) for a further period of six months ending "
    "{end}, in the expectation that by then sufficient progress towards a final solution "
    "will make possible a withdrawal or substantial reduction of the Force"
)
OTHER = (
    "Calls upon the parties concerned to continue determined cooperative efforts to achieve "
    "the objectives of the Security Council by availing themselves of the present climate "
    "and opportunities in the island"
)
UNDOF = (
    "Decides to renew the mandate of the United Nations Disengagement Observer Force for "
    "another period of six months"
)
FORMULA = "Decides to remain seized of the matter."
#: Made-up words for noise paragraphs that share no word sequence with anything.
WORDS = [
    a + b
    for a in ("ka", "lo", "mi", "nu", "pe", "ro", "su")
    for b in ("bar", "dex", "fim", "gol", "hup", "jav", "kor")
]
#: The planted clause family: resolution -> date. 602 is the earliest, though not the lowest.
CLAUSE_DATES = {601: "1970-06-10", 602: "1970-03-05", 610: "1971-02-20", 615: "1972-08-01"}
#: The two-member family (same paragraph, no edits).
OTHER_DATES = {620: "1973-01-15", 625: "1974-04-04"}


def _heading(number: int, iso: str) -> str:
    year, month, day = iso.split("-")
    return (
        f"RESOLUTION {number} ({year})\n\nAdopted by the Security Council at its "
        f"{number + 900}th meeting, on {int(day)} {MONTHS[int(month) - 1]} {year}\n\n"
        "The Security Council,\n\nNoting the report,\n\n"
    )


def corpus_texts() -> dict[int, tuple[str, list[str]]]:
    """Resolution number -> (date, operative paragraphs as printed, with their numbers)."""
    rng = random.Random(7)

    def noise() -> str:
        return "Notes " + " ".join(rng.sample(WORDS, 14))

    out: dict[int, tuple[str, list[str]]] = {}
    for number, iso in CLAUSE_DATES.items():
        clause = CLAUSE.format(end=f"15 December {iso[:4]}")
        out[number] = (iso, [UNDOF, clause] if number == 615 else [clause, noise()])
    for number, iso in OTHER_DATES.items():
        out[number] = (iso, [OTHER, noise()])
    for k in range(22):
        out[630 + k] = (f"{1975 + k // 4}-0{1 + k % 4}-1{k % 9}", [noise(), noise()])
    return {
        n: (iso, [f"{i}. {p}" for i, p in enumerate([*paras, FORMULA], 1)])
        for n, (iso, paras) in out.items()
    }


def write_corpus(folder: Path) -> Path:
    """Write the corpus as text files named like the shared corpus."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, (iso, paras) in corpus_texts().items():
        body = _heading(number, iso) + "\n\n".join(paras) + "\n"
        (folder / f"S_RES_{number:04d}_{iso[:4]}_EN.txt").write_text(body, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("reuse") / "texts")


@pytest.fixture(autouse=True)
def corpus(no_corpus: None, corpus_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test here sees the corpus (after conftest's ``no_corpus`` removed any other)."""
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(corpus_folder))
    return corpus_folder


def _clause_family(client: TestClient) -> int:
    rows = client.get("/api/reuse/families").json()
    return next(r["family"] for r in rows if r["size"] == len(CLAUSE_DATES))


def test_families_are_listed_largest_first_with_their_origin(client: TestClient) -> None:
    doc = html(client.get("/reuse").text)
    caption = "Clause families"
    sizes = [int(s) for s in cells(doc, caption, 1)]
    assert sizes == [len(CLAUSE_DATES), len(OTHER_DATES)]
    origin_of_clause = min(CLAUSE_DATES, key=CLAUSE_DATES.get)  # earliest by date
    assert origin_of_clause == 602
    assert [int(n) for n in cells(doc, caption, 3)] == [602, min(OTHER_DATES)]
    assert cells(doc, caption, 4)[0] == CLAUSE_DATES[602]
    # the formula closes every resolution: one boilerplate family holding all of them
    formulas = cells(doc, "Boilerplate families", 1)
    assert [int(n) for n in formulas] == [len(corpus_texts())]
    assert "Reuse explorer" in doc.xpath("string(//nav[@aria-label='Main'])")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("operation=UNDOF", [len(CLAUSE_DATES)]),
        ("operation=unficyp", [len(CLAUSE_DATES)]),
        ("year=1973", [len(OTHER_DATES)]),
        ("year=1971", [len(CLAUSE_DATES)]),
        ("year=1990", []),
        ("", [len(CLAUSE_DATES), len(OTHER_DATES)]),
    ],
)
def test_families_filter_by_operation_and_year(
    client: TestClient, query: str, expected: list[int]
) -> None:
    found = cells(html(client.get(f"/reuse?{query}").text), "Clause families", 1)
    assert [int(s) for s in found if s != "No rows."] == expected
    assert [r["size"] for r in client.get(f"/api/reuse/families?{query}").json()] == expected


def test_empty_form_fields_mean_any(client: TestClient) -> None:
    found = cells(html(client.get("/reuse?operation=&year=").text), "Clause families", 1)
    assert len(found) == 2


def test_family_page_shows_origin_descendants_and_links(client: TestClient) -> None:
    number = _clause_family(client)
    doc = html(client.get(f"/reuse/families/{number}").text)
    by_date = sorted(CLAUSE_DATES, key=CLAUSE_DATES.get)
    members = cells(doc, "Members in time order")
    assert members[0] == "S/RES/602 origin"
    assert [int(m.split("/")[-1].split()[0]) for m in members] == by_date
    assert cells(doc, "Members in time order", 2) == [CLAUSE_DATES[n] for n in by_date]
    links = doc.xpath("//table//a[starts-with(@href, '/resolutions/')]/@href")
    assert {f"/resolutions/{n}" for n in CLAUSE_DATES} <= set(links)
    facts = doc.find_class("facts")[0].text_content()
    assert "S/RES/602, paragraph 1 · 1970-03-05 · UNFICYP" in " ".join(facts.split())
    # the chart: one bar per year with members, each a link to that year's first row
    years: dict[str, list[int]] = {}
    for n in by_date:
        years.setdefault(CLAUSE_DATES[n][:4], []).append(n)
    bars = doc.xpath("//figure//svg//a[@class='tip']")
    labels = [b.get("aria-label") for b in bars]
    assert [lab.split(":")[0] for lab in labels] == list(years)
    assert labels[0].startswith("1970: 2 resolutions — S/RES/602, S/RES/601")
    for bar in bars:
        assert doc.get_element_by_id(bar.get("href")[1:]) is not None
    assert doc.xpath("//figure/figcaption/span[@class='source']")
    assert doc.xpath("//svg/@aria-label")[0].startswith("Resolutions using clause family")


def _marked(doc: object, tag: str) -> list[str]:
    return [e.text_content() for e in doc.iter(tag)]  # type: ignore[attr-defined]


def test_pair_view_shows_word_differences_side_by_side(client: TestClient) -> None:
    texts = corpus_texts()
    earlier, later = texts[601][1][0], texts[610][1][0]
    r = client.get("/reuse/pair?source=601:1&target=610:1")
    assert r.status_code == 200
    doc = html(r.text)
    # the two clauses differ in one word only: the year their period ends
    words = re.compile(r"[^\W_]+")
    only_earlier = [w for w in words.findall(earlier) if w not in words.findall(later)]
    only_later = [w for w in words.findall(later) if w not in words.findall(earlier)]
    assert _marked(doc, "del") == ["struck out", *only_earlier] == ["struck out", "1970"]
    assert _marked(doc, "ins") == ["underlined", *only_later] == ["underlined", "1971"]
    columns = doc.find_class("diff-text")
    assert [c.text_content() for c in columns] == [earlier, later]
    same = len(words.findall(earlier)) - 1
    assert f"{same} in both · 1 only in the earlier · 1 only in the later" in r.text
    api = client.get("/api/reuse/pair", params={"source": "601:1", "target": "610:1"}).json()
    assert (api["same_words"], api["source_only_words"], api["target_only_words"]) == (same, 1, 1)
    assert api["source"]["text"] == earlier and api["pair"]["family"] == _clause_family(client)


def test_pair_view_marks_text_outside_the_aligned_span(client: TestClient) -> None:
    # 615's clause follows its UNDOF paragraph, so it is numbered 2 where 601's is 1: the
    # numbers differ, so the engine's alignment starts after them, at "Decides"
    texts = corpus_texts()
    earlier, later = texts[601][1][0], texts[615][1][1]
    doc = html(client.get("/reuse/pair?source=601:1&target=615:2").text)
    for column, text in zip(doc.find_class("diff-text"), (earlier, later), strict=True):
        outside = "".join(e.text_content() for e in column.find_class("outside"))
        aligned = "".join(e.text_content() for e in column.find_class("aligned"))
        start = text.index("Decides")
        assert (outside, aligned) == (text[:start], text[start:])


def test_resolution_page_shows_its_reused_share(client: TestClient) -> None:
    _, paras = corpus_texts()[601]
    # 601's first paragraph repeats 602's word for word; the rest is noise and boilerplate
    reused, total = len(paras[0]), sum(len(p) for p in paras)
    doc = html(client.get("/resolutions/601").text)
    panel = doc.get_element_by_id("panel-reuse")
    assert panel.text_content() == "Reused operative text"
    note = doc.xpath("string(//h2[@id='panel-reuse']/following-sibling::figure[1]/figcaption)")
    assert f"{reused / total:.1%} of the operative text ({reused} of {total} characters)" in note
    assert "from resolutions of the same operation" in note
    table = client.get("/api/resolutions/601/panels/reuse?format=csv").text
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [int(r["chars"]) for r in rows] == [len(p) for p in paras]
    assert [r["source_id"] for r in rows] == ["602:1", "", ""]
    # the origin reuses nothing from earlier resolutions
    origin = client.get("/api/resolutions/602/panels/reuse").json()
    assert [r["reused_share"] for r in origin] == [0.0, 0.0, 0.0]
    # a resolution outside the corpus has no such panel
    assert "panel-reuse" not in client.get("/resolutions/1270").text
    assert client.get("/api/resolutions/1270/panels/reuse").status_code == 404


def test_csv_downloads(client: TestClient) -> None:
    number = _clause_family(client)
    table = client.get(f"/api/reuse/families/{number}?format=csv").text
    members = list(csv.DictReader(io.StringIO(table)))
    assert [m["id"] for m in members][0] == "602:1"
    assert sorted(int(m["number"]) for m in members) == sorted(CLAUSE_DATES)
    listed = client.get("/api/reuse/families?format=csv")
    assert listed.headers["content-type"].startswith("text/csv")
    assert [r["size"] for r in csv.DictReader(io.StringIO(listed.text))] == ["4", "2"]
    pairs = client.get(f"/api/reuse/families/{number}/pairs?format=csv").text
    found = {(p["source_id"], p["target_id"]) for p in csv.DictReader(io.StringIO(pairs))}
    # the four clauses are near-identical: every pair, the earlier resolution as the source
    ids = {n: f"{n}:2" if n == 615 else f"{n}:1" for n in CLAUSE_DATES}
    by_date = sorted(CLAUSE_DATES, key=CLAUSE_DATES.get)
    assert found == {(ids[a], ids[b]) for a, b in itertools.combinations(by_date, 2)}
    listed_pairs = client.get(f"/api/reuse/families/{number}").json()["pairs"]
    assert {(p["source_id"], p["target_id"]) for p in listed_pairs} == found
    table = client.get("/api/reuse/resolutions?format=csv").text
    shares = list(csv.DictReader(io.StringIO(table)))
    assert {int(r["number"]) for r in shares} == set(corpus_texts())
    pair = client.get("/api/reuse/pair?source=601:1&target=610:1&format=csv").text
    assert list(csv.DictReader(io.StringIO(pair)))[0]["target_text"] == corpus_texts()[610][1][0]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/reuse/families/123456", 404),
        ("/reuse/families/abc", 404),
        ("/reuse/boilerplate/0", 404),
        ("/reuse/pair?source=601:1&target=620:1", 404),
        ("/reuse/pair?source=601:1", 422),
        ("/reuse?operation=NOSUCHOP", 422),
        ("/reuse?year=19x0", 422),
        ("/reuse?page=0", 422),
        ("/api/reuse/families/123456", 404),
        ("/api/reuse/families/-1", 422),
        ("/api/reuse/families/abc", 422),
        ("/api/reuse/nope", 422),
        ("/api/reuse/families?year=1800", 422),
        ("/api/reuse/families?operation=NOSUCHOP", 422),
        ("/api/reuse/pair?source=601:1", 422),
        ("/api/reuse/pair?source=601:1&target=999:9", 404),
    ],
)
def test_unknown_ids_404_and_bad_parameters_422(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status, r.text[:300]
    if url.startswith("/api/"):
        assert r.json()["message"]


def test_pages_are_keyboard_navigable_and_say_their_data_version(client: TestClient) -> None:
    number = _clause_family(client)
    for url in ("/reuse", f"/reuse/families/{number}", "/reuse/pair?source=601:1&target=610:1"):
        doc = html(client.get(url).text)
        assert doc.find_class("skip")[0].get("href") == "#main"
        assert "data " in doc.find_class("data-version")[0].text_content()
        for control in doc.xpath("//main//input | //main//select"):
            assert doc.xpath(f"//label[@for='{control.get('id')}']"), url


def test_section_is_absent_without_a_corpus(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BLUEHELMET_CORPUS")
    home = html(client.get("/").text)
    assert "Reuse explorer" not in home.xpath("string(//nav[@aria-label='Main'])")
    assert "Reuse explorer" in home.xpath("string(//p[@class='muted'])")
    assert client.get("/reuse").status_code == 404
    answer = client.get("/api/reuse/families")
    assert answer.status_code == 404 and "BLUEHELMET_CORPUS" in answer.json()["message"]
    assert "panel-reuse" not in client.get("/resolutions/601").text


# Fuzz the explorer's endpoints with the corpus in place (test_fuzz.py runs without one).
schema = schemathesis.openapi.from_asgi(
    "/api/openapi.json", create_app(allowed_hosts=[*LOOPBACK_HOSTS, "testserver"])
).include(path_regex=r"^/api/(reuse|resolutions/\{number\}/panels)")


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_reuse_api_never_fails_and_matches_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )


def test_a_corpus_without_readable_texts_gives_empty_lists_not_errors(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "S_RES_0679_1990_EN.txt").write_bytes(b"\x00\x01 not a text")
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(tmp_path))
    page = client.get("/reuse")
    assert page.status_code == 200
    assert "0 families" in page.text and "S_RES_0679_1990_EN.txt" in page.text
    assert client.get("/api/reuse/families").json() == []
    assert client.get("/api/reuse").json()["paragraphs"] == 0
    assert client.get("/resolutions/679").status_code == 200
