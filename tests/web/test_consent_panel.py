"""The operation page's Host consent and Contributors panels, and their tables in the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import bluehelmet as bh
from bluehelmet.web.sections.council.panels import contributors_panel

from .conftest import html


def test_minusma_page_shows_the_consent_panel(client: TestClient) -> None:
    doc = html(client.get("/operations/MINUSMA").text)
    heading = doc.get_element_by_id("panel-consent")
    assert heading.text_content() == "Host consent"
    figure = heading.getnext()
    links = [a.get("href") for a in figure.iter("{*}a")]
    assert "/resolutions/2690" in links
    assert "request withdrawal, recorded in resolution 2690" in figure.text_content()
    table = figure.getnext()
    text = table.text_content()
    assert "2690" in text and "S/2023/463" in text and "without delay" in text


def test_a_page_without_consent_events_has_no_consent_panel(client: TestClient) -> None:
    page = client.get("/operations/UNAMSIL").text
    assert 'id="panel-consent"' not in page


def test_the_consent_table_in_the_api(client: TestClient) -> None:
    rows = client.get("/api/operations/MINUSMA/panels/consent").json()
    timeline = bh.consent_timeline("MINUSMA")
    assert [r["event"] for r in rows] == timeline["event"].tolist()
    consent = [r for r in rows if r["kind"] == "consent"]
    events = bh.consent_events("MINUSMA")
    assert sorted(r["quote"] for r in consent) == sorted(events["quote"])
    assert {r["resolution"] for r in consent} == {2690}
    assert client.get("/api/operations/UNAMSIL/panels/consent").status_code == 404


def test_contributors_panel_shares_are_contributors_numbers(
    client: TestClient, shared_data: Path
) -> None:
    page = client.get("/operations/MINUSMA").text
    assert 'id="panel-contributors"' in page
    rows = client.get("/api/operations/MINUSMA/panels/contributors").json()
    groups = bh.contributors("MINUSMA", by="group")
    countries = bh.contributors("MINUSMA", by="country").set_index(["year", "contributor"])
    assert [r["year"] for r in rows] == sorted(groups["year"].unique())
    names = {"China": "CHN", "France": "FRA", "UK": "GBR", "US": "USA", "Russia": "RUS"}
    for row in rows:
        year = row["year"]
        shares = {k: v for k, v in row.items() if k not in ("year", "operation_total",
                                                              "partial_year")}  # fmt: skip
        assert sum(shares.values()) == pytest.approx(1.0, abs=1e-3)
        for label, share in shares.items():
            if label in names:
                expected = countries["share"].get((year, names[label]), 0.0)
            else:
                part = groups[(groups["year"] == year) & (groups["group"] == label)]
                expected = part["share"].iloc[0]
            assert share == pytest.approx(expected, abs=5e-5), (year, label)
        total = groups.loc[groups["year"] == year, "operation_total"].iloc[0]
        assert row["operation_total"] == total
        partial = groups.loc[groups["year"] == year, "partial_year"].iloc[0]
        assert row["partial_year"] == bool(partial)


def test_without_shared_data_there_is_no_contributors_panel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLUEHELMET_SHARED_DATA", str(tmp_path))
    assert contributors_panel("MINUSMA") is None
