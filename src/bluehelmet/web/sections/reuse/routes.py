"""The reuse explorer: clause families with their origin and descendants, and any pair of
paragraphs side by side. Pages under ``/reuse``, JSON and CSV under ``/api/reuse``; shown only
while a corpus is configured (``BLUEHELMET_CORPUS``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from bluehelmet.documents.coverage import ranges_text
from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.web import params
from bluehelmet.web.coded import corpus_configured
from bluehelmet.web.data import canonical_acronym
from bluehelmet.web.http import CSV, ERRORS, Format, csv_response, table_answer
from bluehelmet.web.render import page
from bluehelmet.web.sections import ResolutionPanel, Section
from bluehelmet.web.sections.reuse.coverage import formula_table, yearly_rows, yearly_table
from bluehelmet.web.sections.reuse.data import reuse_data
from bluehelmet.web.sections.reuse.force import (
    CHANGE_NOTES,
    SHARES,
    carryover_table,
    chain_rows,
    clause_view,
    force_summary,
    operation_name,
    operation_rows,
    template_rows,
)
from bluehelmet.web.sections.reuse.force import SOURCE as FORCE_SOURCE
from bluehelmet.web.sections.reuse.schemas import (
    BoilerplateFormula,
    CarryoverMandate,
    ForceMandate,
    ForceSummary,
    ResolutionShare,
    ReuseFamily,
    ReuseFamilyDetail,
    ReusePair,
    ReusePairDetail,
    ReuseSummary,
    YearCoverage,
)
from bluehelmet.web.sections.reuse.views import (
    SOURCE,
    family_list,
    family_members,
    family_number,
    family_pairs,
    family_set,
    family_view,
    pair_table,
    pair_view,
    reuse_panel,
)
from bluehelmet.web.tables import records

PAGE_SIZE = 100
#: Column names on the families page (the API keeps the engine's).
SHOWN = {
    "size": "paragraphs",
    "n_docs": "resolutions",
    "origin_number": "origin",
    "origin_group": "origin_operation",
    "groups": "operations_reached",
}
Field = Annotated[str | None, Query(max_length=params.MAX_TEXT)]
Kind = Annotated[
    Literal["families", "boilerplate"],
    Path(description="families (clauses) or boilerplate (formulas)"),
]
Family = Annotated[int, Path(ge=0, le=999_999_999, description="family number")]
ParagraphId = Annotated[
    str, Query(min_length=1, max_length=params.MAX_TEXT, description="paragraph id, e.g. 247:3")
]


def _operation(raw: str | None) -> str | None:
    value = params.text("operation", raw)
    if value is None:
        return None
    try:
        return canonical_acronym(value)
    except NotFoundError as exc:
        raise UsageError(f"operation: {exc}") from None


def _summary() -> dict[str, Any]:
    data = reuse_data()
    return {
        "paragraphs": len(data.paragraphs),
        "resolutions": int(data.paragraphs["doc"].nunique()),
        "pairs": len(data.sets["families"].pairs),
        "boilerplate_pairs": len(data.sets["boilerplate"].pairs),
        "families": len(data.sets["families"].summary),
        "boilerplate_families": len(data.sets["boilerplate"].summary),
        "problems": list(data.problems),
        "params": data.params,
    }


pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/reuse", tags=["reuse"])


@pages.get("/reuse", response_class=HTMLResponse)
def families_page(
    request: Request,
    operation: Field = None,
    year: Field = None,
    page_number: Annotated[int, Query(alias="page", ge=1, le=1000)] = 1,
) -> HTMLResponse:
    """Clause families, largest first, and boilerplate formulas apart; by operation and year."""
    chosen_op, chosen_year = _operation(operation), params.year("year", year)
    found = family_list("families", chosen_op, chosen_year)
    query = {k: v for k, v in (("operation", chosen_op), ("year", chosen_year)) if v is not None}
    pages_total = max(1, -(-len(found) // PAGE_SIZE))
    shown = found.iloc[(page_number - 1) * PAGE_SIZE : page_number * PAGE_SIZE]
    query_string = urlencode(query)
    return page(
        request,
        "reuse/families.html",
        summary=_summary(),
        rows=records(shown.rename(columns=SHOWN)),
        total=len(found),
        formulas=records(family_list("boilerplate", chosen_op, chosen_year).rename(columns=SHOWN)),
        page_number=page_number,
        pages=pages_total,
        query=query,
        query_string=query_string,
        csv_url="/api/reuse/families?" + urlencode({**query, "limit": 5000, "format": "csv"}),
        formulas_csv="/api/reuse/boilerplate?" + urlencode({**query, "format": "csv"}),
        source=SOURCE,
    )


def _family_page(request: Request, kind: str, raw: str) -> HTMLResponse:
    number = family_number(kind, raw)
    return page(request, "reuse/family.html", **family_view(kind, number), source=SOURCE)


@pages.get("/reuse/families/{family}", response_class=HTMLResponse)
def family_page(request: Request, family: str) -> HTMLResponse:
    """One clause family: origin, descendants over time, pairs."""
    return _family_page(request, "families", family)


@pages.get("/reuse/boilerplate/{family}", response_class=HTMLResponse)
def formula_page(request: Request, family: str) -> HTMLResponse:
    """One boilerplate formula family, shown like a clause family."""
    return _family_page(request, "boilerplate", family)


@pages.get("/reuse/pair", response_class=HTMLResponse)
def pair_page(request: Request, source: Field = None, target: Field = None) -> HTMLResponse:
    """Two paragraphs side by side with their word-level differences and aligned spans."""
    source_id = params.text("source", source)
    target_id = params.text("target", target)
    if source_id is None or target_id is None:
        raise UsageError("source and target: give both paragraph ids, e.g. source=247:3")
    view = pair_view(source_id, target_id)
    csv_url = "/api/reuse/pair?" + urlencode(
        {"source": source_id, "target": target_id, "format": "csv"}
    )
    return page(request, "reuse/pair.html", **view, csv_url=csv_url, source_line=SOURCE)


@pages.get("/reuse/force", response_class=HTMLResponse)
def force_page(request: Request) -> HTMLResponse:
    """Is the force mandate repeated? Multidimensional operations 1999–2026."""
    return page(
        request,
        "reuse/force.html",
        rows=records(force_summary()),
        templates=template_rows(),
        csv_url="/api/reuse/force?format=csv",
        source=FORCE_SOURCE,
    )


@pages.get("/reuse/force/{operation}", response_class=HTMLResponse)
def force_operation_page(request: Request, operation: str) -> HTMLResponse:
    """One operation's mandates, each force clause compared with the previous one."""
    name = operation_name(operation)
    return page(
        request,
        "reuse/force_operation.html",
        operation=name,
        rows=chain_rows(name),
        notes=CHANGE_NOTES,
        shares=SHARES,
        csv_url=f"/api/reuse/force/{name}?format=csv",
        carryover_csv="/api/reuse/carryover?" + urlencode({"operation": name, "format": "csv"}),
        source=FORCE_SOURCE,
    )


@pages.get("/reuse/coverage", response_class=HTMLResponse)
def coverage_page(request: Request) -> HTMLResponse:
    """Texts per year against the resolutions adopted (gap years: no texts), the yearly
    measures, and the boilerplate formulas left out of them."""
    years = yearly_table()
    gap = years.loc[years["gap"] & (years["kind"] == "resolution"), "year"].astype(int)
    incomplete = years.loc[~years["gap"] & ~years["past_complete"].astype(bool), "year"]
    return page(
        request,
        "reuse/coverage.html",
        rows=yearly_rows(years),
        gap=ranges_text(gap),
        incomplete=ranges_text(incomplete.astype(int).unique()),
        formulas=records(formula_table()),
        csv_url="/api/reuse/coverage?format=csv",
        formulas_csv="/api/reuse/formulas?format=csv",
        source=SOURCE,
    )


@pages.get("/reuse/force/{operation}/{resolution}", response_class=HTMLResponse)
def force_clause_page(request: Request, operation: str, resolution: str) -> HTMLResponse:
    """One mandate's force clause beside the previous mandate's, and where it came from."""
    view = clause_view(operation, resolution)
    return page(request, "reuse/force_clause.html", **view, source=FORCE_SOURCE)


@api.get("", response_model=ReuseSummary, responses=ERRORS)
def api_summary() -> Any:
    """Counts of paragraphs, pairs and families in the configured corpus, and the engine's
    settings (404 without a corpus)."""
    return _summary()


@api.get("/resolutions", response_model=list[ResolutionShare], responses={**ERRORS, **CSV})
def api_resolution_shares(format: Format = "json") -> Any:
    """Per resolution: the share of its operative characters repeated from earlier resolutions
    of the same operation and of others, and its novelty."""
    shares = reuse_data().shares
    return table_answer(shares, format, "reuse-resolutions")


@api.get("/pair", response_model=ReusePairDetail, responses={**ERRORS, **CSV})
def api_pair(source: ParagraphId, target: ParagraphId, format: Format = "json") -> Any:
    """One verified pair with both paragraphs and the counts of shared and changed words
    (CSV: one row with the pair and both texts)."""
    source_id, target_id = params.text("source", source), params.text("target", target)
    if source_id is None or target_id is None:
        raise UsageError("source and target: give both paragraph ids, e.g. source=247:3")
    if format == "csv":
        return csv_response(pair_table(source_id, target_id), "reuse-pair")
    view = pair_view(source_id, target_id)
    diff = view["diff"]
    return {
        "kind": view["kind"],
        "pair": view["pair"],
        "source": view["source"],
        "target": view["target"],
        "same_words": diff.same,
        "source_only_words": diff.source_only,
        "target_only_words": diff.target_only,
    }


@api.get("/force", response_model=list[ForceSummary], responses={**ERRORS, **CSV})
def api_force(format: Format = "json") -> Any:
    """Per multidimensional operation, its mandates 1999–2026: with text, authorising force
    under Chapter VII, compared with the previous force clause, repeated near-verbatim, and
    the share repeated; the last row (``total``) sums the others."""
    return table_answer(force_summary(), format, "reuse-force")


@api.get("/force/{operation}", response_model=list[ForceMandate], responses={**ERRORS, **CSV})
def api_force_operation(
    operation: Annotated[str, Path(max_length=100, description="acronym, e.g. MINUSMA")],
    format: Format = "json",
) -> Any:
    """One operation's mandate resolutions in date order, each force clause compared with the
    previous mandate's (``change``: repeated, changed, dropped, new, none; unknown without
    either text)."""
    rows = operation_rows(operation)
    return table_answer(rows, format, f"reuse-force-{rows['operation'].iloc[0]}")


@api.get("/carryover", response_model=list[CarryoverMandate], responses={**ERRORS, **CSV})
def api_carryover(
    operation: Annotated[str | None, Query(max_length=100, description="acronym")] = None,
    format: Format = "json",
) -> Any:
    """Each operation's (or one ``operation``'s) mandate resolutions: the shares of their
    operative text from the previous mandate, other operations' mandates, other earlier
    texts, and new (null without a text, as for 1995–1999)."""
    name = None if operation is None else operation_name(operation)
    return table_answer(
        carryover_table(name), format, f"reuse-carryover{'-' + name if name else ''}"
    )


@api.get("/coverage", response_model=list[YearCoverage], responses={**ERRORS, **CSV})
def api_coverage(format: Format = "json") -> Any:
    """Per year and kind of document: texts, resolutions adopted, coverage, gap (no texts:
    null measures, never 0), repetition index with its interval, novelty quartiles."""
    return table_answer(yearly_table(), format, "reuse-coverage")


@api.get("/formulas", response_model=list[BoilerplateFormula], responses={**ERRORS, **CSV})
def api_formulas(format: Format = "json") -> Any:
    """The boilerplate formulas per era, found in the most documents first."""
    return table_answer(formula_table(), format, "reuse-formulas")


@api.get("/{kind}", response_model=list[ReuseFamily], responses={**ERRORS, **CSV})
def api_families(
    kind: Kind,
    operation: Annotated[str | None, Query(max_length=100, description="acronym reached")] = None,
    year: Annotated[int | None, Query(ge=1945, le=2100, description="a year of use")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0, le=100000)] = 0,
    format: Format = "json",
) -> Any:
    """Families of two or more paragraphs, largest first: clause families (``families``) or
    boilerplate formulas (``boilerplate``); those that reached ``operation`` or were used in
    ``year``."""
    found = family_list(kind, _operation(operation), year).iloc[offset : offset + limit]
    return table_answer(found, format, f"reuse-{kind}")


@api.get("/{kind}/{family}", response_model=ReuseFamilyDetail, responses={**ERRORS, **CSV})
def api_family(kind: Kind, family: Family, format: Format = "json") -> Any:
    """One family with its members in time order and its pairs (CSV: the members)."""
    number = family_number(kind, str(family))
    members = family_members(kind, number)
    if format == "csv":
        return csv_response(members, f"reuse-{kind}-{number}")
    summary = family_set(kind).summary
    return {
        "family": records(summary[summary["family"] == number])[0],
        "members": records(members),
        "pairs": records(family_pairs(kind, number)),
    }


@api.get("/{kind}/{family}/pairs", response_model=list[ReusePair], responses={**ERRORS, **CSV})
def api_family_pairs(kind: Kind, family: Family, format: Format = "json") -> Any:
    """The verified pairs that joined one family (earlier paragraph first)."""
    number = family_number(kind, str(family))
    pairs = family_pairs(kind, number)
    return table_answer(pairs, format, f"reuse-{kind}-{number}-pairs")


REUSE = Section(
    key="reuse",
    title="Reuse explorer",
    path="/reuse",
    summary="clause families of the configured corpus: where mandate language came from and "
    "where it went, pairs side by side",
    available=corpus_configured,
    routers=(pages, api),
)
REUSE_PANEL = ResolutionPanel("reuse", "Reused operative text", reuse_panel)
