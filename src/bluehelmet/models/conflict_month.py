"""The partnership analysis on the real conflict-month panel: Africa, 1993–2011.

Battle deaths are the HKS-2014-layout government–rebel deaths (``brf_grc``) summed over each
conflict's dyads after translating old conflict ids to new UCDP ids
(:mod:`bluehelmet.panels.conflict_ids`); UN and non-UN troops are Bara–Hultman's. The window
is where both sources have data (deaths 1992–2011, personnel 1993–2016); conflict-months
without death coverage (non-African or untranslated conflicts) are left out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.models.partnership import PartnershipResult, partnership_effects
from bluehelmet.panels.build import panel
from bluehelmet.panels.conflict_ids import translate_conflict_ids
from bluehelmet.panels.importers.hks2014 import read_hks2014
from bluehelmet.panels.importers.ucdp_acd import read_ucdp_acd
from bluehelmet.panels.sources import ACD, HKS2014
from bluehelmet.paths import shared_data_dir

START, END = "1993-01", "2011-12"
#: Controls, lagged one month like the troops: last month's battle deaths (as in HKS 2014).
CONTROLS = ("battle_deaths",)


def conflict_month_deaths(shared: Path | None = None) -> pd.DataFrame:
    """African conflict-months 1993–2011 with battle deaths and UN/non-UN personnel.

    >>> import tempfile
    >>> conflict_month_deaths(Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: ...bara_hultman_un_nonun_v2_2019.dta: source file not found...
    """
    built = panel(start=START, end=END, shared=shared, sources=("hks_2014",)).data
    covered = (built["region"] == "Africa") & built["battle_deaths"].notna()
    return built[covered].reset_index(drop=True)


def conflict_month_partnership(
    shared: Path | None = None, fe: bool = True, n_sims: int = 1000
) -> PartnershipResult:
    """NB2 of battle deaths on last month's UN and non-UN troops (thousands), their product
    and last month's deaths; conflict fixed effects (optional), conflict-clustered SEs.

    >>> import tempfile
    >>> conflict_month_partnership(Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: ...bara_hultman_un_nonun_v2_2019.dta: source file not found...
    """
    return partnership_effects(
        conflict_month_deaths(shared),
        outcome="battle_deaths",
        controls=CONTROLS,
        fe="conflict_id" if fe else None,
        cluster="conflict_id",
        n_sims=n_sims,
    )


def translation_summary(shared: Path | None = None) -> str:
    """How many HKS dyads, dyad-months and battle deaths got a new UCDP conflict id.

    >>> import tempfile
    >>> translation_summary(Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: ...battle_deaths_1992_2011.Rdata: not found; set ...
    """
    folder = shared or shared_data_dir()
    for rel in (HKS2014, ACD):
        if not (folder / rel).exists():
            raise NotFoundError(
                f"{folder / rel}: not found; set BLUEHELMET_SHARED_DATA to its folder"
            )
    ids = translate_conflict_ids(read_hks2014(folder / HKS2014), read_ucdp_acd(folder / ACD))
    return ids.summary()
