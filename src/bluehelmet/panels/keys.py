"""Merge keys on panels: UCDP conflict name and location, and GW, COW and ISO3 codes.

Country codes come from the packaged crosswalk (``bh.convert_country``) and are the codes in
force on the **last day** of the row's month (IPI counts are month-end figures): Serbia is
GW 345 through May 2006 and 340 from June 2006 (COW 345 throughout), and South Sudan is
GW/COW 626 from July 2011.
"""

from __future__ import annotations

import warnings

import pandas as pd

from bluehelmet.register.countries import convert_country


def month_end(dates: pd.Series) -> pd.Series:
    """The last day of each date's month.

    >>> month_end(pd.Series(pd.to_datetime(["2011-07-01", "2000-02-10"]))).dt.day.tolist()
    [31, 29]
    """
    return dates + pd.offsets.MonthEnd(0)


def country_keys(iso3: pd.Series, dates: pd.Series) -> pd.DataFrame:
    """GW and COW numbers in force at each month's end for ISO3 host codes (NA, with one
    warning naming them, where the crosswalk has no state: Western Sahara).

    >>> keys = country_keys(pd.Series(["SRB", "SRB"]),
    ...     pd.Series(pd.to_datetime(["2006-05-01", "2006-06-01"])))
    >>> keys.values.tolist()
    [[345, 345], [340, 345]]
    """
    ends = month_end(pd.to_datetime(dates))
    gwno = convert_country(iso3, "iso3", "gwno", date=ends)
    with warnings.catch_warnings():
        # The same hosts lack a GW and a COW number: warn once, from the GW conversion.
        warnings.simplefilter("ignore", UserWarning)
        cown = convert_country(gwno, "gwno", "cown", date=ends)
    return pd.DataFrame({"gwno": gwno, "cown": cown}, index=iso3.index)


def conflict_names(acd: pd.DataFrame) -> pd.DataFrame:
    """Per UCDP conflict: location, sides and a label, as ACD lists them in its latest year.

    >>> acd = pd.DataFrame({"conflict_id": [382, 382], "year": [1991, 2001],
    ...     "location": ["Sierra Leone"] * 2, "side_a": ["Government of Sierra Leone"] * 2,
    ...     "side_b": ["RUF", "RUF, AFRC"], "territory_name": [None, None]})
    >>> conflict_names(acd)["name"].tolist()
    ['Sierra Leone: Government of Sierra Leone vs RUF, AFRC']
    """
    latest = acd.sort_values("year").groupby("conflict_id").tail(1)
    territory = latest["territory_name"].fillna("").astype(str)
    name = latest["location"].astype(str) + ": " + latest["side_a"].astype(str) + " vs "
    name = name + latest["side_b"].astype(str) + territory.map(lambda t: f" over {t}" if t else "")
    return pd.DataFrame(
        {
            "conflict_id": latest["conflict_id"].astype(int).to_numpy(),
            "location": latest["location"].astype(str).to_numpy(),
            "name": name.to_numpy(),
        }
    ).sort_values("conflict_id", ignore_index=True)


def conflict_locations(acd: pd.DataFrame) -> pd.DataFrame:
    """Per ACD conflict-year: the first GW code ACD lists in ``gwno_loc`` and all of them.

    ACD lists a conflict's locations in numeric order, so the first is the lowest GW
    code, not a main party; ``gwno_loc_all`` keeps every code as a ``;``-list.

    >>> acd = pd.DataFrame({"conflict_id": [11348], "year": [2012], "gwno_loc": ["625, 626"]})
    >>> conflict_locations(acd).values.tolist()
    [[11348, 2012, 625, '625;626']]
    """
    codes = acd["gwno_loc"].astype("string").str.split(",")
    listed = codes.map(lambda parts: ";".join(p.strip() for p in parts))
    first = pd.to_numeric(codes.str[0].str.strip(), errors="coerce").astype("Int64")
    return pd.DataFrame(
        {
            "conflict_id": acd["conflict_id"].astype("Int64").to_numpy(),
            "year": acd["year"].astype("Int64").to_numpy(),
            "gwno_loc": first.to_numpy(),
            "gwno_loc_all": listed.astype("string").to_numpy(),
        }
    )


def _nearest_year(rows: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """Each (conflict, year) row with the location of its ACD year, else the latest earlier
    ACD year, else the earliest later one (years with peacekeepers but under 25 deaths)."""
    left = rows.astype({"conflict_id": "int64", "year": "int64"}).sort_values("year")
    right = locations.astype({"conflict_id": "int64", "year": "int64"}).sort_values("year")
    found = [
        pd.merge_asof(left, right, on="year", by="conflict_id", direction=direction)
        for direction in ("backward", "forward")
    ]
    out = found[0].set_index(["conflict_id", "year"])
    later = found[1].set_index(["conflict_id", "year"])
    return out.fillna(later).reset_index()


def location_codes(gwno: pd.Series, dates: pd.Series) -> pd.DataFrame:
    """COW number and ISO3 code of each GW location in force at its month's end.

    Where the GW code is no longer in force, the state holding the code's ISO3 then (the
    crosswalk's continuing state: GW 345 Yugoslavia → Serbia, COW 345, SRB); where that
    state does not exist yet either (South Sudan before 9 July 2011) NA, with one warning.

    >>> codes = location_codes(pd.Series([345, 345], dtype="Int64"),
    ...     pd.Series(pd.to_datetime(["2005-01-01", "2010-01-01"])))
    >>> codes.values.tolist()
    [[345, 'SRB'], [345, 'SRB']]
    """
    ends = month_end(pd.to_datetime(dates)).reset_index(drop=True)
    codes = gwno.reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        cown = convert_country(codes, "gwno", "cown", date=ends)
        iso3 = convert_country(codes, "gwno", "iso3", date=ends)
        heir = convert_country(codes, "gwno", "iso3").where(iso3.isna())
        cown = cown.fillna(convert_country(heir, "iso3", "cown", date=ends))
    iso3 = iso3.fillna(heir.where(cown.notna()))
    lost = codes.notna() & cown.isna()
    if lost.any():
        pairs = zip(codes[lost], ends[lost], strict=True)
        named = sorted({f"GW {code} in {day:%Y-%m}" for code, day in pairs})
        warnings.warn(
            f"{int(lost.sum())} conflict-month(s) get no COW or ISO3 code: the location is no "
            f"state at that month ({', '.join(named[:5])})",
            UserWarning,
            stacklevel=3,
        )
    return pd.DataFrame(
        {"cown": cown.astype("Int64").array, "iso3": iso3.astype("string").array}, index=gwno.index
    )


def add_conflict_keys(data: pd.DataFrame, acd: pd.DataFrame) -> pd.DataFrame:
    """Add ``conflict_name``, ``gwno_loc`` (first listed location, as ACD gives it),
    ``gwno_loc_all`` and the COW number and ISO3 code of ``gwno_loc`` at each month's end
    (:func:`location_codes`). A month in a year the conflict is not in ACD takes the
    location of its latest earlier ACD year, else of its earliest later one.

    >>> acd = pd.DataFrame({"conflict_id": [309, 309], "year": [2010, 2012],
    ...     "location": ["Sudan"] * 2, "side_a": ["Government of Sudan"] * 2,
    ...     "side_b": ["JEM", "SRF"], "territory_name": [None] * 2, "gwno_loc": ["625"] * 2})
    >>> d = pd.DataFrame({"conflict_id": [309, 309],
    ...     "date": pd.to_datetime(["2009-06-01", "2011-07-01"])})
    >>> add_conflict_keys(d, acd)[["gwno_loc", "cown", "iso3", "conflict_name"]].values.tolist()
    [[625, 625, 'SDN', 'Sudan: Government of Sudan vs SRF'], [625, 625, 'SDN', 'Sudan: Government of Sudan vs SRF']]
    """  # noqa: E501
    rows = pd.DataFrame({"conflict_id": data["conflict_id"], "year": data["date"].dt.year})
    rows = rows.astype("int64").reset_index(drop=True)
    located = _nearest_year(rows.drop_duplicates(), conflict_locations(acd))
    names = conflict_names(acd)[["conflict_id", "name"]].rename(columns={"name": "conflict_name"})
    keys = rows.merge(located, on=["conflict_id", "year"], how="left")
    keys = keys.merge(names, on="conflict_id", how="left")
    out = data.reset_index(drop=True).copy()
    out["conflict_name"] = keys["conflict_name"].astype("string")
    out["gwno_loc"] = keys["gwno_loc"].astype("Int64")
    out["gwno_loc_all"] = keys["gwno_loc_all"].astype("string")
    return out.join(location_codes(out["gwno_loc"], out["date"]))
