"""Load a folder of resolution files, with a progress bar and a cache of parsed results."""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from bluehelmet.documents.formats import SUFFIXES
from bluehelmet.documents.model import Resolution
from bluehelmet.documents.read import parse_resolution, raw_text, with_filename_hint
from bluehelmet.errors import BluehelmetError, DataFormatError
from bluehelmet.files import atomic_path
from bluehelmet.paths import cache_dir

# Bump whenever normalise/segment/metadata change what they produce: old entries are ignored.
PARSER_VERSION = "1"


@dataclass
class CorpusResult:
    """Resolutions read from a folder (sorted by number) and the files skipped, with why."""

    resolutions: list[Resolution] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line: how many read, how many skipped and the commonest reasons.

        >>> CorpusResult([], [("a.bin", "binary file"), ("b.txt", "empty file")]).summary()
        '0 resolutions read, 2 files skipped (binary file: 1, empty file: 1)'
        """
        read = f"{len(self.resolutions)} resolutions read"
        if not self.skipped:
            return f"{read}, no file skipped"
        reasons = Counter(reason for _, reason in self.skipped)
        listed = ", ".join(f"{r}: {n}" for r, n in sorted(reasons.items()))
        return f"{read}, {len(self.skipped)} files skipped ({listed})"


def load_corpus(
    folder: str | Path, *, cache: bool = True, progress: bool | None = None
) -> CorpusResult:
    """Read every resolution file (.txt, .pdf, .html/.htm) in ``folder``; never stop on one.

    Files that cannot be read are listed in ``skipped`` with a short reason; a second
    file with the number of one already read is skipped as a duplicate. ``progress``
    shows a bar (default: only when stderr is a terminal). Parsed files are cached
    under ``cache_dir()/documents`` by content hash and parser version.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "S_RES_0005_1946_EN.txt").write_text(
    ...     "RESOLUTION 5 (1946)\\n\\nThe Security Council,\\n\\n1. Decides.")
    >>> _ = (folder / "notes.txt").write_text("")
    >>> load_corpus(folder, cache=False).summary()
    '1 resolutions read, 1 files skipped (empty file: 1)'
    """
    root = Path(folder)
    if not root.is_dir():
        raise DataFormatError(f"{root}: not a folder")
    files = sorted(p for p in root.iterdir() if p.is_file() and not p.name.startswith("."))
    result = CorpusResult()
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        from rich.progress import track

        files_iter = track(files, description="Reading resolutions", transient=True)
    else:
        files_iter = iter(files)
    seen: dict[int, str] = {}
    for path in files_iter:
        if path.suffix.lower() not in SUFFIXES:
            result.skipped.append((path.name, f"unsupported file type {path.suffix or '(none)'}"))
            continue
        try:
            resolution = _read(path, cache)
        except BluehelmetError as exc:
            result.skipped.append((path.name, _reason(str(exc), path.name)))
            continue
        except Exception as exc:  # a corpus run never aborts on one bad file
            result.skipped.append((path.name, f"unexpected error: {type(exc).__name__}"))
            continue
        if resolution.number is not None and resolution.number in seen:
            result.skipped.append((path.name, f"duplicate of {seen[resolution.number]}"))
            continue
        if resolution.number is not None:
            seen[resolution.number] = path.name
        result.resolutions.append(resolution)
    result.resolutions.sort(key=lambda r: (r.number is None, r.number or 0, r.source))
    return result


def _reason(message: str, name: str) -> str:
    """The reason part of an error message "<file>: <reason>"."""
    return message[len(name) + 2 :] if message.startswith(f"{name}: ") else message


def _read(path: Path, cache: bool) -> Resolution:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    entry = cache_dir() / "documents" / f"{digest}-v{PARSER_VERSION}.pickle"
    resolution = _load_entry(entry) if cache else None
    if resolution is None:
        raw, warnings = raw_text(data, path.name)
        resolution = parse_resolution(raw, source=path.name, sha256=digest, warnings=warnings)
        if cache:
            with atomic_path(entry) as tmp:
                tmp.write_bytes(pickle.dumps(resolution, protocol=pickle.HIGHEST_PROTOCOL))
    resolution = replace(resolution, source=str(path))
    return with_filename_hint(resolution, path.name)


def _load_entry(entry: Path) -> Resolution | None:
    """A cached Resolution, or None when absent or unreadable (it is then rewritten)."""
    try:
        with entry.open("rb") as handle:
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt or from another version: parse again
        return None
    return value if isinstance(value, Resolution) else None
