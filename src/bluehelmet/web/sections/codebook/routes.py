"""Codebooks: ``/codebook`` lists the tables, ``/codebook/{table}`` shows one (column, type,
unit, allowed values, coverage, source, meaning); ``/api/codebook/{table}`` as JSON or CSV."""

from __future__ import annotations

import difflib
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from bluehelmet.codebook import codebook, codebook_tables, coverage_note
from bluehelmet.errors import NotFoundError
from bluehelmet.web.http import CSV, ERRORS, Format, table_answer
from bluehelmet.web.render import page
from bluehelmet.web.sections import Section

TableName = Annotated[
    str,
    Path(min_length=1, max_length=60, description="table (see /codebook)", examples=["votes"]),
]
COLUMNS = ["column", "type", "unit", "allowed", "coverage", "source", "meaning"]

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/codebook", tags=["codebook"])


def known_table(table: str) -> str:
    """``table`` if it has a codebook, else NotFoundError with the closest name.

    >>> known_table("vote")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no codebook for 'vote'; did you mean votes? ...
    """
    tables = codebook_tables()
    if table not in tables:
        close = difflib.get_close_matches(table, tables, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise NotFoundError(f"no codebook for {table!r}; {hint}see the list of codebooks")
    return table


@pages.get("/codebook", response_class=HTMLResponse)
def codebooks_page(request: Request) -> HTMLResponse:
    """The tables that have a codebook."""
    return page(request, "codebook/index.html", tables=codebook_tables())


@pages.get("/codebook/{table}", response_class=HTMLResponse)
def codebook_page(request: Request, table: str) -> HTMLResponse:
    """One table's codebook, with where a panel's or coded table's coverage comes from."""
    rows = codebook(known_table(table))[COLUMNS].to_dict("records")
    note = coverage_note(table).replace("`", "")
    return page(request, "codebook/table.html", table=table, rows=rows, note=note)


@api.get("/{table}", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_codebook(table: TableName, format: Format = "json") -> Any:
    """One table's codebook: column, type, unit, allowed values, coverage (text, non-missing
    share, minimum, maximum), source keys and meaning."""
    return table_answer(codebook(known_table(table)), format, f"codebook-{table}")


CODEBOOK = Section(
    key="codebook",
    title="Codebooks",
    path="/codebook",
    summary="every packaged table, panel and coded table: columns, types, allowed values, "
    "coverage and sources",
    available=lambda: True,
    routers=(pages, api),
)
