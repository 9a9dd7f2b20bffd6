"""Error pages speak the page's language: no command-line hints, suggestions as links."""

from __future__ import annotations

import difflib

import pytest
from fastapi.testclient import TestClient

from bluehelmet.register.query import operations
from tests.web.conftest import html


def test_did_you_mean_names_are_links_to_their_pages(client: TestClient) -> None:
    answer = client.get("/operations/UNAMSI")
    assert answer.status_code == 404
    message = html(answer.text).find_class("message")[0]
    acronyms = operations()["acronym"].tolist()
    close = difflib.get_close_matches("UNAMSI", acronyms, n=3, cutoff=0.5)
    links = [(a.text_content(), a.get("href")) for a in message.iter("a")]
    assert links == [(name, f"/operations/{name}") for name in close]
    for _, href in links:
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize(
    "url",
    [
        "/operations/NOTHING-LIKE-IT",
        "/council/members/XYZ",
        "/tracing/cases/nope",
        "/resolutions/0",
    ],
)
def test_error_pages_do_not_speak_command_line(client: TestClient, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 404, url
    message = html(answer.text).find_class("message")[0].text_content()
    assert message.strip(), url
    assert "`" not in message and "bluehelmet " not in message and "--" not in message, message


def test_the_api_keeps_the_library_message(client: TestClient) -> None:
    answer = client.get("/api/operations/NOTHING-LIKE-IT")
    assert answer.status_code == 404
    assert "`bluehelmet operations`" in answer.json()["message"]
