"""Timeline bars drawn alike by the static figure and the web's operation page: hatched where
a date is imprecise or unknown, running on where an operation has no end date."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
from matplotlib.patches import Rectangle

from bluehelmet.figures.timeline import timeline_figure
from bluehelmet.figures.timeline_bars import Piece, bar_pieces, date_spans
from bluehelmet.web.sections.register.timeline import HATCH_IDS, Bar, timeline_chart

T = pd.Timestamp
SINCE, UNTIL = T("1990-01-01"), T("2024-12-31")
NEVER = (pd.NaT, pd.NaT)


def _rows(start: str, start_precision: str, end: str | None, end_precision: str | None,
          active: bool) -> pd.DataFrame:  # fmt: skip
    return pd.DataFrame(
        {
            "start_date": pd.to_datetime([start]),
            "start_precision": [start_precision],
            "end_date": pd.to_datetime([end]),
            "end_precision": [end_precision],
            "active": [active],
        }
    )


def _pieces(rows: pd.DataFrame) -> tuple[list[Piece], str]:
    s = date_spans(rows).iloc[0]
    start, end = (s["start_lo"], s["start_hi"]), (s["end_lo"], s["end_hi"])
    return bar_pieces(start, end, bool(s["open_ended"]), SINCE, UNTIL)


def test_a_start_known_to_the_year_is_hatched_over_that_year() -> None:
    pieces, note = _pieces(_rows("2003-01-01", "year", "2005-06-01", "month", False))
    assert pieces == [
        (T("2003-01-01"), T("2003-12-31"), True),
        (T("2003-12-31"), T("2005-06-01"), False),
        (T("2005-06-01"), T("2005-06-30"), True),
    ]
    assert note == ""


def test_exact_dates_give_one_solid_piece() -> None:
    pieces, _ = _pieces(_rows("2003-09-19", "day", "2018-03-30", "day", False))
    assert pieces == [(T("2003-09-19"), T("2018-03-30"), False)]


def test_an_unknown_end_is_hatched_to_the_chart_end_and_an_open_end_runs_on_solid() -> None:
    pieces, note = _pieces(_rows("2003-09-19", "day", None, "unknown", False))
    assert pieces == [(T("2003-09-19"), UNTIL, True)] and note == " (end unknown)"
    pieces, note = _pieces(_rows("2003-09-19", "day", None, None, True))
    assert pieces == [(T("2003-09-19"), UNTIL, False)] and note == ""


def test_an_unknown_start_is_hatched_from_the_chart_start() -> None:
    pieces, note = bar_pieces(NEVER, (T("1993-10-01"), T("1993-10-31")), False, SINCE, UNTIL)
    assert pieces == [(SINCE, T("1993-10-31"), True)] and note == " (start unknown)"


def _rects(svg: str, href: str) -> list[dict[str, str]]:
    """The rects of the bar linking to ``href``, as attribute dicts, left to right."""
    bar = re.search(f'<a href="{href}"[^>]*>(.*?)</a>', svg)
    assert bar is not None
    rects = re.findall(r"<rect [^>]*/>", bar[1])
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', r)) for r in rects]


def _bar(rows: pd.DataFrame, own: bool = True) -> Bar:
    s = date_spans(rows).iloc[0]
    start, end = (s["start_lo"], s["start_hi"]), (s["end_lo"], s["end_hi"])
    return Bar("OP", start, end, bool(s["open_ended"]), "/o", "OP tip", own)


def test_web_chart_hatches_a_year_start_and_an_unknown_end_like_the_figure() -> None:
    rows = _rows("2003-01-01", "year", None, "unknown", False)
    svg = str(timeline_chart([_bar(rows)], [], date(2010, 12, 31), "OP"))
    rects = _rects(svg, "/o")
    fills = [r["fill"] for r in rects]
    assert fills == [f"url(#{HATCH_IDS[True]})"] * 2  # the year 2003, then on to the edge
    year = float(rects[0]["width"])
    assert abs(year - 720 / 8) < 1  # all of 2003 on a chart of 2003–2010 (720 units wide)
    assert abs(float(rects[1]["x"]) - float(rects[0]["x"]) - year) < 0.2  # then on from there
    assert abs(float(rects[1]["x"]) + float(rects[1]["width"]) - 870) < 1  # to the edge
    assert f'<pattern id="{HATCH_IDS[True]}"' in svg and "hatched: date known only" in svg
    assert "<title>OP tip</title>" in svg  # the hover tip is kept, on the whole bar
    figure = timeline_figure(rows.assign(un=True, country="X", iso3="X", acronym="OP"))
    hatched = [p for p in figure.axes[0].patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == 2  # the same two pieces, hatched, in the static figure


def test_web_chart_draws_exact_dates_solid_and_marks_open_ended_bars() -> None:
    exact = _bar(_rows("2003-09-19", "day", "2008-03-30", "day", False), own=False)
    running = Bar("RUN", (T("2005-01-01"),) * 2, NEVER, True, "/run", "RUN tip", False)
    svg = str(timeline_chart([exact, running], [], date(2010, 12, 31), "OP"))
    assert [r["fill"] for r in _rects(svg, "/o")] == ["#9e9ac8"]
    assert [r["fill"] for r in _rects(svg, "/run")] == ["#9e9ac8"]
    running_bar = re.search('<a href="/run"[^>]*>(.*?)</a>', svg)
    assert running_bar is not None and "<polygon" in running_bar[1]
    assert "<polygon" not in svg.split('<a href="/o"')[1].split("</a>")[0]
    assert "runs on (no end date)" in svg


def test_figure_marks_open_ended_bars_with_an_arrow_and_labels_are_readable() -> None:
    closed = _rows("2003-09-19", "day", "2008-03-30", "day", False)
    running = _rows("2005-01-01", "day", None, None, True)
    rows = pd.concat([closed, running], ignore_index=True).assign(
        un=True, country="X", iso3="X", acronym=["CLOSED", "RUNNING"]
    )
    ax = timeline_figure(rows, until=T("2010-12-31")).axes[0]
    arrows = [line for line in ax.lines if line.get_marker() == ">"]
    assert len(arrows) == 1 and list(arrows[0].get_ydata()) == [1]  # the running bar's row
    legend = ax.get_legend()
    assert legend is not None and legend.get_texts()[-1].get_text() == "runs on (no end date)"
    assert all(label.get_fontsize() >= 8 for label in ax.get_yticklabels())
