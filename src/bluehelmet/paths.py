"""Where bluehelmet keeps its packaged data, its cache and the shared raw data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PACKAGE_DATA = Path(__file__).parent / "data"


def cache_dir() -> Path:
    """Directory for the DuckDB store and other caches (``BLUEHELMET_CACHE`` overrides).

    >>> cache_dir().name != ""
    True
    """
    override = os.environ.get("BLUEHELMET_CACHE")
    path = Path(override) if override else Path(platformdirs.user_cache_dir("bluehelmet"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def shared_data_dir() -> Path:
    """Folder of raw public data (``BLUEHELMET_SHARED_DATA``, default ``../shared/data``).

    >>> isinstance(shared_data_dir(), Path)
    True
    """
    override = os.environ.get("BLUEHELMET_SHARED_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def corpus_folders() -> tuple[Path, ...]:
    """Every folder named by ``BLUEHELMET_CORPUS`` (separated by ``os.pathsep``), existing or
    not, in order; empty when the variable is unset or blank.

    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": f"a{os.pathsep}{os.pathsep}b"}):
    ...     [p.name for p in corpus_folders()]
    ['a', 'b']
    """
    named = os.environ.get("BLUEHELMET_CORPUS", "").split(os.pathsep)
    return tuple(Path(part) for part in named if part.strip())


def corpus_dir() -> Path:
    """Folder of resolution texts to code: the first named by ``BLUEHELMET_CORPUS``, default
    the shared 1946–1994 texts (commands that read several folders use ``configured_corpus``).

    >>> corpus_dir().name != ""
    True
    """
    named = corpus_folders()
    return named[0] if named else shared_data_dir() / "unsc" / "resolutions_en_1946_1994"


def configured_corpus() -> tuple[Path, ...]:
    """The folders named by ``BLUEHELMET_CORPUS`` that exist, in order (empty when none does).

    >>> import tempfile
    >>> from unittest import mock
    >>> there = tempfile.mkdtemp()
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": f"{there}{os.pathsep}/no/such"}):
    ...     configured_corpus() == (Path(there),)
    True
    """
    return tuple(folder for folder in corpus_folders() if folder.is_dir())


def folder_state(folders: tuple[Path, ...]) -> tuple[tuple[str, int], ...]:
    """Each folder with the latest modification time of it and its direct subfolders (year
    folders): caches of what was read from ``folders`` are kept per state.

    >>> import tempfile
    >>> [len(s) for s in folder_state((Path(tempfile.mkdtemp()),))]
    [2]
    """
    return tuple((str(folder), _mtime(folder)) for folder in folders)


def _mtime(folder: Path) -> int:
    times = [folder.stat().st_mtime_ns]
    with os.scandir(folder) as entries:
        times += [e.stat().st_mtime_ns for e in entries if e.is_dir(follow_symlinks=False)]
    return max(times)


def shared_corpora() -> tuple[Path, ...]:
    """The shared resolution texts that exist: the 1946–1994 ``.txt`` and the 2000–2026 XML.

    >>> all(p.is_dir() for p in shared_corpora())
    True
    """
    unsc = shared_data_dir() / "unsc"
    folders = (unsc / "resolutions_en_1946_1994", unsc / "akn_2000_2026" / "resolutions")
    return tuple(folder for folder in folders if folder.is_dir())


def default_corpus() -> tuple[Path, ...]:
    """The folders to code when none is given: ``BLUEHELMET_CORPUS``, else the shared texts.

    >>> isinstance(default_corpus(), tuple)
    True
    """
    return configured_corpus() or shared_corpora()


def shared_documents() -> tuple[Path, ...]:
    """Every shared folder of Council texts that exists: the resolutions of
    :func:`shared_corpora`, then the 2000–2026 presidential statements and drafts not adopted.

    >>> shared_documents()[: len(shared_corpora())] == shared_corpora()
    True
    """
    akn = shared_data_dir() / "unsc" / "akn_2000_2026"
    others = (akn / "presidential_statements", akn / "drafts_not_adopted")
    return shared_corpora() + tuple(folder for folder in others if folder.is_dir())


def document_corpus() -> tuple[Path, ...]:
    """The folders to read when every document kind is wanted: ``BLUEHELMET_CORPUS``, else
    :func:`shared_documents` (the default of ``bluehelmet reuse``).

    >>> import tempfile
    >>> from unittest import mock
    >>> there = tempfile.mkdtemp()
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": there}):
    ...     document_corpus() == (Path(there),)
    True
    """
    return configured_corpus() or shared_documents()
