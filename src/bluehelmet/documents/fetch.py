"""Download Security Council resolutions from the UN's document services.

``bluehelmet corpus fetch 1270 1291 2100-2110`` calls :func:`fetch_resolutions`.
The fetcher is polite (at most one request per ``min_interval`` seconds), retries
time-outs, dropped connections, truncated bodies, 429 and 5xx with exponential
backoff and random jitter (honouring ``Retry-After``), gives up at once on other 4xx,
and is resumable: a file already on disk whose SHA-256 matches the manifest is skipped.
Every file and the manifest are written atomically (temporary file, fsync, then rename),
so a killed download never leaves a partial or corrupt file under its final name.

Hostile and unlucky inputs (see ``docs/security.md``, "Fetching"):

- number specs are checked against :func:`highest_number` before a range is expanded,
  and one run fetches at most ``BLUEHELMET_FETCH_MAX`` (default 1000) numbers;
- every file named in the manifest must resolve to a file directly inside the output
  folder, otherwise the run stops before touching anything;
- a body is complete only if it matches its ``Content-Length``, is at least
  ``min_bytes`` long, and (PDF) starts with ``%PDF-`` and ends with a ``%%EOF`` trailer or
  (HTML) has a closing ``</html>``; a 200 HTML page saying the document is not found or not
  available is refused; a body over ``max_bytes`` (default 20 MiB) is not read further;
- the manifest is updated under an exclusive lock on the output folder, merging with what
  other runs recorded meanwhile.

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
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bluehelmet import __version__
from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.files import atomic_path, read_limited
from bluehelmet.paths import cache_dir

DEFAULT_URL = "https://undocs.org/en/S/RES/{number}({year})"
URL_ENV = "BLUEHELMET_DOCS_URL"
MANIFEST = "manifest.json"
ACCEPTED_TYPES = ("application/pdf", "text/html", "text/plain")
USER_AGENT = f"bluehelmet/{__version__} (research toolkit; polite fetcher)"
#: Numbers up to this are always accepted (the UN's XML corpus reaches 2825).
HIGHEST_FLOOR = 3000
#: Numbers up to the resolutions index's highest plus this margin are accepted.
INDEX_MARGIN = 200
#: How many resolutions one run may fetch, unless ``BLUEHELMET_FETCH_MAX`` says otherwise.
DEFAULT_MAX_NUMBERS = 1000
MAX_NUMBERS_ENV = "BLUEHELMET_FETCH_MAX"
#: The largest response read (decoded bytes); a longer one is abandoned.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: The shortest body taken for a resolution.
DEFAULT_MIN_BYTES = 256
_EXTENSIONS = {"application/pdf": "pdf", "text/html": "html", "text/plain": "txt"}
_STALE_TEMP_SECONDS = 3600.0
_SPEC = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
_MAX_DIGITS = 9
_HEAD_BYTES = 16 * 1024
_TAIL_BYTES = 4 * 1024
_PDF_TRAILER_WINDOW = 1024
_NOT_FOUND = re.compile(
    r"not\s+found|not\s+available|no\s+longer\s+available|does\s+not\s+exist|"
    r"no\s+such\s+document|cannot\s+be\s+found|could\s+not\s+be\s+found|\b404\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"<(title|h1|h2)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SHORT_PAGE_CHARS = 2000


@lru_cache(maxsize=1)
def _index_years() -> dict[int, int]:
    from bluehelmet.register.load import read_table

    df = read_table("resolutions")
    return {int(n): int(y) for n, y in zip(df["number"], df["year"], strict=True)}


def highest_number() -> int:
    """The highest resolution number accepted: the index's highest plus
    :data:`INDEX_MARGIN`, and at least :data:`HIGHEST_FLOOR`.

    >>> highest_number() >= HIGHEST_FLOOR
    True
    """
    return max(max(_index_years(), default=0) + INDEX_MARGIN, HIGHEST_FLOOR)


def default_max_numbers() -> int:
    """How many resolutions one run may fetch: ``BLUEHELMET_FETCH_MAX``, default 1000.

    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_FETCH_MAX": "3000"}):
    ...     default_max_numbers()
    3000
    """
    raw = os.environ.get(MAX_NUMBERS_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_NUMBERS
    if not raw.isdecimal() or int(raw) < 1:
        raise UsageError(f"{MAX_NUMBERS_ENV}={raw!r} is not a positive whole number; e.g. 3000")
    return int(raw)


def parse_numbers(
    specs: Iterable[str], *, highest: int | None = None, limit: int | None = None
) -> list[int]:
    """Turn specs such as ``"1270"`` and ``"2100-2110"`` into resolution numbers.

    Commas also separate specs. Order is kept and duplicates are dropped. Each range is
    checked against ``highest`` (default :func:`highest_number`) before it is expanded,
    and the request may name at most ``limit`` numbers (default
    :func:`default_max_numbers`).

    >>> parse_numbers(["1270", "2100-2102", "1270,1291"])
    [1270, 2100, 2101, 2102, 1291]
    """
    highest = highest_number() if highest is None else highest
    limit = default_max_numbers() if limit is None else limit
    numbers: dict[int, None] = {}
    for spec in specs:
        for part in str(spec).split(","):
            first, last = _parse_part(part, str(spec), highest)
            numbers.update(dict.fromkeys(range(first, last + 1)))
            if len(numbers) > limit:
                raise UsageError(
                    f"{part.strip()!r} takes the request past {limit} resolutions, the most "
                    f"one run fetches; split the request or raise {MAX_NUMBERS_ENV}"
                )
    return list(numbers)


def _parse_part(part: str, spec: str, highest: int) -> tuple[int, int]:
    """The first and last number of one spec part, checked but not expanded."""
    match = _SPEC.match(part)
    if not match:
        raise UsageError(
            f"bad resolution number {part.strip()!r} in {spec!r}: "
            "use a number (1270) or a range (2100-2110)"
        )
    first = _bounded_int(match.group(1))
    last = _bounded_int(match.group(2)) if match.group(2) else first
    if first < 1 or last < first:
        raise UsageError(
            f"bad resolution range {part.strip()!r}: numbers start at 1 "
            "and a range runs from low to high"
        )
    if last > highest:
        raise UsageError(
            f"resolution number {part.strip()!r} goes past {highest}, the highest fetched "
            f"(the resolutions index ends at {max(_index_years(), default=0)}); "
            f"ask for numbers up to {highest}"
        )
    return first, last


def _bounded_int(digits: str) -> int:
    """``digits`` as an int; very long numbers become a value past any limit."""
    return int(digits) if len(digits) <= _MAX_DIGITS else 10**_MAX_DIGITS


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
    ``backoff * 2**k`` seconds times a random factor in ``1 ± jitter`` (``seed`` makes it
    reproducible) unless the server sends ``Retry-After``, and never more than
    ``max_wait``. A response over ``max_bytes`` is abandoned, one under ``min_bytes``
    retried; a run fetches at most ``max_numbers`` resolutions.

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
    max_bytes: int = DEFAULT_MAX_BYTES
    min_bytes: int = DEFAULT_MIN_BYTES
    max_numbers: int = field(default_factory=default_max_numbers)
    jitter: float = 0.5
    seed: int | None = None

    def __post_init__(self) -> None:
        if "{number}" not in self.base_url:
            raise UsageError(f"URL template {self.base_url!r} lacks the {{number}} placeholder")
        for name in ("min_interval", "backoff", "max_wait", "max_retries", "min_bytes"):
            if getattr(self, name) < 0:
                raise UsageError(f"{name} must not be negative")
        for name in ("timeout", "max_bytes", "max_numbers"):
            if getattr(self, name) <= 0:
                raise UsageError(f"{name} must be positive")
        if not 0 <= self.jitter <= 1:
            raise UsageError("jitter must be between 0 and 1")

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

    Every entry is checked: its key is a number and its file lies directly inside
    ``out_dir`` (after resolving ``..`` and symbolic links); otherwise a one-line
    :class:`DataFormatError` names the manifest, the entry and what to do.

    >>> import tempfile, pathlib
    >>> read_manifest(pathlib.Path(tempfile.mkdtemp()))
    {}
    """
    path = out_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(read_limited(path, what="fetch manifest").decode("utf-8"))
        files = data["files"]
        if not isinstance(files, dict):
            raise TypeError("'files' is not an object")
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFormatError(
            f"{path}: not a bluehelmet fetch manifest ({exc}); delete it to fetch everything again"
        ) from None
    for key, entry in files.items():
        _check_entry(path, key, entry)
    return files


def _check_entry(path: Path, key: object, entry: object) -> None:
    """Refuse a manifest entry that is malformed or names a file outside its folder."""
    fix = f"delete the entry or {path} to fetch it again"
    if not (isinstance(key, str) and key.isascii() and key.isdigit()):
        raise DataFormatError(f"{path}: entry {key!r} is not a resolution number; {fix}")
    name = entry.get("file") if isinstance(entry, dict) else None
    if not isinstance(name, str) or not name:
        raise DataFormatError(f"{path}: entry {key!r} names no file; {fix}")
    if not is_inside(path.parent, name):
        raise DataFormatError(
            f"{path}: entry {key!r} names file {name!r}, which is not directly inside "
            f"{path.parent}; nothing was changed: {fix}"
        )


def is_inside(folder: Path, name: str) -> bool:
    """True when ``folder / name``, once ``..`` and symbolic links are resolved, is a
    file directly inside ``folder`` (itself resolved).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [is_inside(folder, name) for name in ("S-RES-1270(1999).pdf", "../x", "/etc")]
    [True, False, False]
    """
    try:
        root = folder.resolve()
        target = (folder / name).resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    return target.is_relative_to(root) and target.parent == root


@contextmanager
def manifest_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` (``flock`` on the folder itself, so no lock
    file is left behind) while the manifest is read, merged and written. Without
    ``fcntl`` (Windows) it does not lock.

    >>> import tempfile, pathlib
    >>> with manifest_lock(pathlib.Path(tempfile.mkdtemp())):
    ...     pass
    """
    if sys.platform == "win32":
        yield
        return
    import fcntl

    fd = os.open(out_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_manifest(out_dir: Path, files: Mapping[str, dict[str, Any]]) -> None:
    """Write the manifest atomically: temporary file, fsync, rename, fsync of the folder."""
    ordered = {key: files[key] for key in sorted(files, key=int)}
    text = json.dumps({"version": 1, "files": ordered}, indent=2, ensure_ascii=False) + "\n"
    with atomic_path(out_dir / MANIFEST) as tmp, tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    _fsync_dir(out_dir)


def _fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (a no-op where folders cannot be opened)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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


def backoff_delay(
    attempt: int, config: FetchConfig, rng: random.Random, server_wait: float | None = None
) -> float:
    """Seconds to wait before retry ``attempt`` (0-based): ``server_wait`` if the server
    asked, else ``backoff * 2**attempt`` times a random factor in ``1 ± jitter``; at most
    ``max_wait`` either way.

    >>> cfg = FetchConfig(base_url="http://x/{number}", backoff=1, jitter=0)
    >>> backoff_delay(2, cfg, random.Random(0)), backoff_delay(10, cfg, random.Random(0))
    (4.0, 60.0)
    """
    if server_wait is not None:
        return min(server_wait, config.max_wait)
    base = config.backoff * 2.0 ** min(attempt, 60)
    factor = rng.uniform(1 - config.jitter, 1 + config.jitter)
    return min(base * factor, config.max_wait)


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
    for tmp in [*out_dir.glob(".S-RES-*.tmp"), *out_dir.glob(f".{MANIFEST}.*.tmp")]:
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass


@dataclass
class _Body:
    """What streaming a response left: its size, digest and first and last bytes."""

    size: int = 0
    digest: Any = field(default_factory=hashlib.sha256)
    head: bytes = b""
    tail: bytes = b""

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        self.digest.update(chunk)
        if len(self.head) < _HEAD_BYTES:
            self.head += chunk[: _HEAD_BYTES - len(self.head)]
        self.tail = (self.tail + chunk)[-_TAIL_BYTES:]


def _check_status(response: httpx.Response) -> None:
    """Raise ``_Retry`` on 429 and 5xx, ``_GiveUp`` on any other status but 200."""
    status = response.status_code
    reason = f"HTTP {status} {response.reason_phrase}".strip()
    if status == 429:
        raise _Retry(
            "HTTP 429 Too Many Requests", _retry_after(response.headers.get("retry-after"))
        )
    if status >= 500:
        raise _Retry(reason, _retry_after(response.headers.get("retry-after")))
    if status != 200:
        raise _GiveUp(reason)


def _content_type(response: httpx.Response, config: FetchConfig) -> str:
    """The response's media type, refused unless accepted or if it announces too much."""
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in config.accepted_types:
        raise _GiveUp(f"content type {content_type or '(none)'!r} not accepted")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > config.max_bytes:
        raise _GiveUp(
            f"declared size of {int(declared):,} bytes is over the {config.max_bytes:,}-byte "
            "cap (FetchConfig.max_bytes); not read"
        )
    return content_type


def _stream(response: httpx.Response, tmp: Path, config: FetchConfig) -> _Body:
    """Copy the (decoded) body into ``tmp`` and fsync it, stopping past ``max_bytes``."""
    body = _Body()
    with tmp.open("wb") as fh:
        for chunk in response.iter_bytes():
            body.add(chunk)
            if body.size > config.max_bytes:
                raise _GiveUp(
                    f"response is over the {config.max_bytes:,}-byte cap "
                    "(FetchConfig.max_bytes); stopped reading"
                )
            fh.write(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    return body


def _check_length(response: httpx.Response, size: int) -> None:
    """Retry when fewer bytes came than ``Content-Length`` announced."""
    expected = response.headers.get("content-length")
    # Content-Length counts the bytes on the wire, before any decompression.
    encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
    received = response.num_bytes_downloaded if encoded else size
    if expected is not None and expected.isdigit() and received != int(expected):
        raise _Retry(f"truncated body ({received} of {expected} bytes)")


def check_complete(content_type: str, head: bytes, tail: bytes, size: int, min_bytes: int) -> None:
    """Refuse a body that is not a whole resolution document.

    Too short (under ``min_bytes``), a PDF without its ``%%EOF`` trailer in the last
    1024 bytes or an HTML page without ``</html>`` is retried (``_Retry``); a "PDF" not
    starting with ``%PDF-`` or an HTML page saying the document is not found or not
    available is refused (``_GiveUp``). ``head`` and ``tail`` are the body's first and
    last bytes.

    >>> check_complete("application/pdf", b"%PDF-1.7 ...", b"... %%EOF\\n", 900, 256)
    >>> check_complete("application/pdf", b"%PDF-1.7 ...", b"... obj", 900, 256)
    Traceback (most recent call last):
    ...
    bluehelmet.documents.fetch._Retry: incomplete PDF: no %%EOF trailer in its last 1024 bytes
    """
    if size < min_bytes:
        raise _Retry(f"body of only {size} bytes, under the {min_bytes} of any resolution")
    if content_type == "application/pdf":
        if b"%PDF-" not in head[:1024]:
            raise _GiveUp("not a PDF document (no %PDF- header)")
        if b"%%EOF" not in tail[-_PDF_TRAILER_WINDOW:]:
            raise _Retry("incomplete PDF: no %%EOF trailer in its last 1024 bytes")
    elif content_type == "text/html":
        _check_not_found(head, whole=size <= len(head))
        if b"</html" not in tail.lower():
            raise _Retry("incomplete HTML page: no closing </html>")


def _check_not_found(head: bytes, *, whole: bool) -> None:
    """Refuse an HTML page whose title or headings (or, when short, text) say not found."""
    page = head.decode("utf-8", errors="replace")
    texts = [_TAG.sub(" ", m.group(2)) for m in _HEADING.finditer(page)]
    visible = " ".join(_TAG.sub(" ", page).split())
    if whole and len(visible) < _SHORT_PAGE_CHARS:
        texts.append(visible)
    for text in texts:
        if _NOT_FOUND.search(text):
            said = " ".join(text.split())[:80]
            raise _GiveUp(f"HTML page says the document is not available ({said!r})")


def _download(
    client: httpx.Client, url: str, number: int, year: int, config: FetchConfig
) -> dict[str, Any]:
    """One attempt: stream ``url`` into its final file atomically; return its manifest record."""
    with client.stream("GET", url, timeout=config.timeout) as response:
        _check_status(response)
        content_type = _content_type(response, config)
        target = config.out_dir / file_name(number, year, content_type)
        with atomic_path(target) as tmp:
            body = _stream(response, tmp, config)
            _check_length(response, body.size)
            if body.size == 0:
                raise _Retry("empty body")
            check_complete(content_type, body.head, body.tail, body.size, config.min_bytes)
        _fsync_dir(config.out_dir)
        return {
            "file": target.name,
            "sha256": body.digest.hexdigest(),
            "size": body.size,
            "url": str(response.url),
            "content_type": content_type,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }


@dataclass
class _Run:
    """The state shared by the downloads of one fetch run."""

    client: httpx.Client
    config: FetchConfig
    years: Mapping[int, int]
    manifest: dict[str, dict[str, Any]]
    pacer: _Pacer
    rng: random.Random
    report: FetchReport = field(default_factory=FetchReport)


def _fetch_one(run: _Run, url: str, number: int, year: int) -> dict[str, Any]:
    """Attempt a download up to ``1 + max_retries`` times; raise ``_GiveUp`` on failure."""
    config = run.config
    reason = ""
    wait = 0.0
    for attempt in range(config.max_retries + 1):
        if attempt:
            time.sleep(wait)
        run.pacer.wait()
        try:
            return _download(run.client, url, number, year, config)
        except _Retry as exc:
            reason = str(exc)
            wait = backoff_delay(attempt, config, run.rng, exc.wait)
        except httpx.TimeoutException as exc:
            reason = f"timed out ({type(exc).__name__})"
            wait = backoff_delay(attempt, config, run.rng)
        except (httpx.NetworkError, httpx.RemoteProtocolError, httpx.DecodingError) as exc:
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
            wait = backoff_delay(attempt, config, run.rng)
        except httpx.HTTPError as exc:
            raise _GiveUp(f"{type(exc).__name__}: {exc}".splitlines()[0]) from None
    attempts = config.max_retries + 1
    raise _GiveUp(f"{reason} (gave up after {attempts} attempt{'s' if attempts > 1 else ''})")


def _unique_numbers(numbers: Iterable[int], limit: int) -> list[int]:
    """The distinct numbers in order; a UsageError as soon as there are more than ``limit``."""
    todo: dict[int, None] = {}
    for number in numbers:
        todo[int(number)] = None
        if len(todo) > limit:
            raise UsageError(
                f"more than {limit} resolutions asked for; one run fetches at most {limit} "
                f"(FetchConfig.max_numbers, or {MAX_NUMBERS_ENV} on the command line)"
            )
    return list(todo)


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
    ``progress`` shows a bar (default: only when stderr is a terminal). A manifest
    naming files outside ``out_dir`` stops the run before anything is touched.

    >>> import tempfile, pathlib, httpx
    >>> pdf = lambda request: httpx.Response(200, content=b"%PDF-1.4" + b" " * 300 + b"%%EOF",
    ...                                      headers={"Content-Type": "application/pdf"})
    >>> cfg = FetchConfig(base_url="http://example.test/{number}({year})",
    ...                   out_dir=pathlib.Path(tempfile.mkdtemp()), min_interval=0)
    >>> with httpx.Client(transport=httpx.MockTransport(pdf)) as offline:
    ...     report = fetch_resolutions([1270], cfg, client=offline, progress=False)
    >>> report.fetched, report.files[1270].name
    ([1270], 'S-RES-1270(1999).pdf')
    """
    config = config or FetchConfig()
    todo = _unique_numbers(numbers, config.max_numbers)
    config.out_dir.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(config.out_dir)
    _clean_stale_temps(config.out_dir)
    http = client or httpx.Client(
        follow_redirects=True, timeout=config.timeout, headers={"User-Agent": USER_AGENT}
    )
    run = _Run(
        http,
        config,
        _index_years(),
        manifest,
        _Pacer(config.min_interval),
        random.Random(config.seed),
    )
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with _progress_bar(disable=not show) as bar:
            task = bar.add_task("fetching", total=len(todo))
            for number in todo:
                bar.update(task, description=f"S/RES/{number}")
                _fetch_number(run, number)
                bar.advance(task)
    finally:
        if client is None:
            http.close()
    return run.report


def _fetch_number(run: _Run, number: int) -> None:
    """Fetch or skip one resolution, recording the outcome in the report and manifest."""
    out_dir, report = run.config.out_dir, run.report
    present = _is_present(run.manifest.get(str(number)), out_dir)
    if present is not None:
        report.skipped.append(number)
        report.files[number] = present
        return
    year = run.years.get(number)
    if year is None:
        report.failed.append((number, "not in the resolutions index"))
        return
    try:
        record = _fetch_one(run, run.config.url(number, year), number, year)
    except _GiveUp as exc:
        report.failed.append((number, str(exc)))
        return
    except OSError as exc:
        report.failed.append((number, f"could not write the file: {exc}"))
        return
    run.manifest = _record(out_dir, number, record)
    report.fetched.append(number)
    report.files[number] = out_dir / record["file"]


def _record(out_dir: Path, number: int, record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Merge ``record`` into the manifest on disk under the folder lock; return the result.

    Entries other runs wrote meanwhile are kept; the entry's previous file is removed
    when its name changed (it was checked to lie inside ``out_dir`` when read).
    """
    key = str(number)
    with manifest_lock(out_dir):
        manifest = read_manifest(out_dir)
        old = manifest.get(key)
        if old and old.get("file") != record["file"]:
            (out_dir / str(old["file"])).unlink(missing_ok=True)
        manifest[key] = record
        _write_manifest(out_dir, manifest)
    return manifest


def _progress_bar(*, disable: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=disable,
    )


def fetch(specs: list[str], out: Path | None = None) -> FetchReport:
    """Fetch resolutions given as numbers or ranges ("1270", "2100-2110") into ``out``.

    >>> fetch(["12a"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: bad resolution number '12a' in '12a': use a number (1270) ...
    """
    numbers = parse_numbers(specs)
    config = FetchConfig(out_dir=out) if out is not None else FetchConfig()
    return fetch_resolutions(numbers, config)
