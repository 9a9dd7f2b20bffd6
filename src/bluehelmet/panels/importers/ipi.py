"""IPI Providing for Peacekeeping: uniformed UN personnel per mission per month.

Layout of ``ipi_mission_month_1990_2017.csv`` (IPIDataLab/PPP_Loader): one row per
mission and month-end date, with ``Troops``, ``Police``, ``Observers`` and ``Total``.
IPI leaves a category ``NA`` when a mission reported none of it; the importer keeps NA
(never zero). Some series start before the mission was established (UNAMSIL from
1999-01): those rows are kept and flagged by ``before_start`` against the packaged
operations register (IPI names matched to register acronyms exactly; names without a
match are listed in one warning and get ``before_start`` NA).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, reject_duplicates, require_columns

LAYOUT = "IPI mission-month"
NEEDED = ("Date", "Mission", "Troops", "Police", "Observers", "Total")
OPTIONAL = {
    "Country of Mission": "host_country",
    "Country of Mission ISO-3": "host_iso3",
    "Mission HQ": "hq",
    "Number of Contributors": "contributors",
}
COUNTS = ("Troops", "Police", "Observers", "Total")


def _counts(raw: pd.DataFrame, col: str, path: Path) -> pd.Series:
    values = pd.to_numeric(raw[col], errors="coerce")
    bad = values.isna() & raw[col].notna()
    if bad.any() or (values.dropna() % 1 != 0).any() or (values < 0).any():
        first = raw.loc[bad, col].iloc[0] if bad.any() else "a negative or fractional number"
        raise DataFormatError(f"{path.name}: column {col!r} holds {first!r}; expected counts")
    return values.astype("Int64")


def _flag_before_start(data: pd.DataFrame, register: pd.DataFrame, path: Path) -> pd.DataFrame:
    """``before_start``: the month precedes the first month the register's start may fall in
    (a start known only to the year counts from its January); NA where the start is unknown.
    """
    starts = register.set_index("acronym")["start_date"]
    if "start_precision" in register.columns:
        from bluehelmet.register.dates import period

        first, _ = period(register["start_date"], register["start_precision"])
        starts = pd.Series(first.to_numpy(), index=register["acronym"])
    matched = data["mission"].where(data["mission"].isin(starts.index))
    data["register_acronym"] = matched.astype("string")
    start_month = pd.to_datetime(matched.map(starts)).dt.to_period("M").dt.to_timestamp()
    flag = (data["date"] < start_month).astype("boolean")
    data["before_start"] = flag.where(start_month.notna(), pd.NA)
    unmatched = sorted(data.loc[matched.isna(), "mission"].unique())
    if unmatched:
        warnings.warn(
            f"{path.name}: {len(unmatched)} IPI mission names not in the operations register "
            f"(before_start is NA for them): {', '.join(unmatched)}",
            stacklevel=3,
        )
    return data


def read_ipi(path: Path | str, register: pd.DataFrame | None = None) -> Imported:
    """Read the IPI mission-month file into one row per mission and month.

    ``register`` (columns ``acronym``, ``start_date``) defaults to the packaged
    operations register.

    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp()) / "ipi.csv"
    >>> _ = tmp.write_text('"Date","Mission","Troops","Police","Observers","Total"\\n'
    ...     '1999-01-31,"UNAMSIL",NA,NA,5,5\\n1999-11-30,"UNAMSIL",100,NA,5,105\\n')
    >>> reg = pd.DataFrame({"acronym": ["UNAMSIL"],
    ...     "start_date": pd.to_datetime(["1999-10-22"])})
    >>> out = read_ipi(tmp, register=reg)
    >>> out.data["troops"].tolist(), out.data["before_start"].tolist()
    ([<NA>, 100], [True, False])
    >>> out.coverage.start, out.coverage.end
    ('1999-01', '1999-11')
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str)
    require_columns(raw, NEEDED, path, LAYOUT)
    dates = pd.to_datetime(raw["Date"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        bad = raw.loc[dates.isna(), "Date"].iloc[0]
        raise DataFormatError(f"{path.name}: column 'Date' holds {bad!r}; expected YYYY-MM-DD")
    if raw["Mission"].isna().any():
        raise DataFormatError(
            f"{path.name}: column 'Mission' has {raw['Mission'].isna().sum()} blanks"
        )
    data = pd.DataFrame({"mission": raw["Mission"].astype("string").str.strip()})
    data["year"] = dates.dt.year.astype("Int64")
    data["month"] = dates.dt.month.astype("Int64")
    data["date"] = dates.dt.to_period("M").dt.to_timestamp()
    for col in COUNTS:
        data[col.lower()] = _counts(raw, col, path)
    for col, name in OPTIONAL.items():
        if col in raw.columns:
            data[name] = _counts(raw, col, path) if name == "contributors" else raw[col]
            if name != "contributors":
                data[name] = data[name].astype("string")
    reject_duplicates(data, ["mission", "year", "month"], path)
    parts = data[["troops", "police", "observers"]].fillna(0).sum(axis=1)
    off = int((parts != data["total"]).sum())
    if off:
        warnings.warn(
            f"{path.name}: {off} rows where Total differs from Troops+Police+Observers; "
            "Total kept as given",
            stacklevel=2,
        )
    if register is None:
        from bluehelmet.register.load import read_table

        register = read_table("operations")
    data = _flag_before_start(data, register, path)
    data = data.sort_values(["mission", "date"], ignore_index=True)
    coverage = Coverage(
        source="ipi",
        unit="mission-month",
        start=data["date"].min().strftime("%Y-%m"),
        end=data["date"].max().strftime("%Y-%m"),
        note=(
            f"{data['mission'].nunique()} missions; UN uniformed personnel only; NA category "
            "= none reported; before_start flags months before the first month the register's "
            "start date may fall in (NA where the register has no start date)"
        ),
    )
    return Imported(data=data, coverage=coverage)
