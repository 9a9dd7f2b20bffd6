"""The HTML report: self-contained, with every section, and the same bytes on every run."""

from __future__ import annotations

import re
from pathlib import Path

import bluehelmet as bh


def test_report_is_self_contained_and_complete(tmp_path: Path) -> None:
    html = bh.build_report(tmp_path).read_text()
    for anchor in ("register", "mandates", "timeline", "events", "dates", "sources"):
        assert f'id="{anchor}"' in html
    assert html.count("<svg") >= 2
    # nothing fetched from elsewhere: no external scripts, styles or images
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', html)
    assert "1270" in html and "UNAMSIL" in html
    assert "passes every schema and cross-check" in html


def test_report_is_deterministic(tmp_path: Path) -> None:
    a = bh.build_report(tmp_path / "a").read_bytes()
    b = bh.build_report(tmp_path / "b").read_bytes()
    assert a == b
