"""The process-tracing pages and API show what the tracing engine computes for the bundled
cases (expected values come from ``bluehelmet``'s tracing API or from the case files, never
from the web modules), serve nothing else, and download as CSV."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from functools import cache
from pathlib import Path

import lxml.etree
import lxml.html
import pandas as pd
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bluehelmet import bundled_cases, trace
from bluehelmet.figures.trace import posterior_path_spec
from bluehelmet.store import data_hash
from bluehelmet.tracing import Trace, parse_case
from bluehelmet.web.sections.tracing.charts import posterior_chart
from bluehelmet.web.sections.tracing.views import label_infinite
from bluehelmet.web.tables import records
from tests.web.conftest import cells, html
from tests.web.test_security import _raw_get

SIERRA = "sierra-leone-1999"


@cache
def expected_cases() -> list[dict[str, object]]:
    return [dict(row) for row in bundled_cases().to_dict("records") if not row["problem"]]


CASE_IDS = [str(row["id"]) for row in expected_cases()]


@cache
def traced(case_id: str) -> Trace:
    """The case traced through the public tracing API (bundled case by id)."""
    return trace(case_id)


@cache
def case_page(case_id: str, client: TestClient) -> lxml.html.HtmlElement:
    r = client.get(f"/cases/{case_id}")
    assert r.status_code == 200
    return html(r.text)


def text(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def squash(value: str) -> str:
    return " ".join(value.split())


def test_the_case_list_shows_every_bundled_case(client: TestClient) -> None:
    doc = html(client.get("/cases").text)
    assert len(doc.xpath("//table[@class='cases']/tbody/tr")) == len(CASE_IDS) == 4
    for case in expected_cases():
        link = doc.xpath(f"//a[@href='/cases/{case['id']}']")
        assert link and text(link[0]) == squash(str(case["title"]))
        row = link[0].getparent().getparent().getparent()
        shown = {td.get("data-label"): text(td) for td in row.findall("td")}
        assert shown["outcome"] == squash(str(case["outcome"]))
        assert str(case["label"]) in shown["leading hypothesis"]
        assert shown["posterior"] == f"{case['posterior']:.3f}"
        assert shown["leader holds"] == ("yes" if case["leader_holds"] else "no")
        ranking = traced(str(case["id"])).sensitivity.holds["ranking_holds"].all()
        assert shown["ranking holds"] == ("yes" if ranking else "no")


def test_the_list_says_which_rankings_survive(client: TestClient) -> None:
    """Of the four bundled cases only the US case's leader survives every check, and no
    ranking does (docs/tracing.md)."""
    body = {c["id"]: c for c in client.get("/api/cases").json()}
    assert {k for k, c in body.items() if c["leader_holds"]} == {"us-io-endorsement"}
    assert not any(c["ranking_holds"] for c in body.values())


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_page_shows_the_leader_and_its_posterior(client: TestClient, case_id: str) -> None:
    t = traced(case_id)
    result = t.result.set_index("hypothesis")
    leader = result["posterior"].idxmax()
    shown = text(case_page(case_id, client).find_class("leader")[0])
    assert str(result.loc[leader, "label"]) in shown and leader in shown
    assert f"posterior {result.loc[leader, 'posterior']:.3f}" in shown
    doc = case_page(case_id, client)
    hypotheses, shown_posteriors = cells(doc, "Each hypothesis"), cells(doc, "Each hypothesis", 3)
    posteriors = dict(zip(hypotheses, shown_posteriors, strict=True))
    assert posteriors == {h: f"{p:.3f}" for h, p in result["posterior"].items()}


def test_sierra_leone_leader_is_constructivist(client: TestClient) -> None:
    """docs/tracing.md: the bundled Sierra Leone case leads with constructivist at 0.708."""
    shown = text(case_page(SIERRA, client).find_class("leader")[0])
    assert shown.startswith("Constructivist (constructivist), posterior 0.708")


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_evidence_item_and_citation_is_in_the_ledger(
    client: TestClient, case_id: str
) -> None:
    doc = case_page(case_id, client)
    case = traced(case_id).case
    for item in case.evidence:
        row = doc.get_element_by_id(f"item-{item.id}")
        shown = {td.get("data-label"): text(td) for td in row.findall("td")}
        assert shown["citation"] == squash(item.citation)
        assert shown["description"].startswith(squash(item.description))
        assert shown["source type"] == item.source_type.replace("_", " ")
        assert shown["date"] == (item.date.isoformat() if item.date else "")
        assert shown["actor"] == (item.actor or "")


def _woe_db(before: dict[str, float], likelihood: dict[str, float], h: str) -> float:
    """10 log10 P(E|H) / P(E|not H), the rivals mixed by their weight before the unit."""
    rivals = [g for g in before if g != h]
    not_h = sum(before[g] * likelihood[g] for g in rivals) / sum(before[g] for g in rivals)
    return 10 * math.log10(likelihood[h] / not_h)


def test_ledger_shows_likelihoods_and_weights_of_evidence(client: TestClient) -> None:
    """P(E|H) from the case file; decibans recomputed here from the posterior path."""
    t = traced(SIERRA)
    doc = case_page(SIERRA, client)
    names = t.case.hypothesis_ids
    labels = {h: t.case.label(h) for h in names}
    path = t.posteriors().set_index("unit")
    units = list(path.index)
    for unit in t.units:
        before = path.loc[units[units.index(unit.id) - 1], names].to_dict()
        like = dict(zip(names, unit.likelihoods, strict=True))
        for item in unit.items:
            evidence = next(e for e in t.case.evidence if e.id == item)
            row = doc.get_element_by_id(f"item-{item}")
            weights = row.find_class("weights")[0]
            for li, h in zip(weights.findall("li"), names, strict=True):
                p = evidence.likelihoods[h].value
                woe = _woe_db(before, like, h)
                assert text(li) == f"{labels[h]} {p:.3f} · {woe:+.1f} dB"


def test_e01_has_equal_likelihoods_and_no_weight(client: TestClient) -> None:
    """The case file gives e01 P(E|H) = 0.5 for every logic: it moves nothing."""
    row = case_page(SIERRA, client).get_element_by_id("item-e01")
    shown = [text(li) for li in row.iter("li")]
    assert len(shown) == 4 and all(s.endswith(" 0.500 · +0.0 dB") for s in shown)


def test_predictions_matrix_marks_each_observation(client: TestClient) -> None:
    """Status recomputed from the case: the findings of the items that bear on it."""
    doc = case_page(SIERRA, client)
    case = traced(SIERRA).case
    table = doc.xpath("//table[@class='matrix']")[0]
    rows = table.xpath("./tbody/tr")
    expected = [(h, o) for h in case.hypotheses for o in h.predicts or []]
    assert len(rows) == len(expected)
    for row, (hypothesis, obs) in zip(rows, expected, strict=True):
        shown = {td.get("data-label"): text(td) for td in row.findall("td")}
        items = [e for e in case.evidence if obs.id in e.bears_on]
        findings = {e.finding for e in items}
        status = (
            "untested" if not items else findings.pop() if len(findings) == 1 else "mixed"
        ).replace("_", " ")
        assert shown["hypothesis"] == hypothesis.label
        assert shown["status"] == status
        assert shown["predicted observation"].endswith(f"({obs.id})")
        for e in items:
            assert e.id in shown["evidence"]
            assert squash(e.citation) in shown["citations"]


def test_case_links_to_the_register_pages(client: TestClient) -> None:
    doc = case_page(SIERRA, client)
    links = traced(SIERRA).case.info.links
    hrefs = set(doc.xpath("//dl[contains(@class, 'facts')]//a/@href"))
    for number in links.resolutions:
        assert f"/resolutions/{number}" in hrefs
    for acronym in links.operations:
        assert f"/operations/{acronym}" in hrefs
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_posterior_path_chart(client: TestClient) -> None:
    t = traced(SIERRA)
    doc = case_page(SIERRA, client)
    figure = doc.xpath("//figure[@class='chart']")[0]
    svg = figure.xpath(".//svg")[0]
    labels = [t.case.label(h) for h in t.case.hypothesis_ids]
    assert len(svg.xpath(".//polyline")) == len(labels)
    texts = [text(n) for n in svg.xpath(".//text")]
    assert "Posterior probability" in texts
    assert {"0", "0.2", "1"} <= set(texts)  # probabilities 0–1, as the tips and tables show
    assert any(s.startswith("Evidence unit") for s in texts)
    assert all(label in texts for label in labels)
    assert [u.id for u in t.units] == [s for s in texts if s in {u.id for u in t.units}]
    final = t.posteriors().iloc[-1]
    tip = svg.xpath(".//a[@class='tip']")[-1].get("aria-label")
    expected = " · ".join(f"{t.case.label(h)} {final[h]:.3f}" for h in t.case.hypothesis_ids)
    assert tip == f"After {t.units[-1].id}: {expected}"
    source = text(figure.find_class("source")[0])
    assert source.startswith("Source:") and "sierra_leone_1999.yaml" in source


def test_chart_steps_link_to_their_ledger_rows(client: TestClient) -> None:
    doc = case_page(SIERRA, client)
    targets = doc.xpath("//figure[@class='chart']//a[@class='tip']/@href")
    assert targets[0] == "#result"
    for href in targets[1:]:
        assert doc.get_element_by_id(href[1:]) is not None
    assert "#item-e03" in targets and "#item-e04" not in targets  # one unit: g_canada_poc


def test_sensitivity_names_what_the_ranking_hinges_on(client: TestClient) -> None:
    t = traced(SIERRA)
    doc = case_page(SIERRA, client)
    hinges = t.sensitivity.hinges
    moved = hinges[hinges["changes_ranking"] | hinges["flips_leader"]]["unit"].tolist()
    assert moved == ["e05"]  # docs/tracing.md: moving e05 alone reorders the runners-up
    section = doc.get_element_by_id("hinges").getnext()
    assert [a.text for a in section.iter("a")] == moved
    shown = dict(zip(cells(doc, "Checks by kind"), cells(doc, "Checks by kind", 5), strict=True))
    holds = t.sensitivity.holds.set_index("kind")["ranking_holds"]
    assert shown == {k: "yes" if v else "no" for k, v in holds.items()}
    assert f"grow {t.sensitivity.breakeven_factor:.2f} times" in text(doc)


@pytest.mark.parametrize("url", ["/cases", f"/cases/{SIERRA}"])
def test_case_pages_say_which_data_they_show(client: TestClient, url: str) -> None:
    doc = html(client.get(url).text)
    assert f"data {data_hash()}" in text(doc.find_class("data-version")[0])
    assert doc.find_class("skip")[0].get("href") == "#main"
    nav = doc.xpath("//nav[@aria-label='Main']//a[@href='/cases']")
    assert nav and nav[0].get("aria-current") == "page"


def test_home_lists_the_section(client: TestClient) -> None:
    doc = html(client.get("/").text)
    assert doc.xpath("//ul[@class='cards']//a[@href='/cases']")


@pytest.mark.parametrize(
    "url",
    [
        "/cases/nope",
        "/cases/..%2F..%2Fetc%2Fpasswd",
        "/cases/sierra_leone_1999",  # the file's stem, not a case id
        "/cases/sierra-leone-1999.yaml",
        "/cases/%2Fetc%2Fpasswd",
        "/api/cases/nope",
        "/api/cases/..%2F..%2Fetc%2Fpasswd",
        "/api/cases/nope/ledger",
        "/api/cases/..%2F..%2Fetc%2Fpasswd/ledger?format=csv",
    ],
)
def test_unknown_and_path_like_ids_are_not_found(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert "root:" not in r.text
    if url.startswith("/api/"):
        assert r.json()["message"]
    else:
        assert html(r.text).find_class("message")


@pytest.mark.parametrize(
    "raw",
    [
        b"/cases/..%2f..%2fetc%2fpasswd",
        b"/cases/%2e%2e/%2e%2e/etc/passwd",
        b"/api/cases/..%2f..%2f..%2fetc%2fpasswd",
        b"/api/cases/%2e%2e%2fcases%2fhaiti_2004.yaml",
    ],
)
def test_no_path_traversal_in_case_ids(app: FastAPI, raw: bytes) -> None:
    status, body = _raw_get(app, raw)
    assert status == 404 and b"root:" not in body and b"evidence:" not in body


def test_a_case_file_in_the_working_folder_is_never_read(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``load_case`` would read ``mine.yaml`` from the working folder; the app must not."""
    (tmp_path / "mine.yaml").write_text(
        "case: {id: mine, title: Mine, outcome: O.}\nevidence:\n"
        "  - {id: e1, description: D., source_type: press, citation: C,\n"
        "     likelihoods: {rationalist: {p: 0.5}, constructivist: {p: 0.5},\n"
        "                   organizational: {p: 0.5}, group_psychological: {p: 0.5}}}\n"
    )
    monkeypatch.chdir(tmp_path)
    for url in ("/cases/mine.yaml", "/cases/mine", "/api/cases/mine.yaml"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "url",
    [
        "/api/cases?format=xml",
        f"/api/cases/{SIERRA}?format=pdf",
        f"/api/cases/{SIERRA}/nonsense",
        f"/api/cases/{SIERRA}/ledger?format=",
        "/api/cases/" + "a" * 101,
    ],
)
def test_bad_parameters_are_422(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 422
    assert r.json()["message"]


def _csv(client: TestClient, url: str, name: str) -> list[dict[str, str]]:
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == f'attachment; filename="{name}"'
    return list(csv.DictReader(io.StringIO(r.text)))


def test_case_list_csv(client: TestClient) -> None:
    rows = {r["id"]: r for r in _csv(client, "/api/cases?format=csv", "cases.csv")}
    assert sorted(rows) == sorted(CASE_IDS)
    for case in expected_cases():
        row = rows[str(case["id"])]
        assert float(row["posterior"]) == pytest.approx(case["posterior"])
        assert row["leader"] == case["leader"] and row["file"] == case["file"]
        assert row["leader_holds"] == str(case["leader_holds"])


def test_ledger_csv_has_every_item_with_its_likelihoods(client: TestClient) -> None:
    t = traced(SIERRA)
    url = f"/api/cases/{SIERRA}/ledger?format=csv"
    rows = _csv(client, url, f"case-{SIERRA}-ledger.csv")
    assert [r["item"] for r in rows] == [e.id for e in t.case.evidence]
    for row, item in zip(rows, t.case.evidence, strict=True):
        assert row["citation"] == item.citation
        for h in t.case.hypothesis_ids:
            assert float(row[f"p_{h}"]) == pytest.approx(item.likelihoods[h].value)
            assert row[f"woe_db_{h}"] != ""


def test_path_csv_ends_at_the_posteriors(client: TestClient) -> None:
    t = traced(SIERRA)
    rows = _csv(client, f"/api/cases/{SIERRA}/path?format=csv", f"case-{SIERRA}-path.csv")
    last = max(int(r["step"]) for r in rows)
    assert last == len(t.units)
    final = {r["hypothesis"]: float(r["posterior"]) for r in rows if int(r["step"]) == last}
    assert final == pytest.approx(t.result.set_index("hypothesis")["posterior"].to_dict())
    first = {r["hypothesis"]: float(r["posterior"]) for r in rows if r["step"] == "0"}
    assert first == pytest.approx(t.case.priors)


def test_result_and_sensitivity_csv(client: TestClient) -> None:
    t = traced("haiti-2004")
    rows = _csv(client, "/api/cases/haiti-2004?format=csv", "case-haiti-2004.csv")
    assert [r["hypothesis"] for r in rows] == t.case.hypothesis_ids
    hinges = _csv(client, "/api/cases/haiti-2004/hinges?format=csv", "case-haiti-2004-hinges.csv")
    assert [r["unit"] for r in hinges] == [u.id for u in t.units]


def test_case_json(client: TestClient) -> None:
    t = traced(SIERRA)
    body = client.get(f"/api/cases/{SIERRA}").json()
    assert body["leader"] == "constructivist" and body["file"] == "sierra_leone_1999.yaml"
    assert body["case"]["links"]["resolutions"] == list(t.case.info.links.resolutions)
    posteriors = {r["hypothesis"]: r["posterior"] for r in body["result"]}
    assert posteriors == pytest.approx(t.result.set_index("hypothesis")["posterior"].to_dict())
    assert len(body["path"]) == (len(t.units) + 1) * len(t.case.hypothesis_ids)
    assert [r["item"] for r in body["ledger"]] == [e.id for e in t.case.evidence]
    assert {r["kind"] for r in body["sensitivity"]["holds"]} == {"likelihood", "prior", "joint"}
    assert body["sensitivity"]["breakeven_factor"] == pytest.approx(t.sensitivity.breakeven_factor)


def test_openapi_documents_the_case_endpoints(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/cases", "/api/cases/{case_id}", "/api/cases/{case_id}/{table}"):
        assert "get" in paths[path]
    assert "/cases" not in paths and "/cases/{case_id}" not in paths


def test_infinite_weights_become_strings_for_json() -> None:
    """A hypothesis ruled out by P(E|H) = 0 has weight -inf; JSON gets "-inf", not an error."""
    case = parse_case(
        "case: {id: z, title: Z, outcome: O.}\nevidence:\n"
        "  - {id: e1, description: D., source_type: press, citation: C,\n"
        "     likelihoods: {rationalist: {p: 0}, constructivist: {p: 0.5},\n"
        "                   organizational: {p: 0.5}, group_psychological: {p: 0.5}}}\n"
    )
    result = label_infinite(trace(case).result).set_index("hypothesis")
    assert result.loc["rationalist", "woe_db"] == "-inf"
    json.dumps(records(result.reset_index()), allow_nan=False)


@pytest.mark.parametrize("url", ["/cases", f"/cases/{SIERRA}", "/cases/%3Cimg%20src=x%3E"])
def test_case_pages_have_no_inline_code_and_escape_ids(client: TestClient, url: str) -> None:
    page = client.get(url).text
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page)
    assert not re.search(r"\sstyle=", page) and "<style" not in page
    assert not re.search(r"\son[a-z]+=", page) and "<img src=x" not in page


def test_posterior_chart_legend_stays_above_the_plot_however_many_rows() -> None:
    labels = {f"h{i}": f"A rather long hypothesis label number {i}" for i in range(9)}
    path = pd.DataFrame({"step": [0, 1], "unit": ["prior", "e1"], **dict.fromkeys(labels, 0.5)})
    svg = lxml.etree.fromstring(str(posterior_chart(posterior_path_spec(path, labels), {}, "many")))
    ns = {"s": "http://www.w3.org/2000/svg"}
    grid_top = min(float(line.get("y1")) for line in svg.findall("s:line[@stroke='#ddd']", ns))
    baselines = [float(t.get("y")) for t in svg.findall("s:text", ns) if t.text in labels.values()]
    assert len(baselines) == len(labels)
    assert len(set(baselines)) >= 3  # nine long labels need at least three rows
    assert max(baselines) < grid_top
