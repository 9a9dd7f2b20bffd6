"""Safe file access: atomic writing (temporary file, then rename) and size-capped reading of
user-named files that refuses devices, FIFOs and sockets."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bluehelmet.errors import DataFormatError, NotFoundError, UsageError


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target`` (mode 644), else it is removed.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("done")
    >>> out.read_text()
    'done'
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


#: Default cap on one user-named file read whole, in MiB (``BLUEHELMET_MAX_FILE_MB`` overrides).
DEFAULT_MAX_FILE_MB = 64


def max_file_bytes() -> int:
    """The largest user file read whole, in bytes: ``BLUEHELMET_MAX_FILE_MB`` MiB, default 64.

    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_MAX_FILE_MB": "0.5"}):
    ...     max_file_bytes()
    524288
    """
    raw = os.environ.get("BLUEHELMET_MAX_FILE_MB", "").strip()
    if not raw:
        return DEFAULT_MAX_FILE_MB * 1024 * 1024
    try:
        megabytes = float(raw)
    except ValueError:
        raise UsageError(
            f"BLUEHELMET_MAX_FILE_MB={raw!r} is not a number; set it to a size in MiB, e.g. 64"
        ) from None
    if not megabytes > 0:
        raise UsageError(f"BLUEHELMET_MAX_FILE_MB={raw!r} must be above 0; e.g. 64")
    return int(megabytes * 1024 * 1024)


def file_problem(path: Path, limit: int | None = None) -> str | None:
    """Why ``path`` cannot be read whole (special file, over ``limit`` bytes), or None.

    Only ``os.stat`` looks at the file: a FIFO or device is never opened.

    >>> file_problem(Path("/dev/null"))
    'not a regular file (device, FIFO or socket)'
    """
    limit = max_file_bytes() if limit is None else limit
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (device, FIFO or socket)"
    if info.st_size > limit:
        return f"file of {info.st_size:,} bytes is over the {limit:,}-byte limit"
    return None


def read_limited(path: Path, limit: int | None = None, what: str = "file") -> bytes:
    """The bytes of a user-named regular file of at most ``limit`` bytes (default:
    :func:`max_file_bytes`); a one-line DataFormatError naming the file otherwise.

    >>> try:
    ...     read_limited(Path("/dev/zero"))
    ... except DataFormatError as exc:
    ...     print(exc)
    /dev/zero: file is not a regular file (device, FIFO or socket); give a regular file
    """
    limit = max_file_bytes() if limit is None else limit
    try:
        problem = file_problem(path, limit)
        if problem is None:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)  # the file may grow after the stat
            problem = None if len(data) <= limit else f"file is over the {limit:,}-byte limit"
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such {what}; check the path") from None
    except OSError as exc:
        raise DataFormatError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    if problem is not None:
        raise DataFormatError(f"{path}: {what} {_advice(problem)}")
    return data


def _advice(problem: str) -> str:
    """The problem reworded for an error line, with what to do."""
    if problem.startswith("file of") or problem.startswith("file is over"):
        return f"{problem.removeprefix('file ')}; split it or raise BLUEHELMET_MAX_FILE_MB"
    if problem.startswith("is a folder"):
        return f"{problem}; give a file"
    return f"is {problem}; give a regular file"
