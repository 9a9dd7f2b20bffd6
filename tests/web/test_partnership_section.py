"""The partnership section against the conflict-month panel read here: partner shares recomputed
from the panel's rows with pandas, configurations counted, one conflict's months, the model
table against a fit made here; absent without the shared files."""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from scipy import stats

from bluehelmet.models.conflict_month import conflict_month_partnership
from bluehelmet.models.partnership import PartnershipResult
from bluehelmet.panels.build import panel
from bluehelmet.panels.describe import PARTNER_DEFINITION
from tests.web.conftest import cells, html

SIERRA_LEONE = 382


@pytest.fixture(scope="module")
def months(shared_data: Path) -> pd.DataFrame:
    """The conflict-month panel's rows, built here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return panel(shared=shared_data, sources=("hks_2014",)).data


@pytest.fixture(scope="module")
def fit(shared_data: Path) -> PartnershipResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return conflict_month_partnership(shared_data)


def _un_months(data: pd.DataFrame) -> pd.DataFrame:
    """UN deployment-months in intrastate conflicts, by the definition printed on the page."""
    un_present = data["un_troops"] + data["un_police"] + data["un_observers"] > 0
    return data[un_present & data["intrastate"].fillna(False).astype(bool)]


def _non_un_present(data: pd.DataFrame) -> pd.Series:
    kinds = ("troops", "police", "observers")
    cols = [f"{o}_{k}" for o in ("regional", "international") for k in kinds]
    return data[cols].sum(axis=1) > 0


def test_partner_share_is_printed_with_its_numbers_and_definition(
    client: TestClient, months: pd.DataFrame
) -> None:
    un = _un_months(months)
    numerator, denominator = int(_non_un_present(un).sum()), len(un)
    doc = html(client.get("/partnership").text)
    box = " ".join(doc.find_class("figure-number")[0].text_content().split())
    assert f"{numerator / denominator:.1%}" in box
    assert f"{numerator:,} of {denominator:,} UN deployment-months" in box
    assert " ".join(PARTNER_DEFINITION.split()) in box
    api = client.get("/api/partnership/share").json()
    assert api["definition"] == PARTNER_DEFINITION
    overall = {
        "un_months": denominator,
        "with_partner": numerator,
        "share": numerator / denominator,
    }
    assert api["rows"] == [{"group": "all", **overall}]


def test_partner_share_by_region_and_year(client: TestClient, months: pd.DataFrame) -> None:
    un = _un_months(months).assign(partner=lambda d: _non_un_present(d))
    for by in ("region", "year"):
        expected = un.groupby(by)["partner"].agg(["sum", "size"])
        rows = client.get(f"/api/partnership/share?by={by}").json()["rows"]
        got = {r["group"]: (r["with_partner"], r["un_months"]) for r in rows}
        assert got == {str(k): (int(v["sum"]), int(v["size"])) for k, v in expected.iterrows()}
    doc = html(client.get("/partnership").text)
    africa = un[un["region"] == "Africa"]["partner"]
    caption = "Partner share by region"
    shown = dict(zip(cells(doc, caption), cells(doc, caption, 1), strict=True))
    assert shown["Africa"] == str(int(africa.sum()))
    bar = doc.xpath("//a[starts-with(@aria-label, 'Africa:')]")[0]
    assert bar.get("aria-label").startswith(f"Africa: {int(africa.sum()):,} of {len(africa):,}")
    assert doc.get_element_by_id(bar.get("href")[1:]).findall("td")[0].text_content() == "Africa"
    table = client.get("/api/partnership/share?by=year&format=csv").text
    years = list(csv.DictReader(io.StringIO(table)))
    assert [int(r["year"]) for r in years] == sorted(un["year"].unique())


def test_configurations_count_the_panel(client: TestClient, months: pd.DataFrame) -> None:
    counts = months["status"].value_counts()
    answer = client.get("/api/partnership/configurations").json()
    got = {r["configuration"]: r["months"] for r in answer}
    for status in ("none", "un_only", "non_un_only", "parallel"):
        assert got[status] == int(counts.get(status, 0))
    assert got["sequential: UN to non-UN"] == int(months["handover_un_to_non_un"].sum())
    doc = html(client.get("/partnership").text)
    assert cells(doc, "Conflict-months by deployment configuration")[:4] == [
        "none",
        "un_only",
        "non_un_only",
        "parallel",
    ]


def test_conflict_page_charts_personnel_by_organisation_type(
    client: TestClient, months: pd.DataFrame
) -> None:
    rows = months[months["conflict_id"] == SIERRA_LEONE].sort_values("date")
    present = rows[(rows["un_personnel"] + rows["non_un_personnel"]) > 0]
    r = client.get(f"/partnership/conflicts?conflict={SIERRA_LEONE}", follow_redirects=False)
    assert (
        r.status_code == 303 and r.headers["location"] == f"/partnership/conflicts/{SIERRA_LEONE}"
    )
    doc = html(client.get(f"/partnership/conflicts/{SIERRA_LEONE}").text)
    assert "Sierra Leone" in doc.xpath("string(//h1)")
    chart = doc.xpath("//figure//svg")[0]
    assert chart.get("aria-label").startswith("Peacekeepers by organisation type per month")
    assert doc.xpath("//figure/figcaption/span[@class='source']")
    first = present.iloc[0]
    regional = first["regional_troops"] + first["regional_police"] + first["regional_observers"]
    un = first["un_troops"] + first["un_police"] + first["un_observers"]
    titles = [t.text for t in chart.iter("title")]
    expected = f"{first['date']:%Y-%m}: UN {un:,.0f} · regional {regional:,.0f}"
    assert any(t.startswith(expected) for t in titles)
    assert doc.xpath("//select[@id='c-pick']/option[@selected]/@value") == [str(SIERRA_LEONE)]
    api = client.get(f"/api/partnership/conflicts/{SIERRA_LEONE}").json()
    assert len(api) == len(rows)
    table = client.get(f"/api/partnership/conflicts/{SIERRA_LEONE}?format=csv").text
    assert len(list(csv.DictReader(io.StringIO(table)))) == len(rows)
    listed = {c["conflict_id"]: c for c in client.get("/api/partnership/conflicts").json()}
    assert listed[SIERRA_LEONE]["first_month"] == f"{present['date'].min():%Y-%m-%d}"
    assert listed[SIERRA_LEONE]["parallel"] == int((rows["status"] == "parallel").sum())


def test_model_table_and_predicted_deaths(client: TestClient, fit: PartnershipResult) -> None:
    api = client.get("/api/partnership/model").json()
    coefficients = {c["term"]: c for c in api["coefficients"]}
    se = fit.fit.se_cluster
    for term, estimate in fit.fit.params.items():
        row = coefficients[term]
        assert row["estimate"] == pytest.approx(estimate)
        assert row["std_error"] == pytest.approx(se[term])
        z = estimate / se[term]
        assert row["p"] == pytest.approx(2 * stats.norm.sf(abs(z)))
    assert coefficients["alpha"]["estimate"] == pytest.approx(fit.fit.alpha)
    assert api["diagnostics"]["converged"] is True
    assert api["diagnostics"]["n"] == fit.fit.n
    assert api["diagnostics"]["iterations"] == fit.fit.iterations
    doc = html(client.get("/partnership/model").text)
    terms = cells(doc, "Coefficients")
    assert terms == [*fit.fit.params.index, "alpha"]
    facts = " ".join(doc.get_element_by_id("diagnostics").text_content().split())
    assert f"converged in {fit.fit.iterations} iterations" in facts
    assert f"N = {fit.fit.n:,} conflict-months" in facts
    assert f"clustered by conflict_id ({fit.fit.n_clusters} clusters" in facts
    points = doc.xpath("//figure//svg//a[@class='tip']")
    assert len(points) == len(fit.predictions) == 22
    for point in points:
        assert doc.get_element_by_id(point.get("href")[1:]) is not None
    partner = [p for p in api["predictions"] if p["partner"]]
    assert {p["non_un_troops_lag1"] for p in partner} == {fit.partner_level}
    table = client.get("/api/partnership/model?format=csv").text
    assert [r["term"] for r in csv.DictReader(io.StringIO(table))] == terms


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/partnership/conflicts/1", 404),
        ("/partnership/conflicts/abc", 404),
        ("/partnership/conflicts?conflict=99999", 404),
        ("/partnership/conflicts?conflict=38x", 422),
        ("/api/partnership/conflicts/99999", 404),
        ("/api/partnership/conflicts/0", 422),
        ("/api/partnership/conflicts/abc", 422),
        ("/api/partnership/share?by=decade", 422),
        ("/api/partnership/model?format=xml", 422),
    ],
)
def test_unknown_ids_404_and_bad_parameters_422(
    client: TestClient, shared_data: Path, url: str, status: int
) -> None:
    r = client.get(url, follow_redirects=False)
    assert r.status_code == status, r.text[:300]


def test_pages_are_keyboard_navigable_and_say_their_data_version(
    client: TestClient, shared_data: Path
) -> None:
    urls = ["/partnership", "/partnership/conflicts", "/partnership/conflicts/382"]
    for url in [*urls, "/partnership/model"]:
        doc = html(client.get(url).text)
        assert doc.find_class("skip")[0].get("href") == "#main"
        assert "data " in doc.find_class("data-version")[0].text_content()
        for control in doc.xpath("//main//input | //main//select"):
            assert doc.xpath(f"//label[@for='{control.get('id')}']"), url
        for figure in doc.xpath("//figure"):
            assert figure.xpath("./figcaption/span[@class='source']"), url


def test_section_is_absent_without_the_shared_files(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLUEHELMET_SHARED_DATA", str(tmp_path))
    home = html(client.get("/").text)
    assert "Partnership" not in home.xpath("string(//nav[@aria-label='Main'])")
    assert "Partnership" in home.xpath("string(//p[@class='muted'])")
    assert client.get("/partnership").status_code == 404
    answer = client.get("/api/partnership/share")
    assert answer.status_code == 404 and "BLUEHELMET_SHARED_DATA" in answer.json()["message"]
