"""Personnel shortfall file: authorised vs deployed UN uniformed personnel, mission × month.

Source: ``personnel_shortfall_1990_2015.dta`` as distributed in the public repository
treywood10/Mandate_Contribute (https://github.com/treywood10/Mandate_Contribute); the
repository does not document who built it or where its authorised and deployed strengths
come from (not verified here against the UN or IPI series).

One row per mission and month, 1990-01 to 2015-05 (71 missions). Missing values in the
Stata file stay NA (a missing authorisation is not an authorisation of 0). The file's
derived columns (shortfalls, proportions, counts) are not kept: they follow from these.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, require_columns

LAYOUT = "personnel shortfall (Mandate_Contribute)"
RAW_COLUMNS = {
    "mission": "mission",
    "missioncountry": "mission_country",
    "year": "year",
    "month": "month",
    "authtroop": "auth_troops",
    "authpolice": "auth_police",
    "authmilobs": "auth_observers",
    "troop": "troops",
    "police": "police",
    "milobs": "observers",
}
KEY = ["mission", "year", "month"]


def check_numeric(df: pd.DataFrame, columns: list[str], path: Path, layout: str) -> None:
    """Raise a one-line DataFormatError naming the file and the first non-numeric column.

    >>> check_numeric(pd.DataFrame({"a": [1.0]}), ["a"], Path("s.dta"), "X")
    >>> check_numeric(pd.DataFrame({"a": ["x"]}), ["a"], Path("s.dta"), "X")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: s.dta: column 'a' is not numeric; expected the X layout
    """
    for col in columns:
        if not pd.api.types.is_numeric_dtype(df[col]):
            raise DataFormatError(
                f"{path.name}: column {col!r} is not numeric; expected the {layout} layout"
            )


def read_shortfall(path: Path | str) -> Imported:
    """Read the personnel shortfall Stata file: one row per mission and month.

    >>> import tempfile
    >>> raw = pd.DataFrame({c: [1.0] for c in RAW_COLUMNS})
    >>> raw[["mission", "missioncountry"]] = [["UNDOF", "Syria"]]
    >>> raw[["year", "month", "authtroop"]] = [[1990, 1, float("nan")]]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "s.dta"
    ...     raw.to_stata(p, write_index=False)
    ...     imp = read_shortfall(p)
    >>> imp.coverage.start, pd.isna(imp.data.loc[0, "auth_troops"])
    ('1990-01', True)
    """
    path = Path(path)
    raw = pd.read_stata(path, convert_categoricals=False)
    require_columns(raw, RAW_COLUMNS, path, LAYOUT)
    numeric = [c for c in RAW_COLUMNS if c not in ("mission", "missioncountry")]
    check_numeric(raw, numeric, path, LAYOUT)
    df = raw[list(RAW_COLUMNS)].rename(columns=RAW_COLUMNS)
    for col in ("mission", "mission_country"):
        df[col] = df[col].astype("string").str.strip().replace("", pd.NA)
    for col in ("year", "month"):
        if df[col].isna().any() or (df[col] % 1 != 0).any():
            raise DataFormatError(
                f"{path.name}: column {col!r} has missing or non-integer "
                f"values; expected the {LAYOUT} layout"
            )
        df[col] = df[col].astype("Int64")
    for col in list(RAW_COLUMNS.values())[4:]:
        df[col] = df[col].astype("Float64")
    df = df.sort_values(KEY, kind="stable").reset_index(drop=True)
    periods = df["year"].astype(str) + "-" + df["month"].astype(str).str.zfill(2)
    dups = int(df.duplicated(KEY, keep=False).sum())
    note = (
        f"{len(df)} rows, {df['mission'].nunique()} missions; missing strengths kept NA "
        f"(deployed troops missing in {int(df['troops'].isna().sum())} rows); "
        f"{dups} rows share a (mission, year, month) key"
    )
    coverage = Coverage(
        source="pko_shortfall",
        unit="mission × month",
        start=periods.min() if len(df) else "",
        end=periods.max() if len(df) else "",
        note=note,
    )
    return Imported(data=df, coverage=coverage)
