"""Replication data of Hultman, Kathman & Shannon (2013), UN peacekeeping and civilian protection.

Source: Hultman, Lisa, Jacob Kathman & Megan Shannon (2013), "United Nations Peacekeeping
and Civilian Protection in Civil War", American Journal of Political Science 57(4):
875-891, doi:10.1111/ajps.12036. Replication data: Harvard Dataverse,
doi:10.7910/DVN/6EBCGA (``hks2013_full.tab``, via carlislerainey/meaningful-inferences);
Model 1 complete cases from carlislerainey/crdata (``hks2013_model1.csv``, MIT).

Column names are kept exactly as published (``osvAll``, ``troopLag``, ``mon`` ...), not
turned into lower snake case: these are replication files, and keeping the names lets the
published model formulas run verbatim and the tables be checked against the original.
Only the types are tidied (integer keys become ``Int64``; blank cells are NA). Troop,
police and observer counts are lagged one month and in thousands, as in the article.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, require_columns

TEXT_COLUMNS = ["location", "sidea", "sidea2nd", "sideb", "sideb2nd", "mission"]
FULL_COLUMNS = [
    "conflict_id",
    "id_ep",
    "gwnoloc",
    "year",
    "mon",
    *TEXT_COLUMNS,
    "PKOdum",
    "osvAll",
    "osvAllLagDum",
    "osvreb1",
    "osvreb1Lag",
    "osvreb1LagDum",
    "osvgov",
    "osvgovLag",
    "osvgovLagDum",
    "troopLag",
    "policeLag",
    "militaryobserversLag",
    "brv_AllLag",
    "brv_bLag",
    "brv_aLag",
    "incomp",
    "epduration",
    "lntpop",
    "PKOatsomept_con",
    "unscres_prearrivalLag",
    "unscresLag",
    "active_year",
    "ceasefire",
    "pocmandate",
    "robustmandate",
]
MODEL1_COLUMNS = [
    "location",
    "year",
    "mon",
    "osvAll",
    "troopLag",
    "policeLag",
    "militaryobserversLag",
    "brv_AllLag",
    "osvAllLagDum",
    "incomp",
    "epduration",
    "lntpop",
]
FULL_KEY = ["conflict_id", "year", "mon"]
MODEL1_KEY = ["location", "year", "mon"]


def _tidy(
    raw: pd.DataFrame, columns: list[str], integers: list[str], path: Path, layout: str
) -> pd.DataFrame:
    """Keep ``columns``; check numeric ones; make ``integers`` Int64 and text ``string``."""
    require_columns(raw, columns, path, layout)
    df = raw[columns].copy()
    for col in columns:
        if col in TEXT_COLUMNS:
            df[col] = df[col].astype("string").str.strip().replace("", pd.NA)
        elif not pd.api.types.is_numeric_dtype(df[col]):
            raise DataFormatError(
                f"{path.name}: column {col!r} is not numeric; expected the {layout} layout"
            )
    for col in integers:
        values = df[col]
        if values.isna().any() or (values % 1 != 0).any():
            raise DataFormatError(
                f"{path.name}: column {col!r} has missing or non-integer "
                f"values; expected the {layout} layout"
            )
        df[col] = values.astype("Int64")
    if not df["mon"].between(1, 12).all():
        raise DataFormatError(
            f"{path.name}: column 'mon' outside 1-12; expected the {layout} layout"
        )
    return df


def _coverage(df: pd.DataFrame, key: list[str], unit: str, extra: str) -> Coverage:
    periods = df["year"].astype(str) + "-" + df["mon"].astype(str).str.zfill(2)
    dups = int(df.duplicated(key, keep=False).sum())
    note = (
        f"{len(df)} rows, {df['location'].nunique()} countries{extra}; original column "
        f"names kept; {dups} rows share a ({', '.join(key)}) key"
    )
    return Coverage(
        source="hks_2013",
        unit=unit,
        start=periods.min() if len(df) else "",
        end=periods.max() if len(df) else "",
        note=note,
    )


def read_hks2013(path: Path | str) -> Imported:
    """Read ``hks2013_full.tab`` (tab-separated): one row per conflict and month.

    >>> import tempfile
    >>> row = ["70.0", "701", "530", "1991", "2.0"] + ['"Ethiopia"', '"Ethiopia"', "",
    ...        '"EPRDF"', "", ""] + ["0"] * 25
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "h.tab"
    ...     _ = p.write_text("\\t".join(FULL_COLUMNS) + "\\n" + "\\t".join(row) + "\\n")
    ...     imp = read_hks2013(p)
    >>> int(imp.data.loc[0, "conflict_id"]), imp.data.loc[0, "sideb"], imp.coverage.end
    (70, 'EPRDF', '1991-02')
    """
    path = Path(path)
    raw = pd.read_csv(path, sep="\t")
    df = _tidy(
        raw,
        FULL_COLUMNS,
        ["conflict_id", "id_ep", "gwnoloc", "year", "mon"],
        path,
        "HKS 2013 replication (hks2013_full.tab)",
    )
    extra = f", {df['conflict_id'].nunique()} conflicts, {df['id_ep'].nunique()} episodes"
    return Imported(data=df, coverage=_coverage(df, FULL_KEY, "conflict × month", extra))


def read_hks2013_model1(path: Path | str) -> Imported:
    """Read ``hks2013_model1.csv``: the complete cases of HKS (2013) Model 1.

    The file has no conflict id, so several conflicts in one country share a
    (location, year, mon) key; their number is reported, not treated as an error.

    >>> import tempfile
    >>> row = "Ethiopia,1991,2,4,0,0,0,0,1,2,2,10.885247"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "m.csv"
    ...     _ = p.write_text(",".join(MODEL1_COLUMNS) + "\\n" + row + "\\n")
    ...     imp = read_hks2013_model1(p)
    >>> int(imp.data.loc[0, "osvAll"]), imp.coverage.start
    (4, '1991-02')
    """
    path = Path(path)
    raw = pd.read_csv(path)
    df = _tidy(raw, MODEL1_COLUMNS, ["year", "mon"], path, "HKS 2013 Model 1 (crdata)")
    missing = int(df.isna().any(axis=1).sum())
    extra = f", {missing} incomplete rows (expected 0)"
    return Imported(data=df, coverage=_coverage(df, MODEL1_KEY, "conflict × month", extra))
