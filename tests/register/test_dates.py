"""Dates that do not mislead: precision in the register, and every date filter, overlap
test and the timeline explicit about unknown and imprecise dates."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.patches import Rectangle

import bluehelmet as bh
from bluehelmet.documents.akn import read_akn
from bluehelmet.figures.timeline import timeline_figure
from bluehelmet.register import dates
from bluehelmet.register.checks import dates_consistent
from bluehelmet.register.load import read_table
from tests.texts import text_path

# The five operations the timeline used to drop for lack of a date.
UNDATED_BEFORE = ("ECOMOG-LBR", "LICORNE", "UNITAF", "DENY-FLIGHT", "MISAB")


@pytest.fixture(scope="module")
def ops() -> pd.DataFrame:
    return read_table("operations").set_index("acronym")


def test_liberia_1995_includes_ecomog() -> None:
    found = bh.operations(country="LBR", start=1995, end=1995)
    assert {"ECOMOG-LBR", "UNOMIL"} <= set(found["acronym"])
    assert found.attrs["notes"] == []  # the dates settle it: nothing left open


def test_ended_operations_are_not_active_decades_later() -> None:
    found = set(bh.operations(start=2010, end=2012)["acronym"])
    assert not found & {"UNTAG", "UNTMIH", "ECOMOG-LBR", "UNITAF", "DENY-FLIGHT"}
    assert {"UNMIL", "MONUSCO", "ISAF"} <= found


def test_ecomog_in_liberia_is_no_partner_of_unmil() -> None:
    partners = bh.partners("UNMIL")
    assert "ECOMOG-LBR" not in set(partners["acronym"])
    assert "ECOMIL" in set(partners["acronym"])
    assert "UNMIL" in set(bh.partners("ECOMIL")["acronym"])


def test_unknown_dates_are_kept_or_left_out_and_named() -> None:
    kept = bh.operations(country="CAF", start=2010, end=2012)
    assert "MOUACA" in set(kept["acronym"])  # no dates at all: it may have served then
    (note,) = kept.attrs["notes"]
    assert "MOUACA" in note and "unknown start and end dates" in note and "included" in note
    left = bh.operations(country="CAF", start=2010, end=2012, uncertain="exclude")
    assert "MOUACA" not in set(left["acronym"]) and "left out" in left.attrs["notes"][0]
    assert set(left["acronym"]) == set(kept["acronym"]) - {"MOUACA"}
    with pytest.raises(bh.UsageError, match="^unknown uncertain 'maybe'; use include, exclude$"):
        bh.operations(start=2000, uncertain="maybe")


def test_partner_notes_name_the_operation_whose_dates_are_open() -> None:
    partners = bh.partners("UNAMIR")
    assert "NMOG" in set(partners["acronym"])  # start unknown, ended October 1993
    assert "NMOG" in partners.attrs["notes"][0]
    assert "NMOG" not in set(bh.partners("UNAMIR", uncertain="exclude")["acronym"])


def test_timeline_keeps_every_operation_and_hatches_inexact_dates() -> None:
    rows = bh.theatre_operations()
    assert set(UNDATED_BEFORE) <= set(rows["acronym"])
    fig = timeline_figure(rows)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(rows)
    assert any(label.endswith("· MOUACA (dates unknown)") for label in labels)
    assert any(label.endswith("· NMOG (start unknown)") for label in labels)
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) >= len(rows[rows["start_precision"] != "day"])


def test_theatre_rows_say_which_are_uncertain() -> None:
    rows = bh.theatre_operations()
    mouaca = rows[rows["acronym"] == "MOUACA"]
    assert not mouaca["certain"].any()
    assert rows[rows["acronym"] == "UNAMSIL"]["certain"].all()
    assert "MOUACA" in rows.attrs["notes"][0]
    strict = bh.theatre_operations(uncertain="exclude")
    assert "MOUACA" not in set(strict["acronym"]) and strict["certain"].all()


def test_un_ends_from_the_texts(ops: pd.DataFrame) -> None:
    expected = {
        "UNMIL": "2018-03-30",
        "UNTAET": "2002-05-20",
        "UNMISET": "2005-05-20",
        "UNOCI": "2017-06-30",
        "MINUSTAH": "2017-10-15",
        "MINUJUSTH": "2019-10-15",
        "UNIKOM": "2003-10-06",
        "UNMEE": "2008-07-31",
        "UNMIBH": "2002-12-31",
        "UNOMIG": "2009-06-15",
        "MINUCI": "2004-04-04",
        "ONUCA": "1992-01-17",
        "UNIIMOG": "1991-02-28",
    }
    for acronym, end in expected.items():
        row = ops.loc[acronym]
        assert (f"{row['end_date']:%Y-%m-%d}", row["end_precision"]) == (end, "day"), acronym
    assert f"{ops.at['UNMISET', 'start_date']:%Y-%m-%d}" == "2002-05-20"


def test_first_of_month_ends_are_month_precision(ops: pd.DataFrame) -> None:
    """DPPA rounds ends to the first of the month; the register never passes that off as a day."""
    ended = ops[ops["end_date"].notna()]
    first = ended[ended["end_date"].dt.day == 1]
    assert len(first) > 20
    assert set(first["end_precision"]) <= {"month", "year"}


def test_untag_and_untmih_end_at_pacts_month(ops: pd.DataFrame) -> None:
    for acronym, month in (("UNTAG", "1990-03"), ("UNTMIH", "1997-12")):
        row = ops.loc[acronym]
        assert (f"{row['end_date']:%Y-%m}", row["end_precision"]) == (month, "month")
        assert "pact" in row["date_source"].split(";")


def test_precisions_follow_the_sources(ops: pd.DataFrame) -> None:
    bh_dated = ops[ops["date_source"].fillna("").str.contains("bara_hultman_2020")]
    assert set(bh_dated["start_precision"]) - {"unknown"} <= {"month", "year"}
    assert ops.loc["ECOMOG-LBR", ["start_precision", "end_precision"]].tolist() == [
        "month",
        "year",
    ]
    assert ops.loc["MOUACA", ["start_precision", "end_precision"]].tolist() == ["unknown"] * 2
    assert pd.isna(ops.at["UNTSO", "end_precision"])  # active, open-ended


def test_added_operations_and_their_authorisations(ops: pd.DataFrame) -> None:
    authorised = {
        "ATMIS": 2628,
        "AUSSOM": 2767,
        "MSS-HAITI": 2699,
        "GSF-HAITI": 2793,
        "ISF-GAZA": 2803,
        "MNF-I": 1511,
    }
    for acronym, number in authorised.items():
        assert ops.at[acronym, "authorising_resolution"] == number, acronym
    for acronym in ("FC-G5S", "SAMIDRC", "MNJTF", "AU-RTF", "MOUACA", "EUAM-RCA", "TAKUBA"):
        assert pd.isna(ops.at[acronym, "authorising_resolution"]), acronym  # welcomed only
    for acronym in ("BARKHANE", "BOALI", "PALLISER"):
        assert ops.at[acronym, "verification"] == "unverified", acronym
    assert ops.at["AMISOM", "successor"] == "ATMIS" and ops.at["AUSSOM", "predecessor"] == "ATMIS"
    assert ops.at["AUSSOM", "org"] == "AU" and bool(ops.at["AUSSOM", "active"])


def test_dates_consistent_check() -> None:
    t = {"operations": read_table("operations")}
    assert dates_consistent(t) == []
    bad = t["operations"].copy()
    i = bad.index[bad["acronym"] == "UNMIL"][0]
    bad.loc[i, "end_precision"] = "unknown"
    j = bad.index[bad["acronym"] == "MOUACA"][0]
    bad.loc[j, "start_precision"] = "day"
    k = bad.index[bad["acronym"] == "UNTSO"][0]
    bad.loc[k, "end_precision"] = "unknown"
    problems = dates_consistent({"operations": bad})
    assert len(problems) == 3
    assert any("UNMIL" in p and "needs a precision" in p for p in problems)
    assert any("MOUACA" in p and "no start_date" in p for p in problems)
    assert any("UNTSO" in p and "open-ended" in p for p in problems)


def test_period_and_window_edges() -> None:
    d = pd.Series(pd.to_datetime(["1999-01-01", "2018-03-01"]))
    lo, hi = dates.period(d, pd.Series(["year", "month"]))
    assert [f"{x:%Y-%m-%d}" for x in hi] == ["1999-12-31", "2018-03-31"]
    one = pd.DataFrame(
        {
            "start_date": pd.to_datetime(["2003-09-01"]),
            "start_precision": ["month"],
            "end_date": pd.to_datetime(["2003-10-01"]),
            "end_precision": ["month"],
            "active": [False],
        }
    )
    window = [("2003-09-30", "2003-10-01"), ("2003-09-01", "2003-09-02"), ("2003-11-01", "2004")]
    verdicts = [dates.in_window(one, pd.Timestamp(a), pd.Timestamp(b)).iloc[0] for a, b in window]
    # surely deployed across the month change; maybe not yet early in September; not after
    assert verdicts == ["yes", "maybe", "no"]
    assert dates.shown(one)[["start_date", "end_date"]].values.tolist() == [["2003-09", "2003-10"]]


def test_month_panel_does_not_take_a_year_for_its_january() -> None:
    """An end known only to the year gives no last month: the panel stops at the last
    mandate and says the end is not known (it used to stop in January, as if known)."""
    from bluehelmet.register.mandate_panel import mandate_panel

    from .mandate_frames import event, events, operations

    ops = operations(
        {"acronym": "FX", "org": "France", "end_date": "2015-01-01", "end_precision": "year",
         "active": False},
        {"acronym": "UX", "org": "UN", "end_date": "1996-04-15", "end_precision": "day",
         "active": False},
    )  # fmt: skip
    rows = events(event("FX", 1464, "2003-02-04", "authorise"), event("UX", 20, "1994-01-10"))
    panel = mandate_panel("month", events=rows, operations=ops)
    fx, ux = panel[panel["operation"] == "FX"], panel[panel["operation"] == "UX"]
    assert fx["month"].iloc[-1] == "2003-02" and not fx["end_known"].any()
    assert ux["month"].iloc[-1] == "1996-04" and ux["end_known"].all()


# --- evidence: the paragraphs the notes quote say what the register took from them ---

#: (resolution, operative paragraph, words it must contain)
AKN_EVIDENCE = [
    (1392, 2, "until 20 May 2002"),
    (1410, 1, "as of 20 May 2002"),
    (1423, 19, "terminating on 31 December 2002"),
    (1490, 1, "final period until 6 October 2003"),
    (1528, 1, "until 4 April 2004"),
    (1573, 1, "until 20 May 2005"),
    (1827, 1, "effective on 31 July 2008"),
    (1866, 8, "terminating on 15 June 2009"),
    (2284, 14, "final period until 30 June 2017"),
    (2350, 1, "close by 15 October 2017"),
    (2333, 10, "final period until 30 March 2018"),
    (2466, 1, "until 15 October 2019"),
    (2690, 2, "31 December 2023"),
    (2614, 1, "until 31 March 2022"),
    (2628, 22, "African Union Transition Mission in Somalia (ATMIS)"),
    (2748, 1, "until 31 December 2024"),
    (2767, 16, "beginning on 1 January 2025"),
    (2699, 1, "Multinational Security Support (MSS) mission"),
    (2751, 1, "to October 2, 2025"),
    (2793, 1, "to the Gang Suppression Force (GSF)"),
    (2359, 1, "Welcomes the deployment of the FC-G5S"),
    (2031, 15, "Regional Cooperation Initiative for the elimination of the LRA"),
    (2349, 4, "operational capability of the MNJTF"),
    (2803, 7, "International Stabilization Force (ISF) in Gaza"),
    (1511, 13, "authorizes a multinational force under unified command"),
    (1790, 1, "until 31 December 2008"),
    (2189, 1, "Resolute Support Mission"),
]
#: (resolution, words) in the preamble, where the note quotes one
AKN_PREAMBLE = [
    (2746, "operationalize the Southern African Development Community (SADC) Mission"),
    (2552, "African Union Observer Mission in the CAR (MOUACA)"),
    (2552, "European Union Advisory Mission in the CAR (EUAM-RCA)"),
    (2531, "set-up of the Takuba Task Force"),
    (2743, "arrival of the first contingent"),
]
#: (resolution, words) in the 1946-1994 texts (line breaks undone)
TXT_EVIDENCE = [
    (
        730,
        "terminate the mandate of the United Nations Observer Group in Central America with "
        "effect from 17 January 1992",
    ),
    (685, "until 28 February 1991"),
    (814, "reports of States concerned of 17 December 1992"),
    (788, "peace-keeping forces of ECOWAS in Liberia"),
]


def _akn_files(shared: Path) -> dict[int, Path]:
    found: dict[int, Path] = {}
    pattern = re.compile(rb"/akn/un/statement/deliberation/unsc/\d{4}-\d\d-\d\d/(\d+)-")
    for path in sorted((shared / "unsc" / "akn_2000_2026" / "resolutions").rglob("*.xml")):
        match = pattern.search(path.read_bytes()[:6000])
        if match:
            found.setdefault(int(match.group(1)), path)
    return found


@pytest.mark.shared
def test_quoted_paragraphs_say_what_the_register_took(shared_data: Path) -> None:
    files = _akn_files(shared_data)
    for number, para, words in AKN_EVIDENCE:
        res = read_akn(files[number].read_bytes(), files[number].name)
        texts = [p.text for p in res.paragraphs if p.kind == "operative" and p.number == str(para)]
        assert any(words in t for t in texts), (number, para, words)
    for number, words in AKN_PREAMBLE:
        res = read_akn(files[number].read_bytes(), files[number].name)
        assert any(words in p.text for p in res.paragraphs if p.kind == "preamble"), number


@pytest.mark.shared
def test_quoted_1946_1994_texts(texts_dir: Path) -> None:
    for number, words in TXT_EVIDENCE:
        path = text_path(texts_dir, number)
        assert path is not None, number
        flat = " ".join(path.read_text(encoding="utf-8").replace("-\n", "-").split())
        assert words in flat, number
