"""The fetcher against a local HTTP server that injects faults (no network beyond 127.0.0.1)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bluehelmet.documents.fetch import (
    MANIFEST,
    URL_ENV,
    FetchConfig,
    FetchReport,
    fetch_resolutions,
    parse_numbers,
    read_manifest,
)
from bluehelmet.errors import UsageError

# Years from the packaged resolutions index.
YEARS = {1270: 1999, 1291: 2000, 2100: 2013, 2101: 2013}
SLOW_SECONDS = 1.0
CLIENT_TIMEOUT = 0.3


def body(number: int) -> bytes:
    """The deterministic 'PDF' the server returns for a resolution (200 kB, with its trailer)."""
    trailer = b"\nstartxref\n0\n%%EOF\n"
    return (f"%PDF-1.4 S/RES/{number} ".encode() * 20_000)[: 200_000 - len(trailer)] + trailer


def html_body(number: int) -> bytes:
    """The deterministic HTML page the server returns for a resolution."""
    text = f"The Security Council, ... adopts resolution {number}. " * 10
    page = f"<html><head><title>S/RES/{number}</title></head><body><p>{text}</p></body></html>\n"
    return page.encode()


class Faults:
    """Per-resolution plans of server behaviour and a log of requests received."""

    def __init__(self) -> None:
        self.plans: dict[int, list[str]] = {}
        self.hits: Counter[int] = Counter()
        self.times: list[float] = []
        self.lock = threading.Lock()
        self.partial_sent = threading.Event()
        self.release = threading.Event()
        self.url = ""

    def plan(self, number: int, *actions: str) -> None:
        """Answer the next requests with ``actions`` in turn; the last one repeats."""
        self.plans[number] = list(actions)

    def next_action(self, number: int) -> str:
        with self.lock:
            self.hits[number] += 1
            self.times.append(time.monotonic())
            plan = self.plans.get(number, ["ok"])
            return plan.pop(0) if len(plan) > 1 else plan[0]


class Handler(BaseHTTPRequestHandler):
    server: FaultServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send(self, status: int, content: bytes, ctype: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(content)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(content)

    def do_GET(self) -> None:  # noqa: N802
        match = re.fullmatch(r"/S/RES/(\d+)\((\d+)\)", self.path)
        if not match:
            self.send(400, b"bad path", "text/plain")
            return
        faults = self.server.faults
        number = int(match.group(1))
        action = faults.next_action(number)
        data = body(number)
        # The client may have given up (time-out) or been killed.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.act(action, number, data, faults)

    def act(self, action: str, number: int, data: bytes, faults: Faults) -> None:
        if action == "ok":
            self.send(200, data, "application/pdf")
        elif action == "html":
            self.send(200, html_body(number), "text/html; charset=utf-8")
        elif action == "500":
            self.send(500, b"oops", "text/plain")
        elif action == "503-retry-after":
            self.send(503, b"busy", "text/plain", Retry_After="0")
        elif action == "429":
            self.send(429, b"slow down", "text/plain", Retry_After="0")
        elif action == "429-wait":
            self.send(429, b"slow down", "text/plain", Retry_After="1")
        elif action == "404":
            self.send(404, b"no such document", "text/plain")
        elif action == "json":
            self.send(200, b'{"error": "not a document"}', "application/json")
        elif action == "slow":
            faults.release.wait(SLOW_SECONDS)
            self.send(200, data, "application/pdf")
        elif action in ("truncate", "hang"):
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            if action == "hang":
                faults.partial_sent.set()
                faults.release.wait(30)
            self.close_connection = True
        else:
            raise AssertionError(f"unknown action {action}")


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    faults: Faults


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Faults]:
    with fault_server(monkeypatch, Handler) as faults:
        yield faults


@contextlib.contextmanager
def fault_server(
    monkeypatch: pytest.MonkeyPatch, handler: type[BaseHTTPRequestHandler]
) -> Iterator[Faults]:
    """A loopback server answering with ``handler`` (no proxy in the way); its Faults."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    httpd = FaultServer(("127.0.0.1", 0), handler)
    httpd.faults = Faults()
    port = httpd.server_address[1]
    httpd.faults.url = f"http://127.0.0.1:{port}/S/RES/{{number}}({{year}})"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.faults
    finally:
        httpd.faults.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def config(server: Faults, tmp_path: Path) -> FetchConfig:
    return FetchConfig(
        base_url=server.url,
        out_dir=tmp_path / "fetched",
        min_interval=0,
        max_retries=3,
        backoff=0.01,
        max_wait=2,
        timeout=CLIENT_TIMEOUT,
    )


def fetch(numbers: list[int], config: FetchConfig) -> FetchReport:
    return fetch_resolutions(numbers, config, progress=False)


def pdf_path(config: FetchConfig, number: int) -> Path:
    return config.out_dir / f"S-RES-{number}({YEARS[number]}).pdf"


def dir_names(config: FetchConfig) -> set[str]:
    return {p.name for p in config.out_dir.iterdir()}


# --- parse_numbers ------------------------------------------------------------------------


def test_parse_numbers_singles_ranges_and_duplicates() -> None:
    assert parse_numbers(["1270", "1291", "2100-2103"]) == [1270, 1291, 2100, 2101, 2102, 2103]
    assert parse_numbers(["5", "3-6", " 7 - 7 ", "1,2"]) == [5, 3, 4, 6, 7, 1, 2]


@pytest.mark.parametrize("spec", ["12a", "2110-2100", "0", "", "-5", "1-2-3", "S/RES/1270"])
def test_parse_numbers_rejects_bad_spec_naming_it(spec: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_numbers(["1270", spec])
    assert repr(spec.strip()) in str(info.value)


# --- FetchConfig --------------------------------------------------------------------------


def test_url_template_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(URL_ENV, "https://mirror.example/{year}/{number}.pdf")
    assert FetchConfig().url(1270, 1999) == "https://mirror.example/1999/1270.pdf"
    monkeypatch.delenv(URL_ENV)
    assert FetchConfig().url(1270, 1999) == "https://undocs.org/en/S/RES/1270(1999)"


@pytest.mark.parametrize(
    "kwargs",
    [{"base_url": "https://x.example/no-placeholder"}, {"min_interval": -1}, {"timeout": 0}],
)
def test_bad_config_is_a_usage_error(kwargs: dict[str, object], tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        FetchConfig(out_dir=tmp_path, **kwargs)  # type: ignore[arg-type]


# --- successful fetches and the manifest --------------------------------------------------


def test_fetch_writes_exact_bytes_and_manifest(server: Faults, config: FetchConfig) -> None:
    report = fetch([1270, 1291], config)
    assert report.fetched == [1270, 1291]
    assert report.skipped == [] and report.failed == []
    for number in (1270, 1291):
        assert pdf_path(config, number).read_bytes() == body(number)
        assert report.files[number] == pdf_path(config, number)
    assert server.hits == {1270: 1, 1291: 1}
    assert dir_names(config) == {MANIFEST, "S-RES-1270(1999).pdf", "S-RES-1291(2000).pdf"}
    entry = json.loads((config.out_dir / MANIFEST).read_text())["files"]["1270"]
    assert entry["sha256"] == hashlib.sha256(body(1270)).hexdigest()
    assert entry["size"] == len(body(1270))
    assert entry["url"] == config.url(1270, 1999)
    assert entry["content_type"] == "application/pdf"
    assert entry["file"] == "S-RES-1270(1999).pdf"


def test_html_is_saved_with_its_extension(server: Faults, config: FetchConfig) -> None:
    server.plan(2100, "html")
    report = fetch([2100], config)
    assert report.fetched == [2100]
    assert (config.out_dir / "S-RES-2100(2013).html").read_bytes() == html_body(2100)
    assert read_manifest(config.out_dir)["2100"]["content_type"] == "text/html"


# --- retries ------------------------------------------------------------------------------


def test_server_errors_are_retried_until_ok(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "500", "500", "ok")
    report = fetch([1270], config)
    assert report.fetched == [1270] and report.failed == []
    assert server.hits[1270] == 3
    assert pdf_path(config, 1270).read_bytes() == body(1270)


def test_server_errors_give_up_after_max_retries(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "500")
    report = fetch([1270], config)
    assert report.fetched == []
    assert server.hits[1270] == config.max_retries + 1 == 4
    [(number, reason)] = report.failed
    assert number == 1270
    assert reason == "HTTP 500 Internal Server Error (gave up after 4 attempts)"
    assert dir_names(config) == set()


def test_503_with_retry_after_is_retried(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "503-retry-after", "ok")
    assert fetch([1270], config).fetched == [1270]
    assert server.hits[1270] == 2


def test_429_with_retry_after_zero_is_retried(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "429", "ok")
    report = fetch([1270], config)
    assert report.fetched == [1270]
    assert server.hits[1270] == 2
    assert pdf_path(config, 1270).read_bytes() == body(1270)


def test_429_retry_after_seconds_is_honoured(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "429-wait", "ok")
    fetch([1270], config)
    assert server.hits[1270] == 2
    # backoff would wait 0.01 s; the server asked for 1 s.
    assert server.times[1] - server.times[0] >= 0.95


def test_slow_response_times_out_and_is_retried(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "slow", "ok")
    report = fetch([1270], config)
    assert report.fetched == [1270]
    assert server.hits[1270] == 2
    assert pdf_path(config, 1270).read_bytes() == body(1270)


def test_slow_every_time_fails_as_time_out(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "slow")
    report = fetch([1270], config)
    assert server.hits[1270] == 4
    [(_, reason)] = report.failed
    assert reason.startswith("timed out") and reason.endswith("(gave up after 4 attempts)")


def test_truncated_body_is_retried_and_never_saved(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "truncate", "ok")
    report = fetch([1270], config)
    assert report.fetched == [1270]
    assert server.hits[1270] == 2
    assert pdf_path(config, 1270).read_bytes() == body(1270)
    assert dir_names(config) == {MANIFEST, "S-RES-1270(1999).pdf"}


def test_truncated_every_time_leaves_nothing(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "truncate")
    report = fetch([1270], config)
    assert server.hits[1270] == 4
    assert "RemoteProtocolError" in report.failed[0][1]
    assert dir_names(config) == set()


def test_truncation_detected_from_content_length(tmp_path: Path) -> None:
    """A body shorter than Content-Length is caught even if the transport does not complain."""
    calls: list[int] = []

    def short(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(
            200,
            content=b"%PDF-half",
            headers={"Content-Type": "application/pdf", "Content-Length": "100"},
        )

    cfg = FetchConfig(
        base_url="http://mock.test/{number}({year})",
        out_dir=tmp_path,
        min_interval=0,
        max_retries=2,
        backoff=0,
    )
    with httpx.Client(transport=httpx.MockTransport(short)) as client:
        report = fetch_resolutions([1270], cfg, client=client, progress=False)
    assert report.failed == [(1270, "truncated body (9 of 100 bytes) (gave up after 3 attempts)")]
    assert len(calls) == 3
    assert list(tmp_path.iterdir()) == []


# --- failures without retries -------------------------------------------------------------


def test_404_fails_without_retries(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "404")
    report = fetch([1270], config)
    assert report.failed == [(1270, "HTTP 404 Not Found")]
    assert server.hits[1270] == 1


def test_wrong_content_type_is_a_failure(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "json")
    report = fetch([1270], config)
    assert report.failed == [(1270, "content type 'application/json' not accepted")]
    assert server.hits[1270] == 1
    assert dir_names(config) == set()


def test_number_missing_from_index_fails_without_request(
    server: Faults, config: FetchConfig
) -> None:
    report = fetch([999_999], config)
    assert report.failed == [(999_999, "not in the resolutions index")]
    assert sum(server.hits.values()) == 0


def test_one_failure_never_aborts_the_batch(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "404")
    server.plan(2100, "json")
    report = fetch([1270, 1291, 2100, 2101], config)
    assert report.fetched == [1291, 2101]
    assert [n for n, _ in report.failed] == [1270, 2100]
    assert report.summary().splitlines() == [
        "fetched 2, skipped 0, failed 2",
        "  S/RES/1270: HTTP 404 Not Found",
        "  S/RES/2100: content type 'application/json' not accepted",
    ]
    assert sorted(read_manifest(config.out_dir)) == ["1291", "2101"]


# --- politeness ---------------------------------------------------------------------------


def test_requests_are_spaced_by_min_interval(server: Faults, config: FetchConfig) -> None:
    polite = FetchConfig(**{**config.__dict__, "min_interval": 0.2})
    server.plan(1291, "500", "ok")
    fetch([1270, 1291, 2100], polite)
    assert len(server.times) == 4
    gaps = [b - a for a, b in zip(server.times, server.times[1:], strict=False)]
    assert min(gaps) >= 0.19


# --- resumability and checksums -----------------------------------------------------------


def test_second_run_fetches_nothing(server: Faults, config: FetchConfig) -> None:
    first = fetch([1270, 1291], config)
    assert first.fetched == [1270, 1291]
    second = fetch([1270, 1291], config)
    assert second.fetched == [] and second.failed == []
    assert second.skipped == [1270, 1291]
    assert second.files[1270] == pdf_path(config, 1270)
    assert server.hits == {1270: 1, 1291: 1}


def test_interrupted_batch_resumes_where_it_stopped(server: Faults, config: FetchConfig) -> None:
    server.plan(1291, "404")
    fetch([1270, 1291], config)
    server.plan(1291, "ok")
    report = fetch([1270, 1291], config)
    assert report.skipped == [1270] and report.fetched == [1291]
    assert server.hits == {1270: 1, 1291: 2}


def test_corrupted_file_is_fetched_again(server: Faults, config: FetchConfig) -> None:
    fetch([1270, 1291], config)
    pdf_path(config, 1270).write_bytes(b"%PDF-corrupted")  # same name, wrong bytes
    pdf_path(config, 1291).unlink()  # gone
    report = fetch([1270, 1291], config)
    assert report.fetched == [1270, 1291] and report.skipped == []
    assert server.hits == {1270: 2, 1291: 2}
    assert pdf_path(config, 1270).read_bytes() == body(1270)
    assert pdf_path(config, 1291).read_bytes() == body(1291)


def test_same_size_corruption_is_caught_by_checksum(server: Faults, config: FetchConfig) -> None:
    fetch([1270], config)
    data = bytearray(body(1270))
    data[1000] ^= 0xFF
    pdf_path(config, 1270).write_bytes(bytes(data))
    assert fetch([1270], config).fetched == [1270]
    assert pdf_path(config, 1270).read_bytes() == body(1270)


def test_changed_content_type_replaces_old_file(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "html")
    fetch([1270], config)
    (config.out_dir / "S-RES-1270(1999).html").write_text("damaged")
    server.plan(1270, "ok")
    fetch([1270], config)
    assert dir_names(config) == {MANIFEST, "S-RES-1270(1999).pdf"}


# --- atomic writes ------------------------------------------------------------------------


def break_stream_after_first_chunk(
    monkeypatch: pytest.MonkeyPatch, error: BaseException, out_dir: Path, seen: list[str]
) -> None:
    """Make the body stream fail after one chunk, once a temporary file holds data."""
    original = httpx.Response.iter_bytes

    def broken(self: httpx.Response, chunk_size: int | None = None) -> Iterator[bytes]:
        for chunk in original(self, chunk_size):
            yield chunk
            seen.extend(p.name for p in out_dir.iterdir() if p.name.endswith(".tmp"))
            raise error

    monkeypatch.setattr(httpx.Response, "iter_bytes", broken)


def test_failed_write_leaves_no_partial_file(
    server: Faults, config: FetchConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetch([1291], config)
    seen: list[str] = []
    break_stream_after_first_chunk(
        monkeypatch, OSError(28, "No space left on device"), config.out_dir, seen
    )
    report = fetch([1270, 2100], config)
    assert seen and seen[0].startswith(".S-RES-1270(1999).pdf.")  # a temp file existed
    assert report.fetched == []
    assert [n for n, _ in report.failed] == [1270, 2100]  # the batch went on
    assert report.failed[0][1].startswith("could not write the file")
    assert dir_names(config) == {MANIFEST, "S-RES-1291(2000).pdf"}
    assert sorted(read_manifest(config.out_dir)) == ["1291"]


def test_interrupt_during_write_leaves_no_partial_file(
    server: Faults, config: FetchConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    break_stream_after_first_chunk(monkeypatch, KeyboardInterrupt(), config.out_dir, seen)
    with pytest.raises(KeyboardInterrupt):
        fetch([1270], config)
    assert seen
    assert dir_names(config) == set()
    monkeypatch.undo()
    assert fetch([1270], config).fetched == [1270]
    assert pdf_path(config, 1270).read_bytes() == body(1270)


KILLED_SCRIPT = """
import pathlib, sys
from bluehelmet.documents.fetch import FetchConfig, fetch_resolutions
config = FetchConfig(base_url=sys.argv[1], out_dir=pathlib.Path(sys.argv[2]), min_interval=0)
fetch_resolutions([1270], config, progress=False)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL semantics")
def test_killed_download_never_leaves_a_corrupt_file(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "hang", "ok")
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_SCRIPT, server.url, str(config.out_dir)], env=env
    )
    try:
        assert server.partial_sent.wait(60), "the download never started"
        deadline = time.monotonic() + 30
        temps: list[Path] = []
        while time.monotonic() < deadline:
            temps = [p for p in config.out_dir.glob(".*.tmp") if p.stat().st_size > 0]
            if temps:
                break
            time.sleep(0.02)
        assert temps, "no partial data reached the disk"
    finally:
        proc.kill()
        proc.wait(10)
    # Killed mid-write: only the temporary file, never the final name or a manifest entry.
    assert not pdf_path(config, 1270).exists()
    assert not (config.out_dir / MANIFEST).exists()
    server.release.set()

    report = fetch([1270], config)
    assert report.fetched == [1270]
    assert pdf_path(config, 1270).read_bytes() == body(1270)

    # A temporary file left by a kill more than an hour ago is cleaned up on the next run.
    leftover = temps[0]
    assert leftover.exists()
    old = time.time() - 2 * 3600
    os.utime(leftover, (old, old))
    assert fetch([1270], config).skipped == [1270]
    assert not leftover.exists()
    assert dir_names(config) == {MANIFEST, "S-RES-1270(1999).pdf"}


# --- progress -----------------------------------------------------------------------------


def test_progress_bar_can_be_forced(
    server: Faults, config: FetchConfig, capsys: pytest.CaptureFixture[str]
) -> None:
    report = fetch_resolutions([1270], config, progress=True)
    assert report.fetched == [1270]
    assert "1/1" in capsys.readouterr().err
