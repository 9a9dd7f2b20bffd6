"""Shared fixtures: the shared raw data folder (skipped when absent) and a private cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Every test run builds its own store in a private cache, never the user's.
os.environ.setdefault("BLUEHELMET_CACHE", tempfile.mkdtemp(prefix="bluehelmet-test-cache-"))

from bluehelmet.paths import shared_data_dir  # noqa: E402


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The ../shared/data folder; skip the test when it is not there."""
    path = shared_data_dir()
    if not (path / "README.md").exists():
        pytest.skip(f"shared raw data not found at {path} (set BLUEHELMET_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def texts_dir(shared_data: Path) -> Path:
    """Folder of the CR-UNSC resolution texts 1946-1994."""
    return shared_data / "unsc" / "resolutions_en_1946_1994"
