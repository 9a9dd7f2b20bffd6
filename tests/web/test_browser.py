"""Browser tests: the main user flows in Debian's headless Chromium, driven by Playwright.

The app runs on a loopback port started here; screenshots go to build/screenshots/. Skipped
when /usr/bin/chromium is absent (Playwright never downloads a browser here).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, expect, sync_playwright

from bluehelmet.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The app served by uvicorn on a free loopback port for the module's tests."""
    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    """A fresh laptop-sized page that fails the test on any console error (a CSP block, a
    script error) or any failed sub-resource (pages themselves may be 404 or 422 on purpose)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            errors.append(f"{response.status} {response.url}")

    tab.on("console", on_console)
    tab.on("response", on_response)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert errors == []


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_find_an_operation_and_follow_its_mandate(page: Page, base_url: str) -> None:
    p = page
    p.goto(base_url + "/")
    expect(p.locator("h1")).to_contain_text("peace operations")
    expect(p.locator(".data-version")).to_contain_text("data ")
    shot(p, "01-home")
    p.get_by_role("navigation", name="Main").get_by_role("link", name="Operations").click()
    p.get_by_label("Search words").fill("Sierra Leone")
    p.get_by_label("Organisation").select_option("UN")
    p.get_by_role("button", name="Filter").click()
    expect(p.locator(".count")).to_have_text("2 operations")
    shot(p, "02-operations-search")
    p.get_by_role("link", name="UNAMSIL", exact=True).click()
    expect(p.locator("h1")).to_contain_text("United Nations Mission in Sierra Leone")
    row = p.locator("table.events tbody tr").first
    expect(row).to_contain_text("S/RES/1270")
    badge = row.locator(".badge-vii")
    badge.hover()
    expect(p.locator("#tooltip")).to_be_visible()
    expect(p.locator("#tooltip")).to_contain_text(
        "acts under Chapter VII for this mandate (scope: paragraph)"
    )
    shot(p, "03-operation-unamsil")
    row.get_by_role("link", name="S/RES/1270").click()
    expect(p.locator("h1")).to_contain_text("S/RES/1270 (1999)")
    expect(p.locator(".vote")).to_contain_text("15 in favour")
    shot(p, "04-resolution-1270")


def test_mandates_figure_shows_the_missions_behind_a_bar(page: Page, base_url: str) -> None:
    p = page
    p.goto(base_url + "/figures/mandates")
    bar = p.locator("svg a[aria-label^='1999 · Chapter VII']")
    bar.hover()
    tooltip = p.locator("#tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("UNAMSIL (S/RES/1270)")
    shot(p, "05-mandates-hover")
    bar.click()
    assert p.url.endswith("#y1999")
    expect(p.locator("#y1999")).to_contain_text("1999")
    p.get_by_label("From year").fill("2000")
    p.get_by_label("To year").fill("2005")
    p.get_by_role("button", name="Show").click()
    expect(p.locator("figcaption")).to_contain_text("2000–2005")


def test_keyboard_skip_link_and_focus_tooltips(page: Page, base_url: str) -> None:
    p = page
    p.goto(base_url + "/figures/mandates")
    p.keyboard.press("Tab")
    skip = p.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    p.keyboard.press("Enter")
    expect(p.locator("main")).to_be_focused()
    bar = p.locator("svg a.tip").first
    bar.focus()
    expect(p.locator("#tooltip")).to_be_visible()
    p.keyboard.press("Escape")
    expect(p.locator("#tooltip")).to_be_hidden()


def test_unknown_and_bad_addresses_get_error_pages(page: Page, base_url: str) -> None:
    p = page
    response = p.goto(base_url + "/operations/UNAMSI")
    assert response.status == 404
    expect(p.locator("h1")).to_have_text("404 · Not found")
    expect(p.locator(".message")).to_contain_text("did you mean UNAMSIL")
    shot(p, "06-not-found")
    response = p.goto(base_url + "/operations?start=19x9")
    assert response.status == 422
    expect(p.locator(".message")).to_contain_text("start: '19x9' is not a year")


def test_phone_layout_has_no_sideways_scrolling(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    p = context.new_page()
    for path in ("/", "/operations", "/operations/MONUC", "/figures/mandates"):
        p.goto(base_url + path)
        overflow = p.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    shot(p, "07-phone-operation")
    context.close()


def test_coded_evidence_is_highlighted(
    page: Page, base_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "S_RES_0678_1990_EN.txt").write_text(
        "RESOLUTION 678 (1990)\n\nThe Security Council,\n\n"
        "Acting under Chapter VII of the Charter,\n\n"
        "1. Authorizes Member States to use all necessary means to restore peace;\n"
    )
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(folder))
    p = page
    p.goto(base_url + "/resolutions/678#text")
    mark = p.locator("mark", has_text="all necessary means")
    expect(mark).to_be_visible()
    mark.hover()
    expect(p.locator("#tooltip")).to_contain_text("force_phrase")
    shot(p, "08-coded-resolution")


def test_reuse_explorer_from_family_to_pair(
    page: Page, base_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.web.test_reuse_section import write_corpus

    monkeypatch.setenv("BLUEHELMET_CORPUS", str(write_corpus(tmp_path / "texts")))
    p = page
    p.goto(base_url + "/")
    p.get_by_role("navigation", name="Main").get_by_role("link", name="Reuse explorer").click()
    expect(p.locator("h1")).to_contain_text("Reuse explorer")
    p.get_by_label("Operation reached").fill("UNDOF")
    p.get_by_role("button", name="Filter").click()
    expect(p.locator(".count")).to_have_text("1 family")
    shot(p, "09-reuse-families")
    p.locator("table a[href^='/reuse/families/']").first.click()
    expect(p.locator("h1")).to_contain_text("Clause family")
    bar = p.locator("figure svg a.tip").first
    bar.focus()
    expect(p.locator("#tooltip")).to_contain_text("1970: 2 resolutions")
    p.keyboard.press("Escape")
    expect(p.locator("#tooltip")).to_be_hidden()
    shot(p, "10-reuse-family")
    p.locator("#y1971").get_by_role("link", name="601:1 side by side").click()
    expect(p.locator("h1")).to_contain_text("Two paragraphs side by side")
    expect(p.locator(".side-by-side ins")).to_have_text("1971")
    expect(p.locator(".side-by-side del")).to_have_text("1970")
    shot(p, "11-reuse-pair")
    p.set_viewport_size({"width": 390, "height": 844})
    overflow = p.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the pair page scrolls sideways by {overflow}px on a phone"


def test_partnership_share_conflict_and_model(page: Page, base_url: str, shared_data: Path) -> None:
    p = page
    p.goto(base_url + "/")
    p.get_by_role("navigation", name="Main").get_by_role("link", name="Partnership").click()
    expect(p.locator(".figure-number")).to_contain_text("UN deployment-months had a non-UN partner")
    expect(p.locator(".figure-number")).to_contain_text("Definition:")
    bar = p.locator("svg a[aria-label^='Africa:']")
    bar.hover()
    expect(p.locator("#tooltip")).to_contain_text("UN deployment-months with a non-UN partner")
    shot(p, "12-partnership")
    p.get_by_label("Conflict (UCDP id · location: sides)").select_option("382")
    p.get_by_role("button", name="Show personnel").click()
    assert p.url.endswith("/partnership/conflicts/382")
    expect(p.locator("h1")).to_contain_text("Sierra Leone")
    expect(p.locator("figure svg")).to_have_attribute(
        "aria-label", re.compile("^Peacekeepers by organisation type per month")
    )
    shot(p, "13-partnership-conflict")
    p.goto(base_url + "/partnership/model")
    expect(p.locator("#diagnostics")).to_contain_text("converged in")
    point = p.locator("figure svg a.tip").first
    point.focus()
    expect(p.locator("#tooltip")).to_contain_text("thousand UN troops, no non-UN troops")
    shot(p, "14-partnership-model")
    for path in ("/partnership", "/partnership/conflicts/382", "/partnership/model"):
        p.set_viewport_size({"width": 390, "height": 844})
        p.goto(base_url + path)
        overflow = p.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"


def test_open_the_sierra_leone_tracing_case(page: Page, base_url: str) -> None:
    from bluehelmet import trace

    expected = trace("sierra-leone-1999")
    leader = expected.result.sort_values("posterior").iloc[-1]
    p = page
    p.goto(base_url + "/")
    p.get_by_role("navigation", name="Main").get_by_role("link", name="Process tracing").click()
    expect(p.locator("h1")).to_contain_text("Process-tracing cases")
    shot(p, "15-tracing-cases")
    p.get_by_role("link", name=re.compile("^Sierra Leone, October 1999")).click()
    expect(p.locator("h1")).to_contain_text("Sierra Leone, October 1999")
    expect(p.locator("dd.leader")).to_contain_text(
        f"{leader['label']} ({leader['hypothesis']}), posterior {leader['posterior']:.3f}"
    )
    step = p.locator("figure svg a.tip").last
    step.focus()
    expect(p.locator("#tooltip")).to_contain_text(f"After {expected.units[-1].id}:")
    p.keyboard.press("Escape")
    expect(p.locator("#tooltip")).to_be_hidden()
    shot(p, "16-tracing-sierra-leone")
    p.set_viewport_size({"width": 390, "height": 844})
    overflow = p.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the case page scrolls sideways by {overflow}px on a phone"


#: Per visible table cell with text: its inner width, and the width it needs (12 characters of
#: its font, measured with '0', or the width of its text on one line if that is less); and how
#: far the page scrolls sideways. Closed <details> are opened first, so their tables count.
MEASURE_TABLES = """() => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  const pen = document.createElement("canvas").getContext("2d");
  const squeezed = [];
  for (const cell of document.querySelectorAll("th, td")) {
    const text = cell.textContent.replace(/\\s+/g, " ").trim();
    const box = cell.getBoundingClientRect();
    if (!text || box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(cell);
    pen.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const need = Math.min(pen.measureText("0".repeat(12)).width, pen.measureText(text).width);
    const inner = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (inner + 1 < need) squeezed.push(`${text.slice(0, 30)}: ${inner | 0}px`);
  }
  return {overflow: document.documentElement.scrollWidth - innerWidth, squeezed};
}"""
LAYOUT_PAGES = (
    "/",
    "/operations",
    "/operations/UNAMSIL",
    "/resolutions/1270",
    "/resolutions/2690",
    "/council",
    "/council/members/RUS",
    "/codebook",
    "/codebook/mandate_events",
    "/codebook/paragraphs",
)
#: Pages that list links rather than tables (only the page's width is checked).
WITHOUT_TABLES = {"/codebook"}
#: Pages shown only with a corpus: checked on the shared texts.
CORPUS_PAGES = ("/reuse/force", "/reuse/force/MINUSMA")


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from bluehelmet.report.build import build_report

    return build_report(tmp_path_factory.mktemp("report")).as_uri()


def layout_problems(browser: Browser, width: int, urls: list[str]) -> dict[str, object]:
    """Per page at ``width`` px that scrolls sideways or squeezes a table cell: what was found."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    p = context.new_page()
    problems = {}
    for url in urls:
        response = p.goto(url, timeout=180_000)
        assert response is not None and response.ok, url
        if not url.endswith(tuple(WITHOUT_TABLES)):
            assert p.locator("table").count() > 0, f"{url} has no table to check"
        found = p.evaluate(MEASURE_TABLES)
        if found["overflow"] > 0 or found["squeezed"]:
            problems[url] = found
    context.close()
    return problems


@pytest.mark.parametrize("width", [1400, 800])
def test_tables_are_neither_squeezed_nor_wider_than_the_page(
    browser: Browser, base_url: str, report_url: str, width: int
) -> None:
    urls = [base_url + path for path in LAYOUT_PAGES] + [report_url]
    assert layout_problems(browser, width, urls) == {}


@pytest.mark.parametrize("width", [1400, 800])
def test_corpus_pages_are_neither_squeezed_nor_wider_than_the_page(
    browser: Browser, base_url: str, shared_data: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    from bluehelmet.paths import shared_corpora

    monkeypatch.setenv("BLUEHELMET_CORPUS", os.pathsep.join(map(str, shared_corpora())))
    urls = [base_url + path for path in CORPUS_PAGES]
    assert layout_problems(browser, width, urls) == {}
