"""Figure commands: each writes the format its --out names (PNG at 300 dpi, SVG, PDF) and
its data as CSV beside it, and refuses a folder that does not exist."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from typer.testing import CliRunner

from bluehelmet.cli import app

runner = CliRunner()
HEADERS = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<?xml", ".pdf": b"%PDF-"}


@pytest.mark.parametrize("command", [["figure", "mandates"], ["figure", "timeline"]])
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_figure_writes_its_format_and_its_data(
    tmp_path: Path, command: list[str], suffix: str
) -> None:
    out = tmp_path / f"fig{suffix}"
    result = runner.invoke(app, [*command, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(HEADERS[suffix])
    assert result.stdout == f"wrote {out} and {out.with_suffix('.csv')}\n"
    assert len(pd.read_csv(out.with_suffix(".csv"))) > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, "fig.csv"])


def test_png_is_written_at_300_dpi(tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    assert runner.invoke(app, ["figure", "timeline", "--out", str(out)]).exit_code == 0
    with Image.open(out) as image:
        assert [round(d) for d in image.info["dpi"]] == [300, 300]


@pytest.mark.parametrize(
    "args",
    [
        ["figure", "mandates"],
        ["figure", "timeline"],
        ["panel", "chart", "--conflict", "382"],
        ["estimate", "partnership", "--figure"],
    ],
)
def test_figure_into_a_missing_folder_is_an_error(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "missing" / "fig.png"
    flag = [] if args[-1] == "--figure" else ["--out"]
    result = runner.invoke(app, [*args, *flag, str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {out}: folder {out.parent} does not exist; create it first\n")
    assert not out.parent.exists()
