"""What each page shows, assembled from the register (presentation only, no new facts).

Views of the packaged register are cached per process: the store is read-only and the packaged
data cannot change while the server runs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd

from bluehelmet.figures.timeline_bars import date_spans
from bluehelmet.register.dates import shown as dated_text
from bluehelmet.register.mandates import mandate_basis, mandate_basis_counts, years_without_texts
from bluehelmet.register.query import partners
from bluehelmet.register.summary import operations_by_org, table_summary, verification_counts
from bluehelmet.web.cache import locked_cache
from bluehelmet.web.data import all_events, all_operations, country_names, data_version
from bluehelmet.web.sections import OperationPanel, PanelContent, ResolutionPanel
from bluehelmet.web.sections.register.charts import mandates_chart
from bluehelmet.web.sections.register.timeline import Bar, Marker, timeline_chart
from bluehelmet.web.tables import records

CHECKED = {
    "text": "checked against the resolution's text",
    "index": "number and date checked against the resolutions index",
    "unverified": "not verified",
}


@dataclass(frozen=True)
class Badge:
    """A short label on a mandate event, with the evidence behind it as its tooltip."""

    label: str
    kind: str
    evidence: str


def badges(event: dict[str, Any]) -> list[Badge]:
    """Chapter VII, force and protection-of-civilians badges of one mandate event (a record).

    >>> e = {"chapter_vii": True, "chapter_vii_scope": "paragraph", "force_authorised": False,
    ...      "force_addressee": None, "force_purposes": None, "poc": None,
    ...      "verification": "text", "source": "un_sc_resolutions"}
    >>> [b.label for b in badges(e)]
    ['Chapter VII', 'no force']
    """
    checked = f"{CHECKED.get(event['verification'], 'not verified')}; source {event['source']}"
    out = []
    if event["chapter_vii"] is True:
        scope = event["chapter_vii_scope"] or "scope not recorded"
        what = f"acts under Chapter VII for this mandate (scope: {scope})"
        out.append(Badge("Chapter VII", "vii", f"{what}; {checked}"))
    elif event["chapter_vii"] is False:
        what = "does not act under Chapter VII for this mandate"
        out.append(Badge("not Chapter VII", "plain", f"{what}; {checked}"))
    if event["force_authorised"] is True:
        who = (event["force_addressee"] or "addressee not recorded").replace(";", ", ")
        why = (event["force_purposes"] or "purposes not recorded").replace(";", ", ")
        out.append(Badge("force", "force", f"authorises force: {who}; for {why}; {checked}"))
    elif event["force_authorised"] is False:
        out.append(Badge("no force", "plain", f"no authorisation of force; {checked}"))
    if event["poc"] is True:
        out.append(Badge("PoC", "poc", f"mandate includes protection of civilians; {checked}"))
    return out


def _hosts(codes: str | None) -> str:
    names = country_names()
    return ", ".join(f"{names.get(c, c)} ({c})" for c in (codes or "").split(";") if c)


def _bar(row: pd.Series, own: bool) -> Bar:
    dated = dated_text(row.to_frame().T).iloc[0]  # at their precision: 2018-03, 1999, unknown
    end = {"open": "no end date", "unknown": "end unknown"}.get(
        dated["end_date"], dated["end_date"]
    )
    tip = f"{row['acronym']} ({row['org']}): {row['name']}, {dated['start_date']} – {end}"
    spans = date_spans(row.to_frame().T).iloc[0]
    return Bar(
        row["acronym"],
        (spans["start_lo"], spans["start_hi"]),
        (spans["end_lo"], spans["end_hi"]),
        bool(spans["open_ended"]),
        f"/operations/{row['acronym']}",
        tip,
        own,
    )


def _markers(events: list[dict[str, Any]]) -> list[Marker]:
    out = []
    for e in events:
        tip = f"S/RES/{e['resolution']} ({e['date']}): {e['event']}"
        tip += "".join(f"; {b.label}" for b in badges(e)) + (f" — {e['note']}" if e["note"] else "")
        when = date.fromisoformat(e["date"])
        ring = e["chapter_vii"] is True
        out.append(Marker(when, e["event"], f"/resolutions/{e['resolution']}", tip, ring))
    return out


def _related(info: dict[str, Any], partners: pd.DataFrame) -> pd.DataFrame:
    """Predecessors, successors and partners (each once), by start date (unknown last)."""
    names = {a for col in ("predecessor", "successor") for a in (info[col] or "").split(";") if a}
    ops = all_operations()
    related = pd.concat([ops[ops["acronym"].isin(names)], partners])
    related = related.drop_duplicates("acronym")
    return related.sort_values(["start_date", "acronym"], na_position="last")


def operation_view(acronym: str, panels: tuple[OperationPanel, ...]) -> dict[str, Any]:
    """Everything the operation page shows for a canonical acronym (built once per process).

    >>> operation_view("UNAMSIL", ())["info"]["establishing_resolution"]
    1270
    """
    return _operation_view(acronym, panels)


def warm_operation_views(panels: tuple[OperationPanel, ...], stop: threading.Event) -> int:
    """Build every operation's view ahead of its first visit, until ``stop`` is set; returns
    how many were built.

    >>> done = threading.Event()
    >>> done.set()
    >>> warm_operation_views((), done)
    0
    """
    built = 0
    for acronym in all_operations()["acronym"]:
        if stop.is_set():
            break
        operation_view(acronym, panels)
        built += 1
    return built


# One view is built at a time: building is CPU-bound, so concurrent builds would only contend
# for the interpreter, and a request waiting here finds a view another thread just built.
@locked_cache(keep=512)
def _operation_view(acronym: str, panels: tuple[OperationPanel, ...]) -> dict[str, Any]:
    ops, mandates = all_operations(), all_events()
    own = ops[ops["acronym"] == acronym]
    info, row = own.iloc[0], records(own)[0]
    events = records(mandates[mandates["operation"] == acronym])
    partner_ops = partners(acronym)
    timeline, undrawn = None, []
    if pd.notna(info["start_date"]):
        related = _related(row, partner_ops)
        undrawn = related.loc[related["start_date"].isna(), "acronym"].tolist()
        related = related[related["start_date"].notna()]
        bars = [_bar(info, True)] + [_bar(r, False) for _, r in related.iterrows()]
        timeline = timeline_chart(bars, _markers(events), data_version().as_of, acronym)
    shown: list[tuple[OperationPanel, PanelContent]] = []
    for panel in panels:
        content = panel.build(acronym)
        if content is not None:
            shown.append((panel, content))
    return {
        "info": row,
        "hosts": _hosts(row["host_iso3"]),
        "events": [(e, badges(e)) for e in events],
        "partners": records(partner_ops),
        "partners_shown": records(dated_text(partner_ops)),  # dates at their precision
        "partner_notes": partner_ops.attrs.get("notes", []),
        "timeline": timeline,
        "undrawn": undrawn,
        "panels": [(p, c, records(c.table)) for p, c in shown],
    }


def resolution_panels(
    number: int, panels: tuple[ResolutionPanel, ...]
) -> list[tuple[ResolutionPanel, PanelContent, list[dict[str, Any]]]]:
    """The resolution page's panels that have data for resolution ``number``, with their rows.

    >>> resolution_panels(1270, ())
    []
    """
    shown = []
    for panel in panels:
        content = panel.build(number)
        if content is not None:
            shown.append((panel, content, records(content.table)))
    return shown


@lru_cache(maxsize=1)
def home_view() -> dict[str, Any]:
    """The home page's tables: what is in the store, coverage, verification and sources.

    >>> home_view()["by_org"][0]["org"]
    'UN'
    """
    return {
        "summary": records(table_summary()),
        "by_org": records(operations_by_org()),
        "verification": records(verification_counts()),
        "sources": records(data_version().sources.drop(columns=["url"])),
        "n_events": len(all_events()),
    }


@lru_cache(maxsize=64)
def mandates_view(start: int, end: int) -> dict[str, Any]:
    """The mandates figure, its counts and the missions behind each bar.

    >>> mandates_view(1999, 1999)["counts"][0]["year"]
    1999
    """
    counts = mandate_basis_counts(start, end)
    basis = mandate_basis(start, end)
    firsts = basis.drop_duplicates("year")
    return {
        "chart": mandates_chart(counts, basis, years_without_texts(start, end)),
        "counts": records(counts.reset_index()),
        "columns": ["year", *counts.columns],
        "basis": records(basis),
        "row_ids": {
            int(i): f"y{year}" for i, year in zip(firsts.index, firsts["year"], strict=True)
        },
        "total": int(counts.to_numpy().sum()),
    }
