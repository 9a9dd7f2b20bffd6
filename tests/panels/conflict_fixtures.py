"""Tiny hand-written UCDP ACD and HKS-2014 frames for the conflict id translation tests."""

from __future__ import annotations

import pandas as pd

from bluehelmet.panels.importers.base import Coverage, Imported

HKS_COLUMNS = ["conflict_ID", "gov", "rebel_group", "year", "month", "brf_grc", "brf_gr"]


def tiny_acd() -> Imported:
    """Conflict-years of made-up conflicts, plus Lesotho 1998 under its ACD 20.1 name."""
    rows = [
        (900, 2000, "Government of Atlantis", "Red Front, Blue-Army"),
        (900, 2001, "Government of Atlantis", "Blue-Army"),
        (901, 2003, "Government of Atlantis", "Military Junta for Peace, Unity and Justice"),
        (902, 2000, "Government of Borduria", "Government of Syldavia"),
        (903, 1995, "Government of Atlantis", "Red Front"),  # other years: never matched
        (904, 2001, "Government of Atlantis", "Green League"),
        (905, 2001, "Government of Atlantis", "Green League, Ghost Brigade"),
        (906, 1998, "Government of Lesotho", "Military faction (Lesotho)"),
    ]
    data = pd.DataFrame(rows, columns=["conflict_id", "year", "side_a", "side_b"])
    return Imported(data, Coverage("ucdp_acd_20_1", "conflict-year", "1946", "2019"))


def tiny_hks() -> Imported:
    """Dyad-months; active_year is 1 on every row, so active years are the rows' years."""
    rows = [
        (10.0, "Atlantis", "Red Front", 1991, 12, 100.0, 100.0),  # before the 1992 window
        (10.0, "Atlantis", "Red Front", 2000, 1, 5.0, 4.0),
        (10.0, "Atlantis", "Red Front", 2000, 1, 5.0, 4.0),  # repeated dyad-month
        (10.0, "Atlantis", "Red Front", 2000, 2, 0.0, 0.0),
        (10.0, "Atlantis", "Blue Army", 2001, 3, 7.0, 7.0),
        (10.2, "Atlantis", "Blue Army", 2000, 2, 8.0, 8.0),  # sub-conflict, same new id
        (11.0, "Atlantis", "Military Junta for Peace, Unity and Justice", 2003, 5, 2.0, 2.0),
        (12.0, "Borduria", "Syldavia", 2000, 6, 4.0, 4.0),
        (10.0, "Atlantis", "Green League", 2001, 1, 3.0, 3.0),  # in 904 and 905: ambiguous
        (13.0, "Lesotho", "Military faction", 1998, 9, 6.0, 6.0),  # alias
        (14.0, "Chad", "PFNR", 2010, 1, 1.0, 1.0),  # alias FPRN, but not in this ACD
        (10.0, "Atlantis", "Ghost Brigade", 2000, 1, 9.0, 9.0),  # listed in 2001 only
        (15.0, None, None, 2000, 1, 0.0, 0.0),  # no dyad names
    ]
    data = pd.DataFrame(rows, columns=HKS_COLUMNS).assign(active_year=1.0)
    data = data.astype({"gov": "string", "rebel_group": "string"})
    return Imported(data, Coverage("hks_2014", "dyad-month", "1992-01", "2011-12"))
