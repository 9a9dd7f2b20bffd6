"""Terminal tables at 80 columns: no squeezed column, ids and dates whole, records when too wide."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.register.query import operations

runner = CliRunner()


def _widths(header: str) -> list[int]:
    """The inner widths of the columns of a Rich header line (``┃ a ┃ bb ┃``)."""
    return [len(part) - 2 for part in header.strip().strip("┃").split("┃")]


def test_a_table_that_fits_keeps_every_column_readable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    wanted = ["acronym", "name", "start_date", "context"]
    result = runner.invoke(app, ["operations", "--org", "UN", "--columns", ",".join(wanted)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if line.startswith("┃"))
    assert [w.strip() for w in header.strip("┃").split("┃")] == wanted
    expected = operations(org="UN")
    for name, width in zip(wanted, _widths(header), strict=True):
        texts = [name, *expected[name].astype(str)]
        assert width >= min(12, max(len(t) for t in texts)), f"{name} is {width} wide"
    for acronym in expected["acronym"]:  # ids are never folded
        assert any(f"│ {acronym} " in line for line in lines), acronym


def test_a_table_too_wide_for_80_columns_is_printed_as_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["operations", "--org", "UN"])
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()]
    assert max(len(line) for line in lines) <= 80
    expected = operations(org="UN")
    rules = [line for line in lines if line.endswith("──")]
    assert [r.split(" ─")[0] for r in rules] == [
        f"{i} of {len(expected)}" for i in range(1, len(expected) + 1)
    ]
    unamsil = lines.index("acronym     UNAMSIL")
    assert lines[unamsil + 2] == "name        United Nations Mission in Sierra Leone"


def test_the_same_table_is_a_table_on_a_wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = runner.invoke(app, ["operations", "--org", "UN"])
    assert result.exit_code == 0, result.output
    assert any(line.startswith("┃ acronym") for line in result.output.splitlines())


def test_no_rows_says_so() -> None:
    from rich.console import Console

    from bluehelmet.terminal import print_table

    console = Console(width=30, record=True)
    print_table(
        pd.DataFrame({f"{c}_column": pd.Series(dtype=str) for c in "abcd"}), console=console
    )
    assert console.export_text().strip() == "No rows."
