"""Process-tracing cases: the bundled cases, each with its evidence ledger, predictions matrix,
posterior path and sensitivity summary. Pages under ``/cases``, JSON and CSV under
``/api/cases``. Only bundled cases are served; an id is looked up, never read as a path."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from bluehelmet.web.http import CSV, ERRORS, Format, csv_response, table_answer
from bluehelmet.web.render import page
from bluehelmet.web.sections import Section
from bluehelmet.web.sections.tracing.data import case_list, case_trace, cases_available
from bluehelmet.web.sections.tracing.schemas import (
    CaseDetail,
    CaseRow,
)
from bluehelmet.web.sections.tracing.views import case_detail, case_tables, case_view, list_view

CaseId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=100,
        description="bundled case id (see /api/cases)",
        examples=["sierra-leone-1999"],
    ),
]
Table = Annotated[
    Literal["result", "path", "ledger", "matrix", "holds", "hinges", "perturbations"],
    Path(description="which table of the case"),
]
SOURCE = (
    "Source: bluehelmet's bundled case file {file}; priors and P(E|H) are the case authors' "
    "stated judgements, updated by bluehelmet.tracing (Bayes' rule over the whole rival set)."
)

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/cases", tags=["process tracing"])


@pages.get("/cases", response_class=HTMLResponse)
def cases_page(request: Request) -> HTMLResponse:
    """The bundled cases with their leading hypotheses and whether they survive the checks."""
    return page(request, "tracing/cases.html", rows=list_view())


@pages.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: str) -> HTMLResponse:
    """One case: outcome, links, predictions matrix, ledger, posterior path, sensitivity."""
    view = case_view(case_id)
    return page(request, "tracing/case.html", **view, source=SOURCE.format(file=view["file"]))


@api.get("", response_model=list[CaseRow], responses={**ERRORS, **CSV})
def api_cases(format: Format = "json") -> Any:
    """The bundled cases: outcome, leading hypothesis and its posterior, and whether the leader
    (``leader_holds``) and the whole ranking (``ranking_holds``) survive every check."""
    cases = case_list()
    return table_answer(cases, format, "cases")


@api.get("/{case_id}", response_model=CaseDetail, responses={**ERRORS, **CSV})
def api_case(case_id: CaseId, format: Format = "json") -> Any:
    """One bundled case traced: result, posterior path, ledger, predictions matrix and
    sensitivity summary (CSV: the result, one row per hypothesis)."""
    case_trace(case_id)
    if format == "csv":
        return csv_response(case_tables(case_id)["result"], f"case-{case_id}")
    return case_detail(case_id)


@api.get("/{case_id}/{table}", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_case_table(case_id: CaseId, table: Table, format: Format = "json") -> Any:
    """One table of a case: ``result``, ``path`` (posterior path, long), ``ledger`` (with P(E|H)
    and weights of evidence), ``matrix`` (predictions), ``holds``, ``hinges`` or every
    sensitivity setting (``perturbations``)."""
    found = case_tables(case_id)[table]
    return table_answer(found, format, f"case-{case_id}-{table}")


TRACING = Section(
    key="tracing",
    title="Process tracing",
    path="/cases",
    summary="bundled process-tracing cases: rival explanations, a cited evidence ledger, the "
    "posterior path and how much the ranking depends on the numbers",
    available=cases_available,
    routers=(pages, api),
)
