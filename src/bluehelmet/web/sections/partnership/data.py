"""The partnership section's data, built once per process from the shared data folder.

The conflict-month panel and its conflicts with peacekeepers
(:func:`bluehelmet.panels.conflicts.partnership_panel`: Bara–Hultman personnel, UCDP ACD
conflicts, HKS-2014 battle deaths) and the conflict-month model
(:func:`bluehelmet.models.conflict_month.conflict_month_partnership`) are computed on first
use and kept per shared folder (``BLUEHELMET_SHARED_DATA``); without the source files the
section is not shown.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bluehelmet.errors import BluehelmetError, NotFoundError
from bluehelmet.models.conflict_month import conflict_month_partnership
from bluehelmet.models.partnership import PartnershipResult
from bluehelmet.panels.conflicts import PARTNERSHIP_FILES, partnership_panel
from bluehelmet.panels.panel import Panel
from bluehelmet.paths import shared_data_dir
from bluehelmet.web.cache import locked_cache


def partnership_available() -> bool:
    """Whether the shared data folder holds the files the partnership section needs.

    >>> isinstance(partnership_available(), bool)
    True
    """
    folder = shared_data_dir()
    return all((folder / rel).is_file() for rel in PARTNERSHIP_FILES)


@dataclass(frozen=True, eq=False)
class PartnershipData:
    """The conflict-month panel and one row per conflict with peacekeepers."""

    folder: str
    panel: Panel
    conflicts: pd.DataFrame


@locked_cache()
def _build(folder: str) -> PartnershipData:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            built = partnership_panel(Path(folder))
    except BluehelmetError as exc:
        raise NotFoundError(f"the partnership panels could not be built: {exc}") from None
    return PartnershipData(folder, built.panel, built.conflicts)


@locked_cache()
def _fit(folder: str) -> PartnershipResult:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return conflict_month_partnership(Path(folder))
    except BluehelmetError as exc:
        raise NotFoundError(f"the partnership model could not be fitted: {exc}") from None


def _folder() -> str:
    if not partnership_available():
        needed = ", ".join(str(rel) for rel in PARTNERSHIP_FILES)
        raise NotFoundError(
            f"the partnership section needs {needed} in the shared data folder "
            f"({shared_data_dir()}); set BLUEHELMET_SHARED_DATA"
        )
    return str(shared_data_dir())


def partnership_data() -> PartnershipData:
    """The conflict-month panel with battle deaths and its conflicts (built once per folder);
    NotFoundError without the source files.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     partnership_data()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    return _build(_folder())


def partnership_model() -> PartnershipResult:
    """The conflict-month NB2 (Africa 1993–2011, conflict fixed effects, clustered SEs) with
    its predictions, fitted once per folder; NotFoundError without the source files.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     partnership_model()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    return _fit(_folder())
