"""`bluehelmet serve` under hostile clients: huge heads, many header lines, slow heads.

The real server (``serve``) runs in a subprocess on a free 127.0.0.1 port with small limits;
the clients are raw sockets. Without the guards uvicorn buffers a head of any size and holds
a half-sent head for ever.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

LIMITS = "WebLimits(max_header_bytes=4096, max_headers=30, header_timeout=1.5)"
SERVER = (
    "from bluehelmet.web.server import serve; from bluehelmet.web.limits import WebLimits; "
    f"serve(port={{port}}, log_level='error', limits={LIMITS})"
)
HEAD = b"GET /api/versions HTTP/1.1\r\nHost: 127.0.0.1\r\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[int, int]]:
    """(port, pid) of a running ``serve`` with small limits."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-c", SERVER.format(port=port)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, "server exited"
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/versions", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def _answer(sock: socket.socket, timeout: float = 5) -> tuple[bytes, float]:
    """Everything the server sends until it closes the socket, and the seconds it took."""
    sock.settimeout(timeout)
    start, data = time.monotonic(), b""
    while chunk := sock.recv(65536):
        data += chunk
    return data, time.monotonic() - start


def _send(port: int, data: bytes) -> tuple[bytes, float]:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        with contextlib.suppress(OSError):  # the server may close before reading all of it
            sock.sendall(data)
        return _answer(sock)


def _rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(x for x in status.splitlines() if x.startswith("VmRSS:")).split()[1])


def test_an_ordinary_request_still_works(server: tuple[int, int]) -> None:
    response = httpx.get(f"http://127.0.0.1:{server[0]}/api/versions", timeout=5)
    assert response.status_code == 200


def test_a_header_line_over_the_size_limit_gets_431(server: tuple[int, int]) -> None:
    data, seconds = _send(server[0], HEAD + b"X-Big: " + b"a" * 8000 + b"\r\n\r\n")
    assert data.startswith(b"HTTP/1.1 431 ") and seconds < 1


def test_an_unfinished_oversized_head_is_refused_before_its_end(server: tuple[int, int]) -> None:
    data, seconds = _send(server[0], HEAD + b"X-Big: " + b"a" * 20_000)
    assert data.startswith(b"HTTP/1.1 431 ") and seconds < 1  # not the 1.5 s head timeout


def test_too_many_header_lines_get_431(server: tuple[int, int]) -> None:
    lines = b"".join(b"X-H%d: 1\r\n" % i for i in range(40))
    data, _ = _send(server[0], HEAD + lines + b"\r\n")
    assert data.startswith(b"HTTP/1.1 431 ")


def _settled_rss_kb(pid: int) -> int:
    """The server's resident memory once it stops growing on its own (caches a server warms
    in the background after start, e.g. with the shared data present), at most 30 s."""
    last, deadline = _rss_kb(pid), time.monotonic() + 30
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _rss_kb(pid)
        if abs(now - last) < 512:
            return now
        last = now
    return last


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_unfinished_huge_heads_do_not_grow_the_server(server: tuple[int, int]) -> None:
    port, pid = server
    before = _settled_rss_kb(pid)
    sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(10)]
    try:
        for sock in sockets:
            sock.settimeout(5)
            with contextlib.suppress(OSError):
                sock.sendall(HEAD + b"X-Big: " + b"a" * 2_000_000)
        time.sleep(0.3)
        grown_mb = (_rss_kb(pid) - before) / 1024
    finally:
        for sock in sockets:
            sock.close()
    # ten 2 MB heads held would add 20 MB or more; 12 leaves room for a loaded machine's noise
    assert grown_mb < 12


def test_a_slow_head_is_dropped_within_the_timeout(server: tuple[int, int]) -> None:
    with socket.create_connection(("127.0.0.1", server[0])) as sock:
        sock.sendall(HEAD[:20])
        data, seconds = _answer(sock)
    assert data.startswith(b"HTTP/1.1 408 ") and 1 <= seconds < 4


def test_a_silent_client_is_dropped_within_the_timeout(server: tuple[int, int]) -> None:
    with socket.create_connection(("127.0.0.1", server[0])) as sock:
        _, seconds = _answer(sock)
    assert seconds < 4
