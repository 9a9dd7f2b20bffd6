"""Limits for ``bluehelmet serve``: request-head size and count, slow heads, idle and busy.

uvicorn's httptools protocol buffers a request head of any size and waits for it for ever;
:class:`GuardedProtocol` adds the missing guards (431 for a head too large or with too many
header lines, 408 and a closed socket for a head not complete in time). Keep-alive timeout,
concurrency limit and graceful-shutdown timeout are uvicorn's own options.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol


@dataclass(frozen=True)
class WebLimits:
    """What one client may cost the server (bytes, counts, seconds)."""

    max_header_bytes: int = 32 * 1024  # request line plus header lines
    max_headers: int = 100  # header lines per request
    header_timeout: float = 10.0  # from connecting, or a request's first byte, to its blank line
    keep_alive_timeout: float = 5.0  # idle time between requests on one connection
    max_concurrency: int = 512  # open connections (or running requests); over it: 503
    shutdown_timeout: float = 5.0  # Ctrl-C waits this long for running requests

    def describe(self) -> str:
        """One line naming every limit.

        >>> WebLimits().describe()
        'head <= 32768 bytes and 100 header lines, head within 10 s, keep-alive 5 s, \
at most 512 connections, shutdown within 5 s'
        """
        return (
            f"head <= {self.max_header_bytes} bytes and {self.max_headers} header lines, "
            f"head within {self.header_timeout:g} s, keep-alive {self.keep_alive_timeout:g} s, "
            f"at most {self.max_concurrency} connections, "
            f"shutdown within {self.shutdown_timeout:g} s"
        )


class _HeadTooLarge(Exception):
    """Raised inside a parser callback to stop parsing a head over the limits."""


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with limits on the request head (see :class:`WebLimits`)."""

    limits: ClassVar[WebLimits] = WebLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True
        self._head_bytes = 0  # bytes received while the head is incomplete
        self._head_seen = 0  # bytes of URL and header lines the parser has handed over
        self._head_lines = 0
        self._too_large = False
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()  # a client that connects and sends nothing is slow too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        counted = self._in_head
        if counted:
            self._arm_head_timer()
            self._head_bytes += len(data)
        super().data_received(data)
        # Still in the same head after this chunk: the buffered part is over the limit.
        if counted and self._in_head and self._head_bytes > self.limits.max_header_bytes:
            self._reject(431, "Request header fields too large.")

    def on_url(self, url: bytes) -> None:
        self._count(len(url), lines=0)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value), lines=1)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._disarm_head_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head, self._head_bytes, self._head_seen, self._head_lines = True, 0, 0, 0

    def send_400_response(self, msg: str) -> None:
        if self._too_large:  # the parser stopped on _HeadTooLarge
            self._reject(431, "Request header fields too large.")
        else:
            super().send_400_response(msg)

    def _count(self, size: int, lines: int) -> None:
        self._head_seen += size
        self._head_lines += lines
        limits = self.limits
        if self._head_seen > limits.max_header_bytes or self._head_lines > limits.max_headers:
            self._too_large = True
            raise _HeadTooLarge

    def _arm_head_timer(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(
                self.limits.header_timeout, self._reject, 408, "Request head not received in time."
            )

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _reject(self, status: int, msg: str) -> None:
        """Answer ``status`` with ``msg`` and close the connection."""
        self._disarm_head_timer()
        if self.transport.is_closing():
            return
        body = msg.encode("ascii")
        head = [STATUS_LINE[status], b"content-type: text/plain; charset=utf-8\r\n"]
        head += [b"content-length: %d\r\n" % len(body), b"connection: close\r\n\r\n"]
        self.transport.write(b"".join([*head, body]))
        self.transport.close()


def uvicorn_options(limits: WebLimits) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` that apply ``limits``.

    >>> options = uvicorn_options(WebLimits(header_timeout=2))
    >>> options["http"].limits.header_timeout, options["timeout_keep_alive"]
    (2, 5.0)
    """
    protocol = type("GuardedProtocol", (GuardedProtocol,), {"limits": limits})
    return {
        "http": protocol,
        "timeout_keep_alive": limits.keep_alive_timeout,
        "limit_concurrency": limits.max_concurrency,
        "timeout_graceful_shutdown": limits.shutdown_timeout,
    }
