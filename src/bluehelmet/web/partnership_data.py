"""The partnership section's data, built once per process from the shared data folder.

The conflict-month panel (``bluehelmet.panel(sources=("hks_2014",))``: Bara–Hultman personnel,
UCDP ACD conflicts, HKS-2014 battle deaths) and the conflict-month model
(:func:`bluehelmet.models.conflict_month.conflict_month_partnership`) are computed on first
use and kept per shared folder (``BLUEHELMET_SHARED_DATA``); without the source files the
section is not shown.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from bluehelmet.errors import BluehelmetError, NotFoundError
from bluehelmet.models.conflict_month import conflict_month_partnership
from bluehelmet.models.partnership import PartnershipResult
from bluehelmet.panels.build import ACD, BARA_HULTMAN, HKS2014, panel
from bluehelmet.panels.importers.ucdp_acd import read_ucdp_acd
from bluehelmet.panels.panel import Panel
from bluehelmet.paths import shared_data_dir

#: The source files the section needs, inside the shared data folder.
REQUIRED = (BARA_HULTMAN, ACD, HKS2014)
ORG_TYPES = ("un", "regional", "international")
KINDS = ("troops", "police", "observers")


def partnership_available() -> bool:
    """Whether the shared data folder holds the files the partnership section needs.

    >>> isinstance(partnership_available(), bool)
    True
    """
    folder = shared_data_dir()
    return all((folder / rel).is_file() for rel in REQUIRED)


@dataclass(frozen=True, eq=False)
class PartnershipData:
    """The conflict-month panel and one row per conflict with peacekeepers."""

    folder: str
    panel: Panel
    conflicts: pd.DataFrame


def conflict_names(acd: pd.DataFrame) -> pd.DataFrame:
    """Per UCDP conflict: location, sides and a label, as ACD lists them in its latest year.

    >>> acd = pd.DataFrame({"conflict_id": [382, 382], "year": [1991, 2001],
    ...     "location": ["Sierra Leone"] * 2, "side_a": ["Government of Sierra Leone"] * 2,
    ...     "side_b": ["RUF", "RUF, AFRC"], "territory_name": [None, None]})
    >>> conflict_names(acd)["name"].tolist()
    ['Sierra Leone: Government of Sierra Leone vs RUF, AFRC']
    """
    latest = acd.sort_values("year").groupby("conflict_id").tail(1)
    territory = latest["territory_name"].fillna("").astype(str)
    name = latest["location"].astype(str) + ": " + latest["side_a"].astype(str) + " vs "
    name = name + latest["side_b"].astype(str) + territory.map(lambda t: f" over {t}" if t else "")
    return pd.DataFrame(
        {
            "conflict_id": latest["conflict_id"].astype(int).to_numpy(),
            "location": latest["location"].astype(str).to_numpy(),
            "name": name.to_numpy(),
        }
    ).sort_values("conflict_id", ignore_index=True)


def conflicts_with_peacekeepers(data: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """One row per conflict with any peacekeepers in the panel: its name, region, first and last
    month with peacekeepers and its months by deployment status.

    >>> d = pd.DataFrame({"conflict_id": [1, 1, 2], "date": pd.to_datetime(["2000-01-01",
    ...     "2000-02-01", "2000-01-01"]), "status": ["un_only", "parallel", "none"],
    ...     "region": ["Africa"] * 3})
    >>> conflicts_with_peacekeepers(d, pd.DataFrame({"conflict_id": [1], "location": ["X"],
    ...     "name": ["X: A vs B"]}))[["conflict_id", "un_only", "parallel"]].values.tolist()
    [[1, 1, 1]]
    """
    present = data[data["status"].isin(["un_only", "non_un_only", "parallel"])]
    counts = pd.crosstab(present["conflict_id"], present["status"])
    counts = counts.reindex(columns=["un_only", "non_un_only", "parallel"], fill_value=0)
    spans = present.groupby("conflict_id").agg(
        region=("region", "first"), first_month=("date", "min"), last_month=("date", "max")
    )
    out = spans.join(counts).reset_index().merge(names, on="conflict_id", how="left")
    out["name"] = out["name"].fillna("UCDP conflict " + out["conflict_id"].astype(str))
    columns = ["conflict_id", "name", "location", "region", "first_month", "last_month"]
    return out[[*columns, "un_only", "non_un_only", "parallel"]]


def _build(folder: str) -> PartnershipData:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            built = panel(shared=Path(folder), sources=("hks_2014",))
            acd = read_ucdp_acd(Path(folder) / ACD)
    except BluehelmetError as exc:
        raise NotFoundError(f"the partnership panels could not be built: {exc}") from None
    conflicts = conflicts_with_peacekeepers(built.data, conflict_names(acd.data))
    return PartnershipData(folder, built, conflicts)


def _fit(folder: str) -> PartnershipResult:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return conflict_month_partnership(Path(folder))
    except BluehelmetError as exc:
        raise NotFoundError(f"the partnership model could not be fitted: {exc}") from None


_LOCK = threading.Lock()
_cached_build = lru_cache(maxsize=2)(_build)
_cached_fit = lru_cache(maxsize=2)(_fit)


def _folder() -> str:
    if not partnership_available():
        needed = ", ".join(str(rel) for rel in REQUIRED)
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
    folder = _folder()
    with _LOCK:
        return _cached_build(folder)


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
    folder = _folder()
    with _LOCK:
        return _cached_fit(folder)
