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
from bluehelmet.panels.panel import Panel, check_keys
from bluehelmet.panels.sources import ACD, BARA_HULTMAN, IPI, SOURCES, UNIT_FILES
from bluehelmet.paths import shared_data_dir
from bluehelmet.register.countries import convert_country

#: UCDP region codes.
REGIONS = {"1": "Europe", "2": "Middle East", "3": "Asia", "4": "Africa", "5": "Americas"}


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
    return add_lags(
        Panel("conflict-month", data, (bh.coverage, acd.coverage)), ["un_troops", "non_un_troops"]
    )


def _ipi_months(folder: Path, start: str, end: str) -> Imported:
    ipi = read_ipi(folder / IPI)
    data = ipi.data[ipi.data["date"].between(pd.Timestamp(start), pd.Timestamp(end))]
    return Imported(data.reset_index(drop=True), ipi.coverage)


def _country_months(ipi: Imported) -> pd.DataFrame:
    data = ipi.data.rename(columns={"host_iso3": "iso3"})
    sums = data.groupby(["iso3", "date"])[["troops", "police", "observers", "total"]].sum(
        min_count=1
    )
    missions = data.groupby(["iso3", "date"])["mission"].nunique().rename("missions")
    out = sums.join(missions).reset_index()
    out["gwno"] = convert_country(out["iso3"], "iso3", "gwno", date=out["date"])
    return out


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
      Bara–Hultman's coverage (1993–2016).
    - ``mission-month`` (IPI): UN troops, police and observers per mission and month,
      with the register acronym and months before the register's start flagged.
    - ``country-month`` (IPI): UN personnel per host country (ISO3, with the GW number in
      force that month from the crosswalk) and month, summed over missions, with the number
      of missions; hosts that are no GW state (Western Sahara) get NA and a warning.

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
        ipi = _ipi_months(folder, start, end)
        data = ipi.data if unit == "mission-month" else _country_months(ipi)
        built = Panel(unit, data, (ipi.coverage,))
        check_keys(built)
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
    """Write a panel as CSV (ISO dates), JSON, Parquet or Stata by ``out``'s suffix, atomically
    (:func:`bluehelmet.export.write_any`).

    >>> import tempfile
    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [1],
    ...     "date": pd.to_datetime(["2000-01-01"])}))
    >>> write_panel(p, Path(tempfile.mkdtemp()) / "p.csv").read_text().splitlines()
    ['conflict_id,date', '1,2000-01-01']
    """
    from bluehelmet.export import write_any

    return write_any(built.data, out)[0]
