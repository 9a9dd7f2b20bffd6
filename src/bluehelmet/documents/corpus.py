"""Load folders of Security Council documents, with a progress bar and a parsed-text cache.

Folders may mix the 1946–1994 ``.txt`` texts, the UN's AKN ``.xml`` files (in year
subfolders), PDF and HTML. Numbers and dates come from inside each file. The same
document filed twice is found by its text and reported once; a document of another
kind (a presidential statement among resolutions) is skipped with its reason; the
result knows which resolution numbers are present and which are missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from bluehelmet.documents.akn import XML_SUFFIXES, is_akn, read_akn
from bluehelmet.documents.cache import read_entry, write_entry
from bluehelmet.documents.coverage import Coverage, coverage_of
from bluehelmet.documents.formats import SUFFIXES
from bluehelmet.documents.model import DocumentKind, Resolution
from bluehelmet.documents.read import parse_resolution, raw_text, with_filename_hint
from bluehelmet.errors import BluehelmetError, DataFormatError
from bluehelmet.files import file_problem, read_limited
from bluehelmet.paths import cache_dir

# Bump whenever normalise/segment/metadata/akn change what they produce: old entries are ignored.
PARSER_VERSION = "6"
CORPUS_SUFFIXES = SUFFIXES + XML_SUFFIXES
# Below this many files to parse, a worker pool costs more than it saves.
_POOL_MIN = 200
_KIND_NAMES = {
    "resolution": "resolution",
    "presidential_statement": "presidential statement",
    "draft": "draft not adopted",
}


@dataclass
class CorpusResult:
    """Documents read from folders (sorted by number), the files skipped with why, and the
    duplicates found (file, the file it repeats)."""

    resolutions: list[Resolution] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line: how many read, how many skipped and the commonest reasons.

        >>> CorpusResult([], [("a.bin", "binary file"), ("b.txt", "duplicate of a.txt"),
        ...                   ("c.txt", "duplicate of d.txt")]).summary()
        '0 resolutions read, 3 files skipped (binary file: 1, duplicate: 2)'
        """
        read = f"{len(self.resolutions)} resolutions read"
        if not self.skipped:
            return f"{read}, no file skipped"
        reasons = Counter(_reason_kind(reason) for _, reason in self.skipped)
        listed = ", ".join(f"{r}: {n}" for r, n in sorted(reasons.items()))
        return f"{read}, {len(self.skipped)} files skipped ({listed})"

    def coverage(self) -> Coverage:
        """Which resolution numbers are present, which missing, and the known gaps.

        >>> CorpusResult().coverage().present
        ()
        """
        return coverage_of(r.number for r in self.resolutions if r.kind == "resolution")


def corpus_files(folders: str | Path | Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Every visible file under ``folders`` (recursively), in a stable order, with the name
    reports use: its path inside its folder ("2014/S_RES_2193_1467585E.xml").

    >>> corpus_files([])
    []
    """
    roots = [Path(folders)] if isinstance(folders, str | Path) else [Path(f) for f in folders]
    files: list[tuple[Path, str]] = []
    for root in roots:
        if not root.is_dir():
            raise DataFormatError(f"{root}: not a folder; name a folder of resolution files")
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(n for n in filenames if not n.startswith(".")):
                path = Path(dirpath, name)
                files.append((path, path.relative_to(root).as_posix()))
    return files


def load_corpus(
    folders: str | Path | Sequence[str | Path],
    *,
    kinds: Iterable[DocumentKind] = ("resolution",),
    cache: bool = True,
    progress: bool | None = None,
    workers: int | None = None,
) -> CorpusResult:
    """Read every document (.txt, .xml, .pdf, .html/.htm) under ``folders``; never stop on one.

    Files that cannot be read are listed in ``skipped`` with a short reason; so are
    documents of a kind not in ``kinds`` and a second copy of a document already read
    (same number: a duplicate, said once in ``duplicates`` too). ``progress`` shows a
    bar (default: only when stderr is a terminal). Parsed files are cached as JSON under
    ``cache_dir()/documents`` by content hash and parser version; uncached files are
    parsed on ``workers`` processes (default: every core) when there are many.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "S_RES_0005_1946_EN.txt").write_text(
    ...     "RESOLUTION 5 (1946)\\n\\nThe Security Council,\\n\\n1. Decides.")
    >>> _ = (folder / "notes.txt").write_text("")
    >>> load_corpus(folder, cache=False).summary()
    '1 resolutions read, 1 files skipped (empty file: 1)'
    """
    wanted = set(kinds)
    files = corpus_files(folders)
    result = CorpusResult()
    readable = []
    shown = dict(files)
    for path, name in files:
        if path.suffix.lower() not in CORPUS_SUFFIXES:
            result.skipped.append((name, f"unsupported file type {path.suffix or '(none)'}"))
        else:
            readable.append(path)
    bar = sys.stderr.isatty() if progress is None else progress
    seen: dict[int | str, tuple[str, Resolution]] = {}
    for path, outcome in _read_all(readable, cache, bar, workers):
        name = shown[path]
        if isinstance(outcome, str):
            result.skipped.append((name, outcome))
            continue
        if outcome.kind not in wanted:
            what = _KIND_NAMES[outcome.kind]
            result.skipped.append((name, f"{what} {outcome.symbol}, not a {_wanted(wanted)}"))
            continue
        key = outcome.number if outcome.number is not None else outcome.symbol
        if outcome.number is not None or outcome.kind != "resolution":
            if key in seen:
                first, earlier = seen[key]
                same = "same text" if _body(earlier) == _body(outcome) else "text differs"
                result.skipped.append((name, f"duplicate of {first}"))
                result.duplicates.append((name, f"{first} ({same})"))
                continue
            seen[key] = (name, outcome)
        result.resolutions.append(outcome)
    result.resolutions.sort(key=lambda r: (r.number is None, r.number or 0, r.symbol, r.source))
    return result


def _reason_kind(reason: str) -> str:
    """A skip reason without its particulars: "duplicate of X" → "duplicate"."""
    if reason.startswith("duplicate of "):
        return "duplicate"
    for kind in _KIND_NAMES.values():
        if reason.startswith(f"{kind} ") and ", not a" in reason:
            return kind
    return reason


def _wanted(kinds: set[DocumentKind]) -> str:
    return " or ".join(_KIND_NAMES[k] for k in sorted(kinds)) or "wanted kind"


def _body(res: Resolution) -> str:
    """The text without its heading, spacing folded: what makes two files the same document."""
    return " ".join(" ".join(p.text for p in res.paragraphs if p.kind != "heading").split())


def _read_all(
    paths: list[Path], cache: bool, show: bool, workers: int | None
) -> Iterable[tuple[Path, Resolution | str]]:
    """(path, Resolution or the reason it was skipped) for each path, in order."""
    loaded: dict[Path, Resolution | str] = {}
    todo: list[tuple[Path, bytes, str]] = []
    folder = cache_dir() / "documents"
    for path in paths:
        data = _load_bytes(path)
        if isinstance(data, str):
            loaded[path] = data
            continue
        digest = hashlib.sha256(data).hexdigest()
        cached = read_entry(_entry(folder, digest)) if cache else None
        if cached is not None:
            loaded[path] = _located(cached, path)
        else:
            todo.append((path, data, digest))
    parsed = _parse_many(todo, folder if cache else None, show, workers)
    for (path, _, _), outcome in zip(todo, parsed, strict=True):
        loaded[path] = outcome if isinstance(outcome, str) else _located(outcome, path)
    return ((p, loaded[p]) for p in paths)


def _load_bytes(path: Path) -> bytes | str:
    """The file's bytes, or why it cannot be read (special file, too large, unreadable)."""
    try:
        return file_problem(path) or read_limited(path)
    except DataFormatError as exc:  # it changed after the check
        return str(exc).split(": ", 1)[-1]
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"


def _parse_many(
    todo: list[tuple[Path, bytes, str]], folder: Path | None, show: bool, workers: int | None
) -> list[Resolution | str]:
    """Parse on ``workers`` processes; each also writes its cache entry under ``folder``."""
    jobs = [(data, path.name, digest, folder) for path, data, digest in todo]
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n > 1 and len(jobs) >= _POOL_MIN:
        with ProcessPoolExecutor(max_workers=n) as pool:
            results = pool.map(_parse_job, jobs, chunksize=16)
            return list(_tracked(results, len(jobs), show))
    return list(_tracked(map(_parse_job, jobs), len(jobs), show))


def _tracked(
    items: Iterable[Resolution | str], total: int, show: bool
) -> Iterable[Resolution | str]:
    if not show or total == 0:
        return items
    from rich.progress import track

    return track(items, total=total, description="Reading resolutions", transient=True)


def _parse_job(job: tuple[bytes, str, str, Path | None]) -> Resolution | str:
    """Parse one file's bytes and cache the result in ``folder`` (when given); a reason
    string instead of raising (a run never aborts)."""
    data, name, digest, folder = job
    try:
        res = parse_bytes(data, name, digest)
    except BluehelmetError as exc:
        return _reason(str(exc), name)
    except Exception as exc:  # a corpus run never aborts on one bad file
        return f"unexpected error: {type(exc).__name__}"
    if folder is not None:
        with contextlib.suppress(OSError):  # an unwritable cache costs speed, not results
            write_entry(_entry(folder, digest), res)
    return res


def parse_bytes(data: bytes, name: str, digest: str = "") -> Resolution:
    """Parse a document's bytes by kind: AKN XML by its markup, other formats as text.

    >>> parse_bytes(b"RESOLUTION 5 (1946)\\n\\nThe Security Council,\\n\\n1. Decides.",
    ...             "x.txt").symbol
    'S/RES/5 (1946)'
    """
    digest = digest or hashlib.sha256(data).hexdigest()
    if Path(name).suffix.lower() in XML_SUFFIXES or is_akn(data):
        return replace(read_akn(data, name), source=name, sha256=digest)
    raw, warnings = raw_text(data, name)
    return parse_resolution(raw, source=name, sha256=digest, warnings=warnings)


def _located(res: Resolution, path: Path) -> Resolution:
    located = replace(res, source=str(path))
    if path.suffix.lower() in XML_SUFFIXES:
        return located  # AKN numbers come from the markup, never the file name
    return with_filename_hint(located, path.name)


def _reason(message: str, name: str) -> str:
    """The reason part of an error message "<file>: <reason>" (or "<file>:l:c: <reason>")."""
    if message.startswith(f"{name}: "):
        return message[len(name) + 2 :]
    if message.startswith(f"{name}:"):
        return message[len(name) + 1 :]
    return message


def _entry(folder: Path, digest: str) -> Path:
    return folder / f"{digest}-v{PARSER_VERSION}.json"
