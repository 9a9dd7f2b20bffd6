"""Error answers: unknown ids give 404, bad parameters 422 with a message, never a traceback.

Under ``/api`` errors are JSON (``detail`` and a one-line ``message``); elsewhere they are
pages that say what went wrong and where to go next.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from bluehelmet.errors import BluehelmetError, NotFoundError, UsageError
from bluehelmet.web.render import page
from bluehelmet.web.security import HEADERS

LOG = logging.getLogger("bluehelmet.web")
TITLES = {404: "Not found", 405: "Method not allowed", 422: "Bad parameter", 500: "Server error"}


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


def _answer(request: Request, status: int, message: str, detail: object = None) -> Response:
    if is_api(request):
        body = {"detail": message if detail is None else detail, "message": message}
        return JSONResponse(jsonable_encoder(body), status_code=status)
    title = TITLES.get(status, "Error")
    return page(request, "error.html", status, status=status, title=title, message=message)


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
