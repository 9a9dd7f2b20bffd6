"""Force clauses aligned across an operation's mandates: synthetic cases and the real corpus."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.documents.model import Paragraph, Resolution
from bluehelmet.reuse.repetition import (
    REPEAT_THRESHOLD,
    clause_similarity,
    force_repetition,
    force_repetition_summary,
)

FORCE = "Authorizes MINUSMA to use all necessary means to carry out its mandate as set out below;"
MANDATE = "Authorizes MINUSMA to use all necessary means to carry out its mandate"
OTHER = "Decides to extend the mandate of MINUSMA until 30 June and requests a report;"
FRENCH = "Authorizes French forces to use all necessary means to intervene in support of MINUSMA;"


def resolution(number: int, *paragraphs: str) -> Resolution:
    """A resolution whose operative paragraphs 1, 2, ... are ``paragraphs``."""
    parts, cursor, text = [], 0, ""
    for i, body in enumerate(paragraphs, start=1):
        line = f"{i}. {body}"
        parts.append(Paragraph(i - 1, "operative", line, cursor, cursor + len(line), str(i)))
        text += line + "\n"
        cursor = len(text)
    return Resolution(number, 2013, None, text, tuple(parts))


def events(*numbers: int, operation: str = "MINUSMA") -> pd.DataFrame:
    """One extension event per resolution number, a year apart."""
    n = len(numbers)
    return pd.DataFrame(
        {
            "operation": [operation] * n,
            "resolution": pd.array(numbers, dtype="Int64"),
            "date": pd.date_range("2013-01-01", periods=n, freq="YS"),
            "event": ["extend"] * n,
            "chapter_vii": pd.array([True] * n, dtype="boolean"),
            "force_authorised": pd.array([True] * n, dtype="boolean"),
            "force_addressee": pd.array(["un_operation"] * n, dtype="string"),
        }
    )


def table(corpus: list[Resolution], numbers: tuple[int, ...]) -> pd.DataFrame:
    return force_repetition(corpus=corpus, events=events(*numbers)).set_index("resolution")


def test_identical_clause_is_repeated_and_the_first_is_new() -> None:
    t = table([resolution(9001, OTHER, FORCE), resolution(9002, FORCE, OTHER)], (9001, 9002))
    assert t.loc[9001, "change"] == "new" and pd.isna(t.loc[9001, "previous_resolution"])
    assert t.loc[9002, "previous_resolution"] == 9001
    assert (t.loc[9002, "force_paragraphs"], t.loc[9002, "previous_force_paragraphs"]) == ("1", "2")
    assert t.loc[9002, "force_similarity"] == 1.0 and bool(t.loc[9002, "repeated"])
    assert t.loc[9002, "change"] == "repeated"
    assert t.loc[9002, "evidence"] == FORCE.rstrip(";")  # paragraph numbers are not compared


def test_rewritten_clause_is_partly_similar_and_changed() -> None:
    rewritten = (
        "Authorizes MINUSMA to use all necessary means to carry out its mandate, and stresses "
        "that the protection of civilians shall be given priority in decisions about the use "
        "of available capacity and resources within the areas where its units are deployed;"
    )
    t = table([resolution(9001, FORCE), resolution(9002, rewritten)], (9001, 9002))
    share = t.loc[9002, "force_similarity"]
    assert 0 < share < REPEAT_THRESHOLD
    assert t.loc[9002, "change"] == "changed" and not t.loc[9002, "repeated"]
    assert t.loc[9002, "evidence"] == MANDATE


def test_dropped_new_none_and_another_addressee() -> None:
    corpus = [
        resolution(9001, FORCE),
        resolution(9002, OTHER, FRENCH),  # French forces: not MINUSMA's clause
        resolution(9003, OTHER),
        resolution(9004, OTHER, FORCE),
    ]
    t = table(corpus, (9001, 9002, 9003, 9004))
    assert t["change"].tolist() == ["new", "dropped", "none", "new"]
    assert t.loc[9002, "force_paragraphs"] == ""
    assert t["force_similarity"].isna().all() and t["repeated"].isna().all()


def test_missing_text_is_unknown_never_no_clause() -> None:
    t = table([resolution(9001, FORCE), resolution(9003, FORCE)], (9001, 9002, 9003))
    assert t["text"].tolist() == [True, False, True]
    assert t.loc[9002, "change"] == "unknown" and pd.isna(t.loc[9002, "force_paragraphs"])
    assert t.loc[9003, "change"] == "unknown" and not t.loc[9003, "previous_text"]
    assert t["force_similarity"].isna().all()


def test_several_events_in_one_resolution_make_one_row() -> None:
    ev = events(9001, 9001, 9002)
    ev.loc[0, "event"] = "establish"
    t = force_repetition(corpus=[resolution(9001, FORCE), resolution(9002, FORCE)], events=ev)
    assert t["resolution"].tolist() == [9001, 9002]
    assert t.loc[0, "events"] == "establish;extend"


def test_substituted_words_are_not_counted_as_carried_over() -> None:
    old = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    new = "alpha beta gamma delta epsilon ZZZ eta theta iota kappa"
    assert clause_similarity(new, old).share == 0.9


def test_summary_counts_and_total() -> None:
    t = table(
        [resolution(9001, FORCE), resolution(9002, FORCE), resolution(9003, OTHER)],
        (9001, 9002, 9003),
    ).reset_index()
    t["date"] = pd.to_datetime(["2013-01-01", "2014-01-01", "2015-01-01"])
    s = force_repetition_summary(t).set_index("operation")  # MINUSMA: multidimensional
    assert s.loc["MINUSMA", ["mandates", "chvii_force", "without_clause"]].tolist() == [3, 3, 1]
    assert s.loc["MINUSMA", ["with_previous", "repeated", "share_repeated"]].tolist() == [1, 1, 1.0]
    assert s.loc["total", "mandates"] == 3


# The real corpus. Verified by reading the texts (akn_2000_2026/resolutions):
# S/RES/2480 (2019) para 19 and S/RES/2531 (2020) para 18 both read "Authorizes MINUSMA to
# use all necessary means to carry out its mandate;"; 2531 para 41 authorises French
# forces (not MINUSMA's clause). S/RES/2187 (2014) para 4 and S/RES/2223 (2015) para 4 both
# open "Decides that the mandate of UNMISS shall be as follows, and authorizes UNMISS to
# use all necessary means to perform the following tasks:". S/RES/1270 (1999) has no text
# (none for 1995-1999); S/RES/1289 (2000) para 10 "authorizes UNAMSIL to take the
# necessary action ...".


@pytest.fixture(scope="module")
def real(shared_data: Path) -> pd.DataFrame:
    return force_repetition().set_index(["operation", "resolution"])


def test_minusma_2020_repeats_the_2019_authorisation(real: pd.DataFrame) -> None:
    row = real.loc[("MINUSMA", 2531)]
    assert row["previous_resolution"] == 2480
    assert (row["force_paragraphs"], row["previous_force_paragraphs"]) == ("18", "19")
    assert row["change"] == "repeated" and row["force_similarity"] == 1.0
    assert row["evidence"] == MANDATE


def test_unmiss_2015_repeats_the_2014_authorisation(real: pd.DataFrame) -> None:
    row = real.loc[("UNMISS", 2223)]
    assert row["previous_resolution"] == 2187 and row["force_paragraphs"] == "4"
    assert row["change"] == "repeated"
    assert "authorizes UNMISS to use all necessary means" in row["evidence"]


def test_unamsil_1999_has_no_text_and_is_unknown(real: pd.DataFrame) -> None:
    first, second = real.loc[("UNAMSIL", 1270)], real.loc[("UNAMSIL", 1289)]
    assert not first["text"] and first["change"] == "unknown"
    assert second["text"] and second["force_paragraphs"] == "10"
    assert not second["previous_text"] and second["change"] == "unknown"
    assert pd.isna(second["force_similarity"])


def test_real_summary_total_adds_up(real: pd.DataFrame) -> None:
    s = force_repetition_summary(real.reset_index()).set_index("operation")
    parts, total = s.drop(index="total"), s.loc["total"]
    assert total["repeated"] == parts["repeated"].sum() <= total["with_previous"]
    assert {"MINUSMA", "UNMISS", "MONUSCO"} <= set(parts.index)


def test_cli_writes_the_minusma_rows_as_csv(shared_data: Path) -> None:
    args = ["reuse", "force-repetition", "--operation", "MINUSMA", "--format", "csv"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"operation", "resolution", "force_similarity", "change", "evidence"} <= set(rows[0])
    assert {r["operation"] for r in rows} == {"MINUSMA"}
    assert next(r for r in rows if r["resolution"] == "2531")["change"] == "repeated"


def test_cli_lists_both_reuse_commands() -> None:
    result = CliRunner().invoke(app, ["reuse", "--help"])
    assert result.exit_code == 0
    assert "force-repetition" in result.stdout and "run" in result.stdout
