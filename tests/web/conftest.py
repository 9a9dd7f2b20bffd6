"""Fixtures for the web tests: the app, a test client, the packaged tables read independently."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import lxml.html
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bluehelmet.paths import PACKAGE_DATA
from bluehelmet.web import create_app


@pytest.fixture(autouse=True)
def no_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see no corpus unless they configure one."""
    monkeypatch.delenv("BLUEHELMET_CORPUS", raising=False)


@pytest.fixture(scope="session")
def app() -> FastAPI:
    return create_app()


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client that calls the app in-process, as a browser on loopback would."""
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def rows(table: str) -> list[dict[str, str]]:
    """A packaged table read with the csv module (not through bluehelmet)."""
    with (PACKAGE_DATA / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def html(text: str) -> lxml.html.HtmlElement:
    """Parse a page."""
    return lxml.html.fromstring(text)


def cells(doc: lxml.html.HtmlElement, caption: str, column: int = 0) -> list[str]:
    """Text of one column of the table whose caption starts with ``caption``."""
    for table in doc.iter("table"):
        cap = table.find("caption")
        if cap is not None and cap.text_content().strip().startswith(caption):
            return [
                tr.findall("td")[column].text_content().strip()
                for tr in table.iter("tr")
                if len(tr.findall("td")) > column
            ]
    raise AssertionError(f"no table captioned {caption!r}")
