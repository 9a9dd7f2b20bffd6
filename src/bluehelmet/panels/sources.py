"""The panel source registry: each source ``bh.panel(sources=...)`` can join, in one entry.

An entry names the shared-data files the source needs with the importer that reads each,
the ``add_*`` verb that joins them onto a panel, the units it joins and the columns it
adds. :func:`bluehelmet.panels.build.panel` and its checks read only this table: adding a
source is adding an entry here (and its section in docs/panels.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
    """One joinable source: ``add(panel, *[read(folder / file) for file, read in inputs])``."""

    key: str
    inputs: tuple[tuple[Path, Callable[[Path], Imported]], ...]
    add: Callable[..., Panel]
    units: tuple[PanelUnit, ...]
    columns: tuple[str, ...]

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
            ("battle_deaths", "battle_deaths_gr", "battle_deaths_lag1"),
        ),
        Source(
            "pko_fatalities",
            ((FATALITIES, read_fatalities),),
            add_fatalities,
            ("mission-month",),
            (
                "fatalities",
                "fatalities_illness",
                "fatalities_accident",
                "fatalities_malicious",
                "fatalities_other",
            ),
        ),  # fmt: skip
        Source(
            "pko_shortfall",
            ((SHORTFALL, read_shortfall),),
            add_authorised_strength,
            ("mission-month",),
            ("authorised_troops", "authorised_police", "authorised_observers"),
        ),
        Source(
            "geopko_v2",
            ((GEOPKO, read_geopko),),
            add_deployment_sites,
            ("mission-month",),
            ("geopko_sites", "geopko_troops", "geopko_sites_troops_unknown", "geopko_map"),
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
