"""Mandate-event rows for the register, derived from the coded texts and from UN titles.

Two derivations, both in the layout of ``mandate_events.csv``:

- :func:`text_rows`: one row per (operation, resolution) mandate event the coder finds
  in a resolution's text, with that resolution's Chapter VII, force and PoC codes,
  ``verification = text`` and a note saying where in the text each code comes from;
- :func:`title_rows`: for resolutions without a text (1995–1999 above all), one row per
  operation that the UN's title says the resolution established, extended, enlarged or
  ended, ``verification = index`` and every coded value left empty ("not coded").
"""

from __future__ import annotations

import re

import pandas as pd

from bluehelmet.coding.code import CodedResolution
from bluehelmet.coding.operations import OperationIndex
from bluehelmet.register.schema import columns

COLUMNS = tuple(c.name for c in columns("mandate_events"))
MIN_CEILING = 100  # a "ceiling" below this is a misread number, never a force's size
_UNTIL_RE = re.compile(r"until (\d{4}-\d{2}-\d{2})")
_CEILING_RE = re.compile(r"ceiling (\d+)")
_UN_RE = re.compile(r"\bUN\b")
# Title words -> event, tried in order; "proposal for termination" proposes, it does not end.
_TITLE_EVENTS = (
    (re.compile(r"(?<!PROPOSAL FOR )TERMINATION", re.I), "terminate"),
    (re.compile(r"ESTABLISHMENT", re.I), "establish"),
    (re.compile(r"EXTENSION|EXTENDING|RENEWAL|CONTINUE", re.I), "extend"),
    (re.compile(r"INCREASE|ENLARGEMENT|STRENGTH|AUTHORIZATION OF THE DEPLOYMENT", re.I), "expand"),
)


def _source(path: str) -> str:
    return (
        "un_sc_resolutions;un_akn_2000_2026"
        if path.endswith(".xml")
        else "un_sc_resolutions;cr_unsc"
    )


def _values(r: pd.Series) -> dict[str, object]:
    """The resolution-level codes in register vocabulary."""
    force = bool(r["force_authorised"])
    return {
        "chapter_vii": bool(r["chapter_vii"]),
        "chapter_vii_scope": str(r["chapter_vii_scope"]),
        "force_authorised": force,
        "force_addressee": str(r["force_addressees"]) if force else None,
        "poc": bool(r["poc"]),
    }


def _codes(r: pd.Series) -> str:
    """The resolution-level codes in words, with where Chapter VII was found."""
    vii = f"Chapter VII ({r['chapter_vii_where']})" if r["chapter_vii"] else "no Chapter VII"
    force = f"force: {r['force_addressees']}" if r["force_authorised"] else "no force"
    poc = "PoC tied to force" if r["poc_force"] else "PoC" if r["poc"] else "no PoC"
    return f"{vii}; {force}; {poc}"


def _note(event: str, paragraph: str, r: pd.Series, detail: str) -> str:
    where = "; ".join(p for p in (f"para {paragraph}" if paragraph else "", detail) if p)
    return f"Coded from the text: {event}{f' ({where})' if where else ''}; {_codes(r)}"


def _purposes(labels: pd.DataFrame) -> dict[tuple[int, bool], str]:
    """Force purposes by (resolution, addressed to a UN operation), as ``;``-lists."""
    force = labels[(labels["code"] == "force") & (labels["value"] != "none")]
    found: dict[tuple[int, bool], dict[str, None]] = {}
    for f in force.itertuples():
        key = (int(f.resolution), f.value == "un_operation")
        found.setdefault(key, {}).update(dict.fromkeys(p for p in str(f.detail).split(";") if p))
    return {key: ";".join(sorted(names)) for key, names in found.items() if names}


def _tasks(r: pd.Series) -> str | None:
    """The PEMA tasks the resolution gives the UN (not those it encourages), as a ``;``-list;
    ``UseOfForce`` is left to ``force_authorised``."""
    names = {
        task
        for task, _, mode in (t.partition(":") for t in str(r["tasks"]).split(";") if t)
        if mode != "encouraged" and task != "UseOfForce"
    }
    return ";".join(sorted(names)) or None


def text_rows(
    coded: CodedResolution, dates: pd.Series, un: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """Register rows for every mandate event the coder found (``dates``: number -> date).

    ``un`` names the UN operations: their force purposes are those of the authorisations
    addressed to a UN operation; other operations take those addressed to anyone else.
    ``tasks`` are coded only when the resolution concerns one operation; ``sets_mandate``
    (an extra column) says whether it sets out that operation's whole mandate.

    >>> from bluehelmet.documents.model import Paragraph, Resolution
    >>> from bluehelmet.coding.code import code_resolution
    >>> t = "1. Decides to extend the mandate of UNFICYP until 15 June 1990;"
    >>> r = Resolution(646, 1989, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> rows = text_rows(code_resolution(r), pd.Series({646: pd.Timestamp("1989-12-14")}))
    >>> rows[["operation", "event", "mandate_until", "verification"]].values.tolist()
    [['UNFICYP', 'extend', '1990-06-15', 'text']]
    """
    labels = coded.label_rows
    events = labels[(labels["code"] == "event") & (labels["value"] != "none")]
    by_number = coded.resolution.set_index("resolution")
    purposes = _purposes(labels)
    operations = events.groupby("resolution")["value"].nunique()
    rows = []
    for e in events.itertuples():
        number = int(e.resolution)
        operation, _, event = str(e.value).partition(":")
        r = by_number.loc[number]
        detail = str(e.detail or "")
        until = _UNTIL_RE.search(detail)
        ceiling = _CEILING_RE.search(detail)
        size = int(ceiling.group(1)) if ceiling else None
        rows.append(
            {
                "operation": operation,
                "resolution": number,
                "date": dates.get(number),
                "event": event,
                **_values(r),
                "force_purposes": purposes.get((number, operation in un))
                if r["force_authorised"]
                else None,
                "troop_ceiling": size if size is not None and size >= MIN_CEILING else None,
                # one operation: the tasks are its own (several: not attributed, not coded)
                "tasks": _tasks(r) if operations[e.resolution] == 1 else None,
                "sets_mandate": bool(r["sets_mandate"]) and operations[e.resolution] == 1,
                "mandate_until": until.group(1) if until else None,
                "verification": "text",
                "source": _source(str(r["source"])),
                "note": _note(event, str(e.paragraph), r, detail),
            }
        )
    return pd.DataFrame(rows, columns=[*COLUMNS, "sets_mandate"])


def resolution_values(coded: CodedResolution) -> pd.DataFrame:
    """The coder's resolution-level codes in register vocabulary, by resolution number.

    >>> from bluehelmet.documents.model import Paragraph, Resolution
    >>> from bluehelmet.coding.code import code_resolution
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> resolution_values(code_resolution(r)).loc[678, ["force_authorised", "force_addressee"]]
    force_authorised             True
    force_addressee     member_states
    Name: 678, dtype: object
    """
    rows = {}
    for number, r in coded.resolution.set_index("resolution").iterrows():
        rows[int(number)] = {
            **_values(r),
            "year": r["year"],
            "source": _source(str(r["source"])),
            "note": f"Coded from the text: {_codes(r)}",
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def title_event(title: str, operation: str, number: int, index: OperationIndex) -> str | None:
    """The event a UN title names for ``operation``; "establish" only at its founding.

    >>> ops = pd.DataFrame({"acronym": ["UNDOF"], "name": ["United Nations Disengagement "
    ...     "Observer Force"], "org": ["UN"], "establishing_resolution": [350]})
    >>> title_event("ON RENEWAL OF THE MANDATE OF THE UN DISENGAGEMENT OBSERVER FORCE",
    ...             "UNDOF", 1024, OperationIndex(ops))
    'extend'
    """
    for pattern, event in _TITLE_EVENTS:
        if pattern.search(title):
            founded = [n for n, ops in index.established.items() if operation in ops]
            if event == "establish" and founded and founded[0] != number:
                return "expand"
            return event
    return None


def title_rows(
    index_table: pd.DataFrame, with_text: set[int], index: OperationIndex
) -> pd.DataFrame:
    """Index-only rows from the UN titles of resolutions that have no text in ``with_text``.

    >>> ops = pd.DataFrame({"acronym": ["UNDOF"], "name": ["United Nations Disengagement "
    ...     "Observer Force"], "org": ["UN"], "establishing_resolution": [350]})
    >>> idx = pd.DataFrame({"number": [1024], "date": [pd.Timestamp("1995-11-28")],
    ...     "title": ["ON RENEWAL OF THE MANDATE OF THE UN DISENGAGEMENT OBSERVER FORCE"],
    ...     "source": ["un_sc_meetings;un_unite_citations"]})
    >>> title_rows(idx, set(), OperationIndex(ops))[["operation", "event", "verification"]]
      operation   event verification
    0     UNDOF  extend        index
    """
    rows = []
    untexted = index_table[~index_table["number"].isin(with_text) & index_table["title"].notna()]
    for r in untexted.itertuples():
        number, title = int(r.number), str(r.title)
        named = _UN_RE.sub("United Nations", title)
        found = index.mentions(named, number=number) + index.mentions(named.title(), number=number)
        for operation in dict.fromkeys(m.acronym for m in found):
            event = title_event(title, operation, number, index)
            if event is None:
                continue
            rows.append(
                {
                    "operation": operation,
                    "resolution": number,
                    "date": r.date,
                    "event": event,
                    "verification": "index",
                    "source": _title_source(str(r.source)),
                    "note": f"From the UN title only (no text in the shared data; "
                    f"not coded): {title}",
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _title_source(source: str) -> str:
    keys = [k for k in source.split(";") if k in ("un_unite_citations", "un_akn_2000_2026")]
    return ";".join(["un_sc_meetings", *keys])
