"""Bara & Hultman UN and Non-UN Peacekeeping Dataset v2-2019 (Stata file).

Unit: mission x conflict x month, 1993-2016, built from SIPRI annual figures
interpolated to months. Per the codebook, neither mission-months nor
conflict-months are unique:

- several missions in one conflict-month appear as several rows with the same
  ``conflict_id`` and ``date`` (one per ``mission_id``); for personnel per
  conflict-month sum over missions (decide first whether to drop ``only_police``);
- one mission assigned to several conflicts (Bosnia: all missions to all three
  conflicts) appears once per conflict with the *full* mission strength repeated;
  for a mission view keep one row per ``mission_id`` and ``date``. Summing a
  mission over its conflicts double counts.

The key is (``mission_id``, ``conflict_id``, ``date``); ``mission_id`` is per mission
and country (UNPROFOR Bosnia and Croatia differ) and mission names are not unique
(``EUFOR``, ``ECOMOG``, ``EUTM``). ``troops``/``police``/``observers``/``total`` are the
codebook's main ``*_iepo`` variables (interpolated, extrapolated to the mission start,
a few manual fixes; may be fractional). From 2015 SIPRI merges troops and observers:
the combined number is in ``troops``; SIPRI's observers are 0, and the interpolated
``observers`` falls to 0 during 2015 (for a consistent series use troops + observers).
``org``: 1 UN, 2 regional (organisation or coalition from the conflict's region),
3 international (organisation outside its region, or a multi-region coalition) ->
``un``, ``regional``, ``international``. ``conflict_id`` is the UCDP (new) conflict
id, ``ccode`` the COW code.
Conflict-months without peacekeeping are absent, not zero.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, reject_duplicates, require_columns

LAYOUT = "Bara-Hultman v2-2019"
ORG = {1: "un", 2: "regional", 3: "international"}
NEEDED = (
    "ccode", "location", "conflictid", "episodenum", "activity", "incomp", "date", "year",
    "missionid", "mission", "org", "onlypolice",
    "troops_iepo", "police_iepo", "observers_iepo", "totals_iepo",
)  # fmt: skip
KEY = ["mission_id", "conflict_id", "date"]


def _ids(raw: pd.DataFrame, col: str, path: Path) -> pd.Series:
    values = pd.to_numeric(raw[col], errors="coerce")
    if values.isna().any() or (values % 1 != 0).any():
        raise DataFormatError(f"{path.name}: column {col!r} has missing or non-integer ids")
    return values.astype("Int64")


def tidy_bara_hultman(raw: pd.DataFrame, path: Path) -> Imported:
    """Validate and tidy an already-read Bara-Hultman table (``path`` names it in errors).

    >>> raw = pd.DataFrame({"ccode": [490], "location": ["DR Congo (Zaire)"],
    ...     "conflictid": [285], "episodenum": [28502], "activity": [1], "incomp": [2],
    ...     "date": pd.to_datetime(["2003-06-01"]), "year": [2003], "missionid": [490023.0],
    ...     "mission": ["EUFOR"], "org": [3.0], "onlypolice": [0.0], "troops_iepo": [1400.0],
    ...     "police_iepo": [0.0], "observers_iepo": [0.0], "totals_iepo": [1400.0]})
    >>> out = tidy_bara_hultman(raw, Path("bh.dta"))
    >>> print(*out.data.loc[0, ["org", "conflict_id", "month", "troops"]])
    international 285 6 1400.0
    """
    require_columns(raw, NEEDED, path, LAYOUT)
    codes = pd.to_numeric(raw["org"], errors="coerce")
    unknown = ~codes.isin(list(ORG))
    if unknown.any():
        raise DataFormatError(
            f"{path.name}: column 'org' has {int(unknown.sum())} values outside 1/2/3, "
            f"first {raw.loc[unknown, 'org'].iloc[0]!r}"
        )
    dates = pd.to_datetime(raw["date"], errors="coerce")
    if dates.isna().any() or (dates.dt.day != 1).any():
        raise DataFormatError(f"{path.name}: column 'date' must hold first-of-month dates")
    year = _ids(raw, "year", path)
    if (year != dates.dt.year).any():
        raise DataFormatError(f"{path.name}: column 'year' disagrees with 'date'")
    data = pd.DataFrame(
        {
            "mission": raw["mission"].astype("string"),
            "mission_id": _ids(raw, "missionid", path),
            "org": codes.map(ORG).astype("string"),
            "only_police": _ids(raw, "onlypolice", path).astype("boolean"),
            "conflict_id": _ids(raw, "conflictid", path),
            "episode_id": _ids(raw, "episodenum", path),
            "location": raw["location"].astype("string"),
            "ccode": _ids(raw, "ccode", path),
            "active": _ids(raw, "activity", path).astype("boolean"),
            "incompatibility": _ids(raw, "incomp", path),
            "year": year,
            "month": dates.dt.month.astype("Int64"),
            "date": dates.astype("datetime64[s]"),
        }
    )
    for name in ("troops", "police", "observers"):
        data[name] = pd.to_numeric(raw[f"{name}_iepo"], errors="coerce").astype("Float64")
    data["total"] = pd.to_numeric(raw["totals_iepo"], errors="coerce").astype("Float64")
    reject_duplicates(data, KEY, path)
    data = data.sort_values(["conflict_id", "mission_id", "date"], ignore_index=True)
    coverage = Coverage(
        source="bara_hultman_2020",
        unit="mission-conflict-month",
        start=data["date"].min().strftime("%Y-%m"),
        end=data["date"].max().strftime("%Y-%m"),
        note=(
            f"{data['mission_id'].nunique()} missions x {data['conflict_id'].nunique()} "
            "UCDP conflicts; only months with peacekeepers present; iepo (interpolated) values"
        ),
    )
    return Imported(data=data, coverage=coverage)


def read_bara_hultman(path: Path | str) -> Imported:
    """Read the Bara-Hultman v2-2019 ``.dta`` file into mission x conflict x month rows.

    >>> read_bara_hultman("missing.dta")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: missing.dta: cannot read as Stata: ...
    """
    path = Path(path)
    try:
        raw = pd.read_stata(path)
    except (OSError, ValueError) as exc:
        raise DataFormatError(f"{path.name}: cannot read as Stata: {exc}") from exc
    return tidy_bara_hultman(raw, path)
