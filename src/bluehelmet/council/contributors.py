"""Who supplies each operation's uniformed personnel, by country or by group, 2010–2021.

Read from the shared data folder's ``deployments/un_contributions_country_mission_year_
2010_2021.csv`` (the UN's monthly troop and police contributions, summed per year by
corinnee/UN_Peacekeeping_Analytics; see
:mod:`bluehelmet.panels.importers.un_contributions` for how the yearly figures were made
and where levels understate). ``personnel`` is the source's yearly figure; ``share`` is the
contributor's (or group's) part of the operation's total that year, the quantity to read:
levels in partial years (``partial_year``: the year's total over all missions is below
0.8 of the median year's; 2010, 2012, 2017 and 2021) are a fraction of the real ones.

Groups, each contributor in exactly one (ISO3 codes, Gleditsch–Ward numbers from the
packaged ``gw_states.csv``, current code):

* ``P5``: the permanent members, CHN, FRA, GBR, RUS, USA;
* ``Europe``: the other states of GW's European range, 200–399 (this includes Cyprus,
  Ukraine, Belarus, Moldova, Georgia, Armenia and Azerbaijan; Turkey, GW 640, is ``other``);
* ``African states``: the states of the African continent, GW 400–626 and Egypt (651);
* ``South Asia``: the eight SAARC members, AFG, BGD, BTN, IND, LKA, MDV, NPL, PAK;
* ``other``: every other state; ``unmapped``: a contributor name without an ISO3 code
  (none in the current file; the importer warns and names them).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.options import ContributorGroup, ContributorsBy, allowed, check
from bluehelmet.paths import shared_data_dir
from bluehelmet.register.council import P5
from bluehelmet.register.countries import convert_country
from bluehelmet.register.query import _check_years, resolve_acronym
from bluehelmet.store import query

SOURCE = "un_contributions_corinnee"
FILE = Path("deployments/un_contributions_country_mission_year_2010_2021.csv")
#: A year whose total over all missions is below this part of the median year's is partial:
#: months are missing and count as zero in the source (2010, 2012, 2017 and 2021 in the
#: current file: 13,495, 66,434, 40,429 and 6,774 against 82,000–97,000 in the other years).
PARTIAL_BELOW = 0.8
SOUTH_ASIA = ("AFG", "BGD", "BTN", "IND", "LKA", "MDV", "NPL", "PAK")
EUROPE_GW = range(200, 400)
AFRICA_GW = (*range(400, 627), 651)
GROUPS = allowed(ContributorGroup)
_KEY = ["operation", "year"]


def contributor_group(iso3: pd.Series) -> pd.Series:
    """The group (see the module's docstring) of each contributor's ISO3 code.

    >>> contributor_group(pd.Series(["CHN", "NLD", "EGY", "NPL", "TUR", None])).tolist()
    ['P5', 'Europe', 'African states', 'South Asia', 'other', 'unmapped']
    """
    codes = iso3.astype("string")
    gwno = convert_country(codes, "iso3", "gwno", strict=True)
    group = pd.Series("other", index=iso3.index, dtype="string")
    group[gwno.isin(EUROPE_GW).fillna(False).to_numpy()] = "Europe"
    group[gwno.isin(AFRICA_GW).fillna(False).to_numpy()] = "African states"
    group[codes.isin(SOUTH_ASIA).fillna(False).to_numpy()] = "South Asia"
    group[codes.isin(P5).fillna(False).to_numpy()] = "P5"
    group[codes.isna().to_numpy()] = "unmapped"
    return group


@lru_cache(maxsize=4)
def _read(path: str) -> pd.DataFrame:
    from bluehelmet.panels.importers.un_contributions import read_un_contributions

    data = read_un_contributions(path).data
    registered = set(query("SELECT acronym FROM operations")["acronym"])
    level = data.groupby("year")["total"].sum()
    partial = level.index[level < PARTIAL_BELOW * level.median()]
    return pd.DataFrame(
        {
            "operation": data["mission"],
            "year": data["year"],
            "contributor": data["iso3"],
            "contributor_name": data["country"],
            "group": pd.Categorical(contributor_group(data["iso3"]), categories=GROUPS),
            "personnel": data["total"],
            "registered": data["mission"].isin(registered),
            "partial_year": data["year"].isin(partial),
        }
    )


def _contributions(shared: Path | str | None) -> pd.DataFrame:
    path = Path(shared if shared is not None else shared_data_dir()) / FILE
    if not path.is_file():
        raise NotFoundError(
            f"troop contributions need {path}; set BLUEHELMET_SHARED_DATA to the shared data folder"
        )
    return _read(str(path))


def _operation(name: str, data: pd.DataFrame) -> str:
    """The source's acronym for ``name``: an acronym in the file or one the register knows."""
    known = {m.lower(): m for m in data["operation"].unique()}
    if name.lower() in known:
        return known[name.lower()]
    acronym = resolve_acronym(name)
    raise NotFoundError(
        f"{acronym} is not in the UN contributions data "
        f"({data['year'].min()}-{data['year'].max()}); see `bluehelmet contributors`"
    )


def _by_group(rows: pd.DataFrame) -> pd.DataFrame:
    present = rows[rows["personnel"] > 0]
    sums = rows.groupby([*_KEY, "group"], observed=False)["personnel"].sum()
    counts = present.groupby([*_KEY, "group"], observed=False).size()
    out = pd.DataFrame({"personnel": sums, "contributors": counts}).reset_index()
    if not (rows["group"] == "unmapped").any():
        out = out[out["group"] != "unmapped"]
    flags = rows.drop_duplicates(_KEY)[[*_KEY, "registered", "partial_year"]]
    out = out.merge(flags, on=_KEY)
    out["contributors"] = out["contributors"].fillna(0).astype("Int64")
    out["personnel"] = out["personnel"].astype("Int64")
    return out


def contributors(
    operation: str | None = None,
    year: int | None = None,
    by: str = "country",
    shared: Path | str | None = None,
) -> pd.DataFrame:
    """Uniformed personnel per operation × year × contributor (or group), 2010–2021.

    ``by="country"``: one row per contributor with personnel (``contributor`` ISO3,
    ``contributor_name`` as the UN writes it, ``group``); ``by="group"``: one row per group
    (P5, Europe, African states, South Asia, other; zeros are real: that group sent none),
    with the number of ``contributors``. Both give ``personnel``, ``share`` of the
    ``operation_total``, ``registered`` (the operation is in the register; political
    missions are not), ``partial_year`` and ``source``. Operation-years without personnel
    are left out. ``shared`` is the shared data folder (default ``BLUEHELMET_SHARED_DATA``).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / FILE.parent).mkdir(parents=True)
    >>> _ = (folder / FILE).write_text('"","Year","Country","Mission","Female","Male","Total"\\n'
    ...     '"1",2019,"China","MINUSMA",0,3,3\\n"2",2019,"Nepal","MINUSMA",0,1,1\\n')
    >>> contributors("minusma", 2019, by="group", shared=folder).set_index("group")["share"]
    ... # doctest: +NORMALIZE_WHITESPACE
    group
    P5                0.75
    Europe            0.00
    African states    0.00
    South Asia        0.25
    other             0.00
    Name: share, dtype: float64
    """
    check("by", by, ContributorsBy)
    data = _contributions(shared)
    if operation is not None:
        data = data[data["operation"] == _operation(operation, data)]
    if year is not None:
        _check_years(year, year)
        first, last = int(data["year"].min()), int(data["year"].max())
        if not first <= year <= last:
            raise UsageError(
                f"--year {year} is outside the contributions data; give {first}-{last}"
            )
        data = data[data["year"] == year]
    data = data[data.groupby(_KEY)["personnel"].transform("sum") > 0]
    if by == "group":
        out = _by_group(data).sort_values([*_KEY, "group"])
    else:
        out = data[data["personnel"] > 0].sort_values(
            [*_KEY, "personnel", "contributor"], ascending=[True, True, False, True]
        )
    out["operation_total"] = out.groupby(_KEY)["personnel"].transform("sum").astype("Int64")
    out["share"] = (out["personnel"] / out["operation_total"]).astype("float64")
    out["source"] = SOURCE
    labels = ["contributor", "contributor_name", "group"] if by == "country" else ["group"]
    counts = ["personnel"] if by == "country" else ["personnel", "contributors"]
    columns = [*_KEY, *labels, *counts, "share", "operation_total", "registered", "partial_year"]
    return out[[*columns, "source"]].reset_index(drop=True)
