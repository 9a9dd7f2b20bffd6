"""Where the machine coding disagrees with the curated register or with the UN's own
Chapter VII marker, for curators to settle: each row shows both sides' evidence."""

from __future__ import annotations

import pandas as pd

from bluehelmet.coding.code import CodedResolution

AUDIT_COLUMNS = (
    "resolution",
    "operation",
    "field",
    "source",
    "theirs",
    "machine",
    "where",
    "their_evidence",
    "machine_evidence",
)
_TEXT_EVENTS = ("establish", "extend", "expand", "terminate")
UN_MARKER = "UN marker"


def _flag(value: object) -> bool | None:
    return None if pd.isna(value) else bool(value)


def _machine_evidence(coded: CodedResolution) -> dict[tuple[int, str], str]:
    """(resolution, code) → the coder's evidence texts, " … "-joined, first three."""
    ev = coded.evidence
    out: dict[tuple[int, str], str] = {}
    for (number, code), texts in ev.groupby(["resolution", "code"], sort=False)["text"]:
        shown = [" ".join(str(t).split()) for t in texts.head(3)]
        out[(int(number), str(code))] = " … ".join(shown)
    return out


def audit(
    coded: CodedResolution, events: pd.DataFrame, un_operations: set[str] | None = None
) -> pd.DataFrame:
    """One row per disagreement on the resolutions both sides cover (:data:`AUDIT_COLUMNS`).

    Against the register (``source`` = register): Chapter VII (the register's ``true``
    needs a machine invocation; a machine invocation the register codes ``false`` is
    listed for a look, as it may cover another force), force authorisation, and
    mandate events (operation and type, for the UN operations in ``un_operations`` when
    given). Against the UN's marker (``source`` = UN marker): every resolution whose
    XML says ``refersTo="Chapter VII"`` where the coder finds no invocation, or the
    reverse. ``their_evidence`` is the register's note or the UN's meeting record;
    ``machine_evidence`` the words the coder matched.

    >>> from bluehelmet.documents.model import Paragraph, Resolution
    >>> from bluehelmet.coding.code import code_resolution
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> ev = pd.DataFrame({"operation": ["X"], "resolution": [678], "event": ["authorise"],
    ...                    "chapter_vii": [True], "force_authorised": [True]})
    >>> audit(code_resolution(r), ev)[["field", "theirs", "machine"]].values.tolist()
    [['chapter_vii', 'true', 'none']]
    """
    evidence = _machine_evidence(coded)
    rows = _against_register(coded, events, un_operations, evidence)
    rows += _against_marker(coded, evidence)
    out = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    return out.sort_values(
        ["resolution", "source", "operation", "field"], kind="stable"
    ).reset_index(drop=True)


def _against_register(
    coded: CodedResolution,
    events: pd.DataFrame,
    un_operations: set[str] | None,
    evidence: dict[tuple[int, str], str],
) -> list[tuple[object, ...]]:
    machine = coded.resolution.set_index("resolution")
    labels = coded.label_rows
    found = labels[(labels["code"] == "event") & (labels["value"] != "none")]
    machine_events: dict[tuple[int, str, str], str] = {}
    for r in found.itertuples():
        operation, _, event = str(r.value).partition(":")
        machine_events[(int(r.resolution), operation, event)] = str(r.paragraph)
    shared = events[events["resolution"].isin(machine.index)]
    notes = shared["note"] if "note" in shared.columns else pd.Series("", index=shared.index)
    rows: list[tuple[object, ...]] = []
    for ev, note in zip(shared.itertuples(), notes.fillna("").astype(str), strict=True):
        n = int(ev.resolution)
        m = machine.loc[n]

        found_here: list[tuple[str, str, str, str, str]] = []
        add = found_here.append
        vii, m_vii = _flag(ev.chapter_vii), bool(m["chapter_vii"])
        scope, where = str(m["chapter_vii_scope"]), str(m["chapter_vii_where"] or "")
        if vii is True and not m_vii:
            add(("chapter_vii", "true", "none", "", "chapter_vii"))
        elif vii is False and m_vii:
            add(("chapter_vii", "false", scope, where, "chapter_vii"))
        force, m_force = _flag(ev.force_authorised), bool(m["force_authorised"])
        if force is not None and force != m_force:
            addressees = str(m["force_addressees"] or "")
            add(("force_authorised", str(force).lower(), str(m_force).lower(), addressees, "force"))
        if ev.event in _TEXT_EVENTS and (un_operations is None or ev.operation in un_operations):
            got = [k for k in machine_events if k[0] == n and k[1] == ev.operation]
            if not got:
                add(("event", ev.event, "none", "", "event"))
            elif got[0][2] != ev.event:
                add(("event", ev.event, got[0][2], machine_events[got[0]], "event"))
        for field, theirs, mine, where, code in found_here:
            mine_ev = evidence.get((n, code), "")
            rows.append((n, ev.operation, field, "register", theirs, mine, where, note, mine_ev))
    registered = set(zip(events["resolution"], events["operation"], strict=True))
    for (number, operation, event), where in sorted(machine_events.items()):
        if event in ("establish", "terminate") and (number, operation) not in registered:
            mine = evidence.get((number, "event"), "")
            rows.append((number, operation, "event", "register", "none", event, where, "", mine))
    return rows


def _against_marker(
    coded: CodedResolution, evidence: dict[tuple[int, str], str]
) -> list[tuple[object, ...]]:
    res = coded.resolution
    if "un_chapter_vii" not in res.columns:
        return []
    rows: list[tuple[object, ...]] = []
    marked = res[res["un_chapter_vii"].notna()]
    for r in marked.itertuples():
        theirs, mine = bool(r.un_chapter_vii), bool(r.chapter_vii)
        if theirs == mine:
            continue
        step = f"adoption step ({r.meeting or 'no meeting'})"
        their_evidence = (
            f'{step}: refersTo="Chapter VII"' if theirs else f"{step}: no Chapter VII marker"
        )
        rows.append(
            (
                int(r.resolution),
                "",
                "chapter_vii",
                UN_MARKER,
                str(theirs).lower(),
                r.chapter_vii_scope if mine else "none",
                r.chapter_vii_where or "",
                their_evidence,
                evidence.get((int(r.resolution), "chapter_vii"), ""),
            )
        )
    return rows
