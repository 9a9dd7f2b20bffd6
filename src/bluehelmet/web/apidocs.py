"""``/api/docs``: the API's documentation as a plain page, built from its OpenAPI schema.

(FastAPI's Swagger UI loads scripts from a CDN; this page needs nothing from the network.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from bluehelmet.web.render import page

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Param:
    """One documented parameter."""

    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Endpoint:
    """One documented GET endpoint."""

    path: str
    summary: str
    description: str
    params: tuple[Param, ...]
    csv: bool


def _kind(schema: dict[str, Any]) -> str:
    options = schema.get("anyOf", [schema])
    kinds = []
    for option in options:
        if option.get("type") == "null":
            continue
        enum = option.get("enum") or schema.get("enum")
        if enum:
            kinds.append(" | ".join(map(str, enum)))
            continue
        bounds = [f"{k} {option[k]}" for k in ("minimum", "maximum", "maxLength") if k in option]
        kinds.append(option.get("type", "any") + (f" ({', '.join(bounds)})" if bounds else ""))
    if "default" in schema:
        kinds.append(f"default {schema['default']}")
    return "; ".join(kinds)


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """The GET endpoints of an OpenAPI schema with their parameters, in path order.

    >>> from bluehelmet.web.app import create_app
    >>> paths = [e.path for e in endpoints(create_app().openapi())]
    >>> paths == sorted(paths), "/api/figures/mandates" in paths
    (True, True)
    """
    out = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        op = methods.get("get")
        if op is None:
            continue
        params = tuple(
            Param(
                p["name"],
                p["in"],
                p.get("required", False),
                _kind(p.get("schema", {})),
                p.get("description", ""),
            )
            for p in op.get("parameters", [])
        )
        csv = "text/csv" in op.get("responses", {}).get("200", {}).get("content", {})
        out.append(Endpoint(path, op.get("summary", ""), op.get("description", ""), params, csv))
    return out


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API documentation page."""
    return page(request, "api_docs.html", endpoints=endpoints(request.app.openapi()))
