"""The deployments panel on operation pages against the IPI file read with the csv module."""

from __future__ import annotations

import csv
from pathlib import Path

from fastapi.testclient import TestClient

IPI = "deployments/ipi_mission_month_1990_2017.csv"


def _ipi_months(shared_data: Path, mission: str) -> dict[str, dict[str, str]]:
    with (shared_data / IPI).open(newline="", encoding="utf-8") as handle:
        return {r["Date"][:7]: r for r in csv.DictReader(handle) if r["Mission"] == mission}


def test_unamsil_panel_has_every_ipi_month(client: TestClient, shared_data: Path) -> None:
    ipi = _ipi_months(shared_data, "UNAMSIL")
    assert len(ipi) == 75
    r = client.get("/api/operations/UNAMSIL/panels/deployments?format=csv")
    assert r.status_code == 200
    rows = list(csv.DictReader(r.text.splitlines()))
    assert [row["date"][:7] for row in rows] == sorted(ipi)
    for row in rows:
        source = ipi[row["date"][:7]]
        for ours, theirs in (("troops", "Troops"), ("police", "Police"), ("total", "Total")):
            assert row[ours] == ("" if source[theirs] == "NA" else source[theirs]), row
    assert client.get("/api/operations/UNAMSIL").json()["panels"] == ["deployments"]


def test_unamsil_chart_marks_months_missing_in_ipi(client: TestClient, shared_data: Path) -> None:
    ipi = _ipi_months(shared_data, "UNAMSIL")
    assert "1999-05" not in ipi and "2000-06" in ipi
    page = client.get("/operations/UNAMSIL").text
    assert 'id="panel-deployments"' in page
    assert "1999-05: troops NA · police NA · observers NA" in page
    troops = int(ipi["2000-06"]["Troops"])
    assert f"2000-06: troops {troops:,}" in page


def test_non_un_operation_has_no_deployments_panel(client: TestClient, shared_data: Path) -> None:
    assert client.get("/api/operations/ECOMOG-SLE").json()["panels"] == []
    assert 'id="panel-deployments"' not in client.get("/operations/ECOMOG-SLE").text
