"""Force clauses taken from other operations, templates and formulas: synthetic cases, then
facts read in the shared texts (skipped without them)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.reuse.templates import (
    ADAPT_THRESHOLD,
    GAP_NOTE,
    MIN_CARRIED_WORDS,
    force_formulas,
    force_sources,
    force_templates,
    source_relation,
    template_cells,
)

SECURITY = "to ensure the security and freedom of movement of its personnel"
PROTECT = f"{SECURITY} and protect civilians under imminent threat of physical violence"


def clauses(*rows: tuple[str, int, str, str]) -> pd.DataFrame:
    """A force table: (operation, resolution, date, clause) rows."""
    ops, numbers, dates, texts = zip(*rows, strict=True)
    return pd.DataFrame(
        {"operation": ops, "resolution": numbers, "date": pd.to_datetime(dates), "clause": texts}
    )


def test_an_adapted_clause_is_traced_to_the_other_operation() -> None:
    table = clauses(
        ("A", 10, "2000-01-01", f"Authorizes the mission to take the necessary action {PROTECT}"),
        ("C", 11, "2000-01-05", "Decides to extend the mandate of the force for six months"),
        ("B", 12, "2000-02-01", f"Decides that the force may use all means {PROTECT} in the "
         "camps and along the roads of the eastern provinces"),
    )  # fmt: skip
    row = force_sources(table).set_index("operation").loc["B"]
    # 39 words; PROTECT (20 words) is carried over: 20/39 = 0.51
    assert (row["source_operation"], row["source_resolution"]) == ("A", 10)
    assert row["carried"] == pytest.approx(20 / 39, abs=1e-4) and row["relation"] == "adapted"
    assert row["carried_words"] == len(PROTECT.split()) == 20
    assert row["evidence"] == row["evidence_source"] == PROTECT
    assert row["source_date"] == pd.Timestamp("2000-01-01")


def test_a_bare_formula_names_no_source_in_another_operation() -> None:
    formula = "to use all necessary means to perform the following"
    table = clauses(
        ("A", 10, "2000-01-01", f"Authorizes ONUB {formula} tasks, within its capacity "
         "and in the areas where its armed units are deployed"),
        ("B", 12, "2000-02-01", f"Acting under Chapter Seven, decides that UNMISS is authorized "
         f"{formula}: to deter violence against civilians and to monitor the ceasefire"),
    )  # fmt: skip
    row = force_sources(table).set_index("operation").loc["B"]
    words = len(formula.split())
    # the share alone (the rule before MIN_CARRIED_WORDS) would call it adapted
    assert row["carried_words"] == words < MIN_CARRIED_WORDS
    assert row["carried"] == pytest.approx(words / 28, abs=1e-4)
    assert row["carried"] >= ADAPT_THRESHOLD
    assert row["source_operation"] == "A" and row["evidence"] == formula
    assert row["relation"] == "none"
    # the best overall source is judged by the share alone, as a renewal
    assert row["overall_operation"] == "A" and row["overall_relation"] == "adapted"


def test_the_word_minimum_holds_for_copied_and_adapted() -> None:
    assert source_relation(0.9, MIN_CARRIED_WORDS) == "copied"
    assert source_relation(0.9, MIN_CARRIED_WORDS - 1) == "none"
    assert source_relation(ADAPT_THRESHOLD, MIN_CARRIED_WORDS) == "adapted"
    assert source_relation(ADAPT_THRESHOLD - 0.01, 200) == "none"


def test_a_clause_sharing_no_words_has_no_source() -> None:
    table = clauses(
        ("A", 10, "2000-01-01", f"Authorizes the mission to take the necessary action {SECURITY}"),
        ("B", 12, "2000-02-01", "Requests a report on elections within ninety days"),
    )
    row = force_sources(table).set_index("operation").loc["B"]
    assert pd.isna(row["source_operation"]) and row["carried"] == 0 and row["relation"] == "none"


def test_ties_go_to_the_earliest_source_then_the_lowest_number() -> None:
    text = f"Authorizes the mission to take the necessary action {SECURITY}"
    table = clauses(
        ("C", 30, "2001-01-01", text),
        ("D", 21, "2001-01-01", text),
        ("E", 20, "2001-01-01", text),
        ("B", 40, "2002-01-01", text),
        ("F", 50, "2003-01-01", text),
    )
    found = force_sources(table).set_index("operation")
    assert found.loc["B", "source_resolution"] == 20 and found.loc["B", "relation"] == "copied"
    assert found.loc["F", "source_resolution"] == 20  # not B's 40, though as similar
    # clauses of the same date are not sources of each other
    assert found.loc[["C", "D", "E"], "source_operation"].isna().all()


def test_the_overall_source_may_be_the_same_operation() -> None:
    mine = f"Authorizes the mission to take the necessary action {SECURITY}"
    table = clauses(
        ("B", 10, "2000-01-01", mine),
        ("A", 11, "2000-06-01", f"Authorizes the force to use force {SECURITY}"),
        ("B", 12, "2001-01-01", mine),
    )
    row = force_sources(table).iloc[-1]
    assert (row["source_operation"], row["overall_operation"]) == ("A", "B")
    assert row["overall_carried"] == 1.0 and row["overall_relation"] == "copied"
    assert row["carried"] < 1.0


def test_a_table_without_clauses_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="clause"):
        force_sources(pd.DataFrame({"operation": ["A"], "resolution": [1], "date": ["2000"]}))


def test_templates_count_each_clause_once_for_its_best_source() -> None:
    sources = pd.DataFrame(
        {
            "operation": ["B", "B", "B", "C"],
            "source_operation": ["A", "A", "C", "A"],
            "relation": ["adapted", "copied", "none", "copied"],
        }
    )
    matrix = force_templates(sources)
    assert matrix.loc["A", "B"] == 2 and matrix.loc["A", "C"] == 1
    assert "C" not in matrix.index  # its only clause taken up by B is "none"
    cells = template_cells(matrix)
    assert cells.iloc[0].tolist() == ["A", "B", 2]


def paragraphs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "resolution": [900, 1001, 1002, 1003],
            "date": ["1994-05-01", "2000-02-07", "2000-02-24", "2001-03-01"],
            "year": [1994, 2000, 2000, 2001],
            "text": [
                "Decides to remain seized of the matter",
                "may protect civilians under imminent threat of physical violence",
                "protect civilians under IMMINENT threat of\nphysical violence",
                "protect civilians under imminent threats of physical violence",
            ],
            "operations": ["", "UNAMSIL", "MONUC", "MONUC;UNAMSIL"],
        }
    )


def test_a_formula_first_seen_after_the_gap_says_so() -> None:
    found = force_formulas({"poc": r"imminent\s+threats?\s+of\s+physical"}, paragraphs())
    row = found.iloc[0]
    assert (row["first_resolution"], row["first_date"], row["first_operations"]) == (
        1001,
        "2000-02-07",
        "UNAMSIL",
    )
    assert (row["resolutions"], row["operations"], row["note"]) == (3, 2, GAP_NOTE)
    before = force_formulas({"seized": "remain seized"}, paragraphs()).iloc[0]
    assert before["first_resolution"] == 900 and before["note"] == ""


def test_years_without_texts_are_gaps_never_zero() -> None:
    years = force_formulas({"poc": "imminent threat"}, paragraphs(), per_year=True)
    assert years["year"].tolist() == list(range(1994, 2002))
    gap = years[years["year"].between(1995, 1999)]
    assert gap["gap"].all() and gap["resolutions"].isna().all() and gap["operations"].isna().all()
    counted = years[~years["gap"]].set_index("year")
    assert counted.loc[1994, "resolutions"] == 0 and not counted.loc[1994, "gap"]
    assert counted.loc[2000, ["resolutions", "operations"]].tolist() == [2, 2]
    assert counted.loc[2001, ["resolutions", "operations"]].tolist() == [1, 2]


def test_a_bad_formula_pattern_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="formula 'bad'"):
        force_formulas({"bad": "(unclosed"}, paragraphs())


# Read in the texts: S/RES/1289 (2000) para 10 (UNAMSIL) "may take the necessary action to
# ensure the security and freedom of movement of its personnel and, within its capabilities
# and areas of deployment, to afford protection to civilians under imminent threat of physical
# violence"; S/RES/1291 (2000) para 8 (MONUC) "may take the necessary action, in the areas of
# deployment of its infantry battalions ... ensure the security and freedom of movement of its
# personnel, and protect civilians under imminent threat of physical violence"; S/RES/1542
# (2004) para 7 (MINUSTAH) "to protect civilians under imminent threat of physical violence,
# within its capabilities and areas of deployment". No text of 1946–1994 has the phrase; the
# first resolution naming an "Intervention Brigade" is S/RES/2098 (2013).


def test_monuc_took_its_first_force_clause_from_unamsil(shared_data: Path) -> None:
    found = force_sources().set_index(["operation", "resolution"])
    row = found.loc[("MONUC", 1291)]
    assert (row["source_operation"], row["source_resolution"]) == ("UNAMSIL", 1289)
    assert row["relation"] == "adapted"
    assert "freedom of movement of its personnel" in row["evidence"]
    assert "freedom of movement of its personnel" in row["evidence_source"]
    assert force_templates().loc["UNAMSIL", "MONUC"] >= 1
    # UNMISS's rollover carries a bare formula of ONUB 1545: the share passes, the words do not
    rollover = found.loc[("UNMISS", 2155)]
    assert rollover["source_resolution"] == 1545 and rollover["carried"] >= ADAPT_THRESHOLD
    assert rollover["carried_words"] < MIN_CARRIED_WORDS and rollover["relation"] == "none"


def test_the_protection_formula_first_appears_in_1289(shared_data: Path) -> None:
    found = force_formulas().set_index("formula")
    poc = found.loc["imminent threat of physical violence"]
    assert (poc["first_resolution"], poc["first_date"]) == (1289, "2000-02-07")
    assert "UNAMSIL" in str(poc["first_operations"]).split(";")
    assert poc["note"] == GAP_NOTE
    assert found.loc["Intervention Brigade", "first_resolution"] == 2098
    years = force_formulas(per_year=True)
    gap = years[years["year"].between(1995, 1999)]
    assert len(gap) == 5 * len(found) and gap["gap"].all() and gap["resolutions"].isna().all()
    in_2000 = years[(years["formula"] == "imminent threat of physical violence")]
    assert int(in_2000.set_index("year").loc[2000, "resolutions"]) >= 2  # 1289 and 1291


def test_the_formula_is_in_1289_1291_and_1542(shared_data: Path) -> None:
    from bluehelmet.reuse.templates import corpus_paragraphs

    p = corpus_paragraphs()
    poc = p[p["text"].str.contains("imminent threat of physical violence")]
    assert {1289, 1291, 1542} <= set(poc["resolution"])
    capabilities = force_formulas({"cap": r"within\s+its\s+capabilities\s+and\s+areas"}, p)
    assert capabilities.loc[0, "first_resolution"] == 1289
