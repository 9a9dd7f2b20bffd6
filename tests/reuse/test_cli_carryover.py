"""``bluehelmet reuse carryover``: the carry-over table of two MINUSMA mandates written by hand
(tests/carryover_corpus.py) and of the shared texts (skipped without them). Expected shares are
counted from the texts, never read from the command's output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.register.query import mandate_events
from bluehelmet.reuse.carryover import OUT_COLUMNS
from tests.carryover_corpus import SHARE_PREVIOUS, SHARES, write_two_mandates


@pytest.fixture
def two_mandates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MINUSMA's first two mandates (2100, 2164): the second repeats one of two paragraphs."""
    corpus = write_two_mandates(tmp_path / "corpus")
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(corpus))
    return corpus


def test_the_repeated_paragraph_is_the_share_from_the_previous_mandate(
    two_mandates: Path,
) -> None:
    result = CliRunner().invoke(app, ["reuse", "carryover", "--operation", "MINUSMA", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(OUT_COLUMNS)
    chain = mandate_events("MINUSMA").drop_duplicates("resolution")["resolution"]
    assert [int(r["resolution"]) for r in rows] == [int(n) for n in chain]
    by_number = {int(r["resolution"]): r for r in rows}
    second = by_number[2164]
    assert second["previous_resolution"] == "2100" and second["text"] == "True"
    assert float(second["share_previous"]) == pytest.approx(SHARE_PREVIOUS, abs=0.03)
    assert float(second["share_new"]) == pytest.approx(1 - SHARE_PREVIOUS, abs=0.03)
    assert float(by_number[2100]["share_new"]) == 1.0  # nothing earlier in this corpus
    for number, row in by_number.items():
        if number not in (2100, 2164):  # no text here: empty, never zero
            assert row["text"] == "False" and [row[s] for s in SHARES] == [""] * 4


def test_out_writes_json_and_an_unknown_operation_is_one_line(
    two_mandates: Path, tmp_path: Path
) -> None:
    out = tmp_path / "carryover.json"
    result = CliRunner().invoke(app, ["reuse", "carryover", "--operation", "MINUSMA",
                                      "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = json.loads(out.read_text())
    assert {r["operation"] for r in rows} == {"MINUSMA"}
    bad = CliRunner().invoke(app, ["reuse", "carryover", "--operation", "MINUSMAX"])
    assert bad.exit_code != 0 and bad.stderr.count("\n") == 1
    assert "unknown operation 'MINUSMAX'" in bad.stderr


def test_the_shared_texts_leave_1995_1999_empty(shared_data: Path) -> None:
    result = CliRunner().invoke(app, ["reuse", "carryover", "--operation", "UNAMSIL", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = {int(r["resolution"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows[1270]["text"] == "False" and rows[1270]["share_new"] == ""  # 1999: no text
    after = rows[1289]  # 2000, its previous mandate (1270) without text
    assert after["text"] == "True" and after["previous_text"] == "False"
    assert after["share_previous"] == ""
    total = sum(float(after[s]) for s in SHARES[1:])
    assert total == pytest.approx(1.0)
    texts = shared_data / "unsc" / "akn_2000_2026" / "resolutions"
    with_text = {n for n, r in rows.items() if r["text"] == "True"}
    on_disk = {n for n in rows if any(texts.glob(f"*/*_{n}_*"))}
    assert with_text == on_disk
