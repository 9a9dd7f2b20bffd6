"""Security headers on every response, and the host names the app answers to.

Pages load only the app's own CSS and JavaScript (no CDN, no inline scripts or styles), may not
be framed, and send no referrer. Answering only to known host names protects a server on
loopback from DNS rebinding.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
_WILDCARD_BINDS = ("0.0.0.0", "::", "")


def allowed_hosts(bind: str) -> list[str]:
    """Host names to accept when serving on ``bind``: loopback names, the bind address itself
    (IPv6 literals in brackets, as in a Host header), or any host when bound to every interface.

    >>> allowed_hosts("127.0.0.1")
    ['127.0.0.1', 'localhost', '[::1]']
    >>> allowed_hosts("0.0.0.0"), allowed_hosts("::1")[-1]
    (['*'], '[::1]')
    """
    if bind in _WILDCARD_BINDS:
        return ["*"]
    return list(dict.fromkeys([*LOOPBACK_HOSTS, f"[{bind}]" if ":" in bind else bind]))


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every HTTP response (errors included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + list(HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)
