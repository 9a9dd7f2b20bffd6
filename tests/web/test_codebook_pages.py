"""The codebook pages and API."""

from __future__ import annotations

import io

import pandas as pd
from fastapi.testclient import TestClient

from bluehelmet.register.schema import TABLES
from tests.web.conftest import cells, html


def test_codebook_pages(client: TestClient) -> None:
    index = client.get("/codebook")
    assert index.status_code == 200 and 'href="/codebook/votes"' in index.text
    page = client.get("/codebook/votes")
    assert page.status_code == 200
    assert cells(html(page.text), "Columns of votes") == [c.name for c in TABLES["votes"]]


def test_codebook_api_json_and_csv(client: TestClient) -> None:
    rows = client.get("/api/codebook/operations").json()
    assert [r["column"] for r in rows] == [c.name for c in TABLES["operations"]]
    csv = client.get("/api/codebook/operations?format=csv")
    assert pd.read_csv(io.StringIO(csv.text))["column"].tolist() == [r["column"] for r in rows]


def test_unknown_codebook_is_404_with_suggestion(client: TestClient) -> None:
    answer = client.get("/api/codebook/vots")
    assert answer.status_code == 404 and "votes" in answer.text
