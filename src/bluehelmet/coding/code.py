"""Code resolutions: resolution-level, paragraph-level and evidence tables.

``code_resolution`` runs every coder on one resolution; ``code_texts`` codes many and
builds each table once (fast: the operation index is compiled once, rows are
collected as dicts). ``labels()`` gives the codes in the gold-label layout of
``tests/data/gold/README.md`` for ``bluehelmet.coding.evaluate``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from bluehelmet.coding import patterns as P
from bluehelmet.coding.chapters import ChapterSummary, chapter_summary
from bluehelmet.coding.clauses import clauses, paragraph_key
from bluehelmet.coding.events import EventCode, code_events, parse_date
from bluehelmet.coding.force import code_force
from bluehelmet.coding.operations import OperationIndex, index_for
from bluehelmet.coding.poc import PocCode, code_poc
from bluehelmet.coding.references import force_references
from bluehelmet.coding.tasks import code_tasks
from bluehelmet.documents.model import Paragraph, Resolution
from bluehelmet.documents.read import read_resolution

#: Each coded table's columns with their meanings (the codebook's).
RESOLUTION_MEANINGS = {
    "resolution": "resolution number",
    "year": "year in the resolution's symbol",
    "symbol": "symbol, e.g. `S/RES/1270 (1999)`",
    "chapter_vii": "the resolution acts under Chapter VII",
    "chapter_vii_scope": "what the Chapter VII invocation covers: `preamble`, `paragraph`, "
    "`section` or `none`",
    "chapter_vii_where": "`;`-list of where it is invoked (`preamble` or paragraph keys)",
    "chapter_viii": "the resolution invokes Chapter VIII",
    "chapter_viii_scope": "as `chapter_vii_scope`, for Chapter VIII",
    "chapter_viii_where": "as `chapter_vii_where`, for Chapter VIII",
    "force_authorised": "an operative paragraph authorises force beyond self-defence",
    "n_force": "number of force authorisations",
    "force_addressees": "`;`-list of who is authorised (`un_operation`, `member_states`, "
    "`regional_organisation`)",
    "n_force_references": "number of passages recalling earlier force authorisations",
    "poc": "the resolution mandates protection of civilians",
    "poc_force": "a protection-of-civilians code is tied to a force authorisation",
    "events": "`;`-list of `operation:event` (establish, extend, expand, shift, authorise, "
    "terminate)",
    "n_events": "number of operation events",
    "n_reports": "number of reporting requests to a UN operation",
    "tasks": "`;`-list of `task:mode` codes (PEMA task categories)",
    "sets_mandate": 'an operative paragraph sets out a whole mandate ("shall have the '
    'following mandate")',
    "meeting": "meeting record symbol given by the file, if any",
    "un_chapter_vii": "the UN's own Chapter VII marker in the file's metadata, if any",
    "source": "the file the text was read from",
}
PARAGRAPH_MEANINGS = {
    "resolution": "resolution number",
    "paragraph": "paragraph key (e.g. `10`, `16(b)`)",
    "label": "the paragraph's label as printed",
    "kind": "kind of paragraph (operative or subparagraph)",
    "chapter_vii": "how Chapter VII covers the paragraph, empty if it does not",
    "chapter_viii": "how Chapter VIII covers the paragraph, empty if it does not",
    "force": "the paragraph authorises force",
    "addressee": "who it authorises",
    "purposes": "`;`-list of the authorisation's purposes",
    "limits": "`;`-list of the authorisation's limits",
    "poc": "`force` or `task` where the paragraph mandates protection of civilians",
    "events": "`;`-list of `operation:event` coded in the paragraph",
    "tasks": "`;`-list of `task:mode` coded in the paragraph",
    "report": "the paragraph requests a report from a UN operation",
}
EVIDENCE_MEANINGS = {
    "resolution": "resolution number",
    "paragraph": "paragraph key, empty for the preamble",
    "label": "the paragraph's label as printed",
    "code": "what was coded (`chapter_vii`, `force`, `event`, `poc`, `task`, `report`, …)",
    "value": "the coded value",
    "detail": "more on the value (addressee, dates, cited resolutions)",
    "start": "first character of the evidence in the text",
    "end": "character after the evidence",
    "text": "the words the coder matched",
}
RESOLUTION_COLUMNS = tuple(RESOLUTION_MEANINGS)
PARAGRAPH_COLUMNS = tuple(PARAGRAPH_MEANINGS)
EVIDENCE_COLUMNS = tuple(EVIDENCE_MEANINGS)
LABEL_COLUMNS = ("resolution", "code", "paragraph", "value", "detail")
# The four tables in order: resolution, paragraphs, evidence, labels.
COLUMNS = (RESOLUTION_COLUMNS, PARAGRAPH_COLUMNS, EVIDENCE_COLUMNS, LABEL_COLUMNS)


@dataclass(frozen=True)
class CodedResolution:
    """The coder's tables for one resolution or for many (concatenated)."""

    resolution: pd.DataFrame
    paragraphs: pd.DataFrame
    evidence: pd.DataFrame
    label_rows: pd.DataFrame

    def labels(self) -> pd.DataFrame:
        """Codes in the gold layout: resolution, code, paragraph, value, detail."""
        return self.label_rows


def _covering(p: Paragraph, summary: ChapterSummary, flag: str | None) -> str | None:
    if flag is not None:
        return flag
    places = dict.fromkeys(summary.where, summary.scope)
    places.update(dict.fromkeys(summary.others, "other"))
    key = paragraph_key(p)
    if key in places:
        return "paragraph"
    if p.section and p.section in places:
        return "section"
    return "preamble" if "preamble" in places else None


def _detail(e: EventCode) -> str:
    parts = []
    if e.until:
        parts.append(f"until {e.until.isoformat()}")
    if e.ceiling:
        parts.append(f"ceiling {e.ceiling}")
    if e.source != "text":
        parts.append(f"source {e.source}")
    return "; ".join(parts)


def _poc_detail(pc: PocCode) -> str:
    """Evidence detail of a PoC mandate: its addressee, and the force paragraph covering it."""
    if pc.force and pc.force != pc.paragraph:
        return f"{pc.addressee}; force in {pc.force}"
    return pc.addressee


def code_rows(res: Resolution, index: OperationIndex) -> tuple[list[dict[str, Any]], ...]:
    """The four tables' rows (see ``COLUMNS``) for one resolution, as lists of dicts.

    >>> from bluehelmet.coding.operations import default_index
    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> code_rows(r, default_index())[0][0]["force_addressees"]
    'member_states'
    """
    n = res.number
    mentions = index.mentions(res.text, n)
    parsed = clauses(res, mentions, index)
    vii, viii = chapter_summary(res, "VII"), chapter_summary(res, "VIII")
    force = code_force(res, index, parsed)
    events = code_events(res, index, parsed, mentions, force)
    tasks = code_tasks(res, parsed, force)
    poc = code_poc(res, parsed, force, index)
    references = force_references(res)
    reports = [
        c
        for c in parsed
        if c.verb in ("requests", "invites")
        and c.actor == "un_operation"
        and P.REPORT.search(res.text, c.body_start, c.end)
    ]
    ev: list[dict[str, Any]] = []

    def add(key: str, label: str, code: str, value: str, detail: str, s: int, e: int) -> None:
        ev.append(
            dict(
                resolution=n,
                paragraph=key,
                label=label,
                code=code,
                value=value,
                detail=detail,
                start=s,
                end=e,
                text=res.text[s:e],
            )
        )

    labels: list[dict[str, Any]] = []

    def label(code: str, paragraph: str, value: str, detail: str) -> None:
        labels.append(
            dict(resolution=n, code=code, paragraph=paragraph, value=value, detail=detail)
        )

    for summary, code in ((vii, "chapter_vii"), (viii, "chapter_viii")):
        for place, s, e in summary.spans:
            add(place if place != "preamble" else "", place, code, summary.scope, "", s, e)
        if summary.invoked or code == "chapter_vii":
            label(code, ";".join(summary.where), summary.scope, summary.detail)
    for f in force:
        for kind, value, s, e in f.evidence:
            add(f.paragraph, f.label, kind, value, "", s, e)
        label("force", f.paragraph, f.addressee, ";".join(f.purposes))
    if not force:
        label("force", "", "none", "")
    for ec in events:
        value = f"{ec.operation}:{ec.event}"
        add(ec.paragraph, ec.label, "event", value, _detail(ec), ec.start, ec.end)
        label("event", ec.paragraph, value, _detail(ec))
    if not events:
        label("event", "", "none", "")
    for pc in poc:
        add(pc.paragraph, pc.label, "poc", pc.value, _poc_detail(pc), pc.start, pc.end)
        label("poc", pc.paragraph, pc.value, pc.addressee)
    if not poc:
        label("poc", "", "none", "")
    for ref in references:
        cited = ";".join(map(str, ref.cited))
        add(ref.paragraph, ref.label, "force_reference", cited, "", ref.start, ref.end)
    for t in tasks:
        add(t.paragraph, t.label, "task", f"{t.task}:{t.mode}", "", t.start, t.end)
    for c in reports:
        m = P.REPORT.search(res.text, c.body_start, c.end)
        assert m is not None
        when = parse_date(res.text[m.end() : c.end])
        add(
            c.key,
            c.paragraph.label,
            "report",
            "report",
            when.isoformat() if when else "",
            m.start(),
            m.end(),
        )

    paras = []
    for p in res.operative():
        key = paragraph_key(p)
        fc = next((f for f in force if f.label == p.label), None)
        pl = next((c.value for c in poc if c.label == p.label), None)
        paras.append(
            dict(
                resolution=n,
                paragraph=key,
                label=p.label,
                kind=p.kind,
                chapter_vii=_covering(p, vii, p.chapter_vii),
                chapter_viii=_covering(p, viii, p.chapter_viii),
                force=fc is not None,
                addressee=fc.addressee if fc else None,
                purposes=";".join(fc.purposes) if fc else "",
                limits=";".join(fc.limits) if fc else "",
                poc=pl,
                events=";".join(f"{e.operation}:{e.event}" for e in events if e.label == p.label),
                tasks=";".join(f"{t.task}:{t.mode}" for t in tasks if t.label == p.label),
                report=any(c.paragraph.index == p.index for c in reports),
            )
        )
    row = dict(
        resolution=n,
        year=res.year,
        symbol=res.symbol,
        chapter_vii=vii.invoked,
        chapter_vii_scope=vii.scope,
        chapter_vii_where=";".join(vii.where),
        chapter_viii=viii.invoked,
        chapter_viii_scope=viii.scope,
        chapter_viii_where=";".join(viii.where),
        force_authorised=bool(force),
        n_force=len(force),
        force_addressees=";".join(sorted({f.addressee for f in force})),
        n_force_references=len(references),
        poc=bool(poc),
        poc_force=any(c.tied_to_force for c in poc),
        events=";".join(f"{e.operation}:{e.event}" for e in events),
        n_events=len(events),
        n_reports=len(reports),
        tasks=";".join(sorted({f"{t.task}:{t.mode}" for t in tasks})),
        sets_mandate=any(
            P.WHOLE_MANDATE.search(res.text, p.start, p.end)
            for p in res.operative()
            if p.kind == "operative"
        ),
        meeting=res.meeting,
        un_chapter_vii=res.un_chapter_vii,
        source=res.source,
    )
    return [row], paras, ev, labels


def code_texts(
    resolutions: Iterable[Resolution], operations: pd.DataFrame | OperationIndex | None = None
) -> CodedResolution:
    """Code many resolutions; the tables are concatenated (each built once).

    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> code_texts([r, r]).resolution.force_addressees.tolist()
    ['member_states', 'member_states']
    """
    index = index_for(operations)
    tables: tuple[list[dict[str, Any]], ...] = ([], [], [], [])
    for res in resolutions:
        for table, rows in zip(tables, code_rows(res, index), strict=True):
            table.extend(rows)
    return frames(tables)


def frames(tables: tuple[list[dict[str, Any]], ...]) -> CodedResolution:
    """The coded tables from rows collected per table (in ``COLUMNS`` order).

    >>> frames(([], [], [], [])).evidence.columns[-1]
    'text'
    """
    return CodedResolution(
        *(
            pd.DataFrame(rows, columns=list(cols))
            for rows, cols in zip(tables, COLUMNS, strict=True)
        )
    )


def code_resolution(
    source: str | Path | Resolution, operations: pd.DataFrame | OperationIndex | None = None
) -> CodedResolution:
    """Code one resolution given as text, a file path or a parsed :class:`Resolution`:
    ``resolution`` (one row), ``paragraphs``, ``evidence`` and label tables.

    ``operations`` defaults to the packaged register.

    >>> text = ("RESOLUTION 1 (1946)\\n\\nThe Security Council,\\n\\n"
    ...         "1. Demands that all parties take all necessary measures to ensure safety;\\n")
    >>> bool(code_resolution(text).resolution.loc[0, "force_authorised"])
    False
    """
    res = source if isinstance(source, Resolution) else read_resolution(source)
    return code_texts([res], operations)
