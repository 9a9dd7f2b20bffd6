"""Failed drafts: vetoed drafts 1946–2022 (the veto list) and the drafts not adopted
2023–2025 (the UN's XML), each linked to the operations its agenda item, title or text names.

The link rule: an operation is linked where its acronym appears as a whole word (case as
written in operations.csv: "MINUSMA", not "minusma") or its full name appears (any case).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from bluehelmet.register.query import _check_years, _typed, resolve_acronym
from bluehelmet.store import query

if TYPE_CHECKING:
    import pandas as pd

#: The permanent members as the UN's vote lists write them, and as the veto list names them.
PERMANENT = {
    "CHINA": "China",
    "FRANCE": "France",
    "RUSSIAN FEDERATION": "Russia",
    "UNITED KINGDOM": "UK",
    "UNITED STATES": "USA",
}
_POSITIONS = {"inFavour": "yes", "against": "no", "abstaining": "abstain"}


def names_operation(text: str, acronym: str, name: str) -> bool:
    """Whether ``text`` names the operation by its acronym (whole word) or its full name.

    >>> names_operation("the drawdown of MINUSMA", "MINUSMA", "United Nations ... in Mali")
    True
    >>> names_operation("UNEF II was deployed", "UNEF I", "First United Nations Emergency Force")
    False
    """
    if re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
        return True
    return " ".join(name.split()).lower() in " ".join(text.split()).lower()


def linked_operations(
    parts: Mapping[str, str | None], operations: pd.DataFrame
) -> tuple[list[str], list[str]]:
    """The operations (acronyms) named in a draft's parts (agenda_item, title, text), and
    the parts that name them.

    >>> import pandas as pd
    >>> ops = pd.DataFrame({"acronym": ["MINUSMA"], "name": ["United Nations Multidimensional "
    ...     "Integrated Stabilization Mission in Mali"]})
    >>> linked_operations({"agenda_item": "The situation in Mali.", "text": "MINUSMA's exit"}, ops)
    (['MINUSMA'], ['text'])
    """
    found: list[str] = []
    basis: list[str] = []
    for part, text in parts.items():
        if not text:
            continue
        hits = [
            a
            for a, n in zip(operations["acronym"], operations["name"], strict=True)
            if names_operation(text, a, n)
        ]
        found += [a for a in hits if a not in found]
        if hits and part not in basis:
            basis.append(part)
    return found, basis


def read_drafts(folder: Path) -> list[dict[str, object]]:
    """One record per draft not adopted in ``folder`` (the UN's XML): symbol, date, meeting,
    agenda item, title, vote counts (None where the file has no vote list or lists a member
    twice, as S/2023/638 lists China both in favour and abstaining), permanent members voting
    no, and the text."""
    from bluehelmet.documents.akn import agenda_and_title, read_akn

    records: list[dict[str, object]] = []
    for path in sorted(folder.glob("*.xml")):
        data = path.read_bytes()
        res = read_akn(data, path.name)
        agenda, title = agenda_and_title(data, path.name)
        counts: dict[str, int | None] = {v: 0 if res.votes else None for v in _POSITIONS.values()}
        vetoed_by = []
        for position, member in res.votes:
            if position in _POSITIONS:
                counts[_POSITIONS[position]] = (counts[_POSITIONS[position]] or 0) + 1
            if position == "against" and member in PERMANENT:
                vetoed_by.append(PERMANENT[member])
        members = [m for _, m in res.votes]
        if len(set(members)) < len(members):  # a member under two positions: counts unknown
            counts = dict.fromkeys(counts)
        records.append(
            {"draft": res.doc_symbol, "date": res.date, "meeting": res.meeting,
             "agenda_item": agenda, "title": title, "vote": res.vote, "text": res.text,
             "vetoed_by": sorted(vetoed_by), **counts}
        )  # fmt: skip
    return records


def build_failed_drafts(
    vetoes: pd.DataFrame, drafts: list[dict[str, object]], operations: pd.DataFrame
) -> pd.DataFrame:
    """The packaged table: vetoed drafts from the veto list up to the first XML draft's year,
    then the XML drafts, each with its linked operations. A draft is vetoed where the UN's words
    say so ("negative vote of a permanent member (Russian Federation)": permanent members' no
    votes on a draft short of nine votes are no veto); ValueError where the members those
    words name are not the permanent members voting no in the vote list (where it has one)."""
    import pandas as pd

    first = min(pd.Timestamp(str(d["date"])) for d in drafts)
    rows = []
    for v in vetoes[vetoes["date"] < pd.Timestamp(first.year, 1, 1)].itertuples():
        ops, basis = linked_operations({"agenda_item": v.agenda_item}, operations)
        rows.append(
            {"draft": v.draft, "date": v.date, "meeting": v.meeting,
             "agenda_item": v.agenda_item, "title": None, "outcome": "vetoed",
             "vetoed_by": v.vetoed_by, "yes": None, "no": None, "abstain": None,
             "operation": ";".join(ops) or None, "linked_by": ";".join(basis) or None,
             "source": v.source}
        )  # fmt: skip
    for d in drafts:
        says_veto = "negative vote" in str(d["vote"])
        named = sorted(v for k, v in PERMANENT.items() if k in str(d["vote"]).upper())
        if says_veto and d["vetoed_by"] and d["vetoed_by"] != named:
            raise ValueError(f"{d['draft']}: {d['vote']!r} but permanent no votes {d['vetoed_by']}")
        parts = {k: d[k] for k in ("agenda_item", "title", "text")}
        ops, basis = linked_operations(parts, operations)  # type: ignore[arg-type]
        rows.append(
            {"draft": d["draft"], "date": pd.Timestamp(str(d["date"])), "meeting": d["meeting"],
             "agenda_item": d["agenda_item"], "title": d["title"],
             "outcome": "vetoed" if says_veto else "insufficient_votes",
             "vetoed_by": ";".join(named) if says_veto else None,
             "yes": d["yes"], "no": d["no"], "abstain": d["abstain"],
             "operation": ";".join(ops) or None, "linked_by": ";".join(basis) or None,
             "source": "un_akn_2000_2026"}
        )  # fmt: skip
    df = pd.DataFrame(rows)
    for col in ("yes", "no", "abstain"):
        df[col] = df[col].astype("Int64")
    return df


def failed_drafts(operation: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Vetoed drafts 1946–2022 and drafts not adopted 2023–2025, in date order, with the
    operations they name; optionally those naming one operation, or of one year.

    >>> d = failed_drafts(operation="MINUSMA")
    >>> d["draft"].tolist(), d["vetoed_by"].tolist()
    (['S/2023/638', 'S/2023/639'], ['Russia', <NA>])
    """
    where: list[str] = ["TRUE"]
    params: list[object] = []
    if operation is not None:
        where.append("list_contains(string_split(operation, ';'), ?)")
        params.append(resolve_acronym(operation))
    if year is not None:
        _check_years(year, year)
        where.append("year(date) = ?")
        params.append(year)
    sql = f"SELECT * FROM failed_drafts WHERE {' AND '.join(where)} ORDER BY date, draft"
    return _typed(query(sql, params), "failed_drafts")
