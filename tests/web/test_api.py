"""The JSON API and its CSV downloads answer with the packaged data; errors are 404 or 422."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from bluehelmet.store import data_hash
from tests.web.conftest import rows


def test_operations_json_matches_the_packaged_table(client: TestClient) -> None:
    body = client.get("/api/operations").json()
    expected = {o["acronym"]: o for o in rows("operations")}
    assert sorted(o["acronym"] for o in body) == sorted(expected)
    unamsil = next(o for o in body if o["acronym"] == "UNAMSIL")
    for field in ("name", "org", "host_iso3", "start_date", "end_date", "predecessor"):
        assert unamsil[field] == expected["UNAMSIL"][field]
    assert unamsil["establishing_resolution"] == 1270 and unamsil["active"] is False
    assert unamsil["successor"] is None  # empty in the CSV: missing, not ""


def test_operations_csv_download(client: TestClient) -> None:
    r = client.get("/api/operations?org=UN&format=csv")
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="operations.csv"'
    df = pd.read_csv(io.StringIO(r.text), dtype=str, keep_default_na=False)
    un = [o for o in rows("operations") if o["org"] == "UN"]
    assert sorted(df["acronym"]) == sorted(o["acronym"] for o in un)
    assert list(df.columns) == list(rows("operations")[0].keys())
    by_acronym = df.set_index("acronym")
    for o in un:
        for field in ("start_date", "end_date", "host_iso3", "note"):
            assert by_acronym.loc[o["acronym"], field] == o[field]


def test_operation_detail(client: TestClient) -> None:
    body = client.get("/api/operations/unamsil").json()
    assert body["operation"]["acronym"] == "UNAMSIL"
    events = sorted(
        (e for e in rows("mandate_events") if e["operation"] == "UNAMSIL"), key=lambda e: e["date"]
    )
    assert [e["resolution"] for e in body["events"]] == [int(e["resolution"]) for e in events]
    assert [e["chapter_vii"] for e in body["events"]] == [
        {"true": True, "false": False}.get(e["chapter_vii"]) for e in events
    ]
    assert "ECOMOG-SLE" in {p["acronym"] for p in body["partners"]}


def test_operation_tables_as_csv(client: TestClient) -> None:
    events = client.get("/api/operations/UNAMSIL/events?format=csv")
    assert events.headers["content-disposition"].endswith('filename="UNAMSIL-mandate-events.csv"')
    df = pd.read_csv(io.StringIO(events.text))
    # every UNAMSIL mandate resolution, establishment (1270) to final extension (1610)
    assert df["resolution"].tolist()[:4] == [1270, 1289, 1299, 1313]
    assert {1346, 1370, 1400, 1436, 1508, 1562} <= set(df["resolution"])
    assert df["resolution"].tolist()[-1] == 1610 and df["resolution"].is_monotonic_increasing
    partners = pd.read_csv(
        io.StringIO(client.get("/api/operations/UNAMSIL/partners?format=csv").text)
    )
    assert "ECOMOG-SLE" in partners["acronym"].tolist()
    spaced = client.get("/api/operations/UNAVEM%20I?format=csv")
    assert spaced.headers["content-disposition"].endswith('filename="UNAVEM-I.csv"')


def test_mandate_events_by_resolution(client: TestClient) -> None:
    body = client.get("/api/mandate_events?resolution=1270").json()
    assert sorted((e["operation"], e["event"]) for e in body) == [
        ("UNAMSIL", "establish"),
        ("UNOMSIL", "terminate"),
    ]
    assert len(client.get("/api/mandate_events").json()) == len(rows("mandate_events"))


def test_resolutions_filters_limit_and_offset(client: TestClient) -> None:
    in_1993 = [int(r["number"]) for r in rows("resolutions") if r["year"] == "1993"]
    body = client.get("/api/resolutions?year=1993&limit=5000").json()
    assert [r["number"] for r in body] == in_1993
    page = client.get("/api/resolutions?year=1993&limit=10&offset=5").json()
    assert [r["number"] for r in page] == in_1993[5:15]
    r1270 = client.get("/api/resolutions/1270").json()
    assert r1270["resolution"]["vote"] == "15-0-0" and r1270["resolution"]["yes"] == 15
    assert r1270["coded"] is None
    assert {e["operation"] for e in r1270["events"]} == {"UNAMSIL", "UNOMSIL"}


def test_versions_and_summary(client: TestClient) -> None:
    body = client.get("/api/versions").json()
    assert body["data_hash"] == data_hash()
    assert sorted(s["key"] for s in body["sources"]) == sorted(s["key"] for s in rows("sources"))
    csv = pd.read_csv(io.StringIO(client.get("/api/versions?format=csv").text))
    assert sorted(csv["key"]) == sorted(s["key"] for s in rows("sources"))
    tables = {t["table"]: t["rows"] for t in client.get("/api/summary/tables").json()}
    assert tables["resolutions"] == len(rows("resolutions"))


def test_mandates_figure_numbers(client: TestClient) -> None:
    body = client.get("/api/figures/mandates?start=1999&end=1999").json()
    count = body["counts"][0]
    assert count["year"] == 1999
    entries = count["chapter_vi"] + count["chapter_vii"] + count["shift_vi_to_vii"]
    assert entries + count["basis_not_coded"] == len(body["missions"])
    assert {
        "operation": "UNAMSIL",
        "resolution": 1270,
        "category": "Chapter VII",
        "year": 1999,
    } in (body["missions"])
    csv = pd.read_csv(io.StringIO(client.get("/api/figures/mandates?format=csv").text))
    assert csv["year"].tolist() == list(range(1948, 2027))  # default: every mandate year
    assert list(csv.columns) == [
        "year", "chapter_vi", "chapter_vii", "shift_vi_to_vii", "basis_not_coded"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/operations/NOPE", "unknown operation 'NOPE'"),
        ("/api/operations/UNAMSI", "did you mean UNAMSIL"),
        ("/api/resolutions/99999", "no resolution '99999'"),
        ("/api/operations/UNAMSIL/panels/nope", "no panel 'nope'"),
        ("/api/resolutions/1270/evidence", "no corpus configured"),
        ("/api/no/such/thing", "nothing at /api/no/such/thing"),
    ],
)
def test_unknown_ids_are_404_with_a_message(client: TestClient, url: str, words: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert words in r.json()["message"]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/operations?org=XX", "unknown org 'XX'; use non-UN, UN, AU"),
        ("/api/operations?org=ecowass", "use non-UN, UN, AU, OAU, ECOWAS, "),
        ("/api/operations?org=ecowass", "other (did you mean 'ECOWAS'?)"),
        ("/api/operations?status=ende", "unknown status 'ende'; use active, ended (did you mean"),
        ("/api/operations?start=1800", "start (query): Input should be greater than or equal"),
        ("/api/operations?start=2000&end=1990", "--from 2000 is after --to 1990"),
        ("/api/operations?start=abc", "start (query): Input should be a valid integer"),
        ("/api/operations?format=xml", "format (query)"),
        ("/api/operations?q=" + "x" * 101, "q (query): String should have at most 100"),
        ("/api/operations?q=a%00b", "q: control characters are not allowed"),
        ("/api/resolutions/0", "number (path): Input should be greater than or equal to 1"),
        ("/api/resolutions/abc", "number (path): Input should be a valid integer"),
        ("/api/resolutions?operation=NOPE", "operation: unknown operation 'NOPE'"),
        ("/api/mandate_events?operation=NOPE", "operation: unknown operation 'NOPE'"),
        ("/api/resolutions?limit=0", "limit (query)"),
        ("/api/figures/mandates?start=2010&end=2000", "swap them"),
        ("/api/summary/everything", "part (path)"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client: TestClient, url: str, words: str) -> None:
    r = client.get(url)
    assert r.status_code == 422
    assert words in r.json()["message"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/operations",
        "/api/operations/{acronym}",
        "/api/resolutions",
        "/api/resolutions/{number}",
        "/api/mandate_events",
        "/api/versions",
        "/api/figures/mandates",
    ):
        assert "get" in schema["paths"][path]
    org = next(p for p in schema["paths"]["/api/operations"]["get"]["parameters"]
               if p["name"] == "org")  # fmt: skip
    assert "ECOWAS" in org["schema"]["enum"]
    docs = client.get("/api/docs").text
    assert "GET /api/operations/{acronym}" in docs and "/api/openapi.json" in docs


def test_operations_answers_say_what_was_done_with_uncertain_dates(client: TestClient) -> None:
    for fmt in ("json", "csv"):
        r = client.get(f"/api/operations?start=2010&end=2012&format={fmt}")
        assert r.status_code == 200
        note = r.headers["x-bluehelmet-notes"]
        # MOUACA's dates are unknown: kept, and the answer says so
        assert "unknown" in note and "MOUACA" in note and "included" in note
    body = client.get("/api/operations?start=2010&end=2012").json()
    assert "MOUACA" in {row["acronym"] for row in body}
    assert "x-bluehelmet-notes" not in client.get("/api/operations?org=UN").headers
