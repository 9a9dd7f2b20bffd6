"""The case report (Markdown, HTML, JSON), the `bluehelmet trace` command and the bundled list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bluehelmet as bh
from bluehelmet.cli import app
from bluehelmet.errors import UsageError
from bluehelmet.report import build
from bluehelmet.report.build import _tracing_section
from bluehelmet.tracing.demo import DEMO_YAML, demo_case

from .cases import replaced, write

runner = CliRunner()

BUNDLED = {"sierra-leone-1999", "drc-2000-2003", "haiti-2004", "us-io-endorsement"}


def test_markdown_report_sections_and_values() -> None:
    text = bh.render_trace(bh.trace(demo_case()), "md")
    for heading in (
        "## Result",
        "## Evidence ledger",
        "## Posterior path",
        "## Predictions and evidence",
        "## Sensitivity",
    ):
        assert heading in text
    # final posteriors (0.38, 0.60, 0.02), see test_units
    assert "| b | Hypothesis B | 0.333 | 0.600 | 1 |" in text
    assert "Leading hypothesis: **Hypothesis B** (`b`), posterior 0.600." in text
    # matrix: c's prediction has no evidence, a's was found in S/PV.4054
    assert "| c | c_vote | The vote follows C. | untested |  |  |" in text
    assert "| a | a_debate | The debate turns on A. | found | e1 found | S/PV.4054 |" in text
    # e3 is the group member not counted
    assert re.search(r"\| e3 \| g1 \| False \|", text)
    # the hinge: g1, whose move makes a the leader
    assert "| g1 | e2;e3 | True | True | a |" in text


def test_html_report_is_self_contained_with_a_chart() -> None:
    html = bh.render_trace(bh.trace(demo_case()), "html")
    assert html.startswith("<!doctype html>")
    assert html.count("<svg") == 1
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', html)
    assert '<td class="untested">untested</td>' in html
    assert "S/PV.4054" in html


def test_html_escapes_case_text(tmp_path: Path) -> None:
    text = replaced("description: D.", "description: <b>bold</b> & more")
    html = bh.render_trace(bh.trace(write(tmp_path, text)), "html")
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html


def test_json_report_round_trips_with_infinities(tmp_path: Path) -> None:
    # b fails a hoop with P = 0: its weight of evidence for e1 is -inf.
    t = bh.trace(write(tmp_path, replaced("b: {p: 0.2}", "b: {p: 0}")))
    data = json.loads(bh.render_trace(t, "json"))
    assert data["leader"] == "a"
    assert data["file"] == "t.yaml"
    woe = {(r["unit"], r["hypothesis"]): r["woe_db"] for r in data["path"]}
    assert woe["e1", "b"] == "-inf"
    assert woe["e1", "a"] == "+inf"
    assert woe["prior", "a"] is None
    assert [r["posterior"] for r in data["result"]] == [1.0, 0.0]
    assert {"holds", "hinges", "perturbations"} <= set(data["sensitivity"])


def test_reports_are_deterministic() -> None:
    t = bh.trace(demo_case())
    for fmt in ("md", "html", "json"):
        assert bh.render_trace(t, fmt) == bh.render_trace(bh.trace(demo_case()), fmt)


def test_unknown_format() -> None:
    with pytest.raises(UsageError, match="^unknown format 'pdf'; use md, html, json$"):
        bh.render_trace(bh.trace(demo_case()), "pdf")


def test_cli_trace_file_formats(tmp_path: Path) -> None:
    path = write(tmp_path, DEMO_YAML, "demo.yaml")
    result = runner.invoke(app, ["trace", str(path)])
    assert result.exit_code == 0
    assert result.stdout.startswith("# A made-up case")
    result = runner.invoke(app, ["trace", str(path), "--format", "json"])
    assert json.loads(result.stdout)["leader"] == "b"
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["trace", str(path), "--out", str(out)])
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out}\n"  # says what it wrote, and nothing else
    assert out.read_text().startswith("<!doctype html>")
    result = runner.invoke(app, ["trace", str(path), "--out", str(tmp_path / "r.txt")])
    assert result.exit_code == 2
    assert "unknown file suffix '.txt'; use .md, .html, .json" in result.stderr


def test_cli_one_line_error_with_place(tmp_path: Path) -> None:
    path = write(tmp_path, replaced("a: {p: 0.8}", "a: {p: 1.3}"))
    result = runner.invoke(app, ["trace", str(path)])
    assert result.exit_code == 65
    assert result.stderr == (
        f"error: {path}:20:14: evidence[0].likelihoods.a.p: 1.3 is outside [0, 1]; "
        "give a probability between 0 and 1\n"
    )
    result = runner.invoke(app, ["trace"])
    assert result.exit_code == 2
    assert "give a case file or a bundled case id, or --list" in result.stderr


def test_cli_list_and_bundled_case_by_id() -> None:
    cases = bh.bundled_cases()
    result = runner.invoke(app, ["trace", "--list", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("id,title,outcome,leader")
    first = str(cases["id"].iloc[0])
    result = runner.invoke(app, ["trace", first, "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["case"]["id"] == first


def test_bundled_cases_all_pass_their_checks() -> None:
    cases = bh.bundled_cases()
    assert set(cases["id"]) == BUNDLED
    assert (cases["problem"] == "").all(), cases.loc[cases["problem"] != "", "problem"].tolist()
    assert cases["id"].is_unique
    assert cases["posterior"].between(0, 1).all()


def test_project_report_section_lists_the_bundled_cases() -> None:
    # the section alone: building the whole report is covered by tests/report
    cases = bh.bundled_cases()
    assert len(cases) == len(BUNDLED)
    section = _tracing_section()
    assert section is not None
    for case_id in cases["id"]:
        assert f'<td class="short">{case_id}</td>' in str(section["table"])
    template = (Path(build.__file__).parent / "templates" / "report.html").read_text()
    assert '<h2 id="tracing">' in template
