"""Assemble the mandate-event table from curated rows, coded texts, UN titles and reviews.

Precedence, per (operation, resolution):

1. texts before 2000 (1946–1994): the curated row, typed and checked by hand against
   the text, stands; rows the coder finds that the curators did not type are added;
2. texts from 2000: the coder's values (Chapter VII, force and addressees, PoC, event,
   mandate end, ceiling) over the curated ones, which fill only what the coder leaves
   empty (force purposes; ``shift`` and ``authorise`` events the coder does not name);
   a curated row whose resolution the coder read but found no event in takes the
   coder's resolution-level values;
3. no text: the curated row, else the row built from the UN title (not coded);
4. the mandate *after* each text row: a renewal that does not restate protection of
   civilians or the troop ceiling keeps the operation's previous text row's value
   (a mandate keeps its tasks unless rewritten; a rewrite is a curator's review);
5. reviews last: a curator's decision on one field (or ``row = drop``) with its reason,
   written into the note, so every departure from the coder is explained.
"""

from __future__ import annotations

import pandas as pd

KEY = ["operation", "resolution"]
CODED = ("chapter_vii", "chapter_vii_scope", "force_authorised", "force_addressee", "poc")
MODERN = 2000
_CURATED_EVENTS = ("shift", "authorise")
_FLAGS: dict[str, object] = {"true": True, "false": False}


def _merge_modern(text: pd.Series, curated: pd.Series) -> pd.Series:
    out = text.astype(object)
    for field in ("force_purposes", "troop_ceiling", "mandate_until"):
        if pd.isna(out[field]):
            out[field] = curated[field]
    if curated["event"] in _CURATED_EVENTS:
        out["event"] = curated["event"]
    out["note"] = f"{text['note']}. Register: {curated['note']}"
    return out


def assemble_events(
    curated: pd.DataFrame,
    text: pd.DataFrame,
    titles: pd.DataFrame,
    coded: pd.DataFrame,
    reviews: pd.DataFrame,
) -> pd.DataFrame:
    """The mandate-event rows; ``coded`` holds the coder's resolution-level values by number.

    >>> from bluehelmet.register.schema import columns
    >>> row = dict.fromkeys(c.name for c in columns("mandate_events"))
    >>> cur = pd.DataFrame([{**row, "operation": "X", "resolution": 2100, "event": "establish",
    ...     "chapter_vii": False, "force_purposes": "self_defence", "note": "typed"}])
    >>> txt = pd.DataFrame([{**row, "operation": "X", "resolution": 2100, "event": "establish",
    ...     "chapter_vii": True, "verification": "text", "note": "coded"}])
    >>> coded = pd.DataFrame({"year": [2013]}, index=[2100])
    >>> out = assemble_events(cur, txt, txt.iloc[:0], coded, pd.DataFrame(
    ...     columns=["operation", "resolution", "field", "value", "reason"]))
    >>> out[["chapter_vii", "force_purposes", "verification"]].values.tolist()
    [[True, 'self_defence', 'text']]
    """
    columns = list(curated.columns)
    cur = curated.set_index(KEY)
    txt = text.set_index(KEY)
    rows: dict[tuple[str, int], pd.Series] = {}
    for key, row in cur.iterrows():
        rows[key] = row
    modern = set(coded.index[coded["year"] >= MODERN]) if "year" in coded.columns else set()
    for key, row in txt.iterrows():
        if key not in rows:
            rows[key] = row
        elif key[1] in modern:
            rows[key] = _merge_modern(row, rows[key])
    for key, row in rows.items():
        if key not in txt.index and key[1] in modern:
            rows[key] = _with_coded(row, coded.loc[key[1]])
    for key, row in titles.set_index(KEY).iterrows():
        rows.setdefault(key, row)
    out = pd.DataFrame(list(rows.values()), index=pd.MultiIndex.from_tuples(list(rows), names=KEY))
    out = _apply_reviews(_carry_forward(out.reset_index()), reviews)
    return out[columns].reset_index(drop=True)


def _with_coded(row: pd.Series, values: pd.Series) -> pd.Series:
    out = row.astype(object)
    for field in CODED:
        out[field] = values[field]
    out["verification"] = "text"
    out["source"] = ";".join(dict.fromkeys(f"{row['source']};{values['source']}".split(";")))
    out["note"] = f"{values['note']}. Register: {row['note']}"
    return out


def _carry_forward(events: pd.DataFrame) -> pd.DataFrame:
    """PoC and ceiling after each text row: its own, else the previous text row's."""
    events = events.astype({"poc": object, "troop_ceiling": object}).copy()
    order = events.sort_values(["date", "resolution"], kind="stable")
    for _, rows in order.groupby("operation", sort=False):
        previous: pd.Series | None = None
        for i, row in rows.iterrows():
            if (
                row["verification"] == "text"
                and previous is not None
                and row["event"] != "establish"
            ):
                carried = []
                if row["poc"] is not True and previous["poc"] is True:
                    events.at[i, "poc"] = True
                    carried.append("PoC")
                if pd.isna(row["troop_ceiling"]) and pd.notna(previous["troop_ceiling"]):
                    events.at[i, "troop_ceiling"] = previous["troop_ceiling"]
                    carried.append("troop ceiling")
                if carried:
                    kept = " and ".join(carried)
                    note = f"{events.at[i, 'note']}. {kept} kept from {previous['resolution']}"
                    events.at[i, "note"] = note
            previous = events.loc[i] if events.at[i, "verification"] == "text" else None
    return events


def _apply_reviews(events: pd.DataFrame, reviews: pd.DataFrame) -> pd.DataFrame:
    """Apply each review; an unknown (operation, resolution) or field is an error."""
    events = events.copy()
    drop: list[int] = []
    for r in reviews.itertuples():
        hit = events.index[
            (events["operation"] == r.operation) & (events["resolution"] == int(r.resolution))
        ]
        if len(hit) != 1:
            raise ValueError(f"review {r.operation} {r.resolution}: no such mandate-event row")
        i = hit[0]
        if r.field == "row":
            if r.value != "drop":
                raise ValueError(f"review {r.operation} {r.resolution}: row must be 'drop'")
            drop.append(i)
            continue
        if r.field not in events.columns or r.field in KEY:
            raise ValueError(f"review {r.operation} {r.resolution}: unknown field {r.field!r}")
        events.at[i, r.field] = _FLAGS.get(r.value, r.value) if r.value else None
        events.at[i, "note"] = f"{events.at[i, 'note']}. Reviewed {r.field}: {r.reason}"
    return events.drop(index=drop)
