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


def corpus_dir() -> Path:
    """Folder of resolution texts to code (``BLUEHELMET_CORPUS``, default the shared texts).

    >>> corpus_dir().name != ""
    True
    """
    override = os.environ.get("BLUEHELMET_CORPUS")
    if override:
        return Path(override)
    return shared_data_dir() / "unsc" / "resolutions_en_1946_1994"


def configured_corpus() -> Path | None:
    """The corpus named by ``BLUEHELMET_CORPUS`` if that folder exists, else None.

    >>> configured_corpus() is None or configured_corpus().is_dir()
    True
    """
    override = os.environ.get("BLUEHELMET_CORPUS")
    return Path(override) if override and Path(override).is_dir() else None
