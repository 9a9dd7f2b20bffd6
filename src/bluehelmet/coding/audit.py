"""Where the machine coding and the curated register disagree, for curators to settle."""

from __future__ import annotations

import pandas as pd

from bluehelmet.coding.code import CodedResolution

AUDIT_COLUMNS = ("resolution", "operation", "field", "register", "machine", "where")
_TEXT_EVENTS = ("establish", "extend", "expand", "terminate")


def _flag(value: object) -> bool | None:
    return None if pd.isna(value) else bool(value)


def audit(
    coded: CodedResolution, events: pd.DataFrame, un_operations: set[str] | None = None
) -> pd.DataFrame:
    """One row per disagreement on the resolutions both sides cover.

    Compared: Chapter VII (the register's ``true`` needs a machine invocation; a
    machine invocation the register codes ``false`` is listed for a look, as it may
    cover another force), force authorisation, and mandate events (operation and
    type, for the UN operations in ``un_operations`` when given; shifts and
    authorisations are register-only notions and compared as force/Chapter VII).

    >>> from bluehelmet.documents.model import Paragraph, Resolution
    >>> from bluehelmet.coding.code import code_resolution
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> ev = pd.DataFrame({"operation": ["X"], "resolution": [678], "event": ["authorise"],
    ...                    "chapter_vii": [True], "force_authorised": [True]})
    >>> audit(code_resolution(r), ev)[["field", "register", "machine"]].values.tolist()
    [['chapter_vii', 'true', 'none']]
    """
    machine = coded.resolution.set_index("resolution")
    labels = coded.label_rows
    found = labels[(labels["code"] == "event") & (labels["value"] != "none")]
    machine_events = {
        (int(r.resolution), *str(r.value).split(":", 1)): r.paragraph for r in found.itertuples()
    }
    shared = events[events["resolution"].isin(machine.index)]
    rows: list[tuple[object, ...]] = []
    for ev in shared.itertuples():
        m = machine.loc[ev.resolution]
        vii, m_vii = _flag(ev.chapter_vii), bool(m["chapter_vii"])
        scope, where = str(m["chapter_vii_scope"]), str(m["chapter_vii_where"] or "")
        if vii is True and not m_vii:
            rows.append((ev.resolution, ev.operation, "chapter_vii", "true", "none", ""))
        elif vii is False and m_vii:
            rows.append((ev.resolution, ev.operation, "chapter_vii", "false", scope, where))
        force, m_force = _flag(ev.force_authorised), bool(m["force_authorised"])
        if force is not None and force != m_force:
            rows.append(
                (
                    ev.resolution,
                    ev.operation,
                    "force_authorised",
                    str(force).lower(),
                    str(m_force).lower(),
                    m["force_addressees"] or "",
                )
            )
        if ev.event in _TEXT_EVENTS and (un_operations is None or ev.operation in un_operations):
            got = [k for k in machine_events if k[0] == ev.resolution and k[1] == ev.operation]
            if not got:
                rows.append((ev.resolution, ev.operation, "event", ev.event, "none", ""))
            elif got[0][2] != ev.event:
                rows.append(
                    (
                        ev.resolution,
                        ev.operation,
                        "event",
                        ev.event,
                        got[0][2],
                        machine_events[got[0]],
                    )
                )
    registered = set(zip(events["resolution"], events["operation"], strict=True))
    for (number, operation, event), where in sorted(machine_events.items()):
        if event in ("establish", "terminate") and (number, operation) not in registered:
            rows.append((number, operation, "event", "none", event, where))
    out = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    return out.sort_values(["resolution", "operation", "field"], kind="stable").reset_index(
        drop=True
    )
