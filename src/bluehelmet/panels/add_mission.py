"""``add_*`` verbs for mission-month panels: fatalities, authorised strength, deployment sites.

Each joins on the panel's ``mission`` (IPI names) and month, never changes its rows, and
notes in the coverage what it could not join (missions the panel lacks).
"""

from __future__ import annotations

import pandas as pd

from bluehelmet.panels.add import refuse_overlap
from bluehelmet.panels.importers.base import Coverage, Imported
from bluehelmet.panels.panel import Panel, check_keys, require_unit

FATALITIES = {
    "total": "fatalities",
    "illness": "fatalities_illness",
    "accident": "fatalities_accident",
    "malicious": "fatalities_malicious",
    "other": "fatalities_other",
}
AUTHORISED = {
    "auth_troops": "authorised_troops",
    "auth_police": "authorised_police",
    "auth_observers": "authorised_observers",
}
SITES = ["geopko_sites", "geopko_troops", "geopko_sites_troops_unknown", "geopko_map"]


def _monthly(data: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(
        {"year": data["year"].astype(int), "month": data["month"].astype(int), "day": 1}
    )


def _joined(panel: Panel, rows: pd.DataFrame, source: Coverage, what: str) -> Panel:
    """Left-join ``rows`` (keyed by mission and date) and note rows the panel cannot take."""
    period = rows["date"].between(panel.data["date"].min(), panel.data["date"].max())
    missing = sorted(set(rows.loc[period, "mission"]) - set(panel.data["mission"]))
    note = f"{source.note}; joined on mission and month"
    if missing:
        note += f"; left out {what} of {len(missing)} missions the panel lacks: "
        note += ", ".join(missing)
    data = panel.data.merge(rows, on=["mission", "date"], how="left", validate="1:1")
    coverage = Coverage(source.source, "mission-month", source.start, source.end, note)
    out = Panel(panel.unit, data, (*panel.coverage, coverage))
    check_keys(out)
    return out


def add_fatalities(panel: Panel, fatalities: Imported) -> Panel:
    """Add UN peacekeeper fatalities per mission-month (all contributors), total and by cause.

    Inside the file's coverage (1948-07 – 2015-06) a month without a listed death is 0;
    outside it NA.

    >>> fat = Imported(pd.DataFrame({"mission": ["UNAMSIL"], "year": [2000], "month": [2],
    ...     "total": [3], "illness": [1], "accident": [0], "malicious": [2], "other": [0]}),
    ...     Coverage("pko_fatalities", "x", "1948-07", "2000-02"))
    >>> p = Panel("mission-month", pd.DataFrame({"mission": ["UNAMSIL"] * 3,
    ...     "date": pd.to_datetime(["2000-01-01", "2000-02-01", "2000-03-01"])}))
    >>> add_fatalities(p, fat).data["fatalities"].tolist()
    [0, 3, <NA>]
    """
    require_unit(panel, "mission-month", "add_fatalities")
    refuse_overlap(panel, list(FATALITIES.values()), "add_fatalities")
    data = fatalities.data.assign(date=_monthly(fatalities.data))
    deaths = data.groupby(["mission", "date"], as_index=False)[list(FATALITIES)].sum()
    out = _joined(panel, deaths.rename(columns=FATALITIES), fatalities.coverage, "deaths")
    start, end = pd.Timestamp(fatalities.coverage.start), pd.Timestamp(fatalities.coverage.end)
    inside = out.data["date"].between(start, end)
    for col in FATALITIES.values():
        out.data[col] = out.data[col].astype("Int64").where(~inside, out.data[col].fillna(0))
        out.data[col] = out.data[col].astype("Int64")
    return out


def add_authorised_strength(panel: Panel, shortfall: Imported) -> Panel:
    """Add authorised troops, police and observers per mission-month (personnel shortfall file).

    A month the file does not list, or lists without a figure, is NA (never 0).

    >>> short = Imported(pd.DataFrame({"mission": ["UNMIL"], "year": [2004], "month": [1],
    ...     "auth_troops": [15000.0], "auth_police": [1115.0], "auth_observers": [250.0]}),
    ...     Coverage("pko_shortfall", "mission × month", "1990-01", "2015-05"))
    >>> p = Panel("mission-month", pd.DataFrame({"mission": ["UNMIL", "UNMIL"],
    ...     "date": pd.to_datetime(["2004-01-01", "2004-02-01"])}))
    >>> add_authorised_strength(p, short).data["authorised_troops"].tolist()
    [15000.0, <NA>]
    """
    require_unit(panel, "mission-month", "add_authorised_strength")
    refuse_overlap(panel, list(AUTHORISED.values()), "add_authorised_strength")
    data = shortfall.data.assign(date=_monthly(shortfall.data))
    rows = data[["mission", "date", *AUTHORISED]].rename(columns=AUTHORISED)
    rows = rows.astype(dict.fromkeys(AUTHORISED.values(), "Float64"))
    return _joined(panel, rows, shortfall.coverage, "authorised strengths")


def map_per_month(geopko: pd.DataFrame) -> pd.DataFrame:
    """One UN deployment map per mission-month: sites, troops at sites with a number, sites
    whose troops are ``unknown``, and the map. Where a month has several maps (revisions or
    republications of one map) the one with the most sites is kept, then the later revision.

    >>> g = pd.DataFrame({"source": ["Map 1 Rev. 1", "Map 1 Rev. 2", "Map 1 Rev. 2"],
    ...     "map_rev": ["1", "2", "2"], "mission": ["UNMIL"] * 3, "year": [2004] * 3,
    ...     "month": [1] * 3, "troops": [100.0, 200.0, None]})
    >>> map_per_month(g)[SITES].values.tolist()
    [[2, 200.0, 1, 'Map 1 Rev. 2']]
    """
    data = geopko.assign(date=_monthly(geopko), revision=pd.to_numeric(geopko["map_rev"]))
    maps = data.groupby(["mission", "date", "source"], as_index=False).agg(
        geopko_sites=("troops", "size"),
        geopko_troops=("troops", lambda s: s.sum(min_count=1)),
        geopko_sites_troops_unknown=("troops", lambda s: int(s.isna().sum())),
        revision=("revision", "max"),
    )
    maps = maps.sort_values(["mission", "date", "geopko_sites", "revision", "source"])
    chosen = maps.groupby(["mission", "date"]).tail(1).rename(columns={"source": "geopko_map"})
    chosen = chosen.astype({"geopko_troops": "Float64", "geopko_map": "string"})
    return chosen[["mission", "date", *SITES]].reset_index(drop=True)


def add_deployment_sites(panel: Panel, geopko: Imported) -> Panel:
    """Add Geo-PKO deployment sites and troops at them per mission-month, from that month's map.

    Maps are irregular: a month without a map is NA, not 0 (see :func:`map_per_month`).

    >>> g = Imported(pd.DataFrame({"source": ["Map 1"], "map_rev": [None], "mission":
    ...     ["UNMIL"], "year": [2004], "month": [1], "troops": [850.0]}),
    ...     Coverage("geopko_v2", "site per map", "1994-01", "2020-12"))
    >>> p = Panel("mission-month", pd.DataFrame({"mission": ["UNMIL", "UNMIL"],
    ...     "date": pd.to_datetime(["2004-01-01", "2004-02-01"])}))
    >>> add_deployment_sites(p, g).data["geopko_troops"].tolist()
    [850.0, <NA>]
    """
    require_unit(panel, "mission-month", "add_deployment_sites")
    refuse_overlap(panel, SITES, "add_deployment_sites")
    monthly = map_per_month(geopko.data)
    out = _joined(panel, monthly, geopko.coverage, "maps")
    out.data["geopko_sites"] = out.data["geopko_sites"].astype("Int64")
    out.data["geopko_sites_troops_unknown"] = out.data["geopko_sites_troops_unknown"].astype(
        "Int64"
    )
    return out
