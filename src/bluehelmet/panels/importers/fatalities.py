"""UN peacekeeper fatalities by contributing country, mission and month, by cause, 1948-2015.

Source: ``peacekeeper_fatalities_1948_2015.dta`` as distributed in the public repository
treywood10/Mandate_Contribute (https://github.com/treywood10/Mandate_Contribute); a
Stata version of the UN's peacekeeping fatality statistics (its compiler is not stated).

One row per contributor, mission and month *with at least one death*: the file is sparse.
Within coverage (1948-07 to 2015-06) an absent contributor-mission-month means no recorded
death; outside it nothing is known, so a panel built from this file must leave those
months NA rather than 0. Deaths are split by cause (illness, accident, malicious act,
other) and by category of personnel; both splits are checked against ``total``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, require_columns

LAYOUT = "peacekeeper fatalities (Mandate_Contribute)"
RAW_COLUMNS = {
    "Year": "year",
    "Month": "month",
    "Mission": "mission",
    "Nationality": "contributor",
    "Cowcontr": "contributor_cow",
    "Illness": "illness",
    "Accident": "accident",
    "Malicious": "malicious",
    "Other": "other",
    "Total": "total",
    "Mil": "military",
    "Obs": "observers",
    "Police": "police",
    "Local": "local_staff",
    "International": "international_staff",
    "Otherstaff": "other_staff",
}
KEY = ["contributor", "mission", "year", "month"]
CAUSES = ["illness", "accident", "malicious", "other"]
CATEGORIES = [
    "military",
    "observers",
    "police",
    "local_staff",
    "international_staff",
    "other_staff",
]


def read_fatalities(path: Path | str) -> Imported:
    """Read the peacekeeper fatalities Stata file: contributor × mission × month deaths.

    >>> import tempfile
    >>> counts = dict.fromkeys(list(RAW_COLUMNS)[5:], 0) | {"Illness": 1, "Total": 1, "Mil": 1}
    >>> row = {"Year": 1948, "Month": 7, "Mission": "UNTSO", "Nationality": "France"}
    >>> raw = pd.DataFrame([row | {"Cowcontr": 220.0} | counts])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "f.dta"
    ...     raw.to_stata(p, write_index=False)
    ...     imp = read_fatalities(p)
    >>> first = imp.data.iloc[0]
    >>> first["contributor"], int(first["illness"]), int(first["total"]), imp.coverage.start
    ('France', 1, 1, '1948-07')
    """
    path = Path(path)
    raw = pd.read_stata(path, convert_categoricals=False)
    require_columns(raw, RAW_COLUMNS, path, LAYOUT)
    df = raw[list(RAW_COLUMNS)].rename(columns=RAW_COLUMNS)
    for raw_col, col in RAW_COLUMNS.items():
        if col in ("mission", "contributor"):
            df[col] = df[col].astype("string").str.strip().replace("", pd.NA)
            continue
        values = df[col]
        whole = pd.api.types.is_numeric_dtype(values) and bool((values.dropna() % 1 == 0).all())
        if not whole or (col != "contributor_cow" and values.isna().any()):
            raise DataFormatError(
                f"{path.name}: column {raw_col!r} is not a whole number "
                f"in every row; expected the {LAYOUT} layout"
            )
        df[col] = values.astype("Int64")
    if not df["month"].between(1, 12).all():
        raise DataFormatError(f"{path.name}: column 'Month' outside 1-12; expected {LAYOUT}")
    df = df.sort_values(["year", "month", "mission", "contributor"], kind="stable")
    df = df.reset_index(drop=True)
    periods = df["year"].astype(str) + "-" + df["month"].astype(str).str.zfill(2)
    dups = int(df.duplicated(KEY, keep=False).sum())
    off_cause = int((df[CAUSES].sum(axis=1) != df["total"]).sum())
    off_category = int((df[CATEGORIES].sum(axis=1) != df["total"]).sum())
    note = (
        f"{len(df)} rows, {int(df['total'].sum())} deaths, {df['mission'].nunique()} missions, "
        f"{df['contributor'].nunique()} contributors; only months with deaths are listed "
        f"(absent = 0 inside coverage, NA outside); causes do not add up to total in "
        f"{off_cause} rows, categories in {off_category}; COW code missing in "
        f"{int(df['contributor_cow'].isna().sum())} rows; {dups} rows share a "
        f"(contributor, mission, year, month) key"
    )
    coverage = Coverage(
        source="pko_fatalities",
        unit="contributor × mission × month (months with deaths only)",
        start=periods.min() if len(df) else "",
        end=periods.max() if len(df) else "",
        note=note,
    )
    return Imported(data=df, coverage=coverage)
