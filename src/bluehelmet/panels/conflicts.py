"""Conflicts with peacekeepers: the partnership panel with battle deaths and one row per conflict.

The one entry for the partnership subject's descriptive tables; the web section and any
other output call :func:`partnership_panel` and present what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bluehelmet.panels.build import panel
from bluehelmet.panels.conflict_months import KINDS, ORGS
from bluehelmet.panels.importers.ucdp_acd import read_ucdp_acd
from bluehelmet.panels.keys import conflict_names
from bluehelmet.panels.panel import Panel
from bluehelmet.panels.sources import ACD, SOURCES, UNIT_FILES
from bluehelmet.paths import shared_data_dir

#: The shared-data files :func:`partnership_panel` reads.
PARTNERSHIP_FILES: tuple[Path, ...] = tuple(
    dict.fromkeys(
        [*UNIT_FILES["conflict-month"], *(file for file, _ in SOURCES["hks_2014"].inputs)]
    )
)
STATUSES = ("un_only", "non_un_only", "parallel")


@dataclass(frozen=True, eq=False)
class PartnershipPanel:
    """The conflict-month panel with battle deaths, and one row per conflict with peacekeepers."""

    panel: Panel
    conflicts: pd.DataFrame


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
    present = data[data["status"].isin(STATUSES)]
    counts = pd.crosstab(present["conflict_id"], present["status"])
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    spans = present.groupby("conflict_id").agg(
        region=("region", "first"), first_month=("date", "min"), last_month=("date", "max")
    )
    out = spans.join(counts).reset_index().merge(names, on="conflict_id", how="left")
    out["name"] = out["name"].fillna("UCDP conflict " + out["conflict_id"].astype(str))
    columns = ["conflict_id", "name", "location", "region", "first_month", "last_month"]
    return out[[*columns, *STATUSES]]


def partnership_panel(shared: Path | None = None) -> PartnershipPanel:
    """The conflict-month panel with HKS-2014 battle deaths and its conflicts with peacekeepers.

    >>> import tempfile
    >>> partnership_panel(Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: ...bara_hultman_un_nonun_v2_2019.dta: source file not found...
    """
    folder = shared or shared_data_dir()
    built = panel(shared=folder, sources=("hks_2014",))
    names = conflict_names(read_ucdp_acd(folder / ACD).data)
    return PartnershipPanel(built, conflicts_with_peacekeepers(built.data, names))


def personnel_totals(months: pd.DataFrame) -> pd.DataFrame:
    """One conflict's months: uniformed personnel (troops, police and observers together) of
    each organisation type (NA where none is reported), with ``status`` when given.

    The figure (``figures.personnel``) and the web's conflict page both draw this.

    >>> m = pd.DataFrame({f"{o}_{k}": [1.0 if o == "un" else None] for o in ORGS
    ...     for k in KINDS}, dtype="Float64").assign(date=["2000-01"])
    >>> t = personnel_totals(m)
    >>> float(t.loc[0, "un"]), bool(pd.isna(t.loc[0, "regional"]))
    (3.0, True)
    """
    totals = {o: months[[f"{o}_{k}" for k in KINDS]].sum(axis=1, min_count=1) for o in ORGS}
    out = pd.DataFrame({"date": months["date"], **totals})
    if "status" in months.columns:
        out["status"] = months["status"]
    return out
