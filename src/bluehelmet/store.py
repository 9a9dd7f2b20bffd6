"""The embedded DuckDB store, built from the packaged tables on first use.

The file is named ``store-<package version>-<data hash>.duckdb``, so two checkouts (or two
versions) sharing one cache each keep their own store. A SHA-256 of the whole file, written
beside it (``<store>.sha256``), is checked once per process when the store is opened; a
missing, mismatched or damaged store is rebuilt under a lock file, so concurrent processes
never race. A corruption error while querying rebuilds the store once, then gives up with a
one-line :class:`StoreError` naming the file. Another version's store is never deleted while
in use: only stores unused for :data:`PRUNE_AFTER_DAYS` days are pruned.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from bluehelmet.errors import BluehelmetError
from bluehelmet.paths import PACKAGE_DATA, cache_dir
from bluehelmet.register.load import read_table
from bluehelmet.register.schema import TABLES

try:  # POSIX advisory locks; Windows falls back to msvcrt byte-range locks
    import fcntl
except ImportError:  # pragma: no cover - Windows only
    fcntl = None  # type: ignore[assignment]
    import msvcrt

_CONFIG: dict[str, str | bool | int | float | list[str]] = {"enable_external_access": False}
#: Stores (of any version) not opened for this many days are deleted at the next build.
PRUNE_AFTER_DAYS = 30
_DAY = 86_400.0
#: Temporaries left by the builder before stores were locked (``tmpXXXX.duckdb.tmp[.wal]``)
#: are removed once they are this old: such a build took well under a second.
_LEGACY_TMP_AGE = 600.0
_CORRUPTION_TYPES = (
    duckdb.IOException,
    duckdb.InternalException,
    duckdb.SerializationException,
    duckdb.FatalException,
)
_CORRUPTION_WORDS = ("corrupt", "checksum")
T = TypeVar("T")


class StoreError(BluehelmetError):
    """The DuckDB store is damaged and rebuilding it did not help."""


def data_hash() -> str:
    """Hash of the packaged tables' bytes (first 16 hex digits).

    >>> len(data_hash())
    16
    """
    digest = hashlib.sha256()
    for name in sorted(TABLES):
        digest.update(name.encode())
        digest.update((PACKAGE_DATA / f"{name}.csv").read_bytes())
    return digest.hexdigest()[:16]


def store_file() -> Path:
    """Where this version's store for the current packaged data lives (it may not exist yet).

    >>> store_file().name.startswith("store-")
    True
    """
    from bluehelmet import __version__  # read at call time: the version a test may set

    version = re.sub(r"[^A-Za-z0-9.]+", "_", __version__)
    return cache_dir() / f"store-{version}-{data_hash()}.duckdb"


def checksum_file(path: Path) -> Path:
    """The file beside a store that holds its SHA-256 (``sha256sum -c`` format).

    >>> checksum_file(Path("store-1-ab.duckdb")).name
    'store-1-ab.duckdb.sha256'
    """
    return path.with_name(path.name + ".sha256")


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, in hex (the store is a few MB: milliseconds).

    >>> len(file_sha256(Path(__file__)))
    64
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_sound(path: Path) -> bool:
    """The store exists and its bytes match the checksum recorded when it was built."""
    try:
        recorded = checksum_file(path).read_text(encoding="ascii").split()
        return bool(recorded) and recorded[0] == file_sha256(path)
    except (OSError, UnicodeDecodeError):
        return False


def is_corruption(exc: BaseException) -> bool:
    """Whether a DuckDB error means a damaged store rather than a bad query.

    >>> is_corruption(duckdb.Error("Corrupt database file: computed checksum 1 does not match"))
    True
    >>> is_corruption(duckdb.ParserException("syntax error at or near 'SELEC'"))
    False
    """
    if not isinstance(exc, duckdb.Error):
        return False
    text = str(exc).lower()
    return isinstance(exc, _CORRUPTION_TYPES) or any(word in text for word in _CORRUPTION_WORDS)


@contextmanager
def _locked(path: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the store's lock file (``.<store>.lock``); yields False if busy and not ``wait``."""
    lock = path.with_name(f".{path.name}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        got = _lock_fd(fd, wait)
        try:
            yield got
        finally:
            if got:
                _unlock_fd(fd)
    finally:
        os.close(fd)


def _lock_fd(fd: int, wait: bool) -> bool:
    if fcntl is None:  # pragma: no cover - Windows only
        mode = msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK
        try:
            msvcrt.locking(fd, mode, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock_fd(fd: int) -> None:
    if fcntl is None:  # pragma: no cover - Windows only
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _temporary(path: Path, suffix: str) -> Path:
    """A fresh name ``.<store>.<random><suffix>`` beside the store (hidden, ours alone)."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    os.unlink(name)
    return Path(name)


def _remove_temporaries(path: Path) -> None:
    """Remove what killed builds left (call with the store's lock held, so none is live).

    Only this store's own temporaries (``.<store>.*.tmp*``) and, once stale, the old
    builder's ``tmp*.duckdb.tmp[.wal]`` files in the cache folder: nothing else.
    """
    for leftover in path.parent.glob(f".{path.name}.*.tmp*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    cutoff = time.time() - _LEGACY_TMP_AGE
    for pattern in ("tmp*.duckdb.tmp", "tmp*.duckdb.tmp.wal"):
        for leftover in path.parent.glob(pattern):
            with suppress(OSError):
                if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                    leftover.unlink(missing_ok=True)


def _fill(con: duckdb.DuckDBPyConnection, digest: str) -> None:
    for name, cols in TABLES.items():
        select = ", ".join(
            f'CAST("{c.name}" AS DATE) AS "{c.name}"' if c.kind == "date" else f'"{c.name}"'
            for c in cols
        )
        con.register("frame", read_table(name))
        con.execute(f'CREATE TABLE "{name}" AS SELECT {select} FROM frame')
        con.unregister("frame")
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('data_hash', ?)", [digest])


def _build(path: Path) -> None:
    """Build the store in a temporary file, record its checksum, then move both in place."""
    tmp, tmp_sum = _temporary(path, ".tmp"), _temporary(path, ".sha256.tmp")
    try:
        con = duckdb.connect(str(tmp))
        try:
            _fill(con, data_hash())
        finally:
            con.close()
        tmp_sum.write_text(f"{file_sha256(tmp)}  {path.name}\n", encoding="ascii")
        os.replace(tmp, path)
        os.replace(tmp_sum, checksum_file(path))
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal"), tmp_sum):
            leftover.unlink(missing_ok=True)


def _last_used(path: Path) -> float:
    """Latest of the store's modification/access times and its checksum file's mtime."""
    times = [0.0]
    with suppress(OSError):
        info = path.stat()
        times += [info.st_mtime, info.st_atime]
    with suppress(OSError):
        times.append(checksum_file(path).stat().st_mtime)
    return max(times)


def _mark_used(path: Path) -> None:
    """Touch the checksum file at most once a day, so pruning knows the store is in use."""
    marker = checksum_file(path)
    with suppress(OSError):
        if time.time() - marker.stat().st_mtime > _DAY:
            os.utime(marker)


def _prune(keep: Path) -> None:
    """Delete other stores (any version, and the old ``register-*``) unused for 30 days."""
    cutoff = time.time() - PRUNE_AFTER_DAYS * _DAY
    for pattern in ("store-*.duckdb", "register-*.duckdb"):
        for old in keep.parent.glob(pattern):
            if old == keep or _last_used(old) > cutoff:
                continue
            with _locked(old, wait=False) as free:
                if free:
                    for part in (old, checksum_file(old), Path(f"{old}.wal")):
                        part.unlink(missing_ok=True)


def _ensure(path: Path, suspect: tuple[int, ...] | None = None) -> None:
    """Make ``path`` a sound store: build under the lock unless another process just did.

    ``suspect`` is the identity of a file that failed while being read: it is rebuilt even
    if its checksum matches.
    """
    if suspect is None and _is_sound(path):
        _mark_used(path)
        return
    with _locked(path):
        if _is_sound(path) and (suspect is None or _identity(path) != suspect):
            return
        _remove_temporaries(path)
        _build(path)
        _prune(path)


def store_path() -> Path:
    """Path of a sound store for this version and the current packaged data, built if needed.

    >>> store_path().suffix
    '.duckdb'
    """
    path = store_file()
    _ensure(path)
    return path


def _identity(path: Path) -> tuple[int, ...]:
    with suppress(OSError):
        info = path.stat()
        return (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size)
    return ()


@dataclass(frozen=True)
class _Open:
    path: Path
    connection: duckdb.DuckDBPyConnection
    identity: tuple[int, ...]


_current: _Open | None = None
_open_lock = threading.Lock()


def _signature() -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of each packaged CSV: cheap to read, changes with them."""
    stats = ((name, (PACKAGE_DATA / f"{name}.csv").stat()) for name in sorted(TABLES))
    return tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)


@lru_cache(maxsize=4)
def _checked_path(signature: tuple[tuple[str, int, int], ...], cache: str) -> str:
    return str(store_path())


def _open(path: Path) -> _Open:
    try:
        con = duckdb.connect(str(path), read_only=True, config=_CONFIG)
    except duckdb.Error as exc:
        if not is_corruption(exc):
            raise
        _ensure(path, suspect=_identity(path))
        con = duckdb.connect(str(path), read_only=True, config=_CONFIG)
    return _Open(path, con, _identity(path))


def _opened() -> _Open:
    """The process's connection to the checked store (reopened if the store path changed)."""
    global _current
    path = Path(_checked_path(_signature(), str(cache_dir())))
    current = _current
    if current is not None and current.path == path:
        return current
    with _open_lock:
        if _current is None or _current.path != path:
            _forget()
            _current = _open(path)
        return _current


def _forget() -> None:
    """Close the process's connection and forget which store was checked."""
    global _current
    old, _current = _current, None
    _checked_path.cache_clear()
    if old is not None:
        with suppress(duckdb.Error):
            old.connection.close()


def connect() -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store, with no access to outside files.

    The store is checked once per process and again whenever a packaged table changes.
    Prefer :func:`with_store`, which also repairs a store found damaged while reading.

    >>> connect().execute("SELECT count(*) > 0 FROM operations").fetchone()[0]
    True
    """
    return _opened().connection.cursor()


def _repair(failed: _Open) -> None:
    """Close the failed connection and rebuild its file (unless another process already did)."""
    with _open_lock:
        if _current is failed:
            _forget()
        _ensure(failed.path, suspect=failed.identity)


def with_store(work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run ``work`` on a fresh cursor; a damaged store is rebuilt once and ``work`` rerun.

    User errors (syntax, unknown tables) pass through untouched; corruption that survives a
    rebuild becomes a one-line :class:`StoreError` naming the file.

    >>> with_store(lambda con: con.execute("SELECT 42").fetchone()[0])
    42
    """
    for attempt in (1, 2):
        opened = _opened()
        try:
            return work(opened.connection.cursor())
        except duckdb.ConnectionException:
            if attempt == 2 or _current is opened:  # not closed by a repair elsewhere
                raise
        except duckdb.Error as exc:
            if not is_corruption(exc):
                raise
            if attempt == 2:
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise StoreError(
                    f"the DuckDB store {opened.path} is damaged and a rebuild did not help "
                    f"({first}); delete it and run again"
                ) from None
            _repair(opened)
    raise AssertionError("unreachable")  # pragma: no cover


def query(sql: str, params: Sequence[object] | None = None) -> pd.DataFrame:
    """Run a parameterised query on the store and return a DataFrame.

    >>> query("SELECT acronym FROM operations WHERE acronym = ?", ["UNAMSIL"]).acronym[0]
    'UNAMSIL'
    """
    return with_store(lambda con: con.execute(sql, list(params or [])).df())
