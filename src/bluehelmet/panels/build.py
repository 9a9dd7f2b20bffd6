"""``panel()``: build a typed panel from the public sources in the shared data folder."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.options import PanelUnit, check
from bluehelmet.panels.conflict_months import add_lags, conflict_months
from bluehelmet.panels.importers.bara_hultman import read_bara_hultman
from bluehelmet.panels.importers.base import Imported
from bluehelmet.panels.importers.ipi import read_ipi
from bluehelmet.panels.importers.ucdp_acd import read_ucdp_acd
from bluehelmet.panels.keys import add_conflict_keys, country_keys
from bluehelmet.panels.panel import Panel, check_keys
from bluehelmet.panels.sources import ACD, BARA_HULTMAN, IPI, SOURCES, UNIT_FILES
from bluehelmet.panels.years import year_aggregate
from bluehelmet.paths import shared_data_dir

#: UCDP region codes.
REGIONS = {"1": "Europe", "2": "Middle East", "3": "Asia", "4": "Africa", "5": "Americas"}

_PERSONNEL = {
    f"{org}_{kind}": f"{who} {kind} in the conflict that month (Bara–Hultman); NA outside 1993–2016"
    for kind in ("observers", "police", "troops")
    for org, who in (("international", "international"), ("regional", "regional"), ("un", "UN"))
}

#: Each unit's columns before any source is joined, with their meanings (the codebook's).
_KINDS = ("troops", "police", "observers", "total")
#: The year panels' aggregates (see docs/panels.md).
_YEAR_COLUMNS = {
    "months": "months of the year the unit is reported",
    "months_covered": "months of the year inside the panel's span and IPI's coverage",
    **{
        f"{k}_person_months": f"{k} summed over the months (person-months); NA when no month "
        "reports it"
        for k in _KINDS
    },
    **{f"{k}_mean": f"mean {k} over the months that report it" for k in _KINDS},
}
#: The unit of measurement of the panels' measured columns (the codebook's ``unit``); a count
#: unit makes exports write the column as integers (:data:`bluehelmet.codebook.COUNT_UNITS`).
COLUMN_UNITS: dict[str, str] = {
    **dict.fromkeys(
        [*_PERSONNEL, *_KINDS, "non_un_troops", "un_personnel", "non_un_personnel"], "personnel"
    ),
    **dict.fromkeys(["un_troops_lag1", "non_un_troops_lag1"], "personnel"),
    **dict.fromkeys(["deployment_months", "episode_months", "months", "months_covered"], "months"),
    **{f"{k}_person_months": "person-months" for k in _KINDS},
    **{f"{k}_mean": "personnel (mean)" for k in _KINDS},
    "contributors": "countries",
    "missions": "missions",
}
UNIT_COLUMNS: dict[PanelUnit, dict[str, str]] = {
    "conflict-month": {
        "conflict_id": "UCDP conflict id",
        "date": "first day of the month",
        **_PERSONNEL,
        "non_un_troops": "regional plus international troops",
        "un_personnel": "UN troops, police and observers",
        "non_un_personnel": "regional plus international troops, police and observers",
        "status": "who is deployed: `none`, `un_only`, `non_un_only` or `parallel`",
        "handover_un_to_non_un": "first month non-UN personnel are alone after UN personnel "
        "were present within `handover_months`",
        "handover_non_un_to_un": "first month UN personnel are alone after non-UN personnel "
        "were present within `handover_months`",
        "deployment_months": "consecutive calendar months with any peacekeepers (1 in the "
        "first, 0 without)",
        "in_deployment_coverage": "the month lies in Bara–Hultman's coverage (1993–2016)",
        "year": "calendar year",
        "region": "UCDP region (first listed) in the conflict's latest year",
        "intrastate": "UCDP type 3 or 4 in the conflict's latest year",
        "acd_active": "the conflict is active in UCDP ACD that year",
        "episode_start": "first month of the UCDP conflict episode (ACD `start_date2`)",
        "episode_months": "months since the episode's start, its first month 1; NA in years "
        "the conflict is not active in ACD",
        "conflict_name": "ACD's location, sides and territory in the conflict's latest ACD year",
        "gwno_loc": "the first GW code ACD lists as the conflict's location that year",
        "gwno_loc_all": "every GW code ACD lists as location that year (`;`-list)",
        "cown": "COW code of `gwno_loc` in force on the month's last day (crosswalk)",
        "iso3": "ISO3 of `gwno_loc` in force on the month's last day (crosswalk)",
        "un_troops_lag1": "`un_troops` of the previous calendar month",
        "non_un_troops_lag1": "`non_un_troops` of the previous calendar month",
    },
    "mission-month": {
        "mission": "mission name as IPI writes it",
        "year": "calendar year",
        "month": "calendar month (1–12)",
        "date": "first day of the month",
        "troops": "UN troops (IPI)",
        "police": "UN police (IPI)",
        "observers": "UN military observers (IPI)",
        "total": "UN uniformed personnel (IPI)",
        "host_country": "host country as IPI writes it",
        "iso3": "host country, ISO3",
        "hq": "mission headquarters (IPI)",
        "contributors": "number of contributing countries (IPI)",
        "register_acronym": "the mission's acronym in `operations.csv`",
        "before_start": "the month precedes the register's start of the operation; NA where "
        "the mission is not in the register",
        "gwno": "host's Gleditsch–Ward number on the month's last day (crosswalk)",
        "cown": "host's COW code on the month's last day (crosswalk)",
    },
    "country-month": {
        "iso3": "host country, ISO3",
        "date": "first day of the month",
        "troops": "UN troops in the country, summed over missions (IPI)",
        "police": "UN police, summed over missions",
        "observers": "UN military observers, summed over missions",
        "total": "UN uniformed personnel, summed over missions",
        "missions": "number of UN missions with personnel in the country",
        "gwno": "Gleditsch–Ward number in force that month (crosswalk); NA for non-GW hosts",
        "cown": "COW code in force on the month's last day (crosswalk)",
    },
    "operation-year": {
        "mission": "mission name as IPI writes it",
        "year": "calendar year",
        "register_acronym": "the mission's acronym in `operations.csv` (its last month)",
        "iso3": "host country, ISO3 (the unit's last month in the year)",
        "gwno": "host's GW number on the last day of the unit's last month in the year",
        "cown": "host's COW code on the last day of the unit's last month in the year",
        **_YEAR_COLUMNS,
    },
    "country-year": {
        "iso3": "host country, ISO3",
        "year": "calendar year",
        "gwno": "GW number on the last day of the country's last month in the year",
        "cown": "COW code (peacesciencer's ccode) on the last day of its last month in the year",
        **_YEAR_COLUMNS,
        "missions": "distinct UN missions with personnel in the country that year",
    },
}


def conflict_attributes(acd: Imported) -> pd.DataFrame:
    """One row per conflict: UCDP region (first listed) and whether it is intrastate.

    Intrastate means UCDP type 3 (intrastate) or 4 (internationalised intrastate) in the
    conflict's latest year.

    >>> import pandas as pd
    >>> from bluehelmet.panels.importers.base import Coverage
    >>> acd = Imported(pd.DataFrame({"conflict_id": [1, 1], "year": [1990, 1991],
    ...     "region": ["4", "4"], "type_of_conflict": [2, 3]}), Coverage("x", "y", "1", "2"))
    >>> conflict_attributes(acd).to_dict("records")
    [{'conflict_id': 1, 'region': 'Africa', 'intrastate': True}]
    """
    latest = acd.data.sort_values("year").groupby("conflict_id").tail(1)
    first_region = latest["region"].astype(str).str.split(",").str[0].str.strip()
    return (
        pd.DataFrame(
            {
                "conflict_id": latest["conflict_id"].astype(int).to_numpy(),
                "region": first_region.map(REGIONS).to_numpy(),
                "intrastate": latest["type_of_conflict"].isin([3, 4]).to_numpy(),
            }
        )
        .sort_values("conflict_id")
        .reset_index(drop=True)
    )


def episode_starts(acd: Imported) -> pd.DataFrame:
    """Start month of the conflict episode each ACD conflict-year belongs to (``start_date2``).

    >>> from bluehelmet.panels.importers.base import Coverage
    >>> acd = Imported(pd.DataFrame({"conflict_id": [1], "year": [1995],
    ...     "start_date2": pd.to_datetime(["1994-11-20"])}), Coverage("x", "y", "1", "2"))
    >>> episode_starts(acd).to_dict("records")
    [{'conflict_id': 1, 'year': 1995, 'episode_start': Timestamp('1994-11-01 00:00:00')}]
    """
    rows = acd.data[["conflict_id", "year", "start_date2"]].dropna(subset=["start_date2"])
    return pd.DataFrame(
        {
            "conflict_id": rows["conflict_id"].astype(int).to_numpy(),
            "year": rows["year"].astype(int).to_numpy(),
            "episode_start": pd.to_datetime(rows["start_date2"]).dt.to_period("M").dt.start_time,
        }
    ).drop_duplicates(["conflict_id", "year"])


def _warn_unknown_conflicts(bh: Imported, acd: Imported) -> None:
    unknown = set(bh.data["conflict_id"].dropna().astype(int)) - set(
        acd.data["conflict_id"].astype(int)
    )
    if unknown:
        rows = bh.data["conflict_id"].isin(list(unknown)).sum()
        warnings.warn(
            f"panel: {len(unknown)} Bara–Hultman conflict id(s) not in UCDP ACD "
            f"({sorted(unknown)[:5]}, {rows} rows): kept, with region and intrastate NA",
            stacklevel=3,
        )


def _conflict_month_panel(folder: Path, start: str, end: str, handover_months: int) -> Panel:
    bh, acd = read_bara_hultman(folder / BARA_HULTMAN), read_ucdp_acd(folder / ACD)
    _warn_unknown_conflicts(bh, acd)
    years = acd.data[["conflict_id", "year"]].astype(int).drop_duplicates()
    deployments = bh.data[["conflict_id", "date", "org", "troops", "police", "observers"]]
    built = conflict_months(
        deployments.astype({"conflict_id": int}), years, start, end, bh.coverage, handover_months
    )
    data = built.data.merge(conflict_attributes(acd), on="conflict_id", how="left")
    active = years.assign(acd_active=True)
    data = data.merge(active, on=["conflict_id", "year"], how="left")
    data["acd_active"] = data["acd_active"].fillna(False).astype(bool)
    data = data.merge(episode_starts(acd), on=["conflict_id", "year"], how="left")
    elapsed = (data["date"].dt.year - data["episode_start"].dt.year) * 12 + (
        data["date"].dt.month - data["episode_start"].dt.month
    )
    data["episode_months"] = (elapsed + 1).where(elapsed >= 0).astype("Int64")
    data = add_conflict_keys(data, acd.data).astype({"conflict_id": "Int64", "year": "Int64"})
    return add_lags(
        Panel("conflict-month", data, (bh.coverage, acd.coverage)), ["un_troops", "non_un_troops"]
    )


def _ipi_months(folder: Path, start: str, end: str) -> Imported:
    ipi = read_ipi(folder / IPI)
    data = ipi.data[ipi.data["date"].between(pd.Timestamp(start), pd.Timestamp(end))]
    return Imported(data.reset_index(drop=True), ipi.coverage)


def _mission_months(ipi: Imported) -> pd.DataFrame:
    """IPI's mission-months with the host's ISO3 (NA when the file has no host column) and
    its GW and COW numbers at each month's end."""
    data = ipi.data.rename(columns={"host_iso3": "iso3"})
    if "iso3" not in data.columns:
        data["iso3"] = pd.Series(pd.NA, index=data.index, dtype="string")
    return data.join(country_keys(data["iso3"], data["date"]))


def _country_months(missions: pd.DataFrame) -> pd.DataFrame:
    keys = ["iso3", "date"]
    sums = missions.groupby(keys)[["troops", "police", "observers", "total"]].sum(min_count=1)
    counts = missions.groupby(keys)["mission"].nunique().rename("missions")
    codes = missions.groupby(keys)[["gwno", "cown"]].first()
    return sums.join(counts).join(codes).reset_index()


def _ipi_panel(unit: PanelUnit, folder: Path, start: str, end: str) -> Panel:
    ipi = _ipi_months(folder, start, end)
    missions = _mission_months(ipi)
    first = max(pd.Timestamp(start), pd.Timestamp(ipi.coverage.start)).strftime("%Y-%m")
    last = min(pd.Timestamp(end), pd.Timestamp(ipi.coverage.end)).strftime("%Y-%m")
    if unit == "mission-month":
        data = missions
    elif unit == "country-month":
        data = _country_months(missions)
    elif unit == "operation-year":
        data = year_aggregate(missions, "mission", first, last)
    else:
        data = year_aggregate(_country_months(missions), "iso3", first, last)
        per_year = missions.assign(year=missions["date"].dt.year.astype("Int64"))
        counts = per_year.groupby(["iso3", "year"])["mission"].nunique().rename("missions")
        data = data.merge(counts.astype("Int64").reset_index(), on=["iso3", "year"])
    built = Panel(unit, data, (ipi.coverage,))
    check_keys(built)
    return built


def panel(
    unit: PanelUnit = "conflict-month",
    start: str = "1993-01",
    end: str = "2016-12",
    shared: Path | None = None,
    handover_months: int = 6,
    sources: Sequence[str] = (),
) -> Panel:
    """A typed panel from the public sources in the shared data folder.

    - ``conflict-month`` (Bara–Hultman and UCDP ACD): every month of every year a conflict
      was active in UCDP ACD plus months with peacekeepers; UN, regional and international
      personnel, status, handovers, region, intrastate, one-month lags; NA outside
      Bara–Hultman's coverage (1993–2016); keys: UCDP ``conflict_id``, ``conflict_name``,
      location ``gwno_loc`` (first listed; ``gwno_loc_all`` all), its ``cown`` and ``iso3``.
    - ``mission-month`` (IPI): UN troops, police and observers per mission and month,
      with the register acronym, months before the register's start flagged, and the
      host's ``iso3``, ``gwno`` and ``cown`` in force at the month's end (crosswalk).
    - ``country-month`` (IPI): UN personnel per host country (``iso3``, ``gwno``,
      ``cown``) and month, summed over missions, with the number of missions; hosts that
      are no GW state (Western Sahara) get NA and a warning.
    - ``operation-year`` and ``country-year``: the IPI panels by calendar year
      (:func:`bluehelmet.panels.years.year_aggregate`: person-months and mean strength),
      keyed for state-years (``cown`` = peacesciencer's ``ccode``, ``year``).

    ``sources`` joins more sources, in the order given, each by its ``add_*`` verb (the
    registry :data:`bluehelmet.panels.sources.SOURCES`; :func:`panel_sources` lists them):
    ``hks_2014`` battle deaths on conflict-months; ``pko_fatalities`` peacekeeper
    fatalities, ``pko_shortfall`` authorised strengths and ``geopko_v2`` deployment sites
    on mission-months.

    >>> panel(unit="dyad-year")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: unknown unit 'dyad-year'; use conflict-month, ...
    """
    check("unit", unit, PanelUnit)
    _check_sources(unit, sources)
    folder = shared or shared_data_dir()
    needed = [*UNIT_FILES[unit], *(file for s in sources for file, _ in SOURCES[s].inputs)]
    for rel in dict.fromkeys(needed):
        if not (folder / rel).exists():
            raise NotFoundError(
                f"{folder / rel}: source file not found; set "
                "BLUEHELMET_SHARED_DATA to the folder holding it"
            )
    if unit == "conflict-month":
        built = _conflict_month_panel(folder, start, end, handover_months)
    else:
        built = _ipi_panel(unit, folder, start, end)
    for source in sources:
        built = SOURCES[source].join(built, folder)
    return built


def _check_sources(unit: PanelUnit, sources: Sequence[str]) -> None:
    """Refuse unknown sources, a source given twice, and a source on a unit it cannot join.

    >>> _check_sources("conflict-month", ["acled"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: unknown source 'acled'; use hks_2014, pko_fatalities, ...
    >>> _check_sources("mission-month", ["hks_2014"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: source 'hks_2014' joins a conflict-month panel, not a ...
    """
    for source in sources:
        check("source", source, SOURCES)
        units = SOURCES[source].units
        if unit not in units:
            raise UsageError(
                f"source {source!r} joins a {' or '.join(units)} panel, not a {unit} one"
            )
    repeated = sorted({s for s in sources if list(sources).count(s) > 1})
    if repeated:
        raise UsageError(f"source {repeated[0]!r} given twice; join each source once")


def write_panel(built: Panel, out: Path) -> Path:
    """Write a panel as CSV (ISO dates), JSON, Parquet or Stata by ``out``'s suffix, atomically,
    with its codebook beside it (:func:`bluehelmet.export.write_documented`).

    >>> import tempfile
    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [1],
    ...     "date": pd.to_datetime(["2000-01-01"])}))
    >>> write_panel(p, Path(tempfile.mkdtemp()) / "p.csv").read_text().splitlines()
    ['conflict_id,date', '1,2000-01-01']
    """
    from bluehelmet.export import write_documented

    return write_documented(built.data, out, built.unit)[0]
