"""Static files (CSS, JavaScript, icon) served from memory by exact name: no path ever reaches
the file system, so no traversal is possible."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class Asset:
    """One static file's bytes, type and ETag."""

    body: bytes
    media_type: str
    etag: str


@lru_cache(maxsize=1)
def assets() -> dict[str, Asset]:
    """The package's static files by name (only known suffixes).

    >>> "style.css" in assets()
    True
    """
    found = {}
    for item in resources.files("bluehelmet.web").joinpath("static").iterdir():
        suffix = "." + item.name.rsplit(".", 1)[-1]
        if item.is_file() and suffix in TYPES:
            body = item.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            found[item.name] = Asset(body, TYPES[suffix], etag)
    return found


router = APIRouter(include_in_schema=False)


@router.get("/static/{name}")
def static(name: str, request: Request) -> Response:
    """Serve a static file by its exact name; anything else is 404."""
    asset = assets().get(name)
    if asset is None:
        raise HTTPException(404)
    headers = {"ETag": asset.etag, "Cache-Control": "public, max-age=3600"}
    if request.headers.get("if-none-match") == asset.etag:
        return Response(status_code=304, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)
