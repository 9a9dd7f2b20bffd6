"""Hostile and unlucky inputs to the resolution fetcher (issue 13, items 1, 3 and 10).

Each test reproduces one failure of the fetcher before its fix: huge ranges expanded before
any check, a tampered manifest deleting files outside the output folder, bodies cut short
without Content-Length, endless responses, "not found" pages served with status 200,
concurrent runs losing manifest entries, an unsynced manifest and jitter-free backoff.
Only loopback servers started by the tests are contacted.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bluehelmet.documents.fetch as fetch_module
from bluehelmet.cli import app
from bluehelmet.documents.fetch import (
    MANIFEST,
    MAX_NUMBERS_ENV,
    FetchConfig,
    backoff_delay,
    fetch_resolutions,
    highest_number,
    parse_numbers,
    read_manifest,
)
from bluehelmet.errors import DataFormatError, UsageError
from tests.documents.test_fetch import (
    Faults,
    Handler,
    body,
    dir_names,
    fault_server,
    fetch,
    html_body,
    pdf_path,
)

NOT_FOUND_PAGE = (
    b"<!DOCTYPE html><html><head><title>Document Not Found</title></head>"
    b"<body><h1>The document you requested is not available</h1>"
    b"<p>Please check the symbol and try again.</p>" + b" " * 400 + b"</body></html>\n"
)
ENDLESS_CHUNK = b"%PDF-1.4 " + b"x" * 65_527


class HostileHandler(Handler):
    """The fault server's handler with the hostile answers of issue 13."""

    def act(self, action: str, number: int, data: bytes, faults: Faults) -> None:
        if action == "cut-no-length":  # half a PDF, no Content-Length, connection closed
            self.raw(data[: len(data) // 2], "application/pdf")
        elif action == "html-cut-no-length":
            page = html_body(number)
            self.raw(page[: len(page) // 2], "text/html")
        elif action == "endless":  # no Content-Length, never ends (30 MB at most)
            self.raw(b"", "application/pdf")
            for _ in range(30 * 16):
                self.wfile.write(ENDLESS_CHUNK)
        elif action == "huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            self.wfile.write(data)
        elif action == "not-found-page":
            self.send(200, NOT_FOUND_PAGE, "text/html; charset=utf-8")
        elif action == "html-as-pdf":
            self.send(200, html_body(number), "application/pdf")
        elif action == "gate":  # hold the answer until the test opens the gate
            faults.release.wait(20)
            self.send(200, data, "application/pdf")
        else:
            super().act(action, number, data, faults)

    def raw(self, content: bytes, ctype: str) -> None:
        """Answer 200 without Content-Length: the body ends when the connection closes."""
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(content)
        self.wfile.flush()
        self.close_connection = True


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Faults]:
    monkeypatch.delenv(MAX_NUMBERS_ENV, raising=False)
    with fault_server(monkeypatch, HostileHandler) as faults:
        yield faults


@pytest.fixture
def config(server: Faults, tmp_path: Path) -> FetchConfig:
    return FetchConfig(
        base_url=server.url,
        out_dir=tmp_path / "fetched",
        min_interval=0,
        max_retries=2,
        backoff=0.01,
        max_wait=1,
        timeout=5,
        seed=13,
    )


def run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stderr


# --- item 1: ranges are checked before expansion -------------------------------------------


@pytest.fixture
def no_big_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail at once if the fetcher expands a range of more than 10,000 numbers."""

    def guarded(*args: int) -> range:
        numbers = range(*args)
        assert len(numbers) <= 10_000, f"expanded {numbers} before checking it"
        return numbers

    monkeypatch.setattr(fetch_module, "range", guarded, raising=False)


@pytest.mark.usefixtures("no_big_ranges")
@pytest.mark.parametrize("spec", ["1-99999999", "2600-99999999", "1270,5000-6000"])
def test_range_past_the_index_is_refused_before_expansion(spec: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_numbers([spec])
    message = str(info.value)
    assert "\n" not in message
    assert str(highest_number()) in message
    assert any(repr(part) in message for part in spec.split(","))


def test_highest_number_covers_the_index_and_the_un_corpus() -> None:
    assert highest_number() >= 3000
    assert parse_numbers(["2825"]) == [2825]  # in the UN's XML corpus, not yet in the index
    with pytest.raises(UsageError):
        parse_numbers([str(highest_number() + 1)])


@pytest.mark.usefixtures("no_big_ranges")
def test_count_over_the_cap_is_refused_and_overridable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_NUMBERS_ENV, raising=False)
    with pytest.raises(UsageError) as info:
        parse_numbers(["1-600", "601-1200"])
    message = str(info.value)
    assert "'601-1200'" in message and "1000" in message and MAX_NUMBERS_ENV in message
    assert len(parse_numbers(["1-600", "1-600"])) == 600  # duplicates do not count
    assert len(parse_numbers(["1-1200"], limit=1200)) == 1200
    monkeypatch.setenv(MAX_NUMBERS_ENV, "2000")
    assert len(parse_numbers(["1-1200"])) == 1200
    monkeypatch.setenv(MAX_NUMBERS_ENV, "lots")
    with pytest.raises(UsageError, match=MAX_NUMBERS_ENV):
        parse_numbers(["1"])


@pytest.mark.usefixtures("no_big_ranges")
def test_cli_refuses_huge_range_in_one_line(tmp_path: Path) -> None:
    code, err = run_cli("corpus", "fetch", "1-99999999", "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.count("\n") == 1 and "'1-99999999'" in err
    assert not (tmp_path / "out").exists()


def test_fetch_resolutions_caps_numbers_without_listing_them(tmp_path: Path) -> None:
    def endless() -> Iterator[int]:
        yield from range(1, 10_001)
        raise AssertionError("read 10,000 numbers past a cap of 5")

    config = FetchConfig(base_url="http://127.0.0.1:9/{number}", out_dir=tmp_path, max_numbers=5)
    with pytest.raises(UsageError, match="at most 5"):
        fetch_resolutions(endless(), config, progress=False)
    assert list(tmp_path.iterdir()) == []


# --- item 3: a tampered manifest never reaches outside the output folder -------------------


def plant_manifest(out_dir: Path, file: str) -> bytes:
    out_dir.mkdir(parents=True, exist_ok=True)
    entry = {"file": file, "sha256": "0" * 64, "size": 1, "url": "x", "content_type": "x"}
    text = json.dumps({"version": 1, "files": {"1270": entry}}).encode()
    (out_dir / MANIFEST).write_bytes(text)
    return text


def tampered_names(tmp_path: Path) -> list[str]:
    victim = tmp_path / "victim.txt"
    return ["../victim.txt", str(victim), "sub/../../victim.txt", "link.txt"]


@pytest.mark.parametrize("which", range(4))
def test_tampered_manifest_touches_nothing(
    which: int, server: Faults, config: FetchConfig, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    name = tampered_names(tmp_path)[which]
    planted = plant_manifest(config.out_dir, name)
    (config.out_dir / "link.txt").symlink_to(victim)
    before = dir_names(config)
    with pytest.raises(DataFormatError) as info:
        fetch([1270], config)
    message = str(info.value)
    assert "\n" not in message
    assert str(config.out_dir / MANIFEST) in message and "1270" in message
    assert repr(name) in message and "delete" in message
    assert victim.read_text() == "precious"
    assert (config.out_dir / MANIFEST).read_bytes() == planted
    assert dir_names(config) == before
    assert sum(server.hits.values()) == 0


def test_cli_with_tampered_manifest_keeps_the_victim(server: Faults, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    plant_manifest(out, "../victim.txt")
    env = {"BLUEHELMET_DOCS_URL": server.url}
    code, err = run_cli("corpus", "fetch", "1270", "--out", str(out), env=env)
    assert code == 65
    assert err.count("\n") == 1 and "'../victim.txt'" in err
    assert victim.read_text() == "precious"
    assert sum(server.hits.values()) == 0


@pytest.mark.parametrize(
    "files",
    [{"abc": {"file": "S-RES-1(1946).pdf"}}, {"1270": "S-RES-1270(1999).pdf"}, {"1270": {}}],
)
def test_malformed_manifest_entries_are_one_line_errors(tmp_path: Path, files: object) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps({"version": 1, "files": files}))
    with pytest.raises(DataFormatError) as info:
        read_manifest(tmp_path)
    assert "\n" not in str(info.value) and MANIFEST in str(info.value)


# --- item 10: robustness of the fetcher ---------------------------------------------------


def test_pdf_cut_short_without_content_length_is_retried(
    server: Faults, config: FetchConfig
) -> None:
    server.plan(1270, "cut-no-length", "ok")
    report = fetch([1270], config)
    assert report.fetched == [1270] and server.hits[1270] == 2
    assert pdf_path(config, 1270).read_bytes() == body(1270)


def test_pdf_always_cut_short_is_never_recorded(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "cut-no-length")
    report = fetch([1270], config)
    [(_, reason)] = report.failed
    assert "%%EOF" in reason and reason.endswith("(gave up after 3 attempts)")
    assert dir_names(config) == set()


def test_html_cut_short_without_content_length_is_retried(
    server: Faults, config: FetchConfig
) -> None:
    server.plan(2100, "html-cut-no-length", "html")
    report = fetch([2100], config)
    assert report.fetched == [2100] and server.hits[2100] == 2
    assert (config.out_dir / "S-RES-2100(2013).html").read_bytes() == html_body(2100)


def test_tiny_body_is_not_a_resolution(tmp_path: Path) -> None:
    import httpx

    def tiny(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"ok", headers={"Content-Type": "text/plain"})

    cfg = FetchConfig(
        base_url="http://mock.test/{number}", out_dir=tmp_path, min_interval=0, max_retries=1
    )
    cfg = FetchConfig(**{**cfg.__dict__, "backoff": 0})
    with httpx.Client(transport=httpx.MockTransport(tiny)) as client:
        report = fetch_resolutions([1270], cfg, client=client, progress=False)
    [(_, reason)] = report.failed
    assert "2 bytes" in reason
    assert list(tmp_path.iterdir()) == []


def test_endless_response_stops_at_the_size_cap(server: Faults, config: FetchConfig) -> None:
    capped = FetchConfig(**{**config.__dict__, "max_bytes": 1_000_000})
    server.plan(1270, "endless")
    report = fetch([1270], capped)
    [(_, reason)] = report.failed
    assert "1,000,000-byte" in reason
    assert server.hits[1270] == 1  # another attempt would not help
    assert dir_names(capped) == set()


def test_declared_size_over_the_cap_is_refused_unread(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "huge-declared")
    report = fetch([1270], config)
    [(_, reason)] = report.failed
    assert "1,000,000,000" in reason and str(20 * 1024 * 1024) in reason.replace(",", "")
    assert server.hits[1270] == 1
    assert dir_names(config) == set()


def test_default_size_cap_is_20_mib() -> None:
    assert FetchConfig(base_url="http://x/{number}").max_bytes == 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("action", "words"), [("not-found-page", "not available"), ("html-as-pdf", "%PDF")]
)
def test_200_page_that_is_not_the_document_is_rejected(
    server: Faults, config: FetchConfig, action: str, words: str
) -> None:
    server.plan(1270, action)
    server.plan(1291, "ok")
    report = fetch([1270, 1291], config)
    [(number, reason)] = report.failed
    assert number == 1270 and words in reason
    assert server.hits[1270] == 1
    assert sorted(read_manifest(config.out_dir)) == ["1291"]
    assert dir_names(config) == {MANIFEST, "S-RES-1291(2000).pdf"}


def test_concurrent_fetchers_keep_each_others_entries(server: Faults, config: FetchConfig) -> None:
    server.plan(1270, "gate")
    first = threading.Thread(target=fetch, args=([1270], config))
    first.start()
    try:
        while server.hits[1270] == 0:  # the first run has read the manifest and is waiting
            threading.Event().wait(0.01)
        assert fetch([1291, 2100], config).fetched == [1291, 2100]
    finally:
        server.release.set()
        first.join(30)
    assert sorted(read_manifest(config.out_dir)) == ["1270", "1291", "2100"]
    assert dir_names(config) == {MANIFEST, *(pdf_path(config, n).name for n in (1270, 1291, 2100))}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name descriptors")
def test_manifest_is_fsynced_before_rename(
    server: Faults, config: FetchConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        with contextlib.suppress(OSError):
            synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(fetch_module.os, "fsync", spy)
    fetch([1270], config)
    assert any(Path(p).name.startswith(f".{MANIFEST}.") for p in synced)
    assert str(config.out_dir.resolve()) in synced  # the rename itself is made durable


def test_backoff_has_seedable_jitter(
    server: Faults, config: FetchConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(fetch_module.time, "sleep", waits.append)
    server.plan(1270, "500", "500", "ok")
    fetch([1270], config)
    server.plan(1291, "500", "500", "ok")
    fetch([1291], config)
    assert len(waits) == 4
    plain = [config.backoff * 2**k for k in (0, 1)]
    assert waits[:2] != plain  # jittered ...
    assert waits[:2] == waits[2:]  # ... and reproducible with the same seed
    for wait, base in zip(waits, plain * 2, strict=True):
        assert base * (1 - config.jitter) <= wait <= base * (1 + config.jitter)


def test_backoff_delay_bounds() -> None:
    import random

    cfg = FetchConfig(base_url="http://x/{number}", backoff=1, max_wait=5, jitter=0.5)
    delays = [backoff_delay(3, cfg, random.Random(seed)) for seed in range(50)]
    assert all(d <= 5 for d in delays)  # 8 s before jitter, capped
    assert len({backoff_delay(1, cfg, random.Random(s)) for s in range(50)}) > 10
    assert backoff_delay(1, cfg, random.Random(1), server_wait=3.0) == 3.0
