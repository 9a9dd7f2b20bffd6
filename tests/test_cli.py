"""The command line: outputs in each format, and one-line errors with non-zero exits."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_operations_csv_filters() -> None:
    code, out, _ = run("operations", "--country", "SLE", "--org", "UN", "--format", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out))
    assert set(df["acronym"]) == {"UNOMSIL", "UNAMSIL"}
    assert "start_date" in df.columns


def test_operation_json_has_history() -> None:
    code, out, _ = run("operation", "MONUC", "--format", "json")
    assert code == 0
    assert '"resolution":1291' in out.replace(" ", "")


def test_operation_json_is_one_document_with_three_parts() -> None:
    code, out, _ = run("operation", "UNAMSIL", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"info", "events", "partners"}
    assert doc["info"]["acronym"] == "UNAMSIL" and doc["info"]["start_date"] == "1999-10-22"
    assert 1270 in {e["resolution"] for e in doc["events"]}
    assert "not_coded" in doc["events"][0]
    assert "ECOMOG-SLE" in {p["acronym"] for p in doc["partners"]}


def test_operation_csv_out_writes_one_file_per_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["operation", "UNAMSIL", "-f", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    names = ["UNAMSIL_info.csv", "UNAMSIL_events.csv", "UNAMSIL_partners.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    assert all(f"wrote {tmp_path / n}" in result.stderr for n in names)
    info = pd.read_csv(tmp_path / names[0])
    assert len(info) == 1 and info.loc[0, "acronym"] == "UNAMSIL"
    events = pd.read_csv(tmp_path / names[1])
    assert 1270 in set(events["resolution"]) and "not_coded" in events.columns
    assert "ECOMOG-SLE" in set(pd.read_csv(tmp_path / names[2])["acronym"])


def test_operation_out_needs_csv_and_an_existing_folder(tmp_path: Path) -> None:
    code, _, err = run("operation", "UNAMSIL", "-f", "json", "--out", str(tmp_path))
    assert code == 2 and "--out: only with --format csv" in err
    code, _, err = run("operation", "UNAMSIL", "-f", "csv", "--out", str(tmp_path / "no"))
    assert code == 2 and "not an existing folder" in err
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("fmt", ["dta", "parquet", "xml"])
def test_operation_format_error_names_what_works(fmt: str) -> None:
    """operation writes no single file: the error offers json and csv --out DIR, not --out FILE."""
    code, _, err = run("operation", "UNAMSIL", "--format", fmt)
    assert code == 2
    assert "use table, json or csv (csv with --out DIR" in err
    assert f"FILE.{fmt}" not in err


def test_resolutions_columns_and_json() -> None:
    code, out, _ = run(
        "resolutions",
        "--year",
        "1999",
        "--topic",
        "Sierra Leone",
        "--columns",
        "number,date",
        "--format",
        "json",
    )
    assert code == 0
    rows = json.loads(out)
    assert {"number": 1270, "date": "1999-10-22"} in rows


def test_table_output_shows_rows() -> None:
    code, out, _ = run("events", "--operation", "UNAMSIL")
    assert code == 0 and "1270" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("operation", "UNAMSL"), "did you mean UNAMSIL"),
        (("operations", "--from", "2001", "--to", "1999"), "after --to"),
        (("operations", "--format", "xml"), "unknown format 'xml'"),
        (("operations", "--columns", "acronym,colour"), "unknown column(s) colour"),
        (("sql", "DROP TABLE operations"), "only a single SELECT"),
        (("figure", "mandates", "--out", "x.gif"), "unknown figure format"),
        (("cite", "--table", "nope"), "no sources for table"),
    ],
)
def test_bad_input_gives_one_line_error(args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args)
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert "Traceback" not in err + out


def test_figure_mandates_writes_figure_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "mandates.png"
    code, _, _ = run("figure", "mandates", "--from", "1989", "--to", "2016", "--out", str(out))
    assert code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    counts = pd.read_csv(out.with_suffix(".csv"))
    assert counts["year"].tolist() == list(range(1989, 2017))
    assert counts["texts"].tolist() == [not 1994 <= y <= 1999 for y in range(1989, 2017)]


def test_figure_mandates_spans_every_mandate_year_by_default(tmp_path: Path) -> None:
    out = tmp_path / "mandates.svg"
    code, _, _ = run("figure", "mandates", "--out", str(out))
    assert code == 0
    counts = pd.read_csv(out.with_suffix(".csv")).set_index("year")
    assert counts.index.tolist() == list(range(1948, 2027))
    assert counts.loc[1999, "Chapter VII"] >= 1 and not counts.loc[1999, "texts"]  # UNAMSIL
    assert "no resolution texts" in out.read_text()


def test_cite_prints_bibtex() -> None:
    code, out, _ = run("cite")
    assert code == 0 and out.count("@") >= 10


def test_validate_passes_on_packaged_register() -> None:
    code, out, _ = run("validate")
    assert code == 0, out
    assert "register OK" in out


def test_help_and_import_load_no_heavy_library() -> None:
    """``bluehelmet --help`` and ``import bluehelmet`` stay fast: nothing heavy is imported."""
    probe = (
        "import sys; import bluehelmet, bluehelmet.cli; from typer.testing import CliRunner; "
        "r = CliRunner().invoke(bluehelmet.cli.app, ['--help']); assert r.exit_code == 0; "
        "print(sorted({'pandas', 'numpy', 'scipy', 'matplotlib', 'duckdb'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_public_name_resolves_on_first_use() -> None:
    import bluehelmet

    assert [name for name in bluehelmet.__all__ if not hasattr(bluehelmet, name)] == []
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        bluehelmet.nope  # noqa: B018


def test_output_cut_short_by_the_reader_is_no_error() -> None:
    """`bluehelmet codebook | head -1`: the reader closes the pipe; no error line."""
    cli = str(Path(sys.executable).parent / "bluehelmet")
    done = subprocess.run(f"'{cli}' codebook | head -1", shell=True, capture_output=True, text=True)
    assert done.stdout.strip()  # the first line came through
    assert "error" not in done.stderr.lower(), done.stderr
