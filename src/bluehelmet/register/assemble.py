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
4. strengths from 2000: the troop and police ceilings read by hand in each text
   (``strengths``: the total the resolution states, or an increment ``+N``/``-N`` on the
   ceiling in force, or ``?`` for a change it does not total), over the coder's, which
   reads increments as ceilings;
5. the mandate *after* each text row: a renewal that does not restate protection of
   civilians or a ceiling keeps the operation's previous text row's value, and an
   increment is added to it; one that does not set out the whole mandate ("shall have
   the following mandate") keeps the previous tasks and adds those it names (a mandate
   keeps its tasks unless rewritten; a rewrite is a curator's review);
6. reviews last: a curator's decision on one field (or ``row = drop``) with its reason,
   written into the note, so every departure from the coder is explained.
"""

from __future__ import annotations

import pandas as pd

KEY = ["operation", "resolution"]
CODED = ("chapter_vii", "chapter_vii_scope", "force_authorised", "force_addressee", "poc")
MODERN = 2000
CEILINGS = {"troop_ceiling": "troop_increment", "police_ceiling": "police_increment"}
#: An increment the text does not total (temporary, phased, or troops and police mixed):
#: the ceiling after it is unknown, and nothing is carried past it.
UNTOTALLED = "?"
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
    strengths: pd.DataFrame | None = None,
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
    if strengths is not None:
        out = _with_strengths(out, strengths)
    out = _apply_reviews(_carry_forward(out.reset_index()), reviews)
    return out[columns].reset_index(drop=True)


def _with_strengths(events: pd.DataFrame, strengths: pd.DataFrame) -> pd.DataFrame:
    """Hand-read ceilings and increments over the coder's, for every labelled row."""
    for s in strengths.itertuples():
        if (s.operation, int(s.resolution)) not in events.index:
            raise ValueError(f"strength {s.operation} {s.resolution}: no such mandate-event row")
    events = events.astype({c: object for c in CEILINGS}).copy()
    for field in CEILINGS.values():
        events[field] = None
    for s in strengths.itertuples():
        key = (s.operation, int(s.resolution))
        for ceiling, increment in CEILINGS.items():
            events.at[key, ceiling] = _int(getattr(s, ceiling))
            step = getattr(s, increment)
            events.at[key, increment] = UNTOTALLED if step == UNTOTALLED else _int(step)
        if s.paragraph:
            said = f"Strength read in the text: para {s.paragraph} '{s.quote}'"
            events.at[key, "note"] = f"{events.at[key, 'note']}. {said}"
    return events


def _int(value: object) -> int | None:
    return None if pd.isna(value) or value == "" else int(str(value))


def _with_coded(row: pd.Series, values: pd.Series) -> pd.Series:
    out = row.astype(object)
    for field in CODED:
        out[field] = values[field]
    out["verification"] = "text"
    out["source"] = ";".join(dict.fromkeys(f"{row['source']};{values['source']}".split(";")))
    out["note"] = f"{values['note']}. Register: {row['note']}"
    return out


def _carry_forward(events: pd.DataFrame) -> pd.DataFrame:
    """PoC and ceilings after each text row: its own, else the previous text row's (plus
    the row's increment, if it states one)."""
    events = events.astype({"poc": object, **{c: object for c in CEILINGS}}).copy()
    for field in CEILINGS.values():
        if field not in events.columns:
            events[field] = None
    order = events.sort_values(["date", "resolution"], kind="stable")
    for _, rows in order.groupby("operation", sort=False):
        previous: pd.Series | None = None
        for i, row in rows.iterrows():
            if (
                row["verification"] == "text"
                and previous is not None
                and row["event"] != "establish"
            ):
                values, said = _carried(row, previous)
                for field, value in values.items():
                    events.at[i, field] = value
                if said:
                    events.at[i, "note"] = f"{row['note']}. {'; '.join(said)}"
            previous = events.loc[i] if events.at[i, "verification"] == "text" else None
    return events


def _carried(row: pd.Series, previous: pd.Series) -> tuple[dict[str, object], list[str]]:
    """The values ``row`` keeps from ``previous`` text row, and the words saying so."""
    values: dict[str, object] = {}
    kept, said = [], []
    if row["poc"] is not True and previous["poc"] is True:
        values["poc"] = True
        kept.append("PoC")
    whole = row.get("sets_mandate")
    if not (pd.notna(whole) and bool(whole)) and pd.notna(previous["tasks"]):
        before = set(str(previous["tasks"]).split(";"))
        added = set(str(row["tasks"]).split(";")) - before if pd.notna(row["tasks"]) else set()
        values["tasks"] = ";".join(sorted(before | added))
        kept.append("tasks" + (f" (adding {', '.join(sorted(added))})" if added else ""))
    for ceiling, increment in CEILINGS.items():
        before, step = previous[ceiling], row[increment]
        name = ceiling.replace("_", " ")
        if pd.notna(row[ceiling]):
            continue
        if step == UNTOTALLED:
            said.append(f"{name} changed by an amount this text does not total")
        elif pd.isna(before):
            continue
        elif pd.isna(step):
            values[ceiling] = before
            kept.append(name)
        else:
            values[ceiling] = before + step
            said.append(f"{name}: {before} ({previous['resolution']}) {step:+d} here")
    if kept:
        said.insert(0, f"{' and '.join(kept)} kept from {previous['resolution']}")
    return values, said


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
