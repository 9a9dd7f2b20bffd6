"""How the app answers: JSON or CSV tables (``format=csv``), CSV downloads and error answers.

Every API route takes :data:`Format` and answers a table with :func:`table_answer` (or a
download with :func:`csv_response`); :data:`ERRORS` and :data:`CSV` document those answers in
the OpenAPI schema. Unknown ids give 404, bad parameters 422 with a message, never a traceback:
under ``/api`` errors are JSON (``detail`` and a one-line ``message``); elsewhere they are pages
that say what went wrong and where to go next.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated, Any, Literal
from urllib.parse import quote

import pandas as pd
from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from bluehelmet.errors import BluehelmetError, NotFoundError, UsageError
from bluehelmet.output import neutralise_formulas
from bluehelmet.web.render import page
from bluehelmet.web.schemas import Message
from bluehelmet.web.security import HEADERS
from bluehelmet.web.tables import plain, records

LOG = logging.getLogger("bluehelmet.web")
TITLES = {404: "Not found", 405: "Method not allowed", 422: "Bad parameter", 500: "Server error"}

#: The ``format`` parameter of every API route that answers a table.
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv (a download)")]
#: OpenAPI ``responses``: the error answers, and the CSV body of ``format=csv``.
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": Message, "description": "unknown id"},
    422: {"model": Message, "description": "bad parameter"},
}
CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}}
}
NOTES_HEADER = "X-Bluehelmet-Notes"


def filename(name: str) -> str:
    """A safe download name: letters, digits, dot, dash and underscore only.

    >>> filename("UNAVEM I events")
    'UNAVEM-I-events.csv'
    """
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") + ".csv"


def csv_response(df: pd.DataFrame, name: str) -> Response:
    """The table as a CSV download (UTF-8, ISO dates, empty cells for missing values); text
    cells a spreadsheet would run as formulas get a leading ``'`` (CSV injection).

    >>> csv_response(pd.DataFrame({"a": [1]}), "t").body
    b'a\\n1\\n'
    """
    body = neutralise_formulas(plain(df)).to_csv(index=False, lineterminator="\n")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename(name)}"'},
    )


def table_answer(df: pd.DataFrame, format: str, name: str) -> Any:
    """An API answer: the table as a CSV download ``<name>.csv`` for ``format="csv"``, else as
    JSON records. What a filter did with uncertain dates (``df.attrs["notes"]``) travels in
    the :data:`NOTES_HEADER` header of either.

    >>> table_answer(pd.DataFrame({"a": [1]}), "json", "t")
    [{'a': 1}]
    >>> df = pd.DataFrame({"a": [1]}); df.attrs["notes"] = ["1 operation with an unknown end"]
    >>> table_answer(df, "json", "t").headers[NOTES_HEADER]
    '1 operation with an unknown end'
    """
    answer = csv_response(df, name) if format == "csv" else records(df)
    notes = df.attrs.get("notes") or []
    if not notes:
        return answer
    if isinstance(answer, list):
        answer = JSONResponse(answer)
    # header values are Latin-1: the notes' dashes and accents become ASCII
    text = " | ".join(notes).replace("\u2013", "-").encode("ascii", "replace").decode()
    answer.headers[NOTES_HEADER] = text
    return answer


def is_api(request: Request) -> bool:
    """Whether the request is for the JSON API (not its HTML documentation)."""
    path = request.url.path
    return path.startswith("/api/") and path != "/api/docs"


def validation_message(errors: list[dict[str, object]]) -> str:
    """One line naming each bad parameter and what is wrong with it.

    >>> validation_message([{"loc": ("query", "start"), "msg": "Input should be a valid integer"}])
    'start (query): Input should be a valid integer'
    """
    parts = []
    for error in errors:
        loc = [str(p) for p in error.get("loc", ())]  # type: ignore[attr-defined]
        where = f"{loc[-1]} ({loc[0]})" if len(loc) > 1 else ".".join(loc) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


#: A command-line hint in a library message: "; see `bluehelmet operations`" and the like.
_CLI_HINT = re.compile(r"[;,]?\s*(?:see|run|use) `bluehelmet [^`]*`")
#: An option's dashes: "--year 2030" reads "year 2030" on a page.
_DASHES = re.compile(r"(?<![\w-])--(?=\w)")
#: A did-you-mean ending: "; did you mean UNAMSIL, UNAMIR?" or " (did you mean 'region'?)".
_SUGGESTION = re.compile(r"[;,]?\s*\(?did you mean (?P<names>[^?]+)\?\)?\s*$")


def page_words(message: str) -> str:
    """A library message in a page's words: command-line hints and option dashes dropped.

    >>> page_words("unknown operation 'XYZ'; see `bluehelmet operations`")
    "unknown operation 'XYZ'"
    """
    return _DASHES.sub("", _CLI_HINT.sub("", message))


def suggestions(message: str, path: str) -> tuple[str, list[tuple[str, str]]]:
    """The message without its did-you-mean ending, and the names it suggests as (name,
    address) pairs: ``path`` with its last segment replaced by the name.

    >>> text, links = suggestions("no 'UNAMSI'; did you mean UNAMSIL, UNAMIR?", "/operations/X")
    >>> text, links[1]
    ("no 'UNAMSI'", ('UNAMIR', '/operations/UNAMIR'))
    """
    found = _SUGGESTION.search(message)
    if found is None:
        return message, []
    parent = path.rsplit("/", 1)[0]
    names = [n.strip().strip("'\"") for n in found["names"].split(",")]
    return message[: found.start()], [(n, f"{parent}/{quote(n, safe='')}") for n in names if n]


def _answer(request: Request, status: int, message: str, detail: object = None) -> Response:
    if is_api(request):
        body = {"detail": message if detail is None else detail, "message": message}
        return JSONResponse(jsonable_encoder(body), status_code=status)
    title = TITLES.get(status, "Error")
    text, links = page_words(message), list[tuple[str, str]]()
    if status == 404:  # a suggested value of a bad parameter is no page of its own
        text, links = suggestions(text, request.url.path)
    context = {"status": status, "title": title, "message": text, "suggestions": links}
    return page(request, "error.html", status, **context)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = str(exc.detail) if exc.status_code != 404 else f"nothing at {request.url.path}"
    response = _answer(request, exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    return _answer(request, 422, validation_message(errors), errors)


async def _not_found(request: Request, exc: Exception) -> Response:
    return _answer(request, 404, str(exc))


async def _usage(request: Request, exc: Exception) -> Response:
    message = str(exc)
    detail = [{"loc": ["query"], "msg": message, "type": "value_error"}]
    return _answer(request, 422, message, detail)


async def _server_error(request: Request, exc: Exception) -> Response:
    LOG.error("error serving %s", request.url.path, exc_info=exc)
    message = str(exc) if isinstance(exc, BluehelmetError) else "the server could not answer"
    if is_api(request):
        response: Response = JSONResponse({"detail": message, "message": message}, 500)
    else:
        response = Response(f"Server error: {message}", 500, media_type="text/plain")
    response.headers.update({k.decode(): v.decode() for k, v in HEADERS})
    return response


def add_error_handlers(app: FastAPI) -> None:
    """Install the handlers on ``app``."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(UsageError, _usage)
    app.add_exception_handler(BluehelmetError, _server_error)
    app.add_exception_handler(Exception, _server_error)
