"""UN uniformed personnel per contributing country × mission × year, 2010–2021.

Source: the UN Peacekeeping open data (troop and police contributions, women in
peacekeeping), summed per year by corinnee/UN_Peacekeeping_Analytics (MIT),
``un_contributions_country_mission_year_2010_2021.csv``. The first column is a row number;
then ``Year``, ``Country`` (the UN's English short name), ``Mission`` (acronym),
``Female``, ``Male``, ``Total``.

How the figures were made, and what that means (read from the source's R code and
checked against IPI): each figure is ``round(sum of the monthly figures / 12)``; a month
without a report counts as zero. Levels therefore understate where months are missing:
the totals over all missions are 13,495 (2010), 66,434 (2012), 40,429 (2017) and 6,774
(2021, about one month) against 82,000–97,000 in the other years; against IPI's
mission-month file, the median mission's figure is 0.71 of IPI's yearly mean in 2012 and
0.92 in 2013–2016. Shares within one mission-year compare the same months and are not
biased by this. ``Female`` and ``Male`` are rounded apart, so they need not add up to
``Total``. The file is a full country × mission × year grid with zeros; a zero is also what a
mean under 0.5 rounds to.

Country names are mapped to ISO3 by :func:`bluehelmet.register.council.member_iso3`;
names without a match keep ``iso3`` NA and are listed in one warning.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import (
    Coverage,
    Imported,
    reject_duplicates,
    require_columns,
)
from bluehelmet.register.council import member_iso3

LAYOUT = "UN contributions country-mission-year"
COUNTS = ("Female", "Male", "Total")
KEY = ["year", "country", "mission"]


def _counts(raw: pd.DataFrame, col: str, path: Path) -> pd.Series:
    values = pd.to_numeric(raw[col], errors="coerce")
    bad = values.isna() | (values < 0) | (values % 1 != 0)
    if bad.any():
        raise DataFormatError(
            f"{path.name}: column {col!r} holds {raw.loc[bad, col].iloc[0]!r}; "
            "expected non-negative whole numbers"
        )
    return values.astype("Int64")


def read_un_contributions(path: Path | str) -> Imported:
    """Read the contributions file into one row per year × country × mission, with ISO3.

    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = tmp.write_text('"","Year","Country","Mission","Female","Male","Total"\\n'
    ...     '"1",2019,"Iran (Islamic Republic of)","MINUSMA",0,2,2\\n')
    >>> out = read_un_contributions(tmp)
    >>> out.data.loc[0, "iso3"], int(out.data.loc[0, "total"]), out.coverage.start
    ('IRN', 2, '2019')
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(raw, ("Year", "Country", "Mission", *COUNTS), path, LAYOUT)
    years = pd.to_numeric(raw["Year"], errors="coerce")
    if years.isna().any():
        bad = raw.loc[years.isna(), "Year"].iloc[0]
        raise DataFormatError(f"{path.name}: column 'Year' holds {bad!r}; expected YYYY")
    data = pd.DataFrame({"year": years.astype("Int64")})
    data["country"] = raw["Country"].str.strip().astype("string")
    names = data["country"].unique()
    data["iso3"] = data["country"].map(dict(zip(names, map(member_iso3, names), strict=True)))
    data["iso3"] = data["iso3"].astype("string")
    data["mission"] = raw["Mission"].str.strip().astype("string")
    for col in COUNTS:
        data[col.lower()] = _counts(raw, col, path)
    reject_duplicates(data, KEY, path)
    unmapped = sorted(data.loc[data["iso3"].isna(), "country"].unique())
    if unmapped:
        warnings.warn(
            f"{path.name}: {len(unmapped)} contributor names without an ISO3 code "
            f"(kept with iso3 NA): {', '.join(unmapped)}",
            stacklevel=2,
        )
    coverage = Coverage(
        source="un_contributions_corinnee",
        unit="contributor-mission-year",
        start=str(data["year"].min()),
        end=str(data["year"].max()),
        note=(
            f"{data['country'].nunique()} contributors, {data['mission'].nunique()} missions; "
            "yearly figure = sum of monthly figures / 12 (missing months count as zero: "
            "partial years); contributor names without ISO3: "
            f"{len(unmapped)}"
        ),
    )
    return Imported(data=data.sort_values(KEY, ignore_index=True), coverage=coverage)
