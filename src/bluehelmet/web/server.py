"""Run the web application with uvicorn (``bluehelmet serve``)."""

from __future__ import annotations

import ipaddress
import threading

import uvicorn

from bluehelmet.errors import UsageError
from bluehelmet.web.app import create_app
from bluehelmet.web.data import data_version
from bluehelmet.web.limits import WebLimits, uvicorn_options
from bluehelmet.web.sections.register.views import warm_operation_views
from bluehelmet.web.security import allowed_hosts

WARM_THREAD = "warm-operation-views"


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    log_level: str = "warning",
    limits: WebLimits | None = None,
) -> None:
    """Serve the app on ``host:port`` until interrupted (the data are loaded before listening).

    ``limits`` (default :class:`~bluehelmet.web.limits.WebLimits`) bound what one client may
    cost: request-head size, header lines, time to send the head, keep-alive idle time, open
    connections.

    >>> serve(port=0)
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: --port 0 is not a port; use 1-65535
    """
    if not 1 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port; use 1-65535")
    app = create_app(allowed_hosts=allowed_hosts(host))
    data_version()
    # Operation pages' views are built in the background while the server already answers.
    stop = threading.Event()
    panels = tuple(app.state.operation_panels)
    warm = threading.Thread(target=warm_operation_views, args=(panels, stop), name=WARM_THREAD)
    warm.start()
    try:
        uvicorn.run(
            app, host=host, port=port, log_level=log_level, server_header=False,
            **uvicorn_options(limits or WebLimits()),
        )  # fmt: skip
    finally:
        stop.set()
        warm.join()
