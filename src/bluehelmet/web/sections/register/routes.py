"""The HTML pages: home, operations, one operation, resolutions, one resolution, mandates figure."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.register import vocab
from bluehelmet.register.dates import shown as dated_text
from bluehelmet.register.mandates import FIRST_YEAR, LAST_YEAR
from bluehelmet.register.query import resolutions
from bluehelmet.web import params
from bluehelmet.web.cache import PageCache
from bluehelmet.web.coded import coded_text, corpus_configured, corpus_numbers, corpus_state
from bluehelmet.web.data import (
    canonical_acronym,
    find_operations,
    known_acronym,
    resolution_events,
    resolution_index,
    resolution_number,
    resolution_record,
)
from bluehelmet.web.render import available_sections, page, render
from bluehelmet.web.sections.register.views import (
    home_view,
    mandates_view,
    operation_view,
    resolution_panels,
)
from bluehelmet.web.tables import records

router = APIRouter(include_in_schema=False)
OPERATION_PAGES = PageCache()
Field = Annotated[str | None, Query(max_length=params.MAX_TEXT)]
PAGE_SIZE = 100


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """What is in the store: tables, coverage, organisations, verification, sources, sections."""
    all_sections = request.app.state.sections
    return page(
        request,
        "home.html",
        **home_view(),
        all_sections=all_sections,
        shown=available_sections(request),
    )


@router.get("/operations", response_class=HTMLResponse)
def operations_page(
    request: Request,
    org: Field = None,
    country: Field = None,
    status: Field = None,
    start: Field = None,
    end: Field = None,
    type: Field = None,
    q: Field = None,
) -> HTMLResponse:
    """The operations list with filters and search."""
    filters = params.operation_filters(org, country, status, start, end, type, q)
    found = find_operations(filters)
    rows = records(dated_text(found))  # dates at their precision: 2018-03, 1999, unknown
    return page(
        request,
        "operations.html",
        rows=rows,
        notes=found.attrs.get("notes", []),
        filters=filters,
        orgs=vocab.ORG_FILTERS,
        types=vocab.OPERATION_TYPES,
        csv_url="/api/operations?" + urlencode({"format": "csv"}) + "&" + filters.query_string(),
    )


@router.get("/operations/{acronym}", response_class=HTMLResponse)
async def operation_page(request: Request, acronym: str) -> HTMLResponse:
    """One operation: facts, timeline, mandate history with badges, panels, partners.

    A page already rendered is answered from memory; others are built in a worker thread.
    """
    name = known_acronym(acronym)
    body = OPERATION_PAGES.get(_page_key(request, name)) if name else None
    if body is None:
        body = await run_in_threadpool(_operation_page, request, acronym)
    return HTMLResponse(body)


def _page_key(request: Request, name: str) -> Hashable:
    panels = tuple(request.app.state.operation_panels)
    return (name, panels, corpus_state(), tuple(available_sections(request)))


def _operation_page(request: Request, acronym: str) -> bytes:
    name = canonical_acronym(acronym)
    key = _page_key(request, name)
    view = operation_view(name, tuple(request.app.state.operation_panels))
    coded = corpus_numbers() & frozenset(e["resolution"] for e, _ in view["events"])
    sections = available_sections(request)
    html = render("operation.html", f"/operations/{name}", sections, **view, coded=coded)
    return OPERATION_PAGES.put(key, html.encode())


@router.get("/resolutions", response_class=HTMLResponse)
def resolutions_page(
    request: Request,
    year: Field = None,
    topic: Field = None,
    operation: Field = None,
    page_number: Annotated[int, Query(alias="page", ge=1, le=1000)] = 1,
) -> HTMLResponse:
    """The resolutions index with filters, 100 to a page."""
    chosen_year = params.year("year", year)
    chosen_topic = params.text("topic", topic)
    chosen_op = params.text("operation", operation)
    try:
        found = resolutions(year=chosen_year, topic=chosen_topic, operation=chosen_op)
    except NotFoundError as exc:
        raise UsageError(f"operation: {exc}") from None
    query = {
        k: v
        for k, v in (("year", chosen_year), ("topic", chosen_topic), ("operation", chosen_op))
        if v is not None
    }
    pages = max(1, -(-len(found) // PAGE_SIZE))
    shown = found.iloc[(page_number - 1) * PAGE_SIZE : page_number * PAGE_SIZE]
    return page(
        request,
        "resolutions.html",
        rows=records(shown),
        total=len(found),
        page_number=page_number,
        pages=pages,
        query=query,
        query_string=urlencode(query),
        csv_url="/api/resolutions?" + urlencode({**query, "limit": 5000, "format": "csv"}),
    )


@router.get("/resolutions/{number}", response_class=HTMLResponse)
def resolution_page(request: Request, number: str) -> HTMLResponse:
    """One resolution: index entry and vote, mandate events, coded paragraphs with evidence,
    and the registered resolution panels that have data for it."""
    n = resolution_number(number)
    coded = coded_text(n)
    tables = ("paragraphs", "evidence")
    panels = resolution_panels(n, tuple(request.app.state.resolution_panels))
    return page(
        request,
        "resolution.html",
        row=resolution_record(n),
        last_number=int(resolution_index().index.max()),
        events=records(resolution_events(n)),
        coded=coded,
        coded_rows={t: records(getattr(coded.coded, t)) for t in tables} if coded else {},
        corpus_configured=corpus_configured(),
        panels=panels,
    )


@router.get("/figures/mandates", response_class=HTMLResponse)
def mandates_page(request: Request, start: Field = None, end: Field = None) -> HTMLResponse:
    """The mandates figure: bars name their missions on hover and link to them."""
    first = params.year("start", start) or FIRST_YEAR
    last = params.year("end", end) or LAST_YEAR
    view = mandates_view(first, last)
    return page(
        request,
        "mandates.html",
        **view,
        start=first,
        end=last,
        query_string=urlencode({"start": first, "end": last}),
    )
