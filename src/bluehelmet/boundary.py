"""The command line's error boundary: every failure becomes one line and a documented exit code.

Expected failures (bluehelmet's own errors, file-system errors, undecodable or unwritable
text, input nested too deeply) are explained in one line. Anything else is a bug: its full
traceback goes to a file under the cache folder's ``logs`` and the line names that file.
"""

from __future__ import annotations

import errno
import tempfile
import traceback
from pathlib import Path

from bluehelmet.errors import BluehelmetError

#: Exit codes (documented in docs/cli.md, "Exit codes").
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_DATA = 65
EXIT_INTERNAL = 70
EXIT_IO = 74

_HINTS = {
    errno.EACCES: "check its permissions (BLUEHELMET_CACHE sets the cache folder)",
    errno.EPERM: "check its permissions (BLUEHELMET_CACHE sets the cache folder)",
    errno.EROFS: "the file system is read-only; choose another place",
    errno.EEXIST: "a file is in the way of a folder; choose another path or remove it",
    errno.ENOTDIR: "a file is in the way of a folder; choose another path",
    errno.EISDIR: "this is a folder; give a file path",
    errno.ENOSPC: "the disk is full; free space or choose another place",
    errno.ENOENT: "no such file or folder; check the path",
}


def explain(exc: BaseException) -> tuple[str, int] | None:
    """One line and an exit code for an expected failure; None for anything else (a bug).

    >>> explain(FileExistsError(17, "File exists", "out"))
    ('out: File exists; a file is in the way of a folder; choose another path or remove it', 74)
    >>> explain(RecursionError())[1], explain(KeyError("x")) is None
    (65, True)
    """
    if isinstance(exc, BluehelmetError):
        return one_line(str(exc)), exc.exit_code
    if isinstance(exc, RecursionError):
        return "input nested too deeply to read; flatten it", EXIT_DATA
    if isinstance(exc, UnicodeDecodeError):
        return f"input is not {exc.encoding} text ({exc.reason}); save it as UTF-8", EXIT_DATA
    if isinstance(exc, UnicodeEncodeError):
        what = "lone surrogates" if "surrogate" in exc.reason else exc.reason
        return f"text cannot be written as {exc.encoding} ({what}); fix the input", EXIT_DATA
    if isinstance(exc, OSError):
        return _os_line(exc), EXIT_IO
    return None


def _os_line(exc: OSError) -> str:
    """``path: reason; what to do`` for a file-system error."""
    where = f"{exc.filename}: " if exc.filename is not None else ""
    reason = exc.strerror or str(exc) or type(exc).__name__
    hint = _HINTS.get(exc.errno or 0, "check the path and its permissions")
    return one_line(f"{where}{reason}; {hint}")


def one_line(text: str) -> str:
    """``text`` on one line: line breaks become spaces.

    >>> one_line("a\\n  b")
    'a b'
    """
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def log_traceback(exc: BaseException) -> Path | None:
    """Write the full traceback of ``exc`` under ``cache_dir()/logs`` (else the system's
    temporary folder) and return the file; None when neither can be written.

    >>> path = log_traceback(ValueError("boom"))
    >>> "ValueError: boom" in path.read_text()
    True
    """
    text = "".join(traceback.format_exception(exc))
    for folder in _log_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", errors="backslashreplace", dir=folder,
                prefix="traceback-", suffix=".txt", delete=False,
            ) as handle:  # fmt: skip
                handle.write(text)
            return Path(handle.name)
        except OSError:
            continue
    return None


def _log_folders() -> list[Path]:
    folders = []
    try:
        from bluehelmet.paths import cache_dir

        folders.append(cache_dir() / "logs")
    except OSError:
        pass
    return [*folders, Path(tempfile.gettempdir()) / "bluehelmet-logs"]


def unexpected_line(exc: BaseException) -> str:
    """One line for a bug: what it was and where its full traceback was written.

    >>> unexpected_line(KeyError("x")).startswith("unexpected error (KeyError: 'x'); ")
    True
    """
    path = log_traceback(exc)
    where = f"full traceback in {path}" if path else "no traceback file could be written"
    detail = one_line(str(exc))[:200]
    return f"unexpected error ({type(exc).__name__}: {detail}); {where}; please report it"
