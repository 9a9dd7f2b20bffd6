"""The JSON API under ``/api``: every list also as CSV (``format=csv``). Read-only, no SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Path, Query, Request

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.register import vocab
from bluehelmet.register.mandates import FIRST_YEAR, LAST_YEAR, mandate_basis, mandate_basis_counts
from bluehelmet.register.query import mandate_events, operation, resolutions
from bluehelmet.register.summary import operations_by_org, table_summary, verification_counts
from bluehelmet.web import params, schemas
from bluehelmet.web.coded import coded_text, corpus_configured
from bluehelmet.web.data import (
    all_operations,
    canonical_acronym,
    data_version,
    find_operations,
    resolution_events,
    resolution_record,
)
from bluehelmet.web.http import CSV, ERRORS, Format, csv_response, table_answer
from bluehelmet.web.sections.register.views import operation_view, resolution_panels
from bluehelmet.web.tables import records

router = APIRouter(prefix="/api", tags=["data"])

Text = Annotated[str | None, Query(max_length=params.MAX_TEXT)]
Year = Annotated[int | None, Query(ge=1945, le=2100, description="four-digit year")]
Bound = Annotated[int, Query(ge=1945, le=2100, description="first or last year")]
Acronym = Annotated[str, Path(max_length=params.MAX_TEXT, description="e.g. UNAMSIL")]
Number = Annotated[int, Path(ge=1, le=99999, description="resolution number, e.g. 1270")]
COUNT_NAMES = {
    "Chapter VI": "chapter_vi",
    "Chapter VII": "chapter_vii",
    "Shift VI to VII": "shift_vi_to_vii",
    "Basis not coded": "basis_not_coded",
}


def _enum(values: tuple[str, ...], text: str) -> Any:
    return Query(max_length=params.MAX_TEXT, description=text, json_schema_extra={"enum": values})


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)


@router.get("/operations", response_model=schemas.Operations, responses={**ERRORS, **CSV})
def api_operations(
    org: Annotated[str | None, _enum(vocab.ORG_FILTERS, "leading organisation or non-UN")] = None,
    country: Annotated[str | None, Query(max_length=100, description="host: ISO3 or name")] = None,
    status: Annotated[str | None, _enum(params.STATUS_CHOICES, "active or ended")] = None,
    start: Year = None,
    end: Year = None,
    type: Annotated[str | None, _enum(vocab.OPERATION_TYPES, "operation type")] = None,
    q: Annotated[str | None, Query(max_length=100, description="words in acronym or name")] = None,
    format: Format = "json",
) -> Any:
    """Operations, filtered like the operations page (``start``/``end``: active in those years)."""
    filters = params.operation_filters(org, country, status, _str(start), _str(end), type, q)
    return table_answer(find_operations(filters), format, "operations")


@router.get(
    "/operations/{acronym}", response_model=schemas.OperationDetail, responses={**ERRORS, **CSV}
)
def api_operation(acronym: Acronym, request: Request, format: Format = "json") -> Any:
    """One operation with its mandate events and partners (CSV: the register row only)."""
    name = canonical_acronym(acronym)
    if format == "csv":
        ops = all_operations()
        return csv_response(ops[ops["acronym"] == name], name)
    view = operation_view(name, tuple(request.app.state.operation_panels))
    return {
        "operation": view["info"],
        "events": [event for event, _ in view["events"]],
        "partners": view["partners"],
        "panels": [p.key for p, _, _ in view["panels"]],
    }


@router.get(
    "/operations/{acronym}/events",
    response_model=schemas.MandateEvents,
    responses={**ERRORS, **CSV},
)
def api_operation_events(acronym: Acronym, format: Format = "json") -> Any:
    """One operation's mandate events in date order."""
    name = canonical_acronym(acronym)
    return table_answer(mandate_events(name), format, f"{name}-mandate-events")


@router.get(
    "/operations/{acronym}/partners", response_model=schemas.Operations, responses={**ERRORS, **CSV}
)
def api_operation_partners(acronym: Acronym, format: Format = "json") -> Any:
    """Operations of other organisations in the same host country at overlapping dates."""
    rec = operation(canonical_acronym(acronym))
    return table_answer(rec.partners, format, f"{rec.info['acronym']}-partners")


@router.get(
    "/operations/{acronym}/panels/{key}",
    response_model=list[dict[str, Any]],
    responses={**ERRORS, **CSV},
)
def api_operation_panel(
    acronym: Acronym,
    key: Annotated[str, Path(max_length=40, description="panel key, e.g. deployments")],
    request: Request,
    format: Format = "json",
) -> Any:
    """The table behind one panel of the operation page (e.g. deployments per month)."""
    name = canonical_acronym(acronym)
    panels = tuple(request.app.state.operation_panels)
    table = _panel_table(panels, key, lambda: operation_view(name, panels)["panels"], name)
    return table_answer(table, format, f"{name}-{key}")


def _panel_table(
    panels: Sequence[Any], key: str, shown: Callable[[], list[Any]], whose: str
) -> pd.DataFrame:
    """The table of panel ``key`` among the ``shown`` (panel, content, rows) of a page; 404 for
    a key no panel has, or a panel without data for ``whose`` page."""
    keys = [p.key for p in panels]
    if key not in keys:
        raise NotFoundError(f"no panel {key!r}; panels: {', '.join(keys) or 'none'}")
    found = [content for p, content, _ in shown() if p.key == key]
    if not found:
        raise NotFoundError(f"no {key} data for {whose}")
    return found[0].table


@router.get("/mandate_events", response_model=schemas.MandateEvents, responses={**ERRORS, **CSV})
def api_mandate_events(
    operation: Annotated[str | None, Query(max_length=100, description="acronym")] = None,
    resolution: Annotated[int | None, Query(ge=1, le=99999, description="made by")] = None,
    format: Format = "json",
) -> Any:
    """Mandate events in date order: all, one operation's, or those one resolution made."""
    try:
        events = mandate_events(params.text("operation", operation))
    except NotFoundError as exc:
        raise UsageError(f"operation: {exc}") from None
    if resolution is not None:
        events = events[events["resolution"] == resolution]
    return table_answer(events, format, "mandate-events")


@router.get("/resolutions", response_model=schemas.Resolutions, responses={**ERRORS, **CSV})
def api_resolutions(
    year: Year = None,
    topic: Text = None,
    operation: Text = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0, le=10000)] = 0,
    format: Format = "json",
) -> Any:
    """The resolutions index (1946–2026) by year, topic words or operation, ``limit`` at a time."""
    try:
        found = resolutions(year, params.text("topic", topic), params.text("operation", operation))
    except NotFoundError as exc:
        raise UsageError(f"operation: {exc}") from None
    return table_answer(found.iloc[offset : offset + limit], format, "resolutions")


@router.get("/resolutions/{number}", response_model=schemas.ResolutionDetail, responses=ERRORS)
def api_resolution(number: Number) -> Any:
    """One resolution: index entry, mandate events and, with a corpus, its coded tables."""
    row = resolution_record(number)
    found = coded_text(number)
    coded = None
    if found is not None:
        tables = ("resolution", "paragraphs", "evidence")
        coded = {t: records(getattr(found.coded, t)) for t in tables}
    return {"resolution": row, "events": records(resolution_events(number)), "coded": coded}


@router.get(
    "/resolutions/{number}/{table}",
    response_model=list[dict[str, Any]],
    responses={**ERRORS, **CSV},
)
def api_resolution_table(
    number: Number, table: Literal["paragraphs", "evidence"], format: Format = "json"
) -> Any:
    """The coder's paragraphs or evidence table for one resolution of the configured corpus."""
    resolution_record(number)
    found = coded_text(number)
    if found is None and not corpus_configured():
        raise NotFoundError("no corpus configured: set BLUEHELMET_CORPUS to a folder of texts")
    if found is None:
        raise NotFoundError(f"resolution {number} has no readable text in the configured corpus")
    return table_answer(getattr(found.coded, table), format, f"resolution-{number}-{table}")


@router.get(
    "/resolutions/{number}/panels/{key}",
    response_model=list[dict[str, Any]],
    responses={**ERRORS, **CSV},
)
def api_resolution_panel(
    number: Number,
    key: Annotated[str, Path(max_length=40, description="panel key, e.g. reuse")],
    request: Request,
    format: Format = "json",
) -> Any:
    """The table behind one panel of the resolution page (e.g. its reused operative text)."""
    resolution_record(number)
    panels = tuple(request.app.state.resolution_panels)
    whose = f"resolution {number}"
    table = _panel_table(panels, key, lambda: resolution_panels(number, panels), whose)
    return table_answer(table, format, f"resolution-{number}-{key}")


@router.get("/figures/mandates", response_model=schemas.MandateFigure, responses={**ERRORS, **CSV})
def api_mandates(start: Bound = FIRST_YEAR, end: Bound = LAST_YEAR, format: Format = "json") -> Any:
    """Counts behind the mandates figure (CSV: the counts) and the missions behind each bar."""
    counts = mandate_basis_counts(start, end).rename(columns=COUNT_NAMES).reset_index()
    if format == "csv":
        return csv_response(counts, f"mandates-{start}-{end}")
    missions = records(mandate_basis(start, end))
    return {"start": start, "end": end, "counts": records(counts), "missions": missions}


@router.get(
    "/figures/mandates/missions",
    response_model=list[schemas.MandateMission],
    responses={**ERRORS, **CSV},
)
def api_mandate_missions(
    start: Bound = FIRST_YEAR, end: Bound = LAST_YEAR, format: Format = "json"
) -> Any:
    """The missions behind the mandates figure's bars: year, operation, resolution, category."""
    return table_answer(mandate_basis(start, end), format, f"mandate-missions-{start}-{end}")


@router.get("/versions", response_model=schemas.Versions, responses=CSV)
def api_versions(format: Format = "json") -> Any:
    """Package version, packaged-data hash, latest date and each source's version."""
    version = data_version()
    if format == "csv":
        return csv_response(version.sources, "versions")
    return {
        "package": version.package,
        "data_hash": version.data_hash,
        "as_of": version.as_of,
        "sources": records(version.sources),
    }


SUMMARIES = {
    "tables": table_summary,
    "organisations": operations_by_org,
    "verification": verification_counts,
}


@router.get("/summary/{part}", response_model=list[dict[str, Any]], responses=CSV)
def api_summary(
    part: Literal["tables", "organisations", "verification"], format: Format = "json"
) -> Any:
    """The home page's tables: rows and coverage per table, operations per organisation,
    mandate events per verification level."""
    return table_answer(SUMMARIES[part](), format, f"summary-{part}")
