"""Codebooks: generated from the declarations, coverage from the data, on the CLI and the web."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.codebook import (
    codebook,
    codebook_document,
    codebook_markdown,
    codebook_tables,
    readme_with_tables,
    table_data,
    value_labels,
    variable_labels,
)
from bluehelmet.paths import PACKAGE_DATA, shared_data_dir
from bluehelmet.register.load import read_table
from bluehelmet.register.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.mark.parametrize("table", list(TABLES))
def test_packaged_codebook_lists_the_schema(table: str) -> None:
    book = codebook(table)
    cols = TABLES[table]
    assert book["column"].tolist() == [c.name for c in cols]
    assert book["allowed"].tolist() == ["; ".join(c.allowed or ()) for c in cols]
    assert all(book["meaning"].str.len() > 0), book.loc[book["meaning"] == "", "column"]
    assert set(variable_labels(table)) == {c.name for c in cols}
    assert all(len(v) <= 80 for v in variable_labels(table).values())


def test_coverage_equals_pandas() -> None:
    data = pd.read_csv(PACKAGE_DATA / "mandate_events.csv", keep_default_na=False, na_values=[""])
    book = codebook("mandate_events").set_index("column")
    for col in data.columns:
        assert book.loc[col, "non_missing"] == pytest.approx(data[col].notna().mean()), col
    ceilings = data["troop_ceiling"].dropna()
    assert (book.loc["troop_ceiling", "min"], book.loc["troop_ceiling", "max"]) == (
        str(int(ceilings.min())),
        str(int(ceilings.max())),
    )
    assert book.loc["date", "min"] == min(data["date"])
    assert book.loc["date", "max"] == max(data["date"])
    keys = set(data.loc[data["police_ceiling"].notna(), "source"].str.split(";").explode())
    assert book.loc["police_ceiling", "source"] == "; ".join(sorted(keys))


def test_value_labels_are_the_allowed_vocabulary() -> None:
    labels = value_labels("mandate_events")
    allowed = {c.name: c.allowed for c in TABLES["mandate_events"] if c.allowed}
    lists = {c.name for c in TABLES["mandate_events"] if c.kind == "list"}
    assert set(labels) == set(allowed) - lists
    assert list(labels["event"].values()) == list(allowed["event"])
    assert list(labels["event"]) == list(range(1, len(allowed["event"]) + 1))


def test_panels_and_coded_tables_declare_every_column() -> None:
    from bluehelmet.coding.code import code_texts

    coded = code_texts([])
    for table in ("resolution", "paragraphs", "evidence"):
        assert codebook(table)["column"].tolist() == list(getattr(coded, table).columns)
    if not (shared_data_dir() / "deployments").exists():
        pytest.skip("no shared data")
    for unit in ("conflict-month", "country-month", "mission-month"):
        data = table_data(unit)
        assert data is not None
        assert codebook(unit)["column"].tolist() == list(data.columns), unit


def test_codebook_tables_cover_everything() -> None:
    tables = codebook_tables()
    assert set(TABLES) <= set(tables)
    assert {"conflict-month", "mission-month", "country-month", "evidence"} <= set(tables)


def test_readme_tables_are_generated() -> None:
    text = (PACKAGE_DATA / "README.md").read_text()
    assert readme_with_tables(text) == text, "run `make codebook`"


def test_docs_page_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (shared_data_dir() / "deployments").exists():
        pytest.skip("docs/codebook.md holds panel coverage computed from the shared data")
    monkeypatch.delenv("BLUEHELMET_CORPUS", raising=False)  # coded coverage: the shared texts
    assert (ROOT / "docs" / "codebook.md").read_text() == codebook_document(), "run `make codebook`"


def test_markdown_has_a_row_per_column() -> None:
    md = codebook_markdown("votes")
    rows = [line for line in md.splitlines() if line.startswith("| ")][1:]
    assert [r.split(" | ")[0][2:] for r in rows] == [c.name for c in TABLES["votes"]]
    assert f"Rows: {len(read_table('votes'))}." in md


def test_cli_lists_tables_and_prints_formats() -> None:
    result = runner.invoke(app, ["codebook"])
    assert result.exit_code == 0
    assert result.stdout.split() == codebook_tables()
    result = runner.invoke(app, ["codebook", "council_members", "--format", "csv"])
    assert result.exit_code == 0
    df = pd.read_csv(io.StringIO(result.stdout))
    assert df["column"].tolist() == [c.name for c in TABLES["council_members"]]
    result = runner.invoke(app, ["codebook", "votes", "--format", "json"])
    assert [r["column"] for r in json.loads(result.stdout)][:2] == ["resolution", "date"]
    result = runner.invoke(app, ["codebook", "votes"])
    assert result.stdout == codebook_markdown("votes")


def test_cli_unknown_table_suggests() -> None:
    result = runner.invoke(app, ["codebook", "vots"])
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "did you mean 'votes'" in lines[0]


def _write_texts(folder: Path) -> Path:
    """Two resolution texts, 1990 and 1992: one authorises force, neither names Chapter VIII."""
    folder.mkdir()
    (folder / "S_RES_0678_1990_EN.txt").write_text(
        "RESOLUTION 678 (1990)\n\nThe Security Council,\n\n"
        "Acting under Chapter VII of the Charter,\n\n"
        "1. Authorizes Member States to use all necessary means to restore peace;\n\n"
        "2. Decides to remain seized of the matter.\n"
    )
    (folder / "S_RES_0743_1992_EN.txt").write_text(
        "RESOLUTION 743 (1992)\n\nThe Security Council,\n\n"
        "1. Decides to establish a United Nations Protection Force;\n"
    )
    return folder


def test_coded_coverage_comes_from_the_configured_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(_write_texts(tmp_path / "texts")))
    book = codebook("resolution").set_index("column")
    assert (book.loc["resolution", "min"], book.loc["resolution", "max"]) == ("678", "743")
    assert book.loc["year", "coverage"] == "100.0% non-missing; 1990 – 1992"
    paragraphs = codebook("paragraphs").set_index("column")
    assert paragraphs.loc["chapter_viii", "coverage"] == "0.0% non-missing"  # empty is missing
    assert paragraphs.loc["addressee", "non_missing"] == pytest.approx(1 / 3)
    index = read_table("resolutions")
    adopted = int(index["year"].between(1990, 1992).sum())
    md = codebook_markdown("paragraphs")
    assert "Rows: 3. Key: none." in md
    assert (
        f"Coverage: the texts `bluehelmet code` codes by default, `BLUEHELMET_CORPUS` "
        f"(`{tmp_path / 'texts'}`): 2 of the {adopted:,} resolutions adopted 1990–1992, "
        "with texts for 1990, 1992, none for 1991."
    ) in md


def test_coded_coverage_without_a_corpus_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BLUEHELMET_CORPUS", raising=False)
    monkeypatch.setenv("BLUEHELMET_SHARED_DATA", str(tmp_path))
    assert codebook("evidence")["coverage"].eq("").all()
    md = codebook_markdown("evidence")
    assert "Coverage: depends on the texts coded, and none were found here" in md
    assert "Rows: computed on export." in md


def test_coded_coverage_of_the_shared_texts(
    shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BLUEHELMET_CORPUS", raising=False)
    years = {int(p.name.split("_")[3]) for p in (shared_data / "unsc").glob("*/S_RES_*.txt")}
    years |= {int(p.name) for p in (shared_data / "unsc/akn_2000_2026/resolutions").iterdir()}
    assert set(range(1995, 2000)).isdisjoint(years)
    md = codebook_markdown("resolution")
    assert "the shared texts (`unsc/resolutions_en_1946_1994`, " in md
    assert f"adopted {min(years)}–{max(years)}, " in md and "none for 1995–1999." in md


def test_terminal_codebook_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["codebook", "mandate_events", "--format", "table"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert lines[0] == "Codebook: mandate_events"
    shown = {line.split()[1] for line in lines if line.startswith("column ")}
    assert shown == {c.name for c in TABLES["mandate_events"]}
