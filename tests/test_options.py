"""Every option check says the same thing: the option, the bad value, the allowed values."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet import options
from bluehelmet.cli import app
from bluehelmet.coding.code import code_texts
from bluehelmet.coding.run import coded_table
from bluehelmet.errors import UsageError
from bluehelmet.output import render
from bluehelmet.panels.build import write_panel
from bluehelmet.panels.panel import Panel
from bluehelmet.register.mandate_panel import mandate_panel, write_mandate_panel
from bluehelmet.register.query import operations
from bluehelmet.reuse.measures import group_matrix
from bluehelmet.reuse.synthetic import write_corpus

EMPTY = pd.DataFrame()


def _matrix(count: str) -> pd.DataFrame:
    return group_matrix(EMPTY, EMPTY, count)  # type: ignore[arg-type]


def test_close_values_are_suggested_and_far_ones_are_not() -> None:
    with pytest.raises(UsageError) as info:
        options.check("format", "jsn", options.OutputFormat)
    assert str(info.value) == "unknown format 'jsn'; use table, csv, json (did you mean 'json'?)"
    with pytest.raises(UsageError) as info:
        options.check("format", "xlsx", options.OutputFormat)
    assert str(info.value) == "unknown format 'xlsx'; use table, csv, json"


def test_a_plain_tuple_keeps_its_order() -> None:
    assert options.allowed(("b", "a")) == ("b", "a")
    assert options.message("kind", "c", {"b": 1, "a": 2}) == "unknown kind 'c'; use b, a"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda _: render(EMPTY, "xml"), "unknown format 'xml'; use table, csv, json"),
        (
            lambda _: coded_table(code_texts([]), "words"),
            "unknown table 'words'; use resolution, paragraphs, evidence",
        ),
        (
            lambda _: operations(type="peace"),
            "unknown type 'peace'; use observer, traditional, multidimensional, enforcement, other",
        ),
        (lambda _: mandate_panel(unit="year"), "unknown unit 'year'; use resolution, month"),
        (lambda _: _matrix("cells"), "unknown count 'cells'; use paragraphs, pairs"),
        (
            lambda tmp: write_mandate_panel(EMPTY, tmp / "p.txt"),
            "unknown file suffix '.txt'; use .csv, .json, .parquet, .dta",
        ),
        (
            lambda tmp: write_corpus(tmp / "c.csv", 10),
            "unknown file suffix '.csv'; use .jsonl, .parquet",
        ),
        (
            lambda tmp: write_panel(Panel("conflict-month", EMPTY), tmp / "p.xlsx"),
            "unknown file suffix '.xlsx'; use .csv, .json, .parquet, .dta",
        ),
    ],
)
def test_option_checks_share_one_message(
    call: Callable[[Path], object], expected: str, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match=f"^{re.escape(expected)}$"):
        call(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_organisation_filter_names_non_un_too() -> None:
    with pytest.raises(UsageError, match=r"^unknown organisation 'XX'; use non-UN, UN, AU, "):
        operations(org="XX")
    assert "UN" not in set(operations(org="non-un").org)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["code", "run", "missing.txt", "--format", "xml"], "unknown format 'xml'; use json, csv"),
        (
            ["countries", "SLE", "--from", "iso2"],
            "unknown source code 'iso2'; use iso3, gwno, gwc, cown (did you mean 'iso3'?)",
        ),
    ],
)
def test_cli_option_errors(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == f"error: {expected}\n"
