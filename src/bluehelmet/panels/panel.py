"""Typed panels: the unit of observation travels with the data and is checked by every verb."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.options import PanelUnit
from bluehelmet.panels.importers.base import Coverage

#: The columns that identify a row, per unit (one entry per ``PanelUnit``).
KEYS: dict[PanelUnit, tuple[str, ...]] = {
    "conflict-month": ("conflict_id", "date"),
    "country-month": ("iso3", "date"),
    "mission-month": ("mission", "date"),
    "operation-year": ("mission", "year"),
    "country-year": ("iso3", "year"),
}


@dataclass(frozen=True)
class Panel:
    """A panel: its unit, its rows (unique on the unit's keys) and the coverage of its sources."""

    unit: PanelUnit
    data: pd.DataFrame
    coverage: tuple[Coverage, ...] = field(default=())

    @property
    def keys(self) -> tuple[str, ...]:
        """The columns that identify a row."""
        return KEYS[self.unit]


def require_unit(panel: Panel, unit: PanelUnit, verb: str) -> None:
    """Refuse a panel of the wrong unit with a one-line error naming the verb and the fix.

    >>> p = Panel("mission-month", pd.DataFrame({"mission": [], "date": []}))
    >>> require_unit(p, "conflict-month", "add_ged_deaths")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: add_ged_deaths needs a conflict-month panel, not a mission-...
    """
    if panel.unit != unit:
        raise UsageError(
            f"{verb} needs a {unit} panel, not a {panel.unit} panel; "
            f'build one with panel(unit="{unit}")'
        )


def check_keys(panel: Panel) -> None:
    """Raise if the panel's keys are missing or not unique (every verb keeps them unique).

    >>> check_keys(Panel("conflict-month", pd.DataFrame({"conflict_id": [1, 1],
    ...     "date": pd.to_datetime(["1999-01-01", "1999-02-01"])})))
    """
    missing = [k for k in panel.keys if k not in panel.data.columns]
    if missing:
        raise UsageError(f"{panel.unit} panel lacks key column {missing[0]!r}")
    dup = panel.data.duplicated(list(panel.keys))
    if dup.any():
        first = panel.data.loc[dup, list(panel.keys)].iloc[0].tolist()
        raise UsageError(f"{panel.unit} panel has {int(dup.sum())} duplicated key(s), e.g. {first}")
