"""Geo-PKO v2 raw data: UN troop deployment sites per UN deployment map, 1994-2020.

Source: Cil, Fjelde, Hultman & Nilsson (2020), "Mapping blue helmets: Introducing the
Geocoded Peacekeeping Operations (Geo-PKO) dataset", Journal of Peace Research 57(2),
doi:10.1177/0022343319871978; raw file as distributed by geopko/Geo-PKO-Shiny-Dashboard.

The raw file has 113 columns; one row is one deployment location on one UN map (the
``source`` column, e.g. ``Map no. 4211 Rev. 04``), dated by the map's year and month.
We keep a tidy subset. Raw quirks, each counted in ``Coverage.note``:

* ``no.troops`` is a number or the text ``unknown`` (troops present at the site but their
  number not given on the map); ``unknown`` becomes NA, never 0. A coded ``0`` is a real
  zero (a site with no troop unit shown, e.g. a headquarters or an observer team site).
* coordinates are written with spurious float digits (``33.238894000000002``), sometimes
  in scientific notation (``6.6667000000000004E-2``), once blank; a decimal comma would be
  read as a decimal point. Blank coordinates become NA.
* the map id is spelt ``Map no.``, ``Map No.`` and ``Map NO.``, some maps carry a
  republication remark and a few sources are not maps; ``map_no`` and ``map_rev`` are
  parsed where the id follows the ``Map no. N Rev. R`` pattern, NA otherwise.
* a map can show two rows at one named location (two units, or several places called
  ``unnamed location``): such rows are kept and their number reported.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, require_columns

LAYOUT = "Geo-PKO v2 raw"
RAW_COLUMNS = {
    "source": "source",
    "mission": "mission",
    "year": "year",
    "month": "month",
    "location": "location",
    "country": "country",
    "latitude": "latitude",
    "longitude": "longitude",
    "no.troops": "troops",
}
KEY = ["source", "mission", "year", "month", "location"]
UNKNOWN_TROOPS = "unknown"
_MAP_ID = re.compile(
    r"map\s*no\.?\s*(\d+(?:\.\d+)?)(?:\s+rev\.?\s*(\d+(?:\.\d+)?))?", re.IGNORECASE
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def parse_map_id(source: str) -> tuple[str, str | None] | None:
    """Map number and revision (None if not given) from a Geo-PKO ``source``, or None.

    >>> parse_map_id("Map NO. 3637 Rev. 6")
    ('3637', '6')
    >>> parse_map_id("Map No. 4144 Rev. 45 (republished as 45.1 in August 2020)")
    ('4144', '45')
    >>> parse_map_id("Map no.3886.4"), parse_map_id("Map no. 4412 original")
    (('3886.4', None), ('4412', None))
    >>> parse_map_id("UNMISS Force Deployment November 2015") is None
    True
    """
    match = _MAP_ID.search(source)
    return (match.group(1), match.group(2)) if match else None


def _integers(raw: pd.Series, column: str, path: Path) -> pd.Series:
    bad = raw[~raw.str.fullmatch(r"\d+")]
    if len(bad):
        raise DataFormatError(
            f"{path.name}: column {column!r} has non-integer value {bad.iloc[0]!r}; "
            f"expected the {LAYOUT} layout"
        )
    return raw.astype("int64").astype("Int64")


def _numbers(raw: pd.Series, column: str, path: Path, missing: set[str]) -> tuple[pd.Series, int]:
    """Numbers from text; ``missing`` texts become NA. Returns values and quirks fixed."""
    text = raw.str.strip()
    comma = text.str.fullmatch(r"-?\d+,\d+")
    text = text.where(~comma, text.str.replace(",", ".", regex=False))
    scientific = text.str.contains(r"[eE]", regex=True)
    is_missing = text.isin(missing)
    bad = text[~is_missing & ~text.str.fullmatch(_NUMBER.pattern)]
    if len(bad):
        raise DataFormatError(
            f"{path.name}: column {column!r} has non-numeric value {bad.iloc[0]!r}; "
            f"expected the {LAYOUT} layout"
        )
    values = pd.to_numeric(text.where(~is_missing), errors="raise").astype("Float64")
    return values, int(comma.sum() + scientific.sum())


def read_geopko(path: Path | str) -> Imported:
    """Read the Geo-PKO v2 raw CSV into one row per deployment location per map.

    >>> import tempfile
    >>> header = ",".join(RAW_COLUMNS)
    >>> row = "Map NO. 3637 Rev. 6,UNIKOM,1994,4,Umm Qasr,Iraq,6.6E-2,47.9,unknown"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "geo.csv"
    ...     _ = p.write_text(header + "\\n" + row + "\\n")
    ...     imp = read_geopko(p)
    >>> row = imp.data.iloc[0]
    >>> row["map_no"], float(row["latitude"]), pd.isna(row["troops"])
    ('3637', 0.066, True)
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(raw, RAW_COLUMNS, path, LAYOUT)
    df = raw[list(RAW_COLUMNS)].rename(columns=RAW_COLUMNS)
    for col in ("source", "mission", "location", "country"):
        df[col] = df[col].str.strip().astype("string")
    df["year"] = _integers(raw["year"].str.strip(), "year", path)
    df["month"] = _integers(raw["month"].str.strip(), "month", path)
    if not df["month"].between(1, 12).all():
        raise DataFormatError(f"{path.name}: column 'month' outside 1-12; expected {LAYOUT}")
    df["troops"], _ = _numbers(raw["no.troops"], "no.troops", path, {UNKNOWN_TROOPS, "NA", ""})
    df["latitude"], fixed_lat = _numbers(raw["latitude"], "latitude", path, {"NA", ""})
    df["longitude"], fixed_lon = _numbers(raw["longitude"], "longitude", path, {"NA", ""})
    ids = [parse_map_id(str(s)) for s in df["source"]]
    df["map_no"] = pd.array([t[0] if t else pd.NA for t in ids], dtype="string")
    df["map_rev"] = pd.array([t[1] if t and t[1] else pd.NA for t in ids], dtype="string")
    df = df[
        [
            "source",
            "map_no",
            "map_rev",
            "mission",
            "year",
            "month",
            "location",
            "country",
            "latitude",
            "longitude",
            "troops",
        ]
    ]
    unknown = int(raw["no.troops"].str.strip().eq(UNKNOWN_TROOPS).sum())
    no_coords = int(df["latitude"].isna().sum())
    no_map_id = int(df["map_no"].isna().sum())
    dups = int(df.duplicated(KEY, keep=False).sum())
    periods = df["year"].astype(str) + "-" + df["month"].astype(str).str.zfill(2)
    note = (
        f"{len(df)} rows, {df['mission'].nunique()} missions, {len(raw.columns)} raw columns; "
        f"troops 'unknown' -> NA in {unknown} rows; coordinates blank in {no_coords} rows, "
        f"rewritten from scientific notation or decimal comma in {fixed_lat + fixed_lon} "
        f"values; no map number in {no_map_id} rows; {dups} rows share a "
        f"(source, mission, year, month, location) key"
    )
    coverage = Coverage(
        source="geopko_v2",
        unit="deployment location per source map",
        start=periods.min() if len(df) else "",
        end=periods.max() if len(df) else "",
        note=note,
    )
    return Imported(data=df.reset_index(drop=True), coverage=coverage)
