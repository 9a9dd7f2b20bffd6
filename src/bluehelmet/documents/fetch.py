"""Download Security Council resolutions from the UN's document services.

``bluehelmet corpus fetch 1270 1291 2100-2110`` calls :func:`fetch_resolutions`.
The fetcher is polite (at most one request per ``min_interval`` seconds), retries
time-outs, dropped connections, truncated bodies, 429 and 5xx with exponential
backoff (honouring ``Retry-After``), gives up at once on other 4xx, and is
resumable: a file already on disk whose SHA-256 matches the manifest is skipped.
Every file and the manifest are written atomically (temporary file, then rename),
so a killed download never leaves a partial or corrupt file under its final name.

The URL template defaults to :data:`DEFAULT_URL` and can be set with the
``BLUEHELMET_DOCS_URL`` environment variable or ``FetchConfig(base_url=...)``; it
takes ``{number}`` and ``{year}`` placeholders, the year coming from the packaged
resolutions index.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import mimetypes
import os
import re
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.files import atomic_path
from bluehelmet.paths import cache_dir

DEFAULT_URL = "https://undocs.org/en/S/RES/{number}({year})"
URL_ENV = "BLUEHELMET_DOCS_URL"
MANIFEST = "manifest.json"
ACCEPTED_TYPES = ("application/pdf", "text/html", "text/plain")
_EXTENSIONS = {"application/pdf": "pdf", "text/html": "html", "text/plain": "txt"}
_STALE_TEMP_SECONDS = 3600.0
_SPEC = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def parse_numbers(specs: Iterable[str]) -> list[int]:
    """Turn specs such as ``"1270"`` and ``"2100-2110"`` into resolution numbers.

    Commas also separate specs. Order is kept and duplicates are dropped.

    >>> parse_numbers(["1270", "2100-2102", "1270,1291"])
    [1270, 2100, 2101, 2102, 1291]
    """
    numbers: dict[int, None] = {}
    for spec in specs:
        for part in str(spec).split(","):
            match = _SPEC.match(part)
            if not match:
                raise UsageError(
                    f"bad resolution number {part.strip()!r} in {spec!r}: "
                    "use a number (1270) or a range (2100-2110)"
                )
            first = int(match.group(1))
            last = int(match.group(2)) if match.group(2) else first
            if first < 1 or last < first:
                raise UsageError(
                    f"bad resolution range {part.strip()!r}: numbers start at 1 "
                    "and a range runs from low to high"
                )
            numbers.update(dict.fromkeys(range(first, last + 1)))
    return list(numbers)


def _default_url() -> str:
    return os.environ.get(URL_ENV) or DEFAULT_URL


def _default_out_dir() -> Path:
    return cache_dir() / "documents" / "fetched"


@dataclass(frozen=True)
class FetchConfig:
    """Settings of a fetch run.

    ``base_url`` is a URL template with ``{number}`` and ``{year}`` placeholders
    (default :data:`DEFAULT_URL`, or ``BLUEHELMET_DOCS_URL``). ``max_retries`` counts
    retries after the first attempt; the wait before retry ``k`` (0-based) is
    ``backoff * 2**k`` seconds unless the server sends ``Retry-After``, and never
    more than ``max_wait``.

    >>> FetchConfig(base_url="http://127.0.0.1/{number}/{year}").url(1270, 1999)
    'http://127.0.0.1/1270/1999'
    """

    base_url: str = field(default_factory=_default_url)
    out_dir: Path = field(default_factory=_default_out_dir)
    min_interval: float = 1.0
    max_retries: int = 5
    backoff: float = 1.0
    max_wait: float = 60.0
    timeout: float = 30.0
    accepted_types: tuple[str, ...] = ACCEPTED_TYPES

    def __post_init__(self) -> None:
        if "{number}" not in self.base_url:
            raise UsageError(f"URL template {self.base_url!r} lacks the {{number}} placeholder")
        for name in ("min_interval", "backoff", "max_wait", "max_retries"):
            if getattr(self, name) < 0:
                raise UsageError(f"{name} must not be negative")
        if self.timeout <= 0:
            raise UsageError("timeout must be positive")

    def url(self, number: int, year: int) -> str:
        """The URL of resolution ``number`` adopted in ``year``."""
        try:
            return self.base_url.format(number=number, year=year)
        except (KeyError, IndexError, ValueError) as exc:
            raise UsageError(
                f"URL template {self.base_url!r} is not valid: {exc}; "
                "only {number} and {year} placeholders are allowed"
            ) from None


@dataclass
class FetchReport:
    """What a fetch run did: numbers fetched, skipped (already there) and failed."""

    fetched: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    files: dict[int, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failed

    def summary(self) -> str:
        """One line per outcome, failures with their reason.

        >>> print(FetchReport(fetched=[1270], failed=[(9999, "HTTP 404")]).summary())
        fetched 1, skipped 0, failed 1
          S/RES/9999: HTTP 404
        """
        lines = [
            f"fetched {len(self.fetched)}, skipped {len(self.skipped)}, failed {len(self.failed)}"
        ]
        lines += [f"  S/RES/{number}: {reason}" for number, reason in self.failed]
        return "\n".join(lines)


class _Retry(Exception):
    """A transient failure worth another attempt (``wait``: server-requested delay)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


class _GiveUp(Exception):
    """A failure that another attempt will not fix."""


class _Pacer:
    """Keeps consecutive requests at least ``interval`` seconds apart."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.last: float | None = None

    def wait(self) -> None:
        if self.last is not None:
            delay = self.interval - (time.monotonic() - self.last)
            if delay > 0:
                time.sleep(delay)
        self.last = time.monotonic()


def file_name(number: int, year: int, content_type: str) -> str:
    """The on-disk name of a fetched resolution.

    >>> file_name(1270, 1999, "application/pdf")
    'S-RES-1270(1999).pdf'
    """
    ext = _EXTENSIONS.get(content_type)
    if ext is None:
        guessed = mimetypes.guess_extension(content_type) or ".bin"
        ext = guessed.lstrip(".")
    return f"S-RES-{number}({year}).{ext}"


def sha256_file(path: Path) -> str:
    """SHA-256 hex digest of a file, read in blocks.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_file(p)[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """The manifest of ``out_dir`` (resolution number as text → file record); empty if none.

    >>> import tempfile, pathlib
    >>> read_manifest(pathlib.Path(tempfile.mkdtemp()))
    {}
    """
    path = out_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, dict):
            raise TypeError("'files' is not an object")
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFormatError(
            f"{path}: not a bluehelmet fetch manifest ({exc}); delete it to fetch everything again"
        ) from None
    return files


def _write_manifest(out_dir: Path, files: Mapping[str, dict[str, Any]]) -> None:
    ordered = {key: files[key] for key in sorted(files, key=int)}
    text = json.dumps({"version": 1, "files": ordered}, indent=2, ensure_ascii=False) + "\n"
    with atomic_path(out_dir / MANIFEST) as tmp:
        tmp.write_text(text, encoding="utf-8")


@lru_cache(maxsize=1)
def _index_years() -> dict[int, int]:
    from bluehelmet.register.load import read_table

    df = read_table("resolutions")
    return {int(n): int(y) for n, y in zip(df["number"], df["year"], strict=True)}


def _user_agent() -> str:
    try:
        version = metadata.version("bluehelmet")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"bluehelmet/{version} (research toolkit; polite fetcher)"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _is_present(entry: Mapping[str, Any] | None, out_dir: Path) -> Path | None:
    """The file of a manifest entry when it exists and its checksum still matches."""
    if not entry:
        return None
    path = out_dir / str(entry.get("file", ""))
    if not path.is_file() or path.parent != out_dir:
        return None
    if path.stat().st_size != entry.get("size") or sha256_file(path) != entry.get("sha256"):
        return None
    return path


def _clean_stale_temps(out_dir: Path) -> None:
    """Remove temporary files left by downloads killed more than an hour ago."""
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for tmp in out_dir.glob(".S-RES-*.tmp"):
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass


def _download(
    client: httpx.Client, url: str, number: int, year: int, config: FetchConfig
) -> dict[str, Any]:
    """One attempt: stream ``url`` into its final file atomically; return its manifest record."""
    with client.stream("GET", url, timeout=config.timeout) as response:
        status = response.status_code
        if status == 429:
            raise _Retry(
                "HTTP 429 Too Many Requests", _retry_after(response.headers.get("retry-after"))
            )
        if status >= 500:
            raise _Retry(
                f"HTTP {status} {response.reason_phrase}".strip(),
                _retry_after(response.headers.get("retry-after")),
            )
        if status != 200:
            raise _GiveUp(f"HTTP {status} {response.reason_phrase}".strip())
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in config.accepted_types:
            raise _GiveUp(f"content type {content_type or '(none)'!r} not accepted")
        expected = response.headers.get("content-length")
        target = config.out_dir / file_name(number, year, content_type)
        digest = hashlib.sha256()
        size = 0
        with atomic_path(target) as tmp:
            with tmp.open("wb") as fh:
                for chunk in response.iter_bytes():
                    fh.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            # Content-Length counts the bytes on the wire, before any decompression.
            encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
            received = response.num_bytes_downloaded if encoded else size
            if expected is not None and expected.isdigit() and received != int(expected):
                raise _Retry(f"truncated body ({received} of {expected} bytes)")
            if size == 0:
                raise _Retry("empty body")
        return {
            "file": target.name,
            "sha256": digest.hexdigest(),
            "size": size,
            "url": str(response.url),
            "content_type": content_type,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }


def _fetch_one(
    client: httpx.Client, url: str, number: int, year: int, config: FetchConfig, pacer: _Pacer
) -> dict[str, Any]:
    """Attempt a download up to ``1 + max_retries`` times; raise ``_GiveUp`` on failure."""
    reason = ""
    wait = 0.0
    for attempt in range(config.max_retries + 1):
        if attempt:
            time.sleep(min(wait, config.max_wait))
        pacer.wait()
        try:
            return _download(client, url, number, year, config)
        except _Retry as exc:
            reason = str(exc)
            wait = exc.wait if exc.wait is not None else config.backoff * 2**attempt
        except httpx.TimeoutException as exc:
            reason = f"timed out ({type(exc).__name__})"
            wait = config.backoff * 2**attempt
        except (httpx.NetworkError, httpx.RemoteProtocolError, httpx.DecodingError) as exc:
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
            wait = config.backoff * 2**attempt
        except httpx.HTTPError as exc:
            raise _GiveUp(f"{type(exc).__name__}: {exc}".splitlines()[0]) from None
    attempts = config.max_retries + 1
    raise _GiveUp(f"{reason} (gave up after {attempts} attempt{'s' if attempts > 1 else ''})")


def fetch_resolutions(
    numbers: Iterable[int],
    config: FetchConfig | None = None,
    *,
    client: httpx.Client | None = None,
    progress: bool | None = None,
) -> FetchReport:
    """Download resolutions into ``config.out_dir``; never stops the batch on one failure.

    Files already present with a matching checksum are skipped. ``client`` lets
    callers supply their own :class:`httpx.Client` (its transport, proxies, ...);
    ``progress`` shows a bar (default: only when stderr is a terminal).

    >>> import tempfile, pathlib, httpx
    >>> pdf = lambda request: httpx.Response(
    ...     200, content=b"%PDF-1.4 ...", headers={"Content-Type": "application/pdf"})
    >>> cfg = FetchConfig(base_url="http://example.test/{number}({year})",
    ...                   out_dir=pathlib.Path(tempfile.mkdtemp()), min_interval=0)
    >>> with httpx.Client(transport=httpx.MockTransport(pdf)) as offline:
    ...     report = fetch_resolutions([1270], cfg, client=offline, progress=False)
    >>> report.fetched, report.files[1270].name
    ([1270], 'S-RES-1270(1999).pdf')
    """
    config = config or FetchConfig()
    todo = list(dict.fromkeys(int(n) for n in numbers))
    out_dir = config.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    _clean_stale_temps(out_dir)
    manifest = read_manifest(out_dir)
    report = FetchReport()
    years = _index_years()
    own_client = client is None
    http = client or httpx.Client(
        follow_redirects=True,
        timeout=config.timeout,
        headers={"User-Agent": _user_agent()},
    )
    pacer = _Pacer(config.min_interval)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with _progress_bar(disable=not show) as bar:
            task = bar.add_task("fetching", total=len(todo))
            for number in todo:
                bar.update(task, description=f"S/RES/{number}")
                _fetch_number(http, number, years, manifest, config, pacer, report)
                bar.advance(task)
    finally:
        if own_client:
            http.close()
    return report


def _fetch_number(
    client: httpx.Client,
    number: int,
    years: Mapping[int, int],
    manifest: dict[str, dict[str, Any]],
    config: FetchConfig,
    pacer: _Pacer,
    report: FetchReport,
) -> None:
    """Fetch or skip one resolution, recording the outcome in ``report`` and ``manifest``."""
    key = str(number)
    present = _is_present(manifest.get(key), config.out_dir)
    if present is not None:
        report.skipped.append(number)
        report.files[number] = present
        return
    year = years.get(number)
    if year is None:
        report.failed.append((number, "not in the resolutions index"))
        return
    try:
        record = _fetch_one(client, config.url(number, year), number, year, config, pacer)
    except _GiveUp as exc:
        report.failed.append((number, str(exc)))
        return
    except OSError as exc:
        report.failed.append((number, f"could not write the file: {exc}"))
        return
    old = manifest.get(key)
    if old and old.get("file") != record["file"]:
        (config.out_dir / str(old["file"])).unlink(missing_ok=True)
    manifest[key] = record
    _write_manifest(config.out_dir, manifest)
    report.fetched.append(number)
    report.files[number] = config.out_dir / record["file"]


def _progress_bar(*, disable: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=disable,
    )
