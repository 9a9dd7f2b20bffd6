"""The partnership section: how often UN peacekeepers served beside non-UN ones, personnel per
conflict, and the conflict-month model of battle deaths. Pages under ``/partnership``, JSON and
CSV under ``/api/partnership``; shown only while the shared data hold the source files."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bluehelmet.errors import UsageError
from bluehelmet.panels.describe import PARTNER_DEFINITION
from bluehelmet.web import params
from bluehelmet.web.http import CSV, ERRORS, Format, csv_response, table_answer
from bluehelmet.web.render import page
from bluehelmet.web.sections import Section
from bluehelmet.web.sections.partnership.data import partnership_available
from bluehelmet.web.sections.partnership.schemas import (
    Configuration,
    Conflict,
    ConflictMonth,
    Model,
    PartnerShare,
    Prediction,
)
from bluehelmet.web.sections.partnership.views import (
    configuration_table,
    conflict_months,
    conflict_number,
    conflict_view,
    conflicts,
    model_diagnostics,
    model_table,
    model_view,
    overview,
    predictions,
    share_table,
)
from bluehelmet.web.tables import records

ConflictId = Annotated[int, Path(ge=1, le=999_999_999, description="UCDP conflict id, e.g. 382")]


pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/partnership", tags=["partnership"])


@pages.get("/partnership", response_class=HTMLResponse)
def partnership_page(request: Request) -> HTMLResponse:
    """Partner share overall, by region and by year; configurations; a conflict picker."""
    view = overview()
    row_ids = {
        key: {i: f"{by}-{str(r[by]).replace(' ', '-')}" for i, r in enumerate(view[key])}
        for key, by in (("by_region", "region"), ("by_year", "year"))
    }
    return page(request, "partnership/overview.html", **view, row_ids=row_ids)


@pages.get("/partnership/conflicts", response_model=None)
def conflicts_page(
    request: Request,
    conflict: Annotated[str | None, Query(max_length=params.MAX_TEXT)] = None,
) -> HTMLResponse | RedirectResponse:
    """Conflicts with peacekeepers; ``?conflict=382`` (the picker) goes to that conflict."""
    chosen = params.text("conflict", conflict)
    if chosen is not None:
        if not (chosen.isascii() and chosen.isdigit()):
            raise UsageError(f"conflict: {chosen[:40]!r} is not a UCDP conflict id, e.g. 382")
        return RedirectResponse(f"/partnership/conflicts/{conflict_number(chosen)}", 303)
    return page(request, "partnership/conflicts.html", conflicts=records(conflicts()))


@pages.get("/partnership/conflicts/{conflict}", response_class=HTMLResponse)
def conflict_page(request: Request, conflict: str) -> HTMLResponse:
    """One conflict: UN, regional and international personnel per month."""
    return page(request, "partnership/conflict.html", **conflict_view(conflict_number(conflict)))


@pages.get("/partnership/model", response_class=HTMLResponse)
def model_page(request: Request) -> HTMLResponse:
    """The conflict-month model table and predicted deaths with and without a partner."""
    return page(request, "partnership/model.html", **model_view())


@api.get("/share", response_model=PartnerShare, responses={**ERRORS, **CSV})
def api_share(
    by: Annotated[Literal["year", "region"] | None, Query(description="year or region")] = None,
    format: Format = "json",
) -> Any:
    """Share of UN deployment-months in intrastate conflicts with non-UN personnel present in
    the same conflict: overall, or by year or UCDP region (the definition comes with it)."""
    table = share_table(by)
    if format == "csv":
        return csv_response(table, f"partner-share-{by or 'all'}")
    rows = records(table.rename(columns={by or "group": "group"}).astype({"group": str}))
    return {"definition": PARTNER_DEFINITION, "by": by, "rows": rows}


@api.get("/configurations", response_model=list[Configuration], responses={**ERRORS, **CSV})
def api_configurations(format: Format = "json") -> Any:
    """Conflict-months by deployment status (none, UN only, non-UN only, parallel) and the
    sequential handovers each way."""
    table = configuration_table()
    return table_answer(table, format, "configurations")


@api.get("/conflicts", response_model=list[Conflict], responses={**ERRORS, **CSV})
def api_conflicts(format: Format = "json") -> Any:
    """Conflicts with any peacekeepers in the panel (UCDP ids, names as ACD lists them)."""
    table = conflicts()
    return table_answer(table, format, "conflicts")


@api.get(
    "/conflicts/{conflict_id}", response_model=list[ConflictMonth], responses={**ERRORS, **CSV}
)
def api_conflict(conflict_id: ConflictId, format: Format = "json") -> Any:
    """One conflict's months: UN, regional and international troops, police and observers,
    deployment status and battle deaths (NA outside the sources' coverage)."""
    number = conflict_number(str(conflict_id))
    table = conflict_months(number)
    return table_answer(table, format, f"conflict-{number}")


@api.get("/model", response_model=Model, responses={**ERRORS, **CSV})
def api_model(format: Format = "json") -> Any:
    """The conflict-month NB2 of battle deaths: coefficients with conflict-clustered SEs,
    convergence diagnostics and predictions (CSV: the coefficients)."""
    table = model_table()
    if format == "csv":
        return csv_response(table, "partnership-model")
    return {
        "diagnostics": model_diagnostics(),
        "coefficients": records(table),
        "predictions": records(predictions()),
    }


@api.get("/model/predictions", response_model=list[Prediction], responses={**ERRORS, **CSV})
def api_predictions(format: Format = "json") -> Any:
    """Predicted battle deaths over UN troop levels (thousands) without and with a non-UN
    partner (non-UN troops at their median positive level), with 95% simulation intervals."""
    table = predictions()
    return table_answer(table, format, "partnership-predictions")


PARTNERSHIP = Section(
    key="partnership",
    title="Partnership",
    path="/partnership",
    summary="UN and non-UN peacekeepers in the same conflicts: partner shares, personnel per "
    "conflict and the battle-deaths model",
    available=partnership_available,
    routers=(pages, api),
)
