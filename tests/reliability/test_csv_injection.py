"""CSV formula injection: text cells a spreadsheet would run (``= + - @``, tab, CR) get a leading
``'`` in the web app's CSV downloads and, with ``--excel-safe``, in the CLI's CSV output.
Numbers never change.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bluehelmet.cli import app as cli_app
from bluehelmet.output import neutralise_formulas, set_excel_safe
from bluehelmet.web import create_app, params
from bluehelmet.web.sections.register import api as web_api

PAYLOADS = ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_formula_start_is_neutralised_and_numbers_are_not() -> None:
    df = pd.DataFrame({"text": [*PAYLOADS, "-3", "plain"], "n": [-3, -1, 0, 1, 2, 3, -4, 5]})
    safe = neutralise_formulas(df)
    assert safe["text"].tolist() == [*("'" + p for p in PAYLOADS), "-3", "plain"]
    assert safe["n"].tolist() == df["n"].tolist() and safe["n"].dtype == df["n"].dtype
    floats = pd.DataFrame({"x": [-3.5, float("nan")]})
    assert neutralise_formulas(floats).equals(floats)


@pytest.fixture()
def hostile_operations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two real operations, one with a formula for a note and a negative number."""
    table = web_api.find_operations(params.operation_filters(*[None] * 7)).head(2).copy()
    table["note"] = ["=EVIL()", "ordinary note"]
    table["authorising_resolution"] = pd.array([-3, 1270], dtype="Int64")
    monkeypatch.setattr(web_api, "find_operations", lambda filters: table)


@pytest.mark.usefixtures("hostile_operations")
def test_web_csv_downloads_are_neutralised() -> None:
    with TestClient(create_app(), base_url="http://127.0.0.1") as client:
        response = client.get("/api/operations?format=csv")
        as_json = client.get("/api/operations").json()
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert [r["note"] for r in rows] == ["'=EVIL()", "ordinary note"]
    assert [r["authorising_resolution"] for r in rows] == ["-3", "1270"]
    assert as_json[0]["note"] == "=EVIL()"  # JSON is not opened by spreadsheets: unchanged


QUERY = "select '=1+1' as f, -3 as n, '@x' as a"


def test_cli_csv_is_neutralised_with_excel_safe_only() -> None:
    runner = CliRunner()
    safe = runner.invoke(cli_app, ["--excel-safe", "sql", QUERY, "--format", "csv"])
    plain = runner.invoke(cli_app, ["sql", QUERY, "--format", "csv"])
    assert safe.exit_code == 0 and plain.exit_code == 0
    assert _cells(safe.stdout) == [["f", "n", "a"], ["'=1+1", "-3", "'@x"]]
    assert _cells(plain.stdout) == [["f", "n", "a"], ["=1+1", "-3", "@x"]]


def test_excel_safe_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLUEHELMET_EXCEL_SAFE", "1")
    result = CliRunner().invoke(cli_app, ["sql", QUERY, "--format", "csv"])
    assert _cells(result.stdout)[1] == ["'=1+1", "-3", "'@x"]


def test_csv_files_written_by_commands_are_neutralised_with_excel_safe(tmp_path: Path) -> None:
    text = "the council decides to extend the mandate of the force for six months"
    lines = [
        json.dumps({"doc": doc, "id": "1", "text": text, "date": date})
        for doc, date in (("=HYPERLINK(1)", "2000-01-01"), ("@B", "2001-01-01"))
    ]
    source = tmp_path / "p.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    try:
        for flag, out in (([], "plain"), (["--excel-safe"], "safe")):
            args = [*flag, "reuse", str(source), "--out", str(tmp_path / out)]
            assert runner.invoke(cli_app, args).exit_code == 0
    finally:
        set_excel_safe(False)
    plain = pd.read_csv(tmp_path / "plain" / "pairs.csv", dtype=str)
    safe = pd.read_csv(tmp_path / "safe" / "pairs.csv", dtype=str)
    risky = plain.map(lambda v: isinstance(v, str) and v.startswith(("=", "@")))
    assert risky.to_numpy().sum() >= 2
    assert (
        safe.where(risky) == ("'" + plain).where(risky)
    ).to_numpy().sum() == risky.to_numpy().sum()
    assert (safe.where(~risky).fillna("") == plain.where(~risky).fillna("")).all().all()
