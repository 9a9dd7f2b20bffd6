"""The conflict-month panel built from the shared Bara–Hultman and UCDP files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from bluehelmet.errors import NotFoundError, UsageError
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


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore:add_battle_deaths")
def test_battle_deaths_from_the_hks_file(shared_data: Path) -> None:
    built = panel(start="1989-01", end="2019-12", shared=shared_data, sources=("hks_2014",))
    data = built.data
    known = data[data.battle_deaths.notna()]
    assert known.date.min() >= pd.Timestamp("1992-01-01")
    assert known.date.max() <= pd.Timestamp("2011-12-01")
    assert set(known.region) == {"Africa"}
    # Sierra Leone (new id 382 = old 187), January 2000: all of old 187's dyads that month.
    raw = pyreadr.read_r(
        str(shared_data / "conflict/africa_dyad_month_battle_deaths_1992_2011.Rdata"),
        encoding="latin1",
    )["pko"]
    month = raw[(raw.conflict_ID.round(1) == 187) & ((raw.year_month - 2000.01).abs() < 1e-3)]
    row = data[(data.conflict_id == 382) & (data.date == "2000-01-01")].iloc[0]
    assert row.battle_deaths == month.brf_grc.sum()
    assert built.coverage[-1].source == "hks_2014"


def test_extra_sources_are_checked(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown source 'acled'; use hks_2014"):
        panel(shared=tmp_path, sources=("acled",))
    with pytest.raises(UsageError, match="joins a conflict-month panel, not a mission-month"):
        panel(unit="mission-month", shared=tmp_path, sources=("hks_2014",))


@pytest.mark.shared
def test_missing_battle_deaths_file_is_named(shared_data: Path, tmp_path: Path) -> None:
    for rel in ("deployments/bara_hultman_un_nonun_v2_2019.dta", "conflict/ucdp_prio_acd_20_1.csv"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).symlink_to(shared_data / rel)
    with pytest.raises(NotFoundError, match="africa_dyad_month_battle_deaths_1992_2011.Rdata"):
        panel(shared=tmp_path, sources=("hks_2014",))


def test_episode_months_follow_the_acd_episode_start(shared_data: Path) -> None:
    acd = pd.read_csv(shared_data / "conflict" / "ucdp_prio_acd_20_1.csv")
    row = acd[(acd["conflict_id"] == 382) & (acd["year"] == 1999)].iloc[0]
    start = pd.Timestamp(row["start_date2"])
    built = panel(start="1999-01", end="1999-12", shared=shared_data).data
    june = built[(built["conflict_id"] == 382) & (built["date"] == "1999-06-01")]
    expected = (1999 - start.year) * 12 + (6 - start.month) + 1
    assert june["episode_months"].iloc[0] == expected


def test_deployment_months_restart_after_a_gap(shared_data: Path) -> None:
    built = panel(start="1993-01", end="2016-12", shared=shared_data).data
    sle = built[built["conflict_id"] == 382].sort_values("date")
    present = (sle["un_personnel"] > 0) | (sle["non_un_personnel"] > 0)
    # Count spells independently: a running counter reset whenever presence lapses.
    expected, run = [], 0
    for here in present:
        run = run + 1 if here else 0
        expected.append(run)
    assert sle["date"].diff().dropna().dt.days.max() <= 31  # no missing months for 382
    assert sle["deployment_months"].tolist() == expected


def test_bara_hultman_ids_missing_from_acd_are_warned_about() -> None:
    from bluehelmet.panels.build import _warn_unknown_conflicts
    from bluehelmet.panels.importers.base import Coverage, Imported

    cov = Coverage("x", "y", "1", "2")
    bh = Imported(pd.DataFrame({"conflict_id": [1, 2, 2, 3]}), cov)
    acd = Imported(pd.DataFrame({"conflict_id": [1, 3]}), cov)
    with pytest.warns(
        UserWarning, match=r"1 Bara–Hultman conflict id\(s\) not in UCDP ACD \(\[2\], 2 rows\)"
    ):
        _warn_unknown_conflicts(bh, acd)
