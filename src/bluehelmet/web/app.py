"""``create_app()``: the FastAPI application (pages, JSON API, static files, error pages)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from bluehelmet import __version__
from bluehelmet.web import apidocs, assets
from bluehelmet.web.head import HeadAsGet
from bluehelmet.web.http import add_error_handlers
from bluehelmet.web.registry import OPERATION_PANELS, RESOLUTION_PANELS, SECTIONS
from bluehelmet.web.sections import OperationPanel, ResolutionPanel, Section
from bluehelmet.web.sections.register import routes as register_pages
from bluehelmet.web.sections.register.api import router as register_api
from bluehelmet.web.security import LOOPBACK_HOSTS, SecurityHeaders

DESCRIPTION = """Read-only access to the bluehelmet register: peace operations, mandate events,
Security Council resolutions and the data versions. Every list can be downloaded as CSV with
`format=csv`. There is no SQL over HTTP; use `bluehelmet sql` locally."""


def create_app(
    allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
    sections: Sequence[Section] | None = None,
    operation_panels: Sequence[OperationPanel] | None = None,
    resolution_panels: Sequence[ResolutionPanel] | None = None,
) -> FastAPI:
    """The web application. ``allowed_hosts`` are the Host names it answers to (DNS-rebinding
    guard); ``sections``, ``operation_panels`` and ``resolution_panels`` default to
    ``bluehelmet.web.registry``.

    >>> create_app().openapi()["info"]["title"]
    'bluehelmet'
    """
    app = FastAPI(
        title="bluehelmet",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.sections = list(SECTIONS if sections is None else sections)
    app.state.operation_panels = list(
        OPERATION_PANELS if operation_panels is None else operation_panels
    )
    app.state.resolution_panels = list(
        RESOLUTION_PANELS if resolution_panels is None else resolution_panels
    )
    app.include_router(register_api)
    app.include_router(apidocs.router)
    app.include_router(assets.router)
    app.include_router(register_pages.router)
    for section in app.state.sections:
        for section_router in section.routers:
            app.include_router(section_router)
    add_error_handlers(app)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app
