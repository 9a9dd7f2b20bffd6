"""UCDP/PRIO Armed Conflict Dataset (CSV, v20.1 layout): one row per conflict and year.

Multi-valued fields (``gwno_loc`` "651, 666", ``side_b_id`` "1108, 1124", ``region``)
stay strings exactly as distributed; ``gwno_loc_first`` is the first GW code of the
location. Codes: incompatibility 1 territory, 2 government, 3 both; intensity_level
1 minor (25-999 battle deaths), 2 war (1,000+); type_of_conflict 1 extrasystemic,
2 interstate, 3 intrastate, 4 internationalised intrastate. ``start_date`` is the
conflict's first battle death, ``start_date2`` the episode's; ``ep_end`` is 1 when the
episode ended in that year. Conflict-years not listed were below 25 battle deaths.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, reject_duplicates, require_columns

LAYOUT = "UCDP/PRIO ACD"
INTS = (
    "conflict_id", "year", "incompatibility", "intensity_level", "type_of_conflict",
    "start_prec", "start_prec2", "ep_end",
)  # fmt: skip
DATES = ("start_date", "start_date2")
STRINGS = ("location", "side_a", "side_a_id", "side_b", "side_b_id", "gwno_a", "gwno_loc", "region")
OPTIONAL_INTS = ("cumulative_intensity", "ep_end_prec")
OPTIONAL_STRINGS = (
    "side_a_2nd", "side_b_2nd", "territory_name", "gwno_a_2nd", "gwno_b", "gwno_b_2nd",
    "version",
)  # fmt: skip
NEEDED = INTS + DATES + STRINGS + ("ep_end_date",)


def _int(raw: pd.DataFrame, col: str, path: Path) -> pd.Series:
    values = pd.to_numeric(raw[col], errors="coerce")
    bad = (values.isna() & raw[col].notna()) | (values.notna() & (values % 1 != 0))
    if bad.any():
        raise DataFormatError(
            f"{path.name}: column {col!r} holds {raw.loc[bad, col].iloc[0]!r}; expected integers"
        )
    return values.astype("Int64")


def _date(raw: pd.DataFrame, col: str, path: Path) -> pd.Series:
    values = pd.to_datetime(raw[col], format="%Y-%m-%d", errors="coerce")
    bad = values.isna() & raw[col].notna()
    if bad.any():
        raise DataFormatError(
            f"{path.name}: column {col!r} holds {raw.loc[bad, col].iloc[0]!r}; expected YYYY-MM-DD"
        )
    return values


def read_ucdp_acd(path: Path | str) -> Imported:
    """Read the UCDP/PRIO Armed Conflict Dataset CSV into conflict-year rows.

    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp()) / "acd.csv"
    >>> cols = ("conflict_id,location,side_a,side_a_id,side_b,side_b_id,incompatibility,"
    ...     "year,intensity_level,type_of_conflict,start_date,start_prec,start_date2,"
    ...     "start_prec2,ep_end,ep_end_date,gwno_a,gwno_loc,region")
    >>> row = ('200,"Egypt, Israel",Gov A,1,Gov B,2,1,1967,2,2,1967-06-05,1,'
    ...     '1967-06-05,1,1,,651,"651, 666",4')
    >>> _ = tmp.write_text(cols + "\\n" + row + "\\n")
    >>> out = read_ucdp_acd(tmp)
    >>> print(*out.data.loc[0, ["gwno_loc", "gwno_loc_first", "year"]], sep="|")
    651, 666|651|1967
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str)
    require_columns(raw, NEEDED, path, LAYOUT)
    data = pd.DataFrame(index=raw.index)
    for col in ("conflict_id", "year"):
        data[col] = _int(raw, col, path)
    for col in STRINGS + tuple(c for c in OPTIONAL_STRINGS if c in raw.columns):
        data[col] = raw[col].astype("string").str.strip()
    for col in INTS[2:] + tuple(c for c in OPTIONAL_INTS if c in raw.columns):
        data[col] = _int(raw, col, path)
    for col in DATES + ("ep_end_date",):
        data[col] = _date(raw, col, path)
    first = data["gwno_loc"].str.split(",").str[0].str.strip()
    data["gwno_loc_first"] = _int(pd.DataFrame({"gwno_loc": first}), "gwno_loc", path)
    if data[["conflict_id", "year"]].isna().any().any():
        raise DataFormatError(f"{path.name}: blank 'conflict_id' or 'year'")
    reject_duplicates(data, ["conflict_id", "year"], path)
    data = data.sort_values(["conflict_id", "year"], ignore_index=True)
    coverage = Coverage(
        source="ucdp_acd_20_1",
        unit="conflict-year",
        start=str(data["year"].min()),
        end=str(data["year"].max()),
        note=f"{data['conflict_id'].nunique()} conflicts; only years with 25+ battle deaths",
    )
    return Imported(data=data, coverage=coverage)
