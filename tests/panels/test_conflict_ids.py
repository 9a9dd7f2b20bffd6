"""Old-to-new conflict id translation: a hand-written fixture, and the shared HKS/ACD files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from bluehelmet.panels.conflict_ids import normalise_name, translate_conflict_ids
from bluehelmet.panels.importers.base import Imported
from bluehelmet.panels.importers.hks2014 import read_hks2014
from bluehelmet.panels.importers.ucdp_acd import read_ucdp_acd
from tests.panels.conflict_fixtures import tiny_acd, tiny_hks


def test_each_dyad_gets_the_conflict_listing_it_in_its_active_years() -> None:
    out = translate_conflict_ids(tiny_hks(), tiny_acd()).dyads
    got = {
        (r.conflict_ID, r.rebel_group): (None if pd.isna(r.conflict_id) else r.conflict_id, r.how)
        for r in out.itertuples()
    }
    assert got == {
        (10.0, "Red Front"): (900, "name"),  # 2000 (903 lists it only in 1995)
        (10.0, "Blue Army"): (900, "name"),  # "Blue-Army" after normalising
        (10.2, "Blue Army"): (900, "name"),
        (11.0, "Military Junta for Peace, Unity and Justice"): (901, "name"),  # comma in name
        (12.0, "Syldavia"): (902, "name"),  # "Government of" ignored
        (10.0, "Green League"): (None, "ambiguous"),
        (13.0, "Military faction"): (906, "alias"),
        (14.0, "PFNR"): (None, "none"),
        (10.0, "Ghost Brigade"): (None, "none"),
    }


def test_match_rate_counts_dyads_months_and_deaths_in_the_window() -> None:
    ids = translate_conflict_ids(tiny_hks(), tiny_acd())
    # Window 1992-2011: Red Front has 2 dyad-months (the repeat collapsed) and 5 deaths;
    # the 1991 row (100 deaths) is outside. Matched: 6 of 9 dyads, 7 of 10 dyad-months,
    # 5 + 7 + 8 + 2 + 4 + 6 = 32 of 32 + 3 + 1 + 9 = 45 deaths.
    assert ids.unnamed_months == 1
    assert ids.dyads["dyad_months"].sum() == 10 and ids.dyads["battle_deaths"].sum() == 45
    assert ids.matched["dyad_months"].sum() == 7 and ids.matched["battle_deaths"].sum() == 32
    summary = ids.summary()
    assert "6 of 9 HKS dyads" in summary and "7 of 10 dyad-months" in summary
    assert "32 of 45 battle deaths (71.1%)" in summary
    assert "Atlantis–Ghost Brigade (old 10, 9 deaths)" in summary


def test_names_are_normalised() -> None:
    assert normalise_name("Government of DR Congo (Zaire)") == "dr congo (zaire)"
    assert normalise_name("CNDD, CNDD-FDD , Palipehutu-FNL") == "cndd, cndd fdd, palipehutu fnl"
    assert normalise_name("Military faction (forces of André Kolingba)") == normalise_name(
        "military faction (forces of Andre Kolingba)"
    )


# --- shared data -------------------------------------------------------------------------

HKS_FILE = Path("conflict/africa_dyad_month_battle_deaths_1992_2011.Rdata")
ACD_FILE = Path("conflict/ucdp_prio_acd_20_1.csv")


@pytest.fixture(scope="module")
def real(shared_data: Path) -> tuple[Imported, Imported]:
    return read_hks2014(shared_data / HKS_FILE), read_ucdp_acd(shared_data / ACD_FILE)


@pytest.mark.shared
def test_shared_match_rate(real: tuple[Imported, Imported]) -> None:
    ids = translate_conflict_ids(*real)
    dyads = ids.dyads
    # Every dyad but one (Somalia-Harakat Ras Kamboni, 22 deaths) is found by name or by a
    # documented alias. The thresholds leave room for one more small unmatched dyad; a
    # broken normalisation or year rule loses far more (e.g. all Sudan or Somalia dyads).
    assert len(ids.matched) / len(dyads) >= 0.98
    assert ids.matched["battle_deaths"].sum() / dyads["battle_deaths"].sum() >= 0.999
    assert (dyads["how"] != "ambiguous").all()


@pytest.mark.shared
def test_shared_known_cases_match_the_acd_file(
    shared_data: Path, real: tuple[Imported, Imported]
) -> None:
    # Read independently: the ACD conflict whose government is Sierra Leone's and whose
    # opponents include the RUF (382; side_b "RUF" 1991-1996 and 2001).
    acd = pd.read_csv(shared_data / ACD_FILE)
    sle = acd[(acd.side_a == "Government of Sierra Leone") & acd.side_b.str.contains("RUF")]
    assert set(sle.conflict_id) == {382}
    dyads = translate_conflict_ids(*real).dyads.set_index(["conflict_ID", "rebel_group"])
    assert dyads.loc[(187.0, "RUF"), "conflict_id"] == 382
    # Algeria (old 191) is ACD 386; Sudan's two old sub-conflicts 113.1 (Darfur) and 113.2
    # (south) are both the one new government conflict 309.
    algeria = acd[acd.side_a == "Government of Algeria"]
    assert set(algeria[algeria.side_b.str.contains("GIA")].conflict_id) == {386}
    assert dyads.loc[(191.0, "GIA"), "conflict_id"] == 386
    assert dyads.loc[(113.1, "JEM"), "conflict_id"] == dyads.loc[(113.2, "SPLM/A"), "conflict_id"]
    assert dyads.loc[(113.1, "JEM"), "conflict_id"] == 309


@pytest.mark.shared
def test_shared_deaths_per_dyad_equal_the_raw_file(
    shared_data: Path, real: tuple[Imported, Imported]
) -> None:
    raw = pyreadr.read_r(str(shared_data / HKS_FILE), encoding="latin1")["pko"]
    rows = raw[(raw.conflict_ID.round(1) == 187) & (raw.rebel_group == "RUF")]
    inside = rows[(rows.year_month >= 1992) & (rows.year_month < 2012)]
    dyads = translate_conflict_ids(*real).dyads.set_index(["conflict_ID", "rebel_group"])
    assert dyads.loc[(187.0, "RUF"), "battle_deaths"] == inside.brf_grc.sum()
