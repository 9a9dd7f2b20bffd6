"""The Council pages: votes per resolution and per member, checked against the packaged CSVs."""

from __future__ import annotations

import csv
import io

import lxml.html
from fastapi.testclient import TestClient

from tests.web.conftest import rows


def _mandate_resolutions() -> set[str]:
    un = {r["acronym"] for r in rows("operations") if r["org"] == "UN"}
    return {r["resolution"] for r in rows("mandate_events") if r["operation"] in un}


def test_resolution_page_shows_each_members_vote_and_the_sponsors(client: TestClient) -> None:
    html = lxml.html.fromstring(client.get("/resolutions/1559").text)
    block = html.get_element_by_id("panel-votes").getparent()
    text = block.text_content()
    assert "9-0-6" in text and "RUSSIAN FEDERATION (abstain)" in text
    sponsors = {r["member_name"] for r in rows("sponsors") if r["resolution"] == "1559"}
    assert sponsors and all(name in text for name in sponsors)


def test_no_votes_block_before_2000(client: TestClient) -> None:
    assert 'id="panel-votes"' not in client.get("/resolutions/1270").text


def test_member_api_matches_the_votes_table(client: TestClient) -> None:
    answer = client.get("/api/council/members/russian federation")
    assert answer.status_code == 200
    mandates = _mandate_resolutions()
    expected = {
        (r["resolution"], r["vote"])
        for r in rows("votes")
        if r["member"] == "RUS" and r["resolution"] in mandates
    }
    assert {(str(r["resolution"]), r["vote"] or "") for r in answer.json()} == expected


def test_member_page_counts_equal_the_api(client: TestClient) -> None:
    page = client.get("/council/members/CHN").text
    votes = client.get("/api/council/members/CHN").json()
    abstentions = sum(r["vote"] == "abstain" for r in votes)
    assert abstentions > 0
    assert f"{abstentions} abstentions" in page


def test_overview_lists_every_member_since_2000(client: TestClient) -> None:
    body = client.get("/api/council/members?format=csv").text
    listed = {r["member"] for r in csv.DictReader(io.StringIO(body))}
    voted = {r["member"] for r in rows("votes")}
    assert listed == voted
    assert client.get("/council").status_code == 200


def test_unknown_member_is_a_404_that_names_it_without_cli_flags(client: TestClient) -> None:
    answer = client.get("/council/members/Atlantis")
    assert answer.status_code == 404
    shown = lxml.html.fromstring(answer.text).text_content()
    assert "Atlantis" in shown and "--" not in shown
    assert client.get("/api/council/votes?member=zz").status_code == 404


def test_votes_api_filters_and_csv(client: TestClient) -> None:
    body = client.get("/api/council/votes?operation=MINUSMA&year=2023&format=csv").text
    found = list(csv.DictReader(io.StringIO(body)))
    assert {r["resolution"] for r in found} >= {"2690"}
    assert all(r["date"].startswith("2023") for r in found)


def test_contestation_endpoints_answer_json_and_csv(client: TestClient) -> None:
    by_year = client.get("/api/council/contestation?by=year&start=2020&end=2021").json()
    assert {r["year"] for r in by_year} == {2020, 2021}
    assert {r["group"] for r in by_year} == {"peacekeeping", "other"}
    agreement = client.get("/api/council/agreement?format=csv").text
    assert agreement.splitlines()[0].split(",")[:3] == ["year", "group", "resolutions"]
    vetoes = client.get("/api/council/vetoes?by=member").json()
    vetoes_rows = rows("vetoes")
    ussr = sum("USSR" in r["vetoed_by"].split(";") for r in vetoes_rows)
    assert next(r for r in vetoes if r["member"] == "USSR")["vetoes"] == ussr
    assert client.get("/api/council/vetoes?by=planet").status_code == 422
    consent = client.get("/api/council/consent?operation=MINUSMA").json()
    assert any(r["response_resolution"] == 2690 for r in consent)
    drafts = client.get("/api/council/drafts?operation=MINUSMA").json()
    assert {r["draft"] for r in drafts} >= {"S/2023/638"}
    assert client.get("/api/council/content").status_code == 200
