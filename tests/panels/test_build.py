"""The conflict-month panel built from the shared Bara–Hultman and UCDP files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import NotFoundError
from bluehelmet.panels.build import panel
from bluehelmet.panels.describe import partner_share


@pytest.fixture(scope="module")
def built(shared_data: Path) -> pd.DataFrame:
    return panel(shared=shared_data).data


@pytest.mark.shared
def test_sierra_leone_march_2000_is_parallel(built: pd.DataFrame) -> None:
    # Raw file: conflict 382, 2000-03: UNAMSIL 5,984 troops, ECOWAS (org 2) 10,200.
    row = built[(built.conflict_id == 382) & (built.date == "2000-03-01")].iloc[0]
    assert (row.un_troops, row.regional_troops, row.status) == (5984.0, 10200.0, "parallel")
    assert row.region == "Africa" and bool(row.intrastate)


@pytest.mark.shared
def test_sierra_leone_handover_and_coverage(built: pd.DataFrame) -> None:
    sle = built[built.conflict_id == 382].set_index("date")
    # ECOWAS's last month in the raw file is 2000-05; UNAMSIL stays to 2005-12.
    assert sle.loc["2000-06-01", "status"] == "un_only"
    assert pd.isna(built[built.date == "2017-01-01"].un_troops).all()


@pytest.mark.shared
def test_panel_keys_unique_and_partner_share_in_range(shared_data: Path) -> None:
    built_panel = panel(shared=shared_data)
    assert not built_panel.data.duplicated(["conflict_id", "date"]).any()
    share = partner_share(built_panel).iloc[0]
    assert 0 < share.with_partner < share.un_months


def test_missing_source_is_named(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="bara_hultman_un_nonun_v2_2019.dta"):
        panel(shared=tmp_path)


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_country_month_sums_missions_as_the_raw_file(shared_data: Path) -> None:
    raw = pd.read_csv(shared_data / "deployments" / "ipi_mission_month_1990_2017.csv")
    rows = raw[
        (raw["Country of Mission ISO-3"] == "SUD") | (raw["Country of Mission ISO-3"] == "SDN")
    ]
    month = rows[rows["Date"].str.startswith("2008-06")]
    built = panel(unit="country-month", start="2008-06", end="2008-06", shared=shared_data)
    got = built.data[built.data.iso3.isin(["SDN", "SUD"])].iloc[0]
    assert got.troops == month["Troops"].sum() and got.missions == month["Mission"].nunique()
    assert got.missions == 2  # UNMIS and UNAMID in mid-2008
    assert got.gwno == 625


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_mission_month_keys(shared_data: Path) -> None:
    built = panel(unit="mission-month", start="1999-01", end="1999-12", shared=shared_data)
    assert built.keys == ("mission", "date")
    sle = built.data[built.data.mission == "UNAMSIL"]
    assert sle.date.min() == pd.Timestamp("1999-01-01")  # IPI's early start, flagged
    assert bool(sle.sort_values("date").before_start.iloc[0])
