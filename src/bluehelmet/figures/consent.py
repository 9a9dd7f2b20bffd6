"""Host consent beside the mandate history: one row per operation, its mandate resolutions
as small ticks and its consent events as markers by actor (host government or Council).

An event is drawn at its own date (``event_date``); a Council act without one at the date of
the resolution that is the act (``response_date``). A host government's request or restriction
that no text dates is never drawn at the date of the resolution recording it: it is named in
the chart's note instead.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from bluehelmet import palette
from bluehelmet.council.consent import consent_events, consent_timeline
from bluehelmet.errors import UsageError
from bluehelmet.figures.style import finish
from bluehelmet.register.query import resolve_acronym
from bluehelmet.store import query

SOURCE = (
    "Source: bluehelmet register (consent_events, each quoted from the resolution that "
    "records it; mandate_events)."
)


@dataclass(frozen=True)
class Actor:
    """Who acts in a consent event, with its legend label, colour and marker (matplotlib's
    code: ``^`` a triangle, ``o`` a circle; the SVG draws the same shapes)."""

    key: str
    label: str
    colour: str
    marker: str
    #: Where its markers sit in the row, above (-) or below (+) the row's line of ticks.
    offset: float


#: The actors, in legend order.
ACTORS = (
    Actor("host government", "host government", palette.OTHER, "^", -0.22),
    Actor("Council", "Security Council", palette.UN, "o", 0.22),
)
MANDATE_LABEL = "mandate resolution"
MANDATE_COLOUR = "#737373"
#: Written across a row with nothing to draw.
EMPTY_ROW = "no dated event: see the note under the chart"


@dataclass(frozen=True)
class ConsentMark:
    """One dated consent event: when, who, and its hover text."""

    date: pd.Timestamp
    actor: str
    event: str
    resolution: int | None
    tip: str


@dataclass(frozen=True)
class ConsentRow:
    """One operation: its mandate resolutions (date, number), its dated consent events and
    the names of those without a date."""

    operation: str
    mandates: tuple[tuple[pd.Timestamp, int], ...]
    events: tuple[ConsentMark, ...]
    undated: tuple[str, ...]

    @property
    def drawn(self) -> bool:
        """Whether the row has anything to draw."""
        return bool(self.mandates or self.events)


@dataclass(frozen=True)
class ConsentSpec:
    """What the consent chart shows, whoever draws it (matplotlib here, SVG on an operation's
    page): rows top down, the actors' markers and the note naming undated events."""

    rows: tuple[ConsentRow, ...]
    actors: tuple[Actor, ...] = ACTORS
    title: str = "Host consent beside the mandate history"
    source: str = SOURCE

    @property
    def span(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """First and last date drawn, padded by half a year either side."""
        dates = [d for r in self.rows for d, _ in r.mandates] + [
            m.date for r in self.rows for m in r.events
        ]
        pad = pd.DateOffset(months=6)
        if not dates:
            today = pd.Timestamp.today().normalize()
            return today - pad, today + pad
        return min(dates) - pad, max(dates) + pad

    @property
    def note(self) -> str:
        """The events not drawn, as no date is known for them ("" when all are drawn)."""
        named = [f"{r.operation}: {u}" for r in self.rows for u in r.undated]
        return "Not drawn, no date known: " + "; ".join(named) + "." if named else ""


def consent_operations() -> list[str]:
    """The operations with consent events, by start date.

    >>> "MINUSMA" in consent_operations()
    True
    """
    sql = """SELECT DISTINCT c.operation, o.start_date FROM consent_events c
             JOIN operations o ON o.acronym = c.operation ORDER BY o.start_date, c.operation"""
    return query(sql)["operation"].tolist()


def _readable(event: str) -> str:
    return event.replace("_", " ")


def _recorded(row: pd.Series) -> str:
    number = row["response_resolution"]
    if pd.isna(number):
        return "recorded in no Security Council resolution"
    return f"recorded in resolution {int(number)} ({row['response_date']:%d %B %Y})"


def _when(row: pd.Series) -> pd.Timestamp | None:
    """The date an event is drawn at: its own, or a Council act's resolution date; else None."""
    if pd.notna(row["event_date"]):
        return row["event_date"]
    if row["actor"] == "Council" and pd.notna(row["response_date"]):
        return row["response_date"]
    return None


def _row(operation: str) -> ConsentRow:
    events = consent_events(operation)
    if events.empty:
        raise UsageError(
            f"operations: {operation} has no consent events; give some of "
            f"{', '.join(consent_operations())}"
        )
    timeline = consent_timeline(operation)
    mandates = timeline[timeline["kind"] == "mandate"]
    marks, undated = [], []
    for _, e in events.iterrows():
        when = _when(e)
        what = f"{e['actor']}: {_readable(e['event'])}"
        if when is None:
            undated.append(f"{what}, {_recorded(e)}")
            continue
        number = None if pd.isna(e["response_resolution"]) else int(e["response_resolution"])
        tip = f"{when:%Y-%m-%d} {operation}, {what} ({_recorded(e)}): {e['description']}"
        marks.append(ConsentMark(when, e["actor"], e["event"], number, tip))
    return ConsentRow(
        operation,
        tuple((d, int(n)) for d, n in zip(mandates["date"], mandates["resolution"], strict=True)),
        tuple(marks),
        tuple(undated),
    )


def consent_spec(operations: Sequence[str] | None = None) -> ConsentSpec:
    """The consent chart of ``operations`` (default: every operation with consent events, by
    start date), one row each in the order given.

    >>> spec = consent_spec(["minusma"])
    >>> [m.resolution for m in spec.rows[0].events], spec.note.startswith("Not drawn")
    ([2690], True)
    """
    names = consent_operations() if operations is None else operations
    if not names:
        raise UsageError("operations: give at least one operation with consent events")
    return ConsentSpec(tuple(_row(resolve_acronym(name)) for name in names))


def consent_figure(spec: ConsentSpec) -> Figure:
    """The consent chart of ``spec``: a row per operation, mandate resolutions as grey ticks,
    consent events as markers by actor; undated events named under the chart.

    >>> [t.get_text() for t in consent_figure(consent_spec(["UNMIS"])).axes[0].get_yticklabels()]
    ['UNMIS']
    """
    note = textwrap.wrap(spec.note, 150)
    margin = 0.5 + 0.13 * len(note)  # inches under the rows: dates, source line and note
    fig = Figure(figsize=(9, 1.3 + 0.55 * len(spec.rows) + margin))
    fig.subplots_adjust(bottom=margin / fig.get_figheight())
    ax = fig.add_subplot()
    first, last = spec.span
    with_ticks = [i for i, r in enumerate(spec.rows) if r.mandates]
    for i, row in enumerate(spec.rows):
        if row.mandates:
            ax.vlines(
                [d for d, _ in row.mandates], i - 0.12, i + 0.12, color=MANDATE_COLOUR,
                linewidth=1, label=MANDATE_LABEL if i == with_ticks[0] else "_nolegend_",
            )  # fmt: skip
        if not row.drawn:
            ax.text(first, i, f"  {EMPTY_ROW}", va="center", fontsize=8, color="#555")
    for actor in spec.actors:
        marks = [(i, m) for i, r in enumerate(spec.rows) for m in r.events if m.actor == actor.key]
        ax.scatter(
            [m.date for _, m in marks],
            [i + actor.offset for i, _ in marks],
            marker=actor.marker,
            s=42,
            color=actor.colour,
            edgecolors="white",
            linewidths=0.5,
            zorder=3,
            label=actor.label,
        )
    ax.set_yticks(range(len(spec.rows)), [r.operation for r in spec.rows])
    ax.set_ylim(len(spec.rows) - 0.5, -0.5)
    ax.set_xlim(first, last)
    ax.set_title(spec.title, loc="left", pad=24)
    ax.grid(axis="x", color="#eee", linewidth=0.6)
    finish(fig, ax, "\n".join([spec.source, *note]))
    # the legend above the rows, under the title, so that it hides no marker
    ax.legend(frameon=False, fontsize=8, loc="lower right", ncols=3, bbox_to_anchor=(1, 1))
    return fig
