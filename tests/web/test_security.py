"""Security: headers everywhere, no path traversal, no SQL, escaped input, known hosts only."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bluehelmet.web.security import CSP

EXPECTED = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def test_csp_forbids_framing_inline_code_and_other_origins() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/operations/UNAMSIL",
        "/api/operations",
        "/api/operations?format=csv",
        "/static/style.css",
        "/nope",
        "/operations/NOPE",
        "/operations?start=abc",
        "/api/operations?start=abc",
        "/api/docs",
    ],
)
def test_security_headers_on_every_answer(client: TestClient, url: str) -> None:
    r = client.get(url)
    for name, value in EXPECTED.items():
        assert r.headers[name] == value, (url, name)


def _raw_get(app: FastAPI, raw_path: bytes) -> tuple[int, bytes]:
    """Send one GET straight to the ASGI app, with the path bytes exactly as a client sent them
    (no client-side normalisation of ``..``), decoded the way uvicorn decodes them."""
    path, _, query = raw_path.partition(b"?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(path.decode("latin-1")),
        "raw_path": path,
        "query_string": query,
        "headers": [(b"host", b"127.0.0.1:8000")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "root_path": "",
    }
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")  # type: ignore[misc]
    return int(status), body  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "raw",
    [
        b"/static/../../etc/passwd",
        b"/static/..%2f..%2f..%2fetc%2fpasswd",
        b"/static/%2e%2e/%2e%2e/etc/passwd",
        b"/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        b"/static/%252e%252e%252fetc%252fpasswd",
        b"/static/....//....//etc/passwd",
        b"/static/..\\..\\etc\\passwd",
        b"/static//etc/passwd",
        b"/static/%00style.css",
        b"/static/style.css%00.js",
        b"/static/../web/app.py",
        b"/static/../../../../../../../../proc/self/environ",
        b"/operations/..%2f..%2fetc%2fpasswd",
        b"/resolutions/..%2f..%2fetc%2fpasswd",
        b"/api/operations/..%2f..%2fetc%2fpasswd",
    ],
)
def test_no_path_traversal(app: FastAPI, raw: bytes) -> None:
    status, body = _raw_get(app, raw)
    assert status == 404
    assert b"root:" not in body and b"PATH=" not in body and b"import" not in body


def test_static_files_are_served_by_exact_name(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    again = client.get("/static/style.css", headers={"If-None-Match": css.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/static/STYLE.CSS").status_code == 404


def test_unknown_host_names_are_refused(client: TestClient) -> None:
    """A page fetched under another name (DNS rebinding) gets no data."""
    r = client.get("/api/operations", headers={"Host": "attacker.example"})
    assert r.status_code == 400 and "UNAMSIL" not in r.text


def test_only_reading_methods(client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = client.request(method, "/api/operations")
        assert r.status_code == 405
    assert client.get("/api/sql?q=SELECT+1").status_code == 404


def test_search_input_is_escaped(client: TestClient) -> None:
    r = client.get("/operations?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    bad = client.get("/operations/%3Cimg%20src=x%20onerror=alert(1)%3E")
    assert bad.status_code == 404 and "<img src=x" not in bad.text


@pytest.mark.parametrize(
    "url", ["/", "/operations", "/operations/MONUC", "/resolutions/1270", "/figures/mandates"]
)
def test_pages_have_no_inline_scripts_styles_or_outside_resources(
    client: TestClient, url: str
) -> None:
    page = client.get(url).text
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page)
    assert not re.search(r"\sstyle=", page) and "<style" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert not re.search(r"\son[a-z]+=", page)


def test_sql_injection_in_filters_is_just_text(client: TestClient) -> None:
    r = client.get("/api/operations?country=SLE'%20OR%201=1--")
    # read as a country name: none matches, so a 422 naming it, never a widened query
    assert r.status_code == 422 and "SLE' OR 1=1--" in r.json()["message"]
    assert len(client.get("/api/operations?country=SLE").json()) > 0
    r = client.get("/api/resolutions?topic=%25'%20OR%20'1'='1")
    assert r.status_code == 200 and r.json() == []


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"])
def test_loopback_host_names_are_accepted(client: TestClient, host: str) -> None:
    assert client.get("/api/versions", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("url", ["/operations/MONUC", "/api/operations", "/static/style.css"])
def test_head_gives_the_get_headers_without_a_body(client: TestClient, url: str) -> None:
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"] != "0"
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


def test_head_of_an_unknown_page_is_404(client: TestClient) -> None:
    head = client.head("/operations/NO-SUCH-OPERATION")
    assert head.status_code == 404 and head.content == b""
