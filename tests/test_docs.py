"""Every command is documented, and every packaged table's columns are documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from bluehelmet.cli import app
from bluehelmet.paths import PACKAGE_DATA
from bluehelmet.register.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_group(group)
    names = []
    for name, cmd in click_group.commands.items():
        sub = getattr(cmd, "commands", None)
        names += [f"{prefix}{name} {s}" for s in sub] if sub else [f"{prefix}{name}"]
    return names


def test_every_command_is_in_the_cli_guide() -> None:
    guide = (ROOT / "docs" / "cli.md").read_text()
    missing = [c for c in _commands(app) if f"`bluehelmet {c}" not in guide]
    assert missing == []


def test_every_column_is_documented() -> None:
    doc = (PACKAGE_DATA / "README.md").read_text()
    for table, cols in TABLES.items():
        section = doc.split(f"## {table}.csv", 1)
        assert len(section) == 2, f"{table}.csv has no section in data/README.md"
        body = section[1].split("\n## ", 1)[0]
        undocumented = [
            c.name
            for c in cols
            if f"| {c.name} " not in body
            and f", {c.name}" not in body
            and f"| {c.name}," not in body
        ]
        assert undocumented == [], f"{table}: {undocumented}"
