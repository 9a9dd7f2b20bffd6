"""The panel source registry: each source ``bh.panel(sources=...)`` can join, in one entry.

An entry names the shared-data files the source needs with the importer that reads each,
the ``add_*`` verb that joins them onto a panel, the units it joins and the columns it
adds. :func:`bluehelmet.panels.build.panel` and its checks read only this table: adding a
source is adding an entry here (and its section in docs/panels.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bluehelmet.options import PanelUnit
from bluehelmet.panels.add import add_battle_deaths
from bluehelmet.panels.add_mission import (
    add_authorised_strength,
    add_deployment_sites,
    add_fatalities,
)
from bluehelmet.panels.importers.base import Imported
from bluehelmet.panels.importers.fatalities import read_fatalities
from bluehelmet.panels.importers.geopko import read_geopko
from bluehelmet.panels.importers.hks2014 import read_hks2014
from bluehelmet.panels.importers.shortfall import read_shortfall
from bluehelmet.panels.importers.ucdp_acd import read_ucdp_acd
from bluehelmet.panels.panel import Panel

#: Shared-data files, relative to the shared data folder.
BARA_HULTMAN = Path("deployments/bara_hultman_un_nonun_v2_2019.dta")
ACD = Path("conflict/ucdp_prio_acd_20_1.csv")
IPI = Path("deployments/ipi_mission_month_1990_2017.csv")
HKS2014 = Path("conflict/africa_dyad_month_battle_deaths_1992_2011.Rdata")
FATALITIES = Path("deployments/peacekeeper_fatalities_1948_2015.dta")
SHORTFALL = Path("deployments/personnel_shortfall_1990_2015.dta")
GEOPKO = Path("deployments/geopko_v2_raw.csv")

#: The files each unit's base panel is built from.
UNIT_FILES: dict[PanelUnit, tuple[Path, ...]] = {
    "conflict-month": (BARA_HULTMAN, ACD),
    "country-month": (IPI,),
    "mission-month": (IPI,),
    "operation-year": (IPI,),
    "country-year": (IPI,),
}


@dataclass(frozen=True)
class Source:
    """One joinable source: ``add(panel, *[read(folder / file) for file, read in inputs])``;
    ``columns`` maps each column it adds to its meaning and ``column_units`` each measured
    one to its unit of measurement (the codebook's)."""

    key: str
    inputs: tuple[tuple[Path, Callable[[Path], Imported]], ...]
    add: Callable[..., Panel]
    units: tuple[PanelUnit, ...]
    columns: dict[str, str]
    column_units: dict[str, str] = field(default_factory=dict)

    def join(self, panel: Panel, folder: Path) -> Panel:
        """Read this source's files from ``folder`` and join them onto ``panel``."""
        return self.add(panel, *(read(folder / file) for file, read in self.inputs))


SOURCES: dict[str, Source] = {
    source.key: source
    for source in (
        Source(
            "hks_2014",
            ((HKS2014, read_hks2014), (ACD, read_ucdp_acd)),
            add_battle_deaths,
            ("conflict-month",),
            {
                "battle_deaths": "battle deaths (HKS-2014 `brf_grc`), summed over the "
                "conflict's government–rebel dyads; 0 in a covered month without deaths",
                "battle_deaths_gr": "battle deaths, government–rebel only (HKS-2014 `brf_gr`)",
                "battle_deaths_lag1": "`battle_deaths` of the previous calendar month",
            },
            dict.fromkeys(("battle_deaths", "battle_deaths_gr", "battle_deaths_lag1"), "deaths"),
        ),
        Source(
            "pko_fatalities",
            ((FATALITIES, read_fatalities),),
            add_fatalities,
            ("mission-month",),
            {
                "fatalities": "UN peacekeeper deaths that month, all contributors",
                "fatalities_illness": "of them, by illness",
                "fatalities_accident": "of them, by accident",
                "fatalities_malicious": "of them, by malicious act",
                "fatalities_other": "of them, other or unknown cause",
            },
            dict.fromkeys(
                [
                    "fatalities",
                    *(f"fatalities_{c}" for c in ("illness", "accident", "malicious", "other")),
                ],
                "deaths",
            ),
        ),
        Source(
            "pko_shortfall",
            ((SHORTFALL, read_shortfall),),
            add_authorised_strength,
            ("mission-month",),
            {
                "authorised_troops": "authorised troops (personnel shortfall file)",
                "authorised_police": "authorised police",
                "authorised_observers": "authorised military observers",
            },
            dict.fromkeys(
                ("authorised_troops", "authorised_police", "authorised_observers"), "personnel"
            ),
        ),
        Source(
            "geopko_v2",
            ((GEOPKO, read_geopko),),
            add_deployment_sites,
            ("mission-month",),
            {
                "geopko_sites": "deployment sites on the month's UN map (Geo-PKO v2)",
                "geopko_troops": "troops at the sites that give a number",
                "geopko_sites_troops_unknown": "sites whose troops are `unknown`",
                "geopko_map": "the UN map the month's sites come from",
            },
            {
                "geopko_sites": "sites",
                "geopko_troops": "personnel",
                "geopko_sites_troops_unknown": "sites",
            },
        ),
    )
}


def panel_sources() -> pd.DataFrame:
    """The sources ``bh.panel(sources=...)`` can join: key, units, files, verb and columns.

    >>> panel_sources().set_index("source").loc["hks_2014", "units"]
    'conflict-month'
    """
    return pd.DataFrame(
        [
            {
                "source": s.key,
                "units": ", ".join(s.units),
                "files": ", ".join(str(file) for file, _ in s.inputs),
                "verb": s.add.__name__,
                "columns": ", ".join(s.columns),
            }
            for s in SOURCES.values()
        ]
    )
