"""The CLI's error boundary: one line on stderr and a documented exit code for every expected
failure; a bug's traceback goes to a file under the cache, named in that line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

import bluehelmet as api
from bluehelmet.cli import app
from bluehelmet.paths import cache_dir

runner = CliRunner()


def _fails(args: list[str], code: int) -> str:
    """Run the CLI; check the exit code and that stderr is one ``error:`` line; return it."""
    result = runner.invoke(app, args)
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def _commands(group: typer.Typer) -> dict[str, object]:
    found: dict[str, object] = {}
    for name, command in typer.main.get_group(group).commands.items():
        subs = getattr(command, "commands", None)
        for sub_name, sub in (subs or {name: command}).items():
            found[f"{name} {sub_name}" if subs else name] = sub.callback
    return found


def test_every_command_uses_the_boundary() -> None:
    unguarded = [n for n, cb in _commands(app).items() if not getattr(cb, "cli_boundary", False)]
    assert unguarded == []


def test_report_out_is_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder")
    line = _fails(["report", "--out", str(target)], 74)
    assert line.startswith(f"error: {target}: File exists;")


def test_unwritable_cache_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", "/cache/bluehelmet.duckdb")

    monkeypatch.setattr(api, "sql", denied)
    line = _fails(["sql", "SELECT 1"], 74)
    assert line == (
        "error: /cache/bluehelmet.duckdb: Permission denied; check its permissions "
        "(BLUEHELMET_CACHE sets the cache folder)"
    )


def test_lone_surrogates_in_the_output(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    case.write_text(
        'case: {id: c, title: "bad \\ud800 title", outcome: O.}\n'
        "evidence:\n  - id: e1\n    description: D.\n    source_type: meeting_record\n"
        "    citation: S/PV.1\n    likelihoods:\n      rationalist: {p: 0.2}\n"
        "      constructivist: {p: 0.5}\n      organizational: {p: 0.2}\n"
        "      group_psychological: {p: 0.2}\n"
    )
    line = _fails(["trace", str(case), "--out", str(tmp_path / "r.md")], 65)
    assert "lone surrogates" in line


def test_recursion_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def deep(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(api, "sql", deep)
    assert _fails(["sql", "SELECT 1"], 65) == "error: input nested too deeply to read; flatten it"


def test_a_bug_is_one_line_and_a_traceback_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise KeyError("no such thing")

    monkeypatch.setattr(api, "sql", bug)
    line = _fails(["sql", "SELECT 1"], 70)
    assert line.startswith("error: unexpected error (KeyError: 'no such thing'); full traceback ")
    log = Path(line.split("full traceback in ", 1)[1].split(";", 1)[0])
    assert log.parent == cache_dir() / "logs"
    assert "KeyError: 'no such thing'" in log.read_text()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "line 1: invalid JSON (nested too deeply); skipped"),
        (b'{"doc": "A", "id": ' + b"9" * 5000 + b', "text": "t"}', "line 1: invalid JSON ("),
    ],
)
def test_hostile_json_lines_are_skipped_records(tmp_path: Path, line: bytes, reason: str) -> None:
    source = tmp_path / "p.jsonl"
    good = json.dumps({"doc": "B", "id": "1", "text": "the council decides to act"}).encode()
    source.write_bytes(line + b"\n" + good + b"\n")
    result = runner.invoke(app, ["reuse", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr.splitlines()[0].startswith(reason)


def test_lone_surrogates_in_json_lines_are_replaced(tmp_path: Path) -> None:
    source = tmp_path / "p.jsonl"
    source.write_text('{"doc": "A", "id": "1", "text": "the council \\ud800 decides"}\n')
    result = runner.invoke(app, ["reuse", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr.splitlines()[0] == "line 1: lone surrogates in text (replaced by U+FFFD)"


def test_a_commands_own_exit_status_is_kept_not_called_a_bug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problems = api.register_problems(api.load_register()).head(0)
    row = {c: "x" for c in problems.columns}
    monkeypatch.setattr(api, "register_problems", lambda _: problems.from_records([row]))
    result = CliRunner().invoke(app, ["validate", "--format", "csv"])
    assert result.exit_code == 1
    assert "unexpected" not in result.stderr and "traceback" not in result.stderr.lower()
