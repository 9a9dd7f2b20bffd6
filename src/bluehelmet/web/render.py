"""Render pages: one Jinja environment (autoescaped) and the context every page shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from bluehelmet.layout import cell_class
from bluehelmet.web.data import data_version
from bluehelmet.web.sections import Section

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("bluehelmet.web", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def cell(value: object) -> str:
    """A table cell's text: empty for missing, yes/no for booleans.

    >>> cell(None), cell(17500), cell(True)
    ('', '17500', 'yes')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def path_part(value: object) -> str:
    """A value quoted for one URL path segment (spaces and slashes too).

    >>> path_part("UNAVEM I")
    'UNAVEM%20I'
    """
    return quote(str(value), safe="")


ENV.filters["cell"] = cell
ENV.filters["path_part"] = path_part
ENV.filters["cell_class"] = cell_class


def available_sections(request: Request) -> list[Section]:
    """The optional sections whose data exist now (checked on every page)."""
    return [s for s in request.app.state.sections if s.available()]


def render(template: str, path: str, sections: Sequence[Section], **context: Any) -> str:
    """``template`` rendered with the shared context: data version, navigation, current path.

    >>> context = {"status": 404, "title": "Not found", "message": "m", "suggestions": []}
    >>> "data " in render("error.html", "/x", [], **context)
    True
    """
    return ENV.get_template(template).render(
        version=data_version(), sections=sections, path=path, **context
    )


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The rendered page as a response (see :func:`render`)."""
    html = render(template, request.url.path, available_sections(request), **context)
    return HTMLResponse(html, status_code=status_code)
