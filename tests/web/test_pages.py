"""The HTML pages show what the packaged tables hold (expected values read with the csv module)."""

from __future__ import annotations

import re
import threading
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from bluehelmet.store import data_hash
from bluehelmet.web.registry import OPERATION_PANELS
from bluehelmet.web.sections.register.timeline import HATCH_IDS
from bluehelmet.web.sections.register.views import (
    _operation_view,
    operation_view,
    warm_operation_views,
)
from tests.web.conftest import cells, html, rows

PAGES = ["/", "/operations", "/operations/UNAMSIL", "/resolutions", "/resolutions/1270",
         "/figures/mandates", "/api/docs"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_every_page_says_which_data_version_it_shows(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    version = html(r.text).find_class("data-version")[0].text_content()
    latest = max(row["date"] for row in rows("resolutions") + rows("mandate_events"))
    assert f"data {data_hash()}" in version
    assert f"as of {latest}" in version


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_keyboard_navigable(client: TestClient, url: str) -> None:
    doc = html(client.get(url).text)
    skip = doc.find_class("skip")[0]
    assert skip.get("href") == "#main" and doc.get_element_by_id("main") is not None
    for control in doc.xpath("//input[not(@type='hidden')] | //select"):
        labels = doc.xpath(f"//label[@for='{control.get('id')}']")
        assert labels, f"unlabelled form control {control.get('name')} on {url}"


def test_home_lists_the_tables_with_their_row_counts(client: TestClient) -> None:
    doc = html(client.get("/").text)
    shown = dict(zip(cells(doc, "Packaged tables"), cells(doc, "Packaged tables", 1), strict=True))
    for table in ("operations", "mandate_events", "resolutions", "vetoes", "countries"):
        assert shown[table] == str(len(rows(table)))
    orgs = Counter(row["org"] for row in rows("operations"))
    by_org = dict(zip(cells(doc, "Operations per"), cells(doc, "Operations per", 1), strict=True))
    assert by_org == {org: str(n) for org, n in orgs.items()}
    assert set(cells(doc, "Sources, their versions")) == {row["key"] for row in rows("sources")}


def _acronyms(client: TestClient, query: str) -> list[str]:
    r = client.get(f"/operations?{query}")
    assert r.status_code == 200
    return [a for a in cells(html(r.text), "Operations matching") if a != "No rows."]


def test_operations_list_filters_by_organisation_status_and_host(client: TestClient) -> None:
    ops = rows("operations")
    assert len(_acronyms(client, "")) == len(ops)
    un = sorted(o["acronym"] for o in ops if o["org"] == "UN")
    assert _acronyms(client, "org=UN") == un
    active_un = sorted(o["acronym"] for o in ops if o["org"] == "UN" and o["active"] == "true")
    assert _acronyms(client, "org=un&status=active") == active_un
    sle = ["CPDTF", "ECOMOG-SLE", "PALLISER", "UNAMSIL", "UNOMSIL"]
    assert _acronyms(client, "country=SLE") == sle
    assert _acronyms(client, "country=Sierra+Leone&org=non-UN") == [
        "CPDTF",
        "ECOMOG-SLE",
        "PALLISER",
    ]


def test_operations_host_in_any_variant_and_unknown_host_a_422(client: TestClient) -> None:
    civ = _acronyms(client, "country=CIV")
    assert civ and _acronyms(client, "country=Ivory+Coast") == civ
    assert _acronyms(client, "country=437") == civ
    for path in ("/operations", "/api/operations"):
        answer = client.get(f"{path}?country=Ivory+Coats")
        assert answer.status_code == 422
        assert "did you mean" in answer.text and "Ivoire (CIV)" in answer.text


def test_operations_search_and_empty_fields(client: TestClient) -> None:
    assert _acronyms(client, "q=sierra+leone") == ["ECOMOG-SLE", "UNAMSIL", "UNOMSIL"]
    # an empty form field means "any", as a browser submits the blank form
    everything = _acronyms(client, "q=&org=&country=&status=&start=&end=&type=")
    assert len(everything) == len(rows("operations"))
    assert _acronyms(client, "q=no+such+operation") == []


def test_operations_active_in_years(client: TestClient) -> None:
    """Operations the dates place in 1948, and those whose unknown dates leave it open,
    which the page names in a note."""
    ops = rows("operations")
    shown = sorted(
        o["acronym"]
        for o in ops
        if (not o["start_date"] or o["start_date"][:4] <= "1948")
        and (not o["end_date"] or o["end_date"][:4] >= "1948")
    )
    assert _acronyms(client, "start=1948&end=1948") == shown
    unknown = [o["acronym"] for o in ops if not o["start_date"]]
    assert "UNTSO" in shown and unknown and set(unknown) <= set(shown)
    page = client.get("/operations?start=1948&end=1948").text
    assert "may have been deployed in 1948: included" in page


def test_operation_page_shows_mandate_history_with_badges(client: TestClient) -> None:
    doc = html(client.get("/operations/UNAMSIL").text)
    assert doc.find(".//h1").text_content().startswith("UNAMSIL")
    events = [e for e in rows("mandate_events") if e["operation"] == "UNAMSIL"]
    table = doc.xpath("//table[contains(@class, 'events')]")[0]
    shown = [tr.findall("td") for tr in table.iter("tr") if tr.findall("td")]
    assert [td[0].text_content().strip() for td in shown] == [
        f"S/RES/{e['resolution']}" for e in sorted(events, key=lambda e: e["date"])
    ]
    for tds, event in zip(shown, sorted(events, key=lambda e: e["date"]), strict=True):
        badges = [b.text_content() for b in tds[3].find_class("badge")]
        assert ("Chapter VII" in badges) == (event["chapter_vii"] == "true")
        assert ("force" in badges) == (event["force_authorised"] == "true")
        assert ("PoC" in badges) == (event["poc"] == "true")
        assert tds[4].text_content().strip() == event["troop_ceiling"]
        assert tds[5].text_content().strip() == event["police_ceiling"]
        assert tds[7].text_content().strip().startswith(event["verification"])
    vii = doc.xpath("//span[contains(@class, 'badge-vii')]")[0]
    assert "paragraph" in vii.get("title") and "un_sc_resolutions" in vii.get("title")


def test_operation_page_timeline_and_partners(client: TestClient) -> None:
    page = client.get("/operations/UNAMSIL").text
    doc = html(page)
    svg = doc.xpath("//figure[contains(@class, 'chart')]//svg")[0]
    links = {a.get("href") for a in svg.iter("{*}a", "a")}
    assert {"/resolutions/1270", "/resolutions/1289", "/operations/ECOMOG-SLE"} <= links
    partners = cells(doc, "Partner operations of UNAMSIL")
    assert "ECOMOG-SLE" in partners
    assert 'href="/api/operations/UNAMSIL/events?format=csv"' in page


def test_operation_timeline_hatches_a_start_known_only_to_the_year(client: TestClient) -> None:
    page = client.get("/operations/AU-RTF").text  # started 2012 (year only), end unknown
    own = re.search('<a href="/operations/AU-RTF"[^>]*>(.*?)</a>', page)
    assert own is not None
    assert own[1].count(f'fill="url(#{HATCH_IDS[True]})"') == 2  # the year 2012, then on
    assert "hatched: date known only to the month or year, or unknown" in page


def test_operation_names_are_case_insensitive_and_may_hold_spaces(client: TestClient) -> None:
    r = client.get("/operations/unavem%20i")
    assert r.status_code == 200
    assert html(r.text).find(".//h1").text_content().startswith("UNAVEM I ")


def test_resolution_page_shows_the_index_entry_and_vote(client: TestClient) -> None:
    doc = html(client.get("/resolutions/1270").text)
    text = doc.text_content()
    assert "1999-10-22" in text and "S/PV.4054" in text
    assert "15 in favour" in text and "0 against" in text
    assert cells(doc, "Mandate events citing") == ["UNAMSIL", "UNOMSIL"]
    assert "No corpus of resolution texts is configured" in text


def test_resolutions_list_filters_and_pages(client: TestClient) -> None:
    in_1999 = [r["number"] for r in rows("resolutions") if r["year"] == "1999"]
    doc = html(client.get("/resolutions?year=1999").text)
    assert cells(doc, "Resolutions matching") == in_1999
    numbers = [r["number"] for r in rows("resolutions")]
    second = html(client.get("/resolutions?page=2").text)
    assert cells(second, "Resolutions matching") == numbers[100:200]
    last = html(client.get(f"/resolutions?page={-(-len(numbers) // 100)}").text)
    assert cells(last, "Resolutions matching")[-1] == numbers[-1]
    by_op = html(client.get("/resolutions?operation=unamsil").text)
    expected = sorted({int(e["resolution"]) for e in rows("mandate_events")
                       if e["operation"] == "UNAMSIL"})  # fmt: skip
    assert cells(by_op, "Resolutions matching") == [str(n) for n in expected]


def _basis(start: int, end: int) -> list[tuple[int, str, str]]:
    """The documented counting rule, computed here from the CSVs: (year, category, operation)."""
    ops = {o["acronym"]: o for o in rows("operations")}
    out = []
    for e in rows("mandate_events"):
        op, year = ops[e["operation"]], int(e["date"][:4])
        if op["org"] != "UN" or op["context"] != "intrastate" or not start <= year <= end:
            continue
        if e["event"] == "establish":
            basis = {"true": "Chapter VII", "false": "Chapter VI"}.get(e["chapter_vii"])
            out.append((year, basis or "Basis not coded", e["operation"]))
        elif e["event"] == "shift" and e["chapter_vii"] == "true":
            out.append((year, "Shift VI to VII", e["operation"]))
    return out


def test_mandates_figure_bars_name_the_missions_behind_them(client: TestClient) -> None:
    doc = html(client.get("/figures/mandates?start=1989&end=2016").text)
    expected = _basis(1989, 2016)
    tips = [a.get("aria-label") for a in doc.xpath("//svg//*[local-name()='a']")]
    assert len(tips) == len({(y, c) for y, c, _ in expected})
    for year, category, operation in expected:
        bar = [t for t in tips if t.startswith(f"{year} · {category}:")]
        assert len(bar) == 1 and re.search(rf"\b{re.escape(operation)} \(S/RES/\d+\)", bar[0])
    n = Counter((y, c) for y, c, _ in expected)
    for tip in tips:
        year, category = re.match(r"(\d{4}) · (.+?):", tip).groups()  # type: ignore[union-attr]
        count = int(re.search(r": (\d+) missions?", tip).group(1))  # type: ignore[union-attr]
        assert count == n[(int(year), category)]
    assert "UNAMSIL (S/RES/1270)" in " ".join(t for t in tips if t.startswith("1999 · Chapter VII"))


def test_mandates_figure_runs_1948_2026_and_marks_the_years_without_texts(
    client: TestClient,
) -> None:
    doc = html(client.get("/figures/mandates").text)
    bands = [
        r.xpath("string(*[local-name()='title'])")
        for r in doc.xpath("//svg//*[@class='tip no-texts']")
    ]
    # the register's 1994-1999 rows come from the index (no texts): shaded, never zero-filled
    assert [b[:4] for b in bands] == [str(y) for y in range(1994, 2000)]
    assert all("basis not coded" in b for b in bands)
    assert any(
        label.endswith("in civil wars, 1948–2026") for label in doc.xpath("//svg/@aria-label")
    )


def test_mandates_figure_tables_and_axes(client: TestClient) -> None:
    page = client.get("/figures/mandates?start=1999&end=2000").text
    doc = html(page)
    assert cells(doc, "Missions entering the count") == ["1999", "2000"]
    missions = cells(doc, "One row per mission", 1)
    assert sorted(missions) == sorted(op for _, _, op in _basis(1999, 2000))
    assert doc.get_element_by_id("y1999") is not None
    svg_text = " ".join(t.text_content() for t in doc.xpath("//svg//*[local-name()='text']"))
    assert "Year" in svg_text and "UN missions entering the count" in svg_text
    assert "Source: bluehelmet register" in page


def test_warming_builds_every_operation_view_the_pages_use() -> None:
    panels = tuple(OPERATION_PANELS)
    assert warm_operation_views(panels, threading.Event()) == len(rows("operations"))
    before = _operation_view.cache_info().hits
    operation_view("UNAMSIL", panels)
    assert _operation_view.cache_info().hits == before + 1
