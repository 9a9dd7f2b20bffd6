"""Every importer cites a source that the sources table documents."""

from __future__ import annotations

import re
from pathlib import Path

from bluehelmet.register.load import read_table

IMPORTERS = Path(__file__).resolve().parents[2] / "src" / "bluehelmet" / "panels" / "importers"


def test_importer_source_keys_are_in_sources_csv() -> None:
    keys = set(read_table("sources")["key"])
    used = {
        key
        for path in IMPORTERS.glob("*.py")
        for key in re.findall(r'^\s+source="([a-z0-9_]+)",$', path.read_text(), re.MULTILINE)
    }
    assert len(used) >= 10
    assert used <= keys, sorted(used - keys)
