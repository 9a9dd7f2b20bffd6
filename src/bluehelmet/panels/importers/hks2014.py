"""Africa government-rebel dyad-months with battle deaths, HKS (2014) layout, 1992-2011.

Layout of the data of Hultman, Lisa, Jacob Kathman & Megan Shannon (2014), "Beyond
keeping peace: United Nations effectiveness in the midst of fighting", American Political
Science Review 108(4): 737-753, doi:10.1017/S0003055414000446. The file read here
(``africa_dyad_month_battle_deaths_1992_2011.Rdata``, R object ``pko``) is the copy in
the public course repository lukaskirchdorfer/Evaluating-UN-Peacekeeping-Operations; its
provenance is not verified against the authors' replication archive.

Strings are latin1 without an encoding mark (``André Kolingba``): the file is read with
``pyreadr.read_r(path, encoding="latin1")``. Column names are kept as in the file
(``conflict_ID``, ``brf_grc`` ...), as for the other replication files; added are
``year`` and ``month``, decoded from ``year_month`` (a float ``YYYY.MM`` such as
``1992.01001``), and ``conflict_ID`` is rounded to one decimal (``113.1`` and ``113.2``
are sub-conflicts of Sudan stored as ``113.099998``). ``conflict_ID`` follows the *old*
UCDP/PRIO conflict numbering, not the new UCDP ids of the Bara-Hultman file.

All rows are kept, including the ones that lie outside the documented 1992-2011 window
(lag build-up months from 1989 and stray rows without dyad names back to 1975), rows
without ``year_month`` and rows that repeat a dyad-month; their numbers are in the note.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadr

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, require_columns

LAYOUT = "HKS 2014 dyad-month (object 'pko')"
OBJECT = "pko"
TEXT_COLUMNS = ["gov", "rebel_group"]
COLUMNS = [
    "year_month",
    "conflict_ID",
    *TEXT_COLUMNS,
    "brf_grc",
    "brf_gr",
    "brf_grc_lag",
    "brf_gr_lag",
    "ceasefire",
    "troop_lag1000",
    "police_lag1000",
    "rebel_strength",
    "n_rebel_groups",
    "pop",
    "pop_ln",
    "biased_intervention",
    "active_year",
    "peace_24_months",
    "peace_36_months",
    "peace_48_months",
    "regional_pko",
]
KEY = ["conflict_ID", "gov", "rebel_group", "year", "month"]
START, END = "1992-01", "2011-12"


def decode_year_month(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Year and month from floats coded ``YYYY.MM`` (float32 noise allowed); NaN stays NA.

    >>> y, m = decode_year_month(pd.Series([1992.01001, 1991.069946, 2011.119995, None]))
    >>> y.tolist(), m.tolist()
    ([1992, 1991, 2011, <NA>], [1, 7, 12, <NA>])
    """
    with np.errstate(invalid="ignore"):  # R's NA_real_ is a NaN that trips floor()
        year = np.floor(values)
        month = np.round((values - year) * 100)
    return year.astype("Int64"), month.astype("Int64")


def read_hks2014(path: Path | str) -> Imported:
    """Read the HKS-2014-layout Africa dyad-month battle-deaths Rdata file.

    >>> import tempfile
    >>> raw = pd.DataFrame({c: [0.0] for c in COLUMNS})
    >>> raw["year_month"], raw["conflict_ID"] = 1992.01001, 113.099998
    >>> raw["gov"], raw["rebel_group"] = "Sudan", "JEM"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "d.Rdata"
    ...     pyreadr.write_rdata(str(p), raw, df_name="pko")
    ...     imp = read_hks2014(p)
    >>> imp.data.loc[0, ["conflict_ID", "year", "month"]].astype(float).tolist()
    [113.1, 1992.0, 1.0]
    """
    path = Path(path)
    try:
        objects = pyreadr.read_r(str(path), encoding="latin1")
    except pyreadr.custom_errors.PyreadrError as err:
        raise DataFormatError(f"{path.name}: not readable as R data ({err})") from err
    if OBJECT not in objects:
        raise DataFormatError(
            f"{path.name}: R object {OBJECT!r} missing; expected the {LAYOUT} layout"
        )
    raw = objects[OBJECT]
    require_columns(raw, COLUMNS, path, LAYOUT)
    df = raw[COLUMNS].reset_index(drop=True)
    for col in COLUMNS:
        if col in TEXT_COLUMNS:
            df[col] = df[col].astype("string").str.strip().replace("", pd.NA)
        elif not pd.api.types.is_numeric_dtype(df[col]):
            raise DataFormatError(
                f"{path.name}: column {col!r} is not numeric; expected the {LAYOUT} layout"
            )
    df["conflict_ID"] = df["conflict_ID"].round(1)
    df["year"], df["month"] = decode_year_month(df["year_month"])
    if not df["month"].dropna().between(1, 12).all():
        raise DataFormatError(
            f"{path.name}: column 'year_month' has months outside 1-12; "
            f"expected the {LAYOUT} layout"
        )
    return Imported(data=df, coverage=_coverage(df))


def _coverage(df: pd.DataFrame) -> Coverage:
    periods = df["year"].astype(str) + "-" + df["month"].astype(str).str.zfill(2)
    dated = df["year"].notna()
    before = int((dated & (periods < START)).sum())
    after = int((dated & (periods > END)).sum())
    unnamed = int(df["gov"].isna().sum())
    dups = int(df.duplicated(KEY, keep=False).sum())
    note = (
        f"{len(df)} rows, {df['conflict_ID'].nunique()} conflicts (old UCDP/PRIO conflict "
        f"numbering, not the new UCDP ids); {before} rows dated before {START} and {after} "
        f"after {END}, {int((~dated).sum())} without year_month, {unnamed} without gov and "
        f"rebel_group; {dups} rows share a (conflict_ID, gov, rebel_group, year, month) key; "
        f"original column names kept, year and month added"
    )
    return Coverage(
        source="hks_2014",
        unit="government-rebel dyad × month",
        start=START,
        end=END,
        note=note,
    )
