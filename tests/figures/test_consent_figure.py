"""The consent and contributors charts: each spec holds its tables' values, and the matplotlib
figure and the web's SVG draw the same rows, series, labels and colours from one spec."""

from __future__ import annotations

from pathlib import Path

import lxml.etree
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex

import bluehelmet as bh
from bluehelmet.council.contributors import FILE
from bluehelmet.errors import UsageError
from bluehelmet.figures.consent import (
    EMPTY_ROW,
    MANDATE_LABEL,
    consent_figure,
    consent_operations,
    consent_spec,
)
from bluehelmet.figures.contributors import (
    PARTIAL_MARK,
    contributors_figure,
    contributors_spec,
)
from bluehelmet.web.sections.council.charts import HATCH, consent_chart, contributors_chart

NS = {"s": "http://www.w3.org/2000/svg"}


def _svg(markup: object) -> lxml.etree._Element:
    return lxml.etree.fromstring(str(markup))


def _texts(svg: lxml.etree._Element) -> list[str]:
    return [t.text for t in svg.iterfind(".//s:text", NS)]


def _drawn_at(event: pd.Series) -> pd.Timestamp | None:
    """Where an event belongs: its own date, a Council act's resolution date, else nowhere."""
    if pd.notna(event["event_date"]):
        return event["event_date"]
    if event["actor"] == "Council" and pd.notna(event["response_date"]):
        return event["response_date"]
    return None


def test_every_operation_with_consent_events_has_a_row() -> None:
    events = bh.consent_events()
    assert set(consent_operations()) == set(events["operation"])
    spec = consent_spec()
    assert [r.operation for r in spec.rows] == consent_operations()
    for row in spec.rows:
        mandates = bh.mandate_events(row.operation)
        assert [n for _, n in row.mandates] == mandates["resolution"].tolist()
        own = events[events["operation"] == row.operation]
        expected = sorted(
            (when, e["actor"], e["event"])
            for _, e in own.iterrows()
            if (when := _drawn_at(e)) is not None
        )
        assert sorted((m.date, m.actor, m.event) for m in row.events) == expected
        assert len(row.events) + len(row.undated) == len(own)


def test_undated_events_are_named_never_drawn() -> None:
    spec = consent_spec(["MINUSMA", "UNEF I"])
    minusma, unef = spec.rows
    # Mali's request: the resolution gives its symbol, not its date
    assert [m.event for m in minusma.events] == ["council_termination"]
    assert minusma.undated == (
        "host government: request withdrawal, recorded in resolution 2690 (30 June 2023)",
    )
    assert not unef.drawn and unef.undated and "UNEF I: host government" in spec.note
    ax = consent_figure(spec).axes[0]
    host, council = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(host.get_offsets()) == 0 and len(council.get_offsets()) == 1
    assert EMPTY_ROW in [t.get_text().strip() for t in ax.texts]
    svg = _svg(consent_chart(spec))
    assert len(svg.findall(".//s:polygon", NS)) == 1  # the legend's triangle only
    assert EMPTY_ROW in _texts(svg) and spec.note in svg.findtext("s:desc", namespaces=NS)
    source = consent_figure(spec).texts[0].get_text()
    assert "MINUSMA: host government: request withdrawal" in source.replace("\n", " ")


def test_consent_figure_and_svg_draw_the_same_rows_and_markers() -> None:
    spec = consent_spec()
    fig = consent_figure(spec)
    ax = fig.axes[0]
    svg = _svg(consent_chart(spec))
    operations = [r.operation for r in spec.rows]
    labels = [MANDATE_LABEL, *[a.label for a in spec.actors]]
    # matplotlib: one tick label per row, the legend, one tick per mandate resolution
    assert [t.get_text() for t in ax.get_yticklabels()] == operations
    assert [t.get_text() for t in ax.get_legend().get_texts()] == labels
    ticks = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert sum(len(c.get_segments()) for c in ticks) == sum(len(r.mandates) for r in spec.rows)
    markers = [c for c in ax.collections if isinstance(c, PathCollection)]
    for actor, drawn in zip(spec.actors, markers, strict=True):
        marks = [m for r in spec.rows for m in r.events if m.actor == actor.key]
        assert drawn.get_label() == actor.label
        assert to_hex(drawn.get_facecolor()[0]) == actor.colour
        assert len(drawn.get_offsets()) == len(marks)
    # SVG: the same rows and legend, the same ticks and markers (plus one of each in the legend)
    texts = _texts(svg)
    assert [t for t in texts if t in operations] == operations
    assert all(label in texts for label in labels)
    tips = [a.get("aria-label") for a in svg.iterfind(".//s:a", NS)]
    assert sum(MANDATE_LABEL in t for t in tips) == sum(len(r.mandates) for r in spec.rows)
    host, council = spec.actors
    polygons = svg.findall(".//s:polygon", NS)
    circles = svg.findall(".//s:circle", NS)
    assert {p.get("fill") for p in polygons} == {host.colour}
    assert {c.get("fill") for c in circles} == {council.colour}
    assert len(polygons) - 1 == sum(m.actor == host.key for r in spec.rows for m in r.events)
    assert len(circles) - 1 == sum(m.actor == council.key for r in spec.rows for m in r.events)
    assert svg.get("aria-label") == ax.get_title(loc="left") == spec.title


def test_consent_markers_link_to_their_resolutions() -> None:
    svg = _svg(consent_chart(consent_spec(["MINUSMA"])))
    links = {a.get("href") for a in svg.iterfind(".//s:a", NS)}
    assert "/resolutions/2690" in links and "/resolutions/2100" in links


def test_an_operation_without_consent_events_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="operations: UNAMSIL has no consent events"):
        consent_spec(["UNAMSIL"])
    with pytest.raises(UsageError, match="operations"):
        consent_spec([])


HEADER = '"","Year","Country","Mission","Female","Male","Total"\n'
ROWS = [
    '2017,"China","MINUSMA",0,2,2',
    '2017,"France","MINUSMA",0,1,1',
    '2017,"Nepal","MINUSMA",0,3,3',
    '2017,"Netherlands","MINUSMA",0,4,4',
    '2018,"China","MINUSMA",0,1,1',
    '2018,"Senegal","MINUSMA",0,9,9',
    '2019,"Ghana","UNMISS",0,10,10',
    '2020,"Nepal","MINUSMA",0,1,1',
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small contributions file: MINUSMA in 2017, 2018 and 2020 (a partial year: its total
    over all missions is a tenth of the others'), none in 2019."""
    (tmp_path / FILE.parent).mkdir(parents=True)
    lines = "".join(f'"{i}",{r}\n' for i, r in enumerate(ROWS))
    (tmp_path / FILE).write_text(HEADER + lines)
    return tmp_path


def test_contributors_spec_splits_the_p5_and_leaves_gaps_blank(folder: Path) -> None:
    spec = contributors_spec("minusma", shared=folder)
    assert spec.operation == "MINUSMA" and spec.partial == (2020,)
    assert [s.label for s in spec.series] == [
        "China", "France", "Europe", "African states", "South Asia",
    ]  # fmt: skip
    assert spec.absent == ("UK", "US", "Russia", "other")
    assert list(spec.shares.index) == [2017, 2018, 2019, 2020]
    assert spec.shares.loc[2017].tolist() == [0.2, 0.1, 0.4, 0.0, 0.3]
    assert spec.shares.loc[2019].isna().all() and pd.isna(spec.totals.loc[2019])
    assert spec.shares.drop(2019).sum(axis=1).tolist() == [1.0, 1.0, 1.0]
    assert spec.year_labels == ("2017", "2018", "2019", f"2020{PARTIAL_MARK}")
    assert "Russia" in spec.note and "partial year" in spec.note


def test_contributors_figure_and_svg_draw_the_same_bars(folder: Path) -> None:
    spec = contributors_spec("MINUSMA", shared=folder)
    ax = contributors_figure(spec).axes[0]
    svg = _svg(contributors_chart(spec))
    labels = [s.label for s in spec.series]
    colours = [s.colour for s in spec.series]
    # matplotlib: one bar container per series, bottom up, heights the spec's shares
    assert [c.get_label() for c in ax.containers] == labels
    for container, series in zip(ax.containers, spec.series, strict=True):
        heights = [bar.get_height() for bar in container]
        assert heights == pytest.approx(spec.shares[series.key].fillna(0.0).tolist())
        assert to_hex(container[0].get_facecolor()) == series.colour
        assert [bool(bar.get_hatch()) for bar in container] == [False, False, False, True]
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == sorted(labels)
    assert [t.get_text() for t in ax.get_xticklabels()] == list(spec.year_labels)
    # SVG: the same series, colours, year labels; one titled segment per series and year
    texts = _texts(svg)
    assert all(label in texts for label in labels) and all(y in texts for y in spec.year_labels)
    segments = [r for r in svg.iterfind(".//s:rect", NS) if r.find("s:title", NS) is not None]
    tips = [r.findtext("s:title", namespaces=NS) for r in segments]
    assert "2017, China: 20.0% of 10 uniformed personnel" in tips
    assert "2019: no personnel in the data" in tips
    filled = [r.get("fill") for r in segments if r.get("fill") != "transparent"]
    assert filled == colours * 3  # three years with personnel
    heights = np.array([float(r.get("height")) for r in segments if r.get("fill") != "transparent"])
    bar = heights.reshape(3, len(colours)).sum(axis=1)
    assert np.allclose(bar, bar[0])  # every year stacks to the full height: shares sum to 1
    hatched = [r for r in svg.iterfind(".//s:rect", NS) if r.get("fill") == f"url(#{HATCH})"]
    assert len(hatched) == 1


def test_contributors_spec_matches_contributors(shared_data: Path) -> None:
    spec = contributors_spec("MINUSMA")
    countries = bh.contributors("MINUSMA", by="country")
    groups = bh.contributors("MINUSMA", by="group")
    assert "China" in [s.label for s in spec.series] and "Europe" in [s.label for s in spec.series]
    for _, g in groups[groups["group"] != "P5"].iterrows():
        assert spec.shares.loc[g["year"], g["group"]] == pytest.approx(g["share"])
    for _, c in countries[countries["group"] == "P5"].iterrows():
        assert spec.shares.loc[c["year"], c["contributor"]] == pytest.approx(c["share"])
    assert set(spec.partial) == set(groups.loc[groups["partial_year"], "year"])
