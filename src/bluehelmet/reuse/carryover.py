"""How much of each mandate resolution is carried over: from the operation's previous
mandate, from other operations' mandates, from other earlier texts, or new.

The force clause alone is compared by :func:`~bluehelmet.reuse.repetition.force_repetition`;
this module measures the whole operative text of each mandate resolution, from the reuse
engine's verified pairs (boilerplate left out) and their aligned spans.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.paths import default_corpus
from bluehelmet.register.query import mandate_events, operations
from bluehelmet.reuse.explore import explore
from bluehelmet.reuse.inputs import paragraphs_from_resolutions
from bluehelmet.reuse.measures import covered, earlier_pairs
from bluehelmet.reuse.repetition import SUMMARY_YEARS, corpus_coded, mandate_rows

#: The shares, in the order spans are credited: a character covered by spans of several
#: sources counts once, for the first of these that covers it.
SHARES = ("share_previous", "share_other_mandates", "share_other_earlier")
#: The columns of :func:`mandate_carryover`.
OUT_COLUMNS = (
    "operation", "resolution", "date", "previous_resolution", "text", "previous_text", "chars",
    *SHARES, "share_new",
)  # fmt: skip
#: The medians of :func:`carryover_summary`, and the share each is taken of.
MEDIANS = {
    "median_previous": "share_previous",
    "median_other_mandates": "share_other_mandates",
    "median_new": "share_new",
}


def mandate_carryover(
    pairs: pd.DataFrame, paragraphs: pd.DataFrame, events: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per operation × mandate resolution: shares of its operative characters carried over.

    ``share_previous``: inside spans aligned with the operation's previous mandate resolution;
    ``share_other_mandates``: not those, but inside spans aligned with a mandate resolution
    of another operation; ``share_other_earlier``: only inside spans aligned with other
    earlier texts; ``share_new``: the rest. ``paragraphs`` needs a ``number`` column (a
    resolution folder gives it); ``pairs`` are the engine's. A resolution without text (as
    for 1995–1999) has ``text`` False and empty shares, never zeros; when only the previous
    mandate has no text (``previous_text`` False), ``share_previous`` is empty and the
    other shares count against the texts available. ``events`` defaults to the register's
    mandate events.

    >>> t1, t2 = "decides to extend the mandate of the force", "condemns all attacks on it"
    >>> paras = pd.DataFrame({"doc": ["A", "B", "B"], "id": ["1:1", "2:1", "2:2"],
    ...     "text": [t1, t1, t2], "date": ["2001", "2002", "2002"], "number": [1, 2, 2]})
    >>> pairs = pd.DataFrame([["A", "1:1", "B", "2:1", 1.0, 1.0, 0, 42, 0, 42]],
    ...     columns=["source_doc", "source_id", "target_doc", "target_id", "jaccard",
    ...              "containment", "source_start", "source_end", "target_start", "target_end"])
    >>> ev = pd.DataFrame({"operation": ["UNX", "UNX"], "resolution": [1, 2],
    ...     "date": pd.to_datetime(["2001-01-01", "2002-01-01"]), "event": ["establish", "extend"],
    ...     "chapter_vii": [False] * 2, "force_authorised": [False] * 2,
    ...     "force_addressee": [None] * 2})
    >>> out = mandate_carryover(pairs, paras, ev)
    >>> out[["resolution", "previous_resolution", "share_previous", "share_new"]].round(2).values.tolist()
    [[1, <NA>, 0.0, 1.0], [2, 1, 0.62, 0.38]]
    """  # noqa: E501
    if "number" not in paragraphs.columns:
        raise DataFormatError("paragraphs: missing column number (read a resolution folder)")
    rows = mandate_rows(mandate_events() if events is None else events)
    number = pd.to_numeric(paragraphs["number"], errors="coerce").astype("Int64")
    paras = paragraphs.reset_index(drop=True).assign(number=number)
    lengths = paras["text"].astype(str).str.len().to_numpy()
    chars = paras.groupby("number")["text"].apply(lambda t: int(t.astype(str).str.len().sum()))
    mandates: dict[int, set[str]] = defaultdict(set)
    for op, res in zip(rows["operation"], rows["resolution"], strict=True):
        mandates[int(res)].add(str(op))
    spans = _spans_by_target(pairs, paras, lengths)
    out = []
    for row in rows.itertuples(index=False):
        res = int(row.resolution)
        total = int(chars.get(res, 0))
        previous = None if pd.isna(row.previous_resolution) else int(row.previous_resolution)
        previous_text = previous is not None and int(chars.get(previous, 0)) > 0
        record = dict(
            operation=row.operation, resolution=res, date=row.date,
            previous_resolution=row.previous_resolution, text=total > 0,
            previous_text=previous_text, chars=total,
        )  # fmt: skip
        if total:
            record.update(_shares(spans.get(res, []), previous, row.operation, mandates, total))
            if previous is not None and not previous_text:
                record["share_previous"] = np.nan
        out.append(record)
    table = pd.DataFrame(out, columns=[*OUT_COLUMNS])
    for column in (*SHARES, "share_new"):
        table[column] = table[column].astype("Float64")
    return table.astype({"resolution": "Int64", "previous_resolution": "Int64"})


def _spans_by_target(
    pairs: pd.DataFrame, paras: pd.DataFrame, lengths: np.ndarray
) -> dict[int, list[tuple[int, int, int, int]]]:
    """Per target resolution: (target paragraph row, source resolution, start, end)."""
    links = earlier_pairs(pairs, paras)
    numbers = paras["number"].to_numpy()
    spans: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for link in links.itertuples(index=False):
        target, source = numbers[link.target_row], numbers[link.source_row]
        if pd.isna(target) or pd.isna(source) or target == source:
            continue
        length = int(lengths[link.target_row])
        start = max(0, min(int(link.target_start), length))
        end = max(0, min(int(link.target_end), length))
        spans[int(target)].append((int(link.target_row), int(source), start, end))
    return spans


def _shares(
    spans: list[tuple[int, int, int, int]],
    previous: int | None,
    operation: str,
    mandates: dict[int, set[str]],
    total: int,
) -> dict[str, float]:
    """The four shares of one mandate resolution from its spans (see :data:`SHARES`)."""
    tiers: list[dict[int, list[tuple[int, int]]]] = [defaultdict(list) for _ in SHARES]
    for row, source, start, end in spans:
        if source == previous:
            tier = 0
        elif mandates.get(source, set()) - {operation}:
            tier = 1
        else:
            tier = 2
        for t in range(tier, len(SHARES)):  # a wider tier also covers the narrower ones
            tiers[t][row].append((start, end))
    cumulative = [sum(covered(s) for s in tier.values()) for tier in tiers]
    shares = np.diff([0, *cumulative]) / total
    out = {name: float(share) for name, share in zip(SHARES, shares, strict=True)}
    out["share_new"] = 1.0 - cumulative[-1] / total
    return out


def corpus_carryover(operation: str | None = None) -> pd.DataFrame:
    """:func:`mandate_carryover` on the shared texts (:func:`bluehelmet.paths.default_corpus`,
    read and coded once per process, then run through the reuse engine), all operations or
    one ``operation``'s rows (NotFoundError for an unknown acronym).

    >>> t = corpus_carryover("MINUSMA")
    >>> set(t["operation"]), list(t.columns) == list(OUT_COLUMNS)
    ({'MINUSMA'}, True)
    """
    names = None if operation is None else set(mandate_events(operation)["operation"])
    resolutions, coded = corpus_coded(tuple(default_corpus()))
    paragraphs = paragraphs_from_resolutions(resolutions, coded)
    table = mandate_carryover(explore(paragraphs).pairs, paragraphs)
    if names is not None:
        table = table[table["operation"].isin(names)].reset_index(drop=True)
    return table


def carryover_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per multidimensional operation, its mandates dated in :data:`SUMMARY_YEARS`:
    ``mandates``, ``with_text``, and the medians of :data:`MEDIANS` over those with a value
    (NA when none has one; ``median_previous`` over renewals only, a first mandate having no
    previous one); a last row, ``operation == "all"``, pools every mandate counted.
    ``table`` is :func:`mandate_carryover` output.

    >>> t = pd.DataFrame({"operation": ["MINUSMA"] * 3, "text": [True, True, False],
    ...     "date": pd.to_datetime(["2013-04-25", "2014-06-25", "2015-06-29"]),
    ...     "previous_resolution": [None, 2100, 2164], "share_previous": [0.0, 0.5, None],
    ...     "share_other_mandates": [0.0, 0.1, None], "share_new": [1.0, 0.3, None]})
    >>> carryover_summary(t).values.tolist()
    [['MINUSMA', 3, 2, 0.5, 0.05, 0.65], ['all', 3, 2, 0.5, 0.05, 0.65]]
    """
    ops = operations()
    multi = set(ops.loc[ops["type"] == "multidimensional", "acronym"])
    first, last = SUMMARY_YEARS
    t = table[table["operation"].isin(multi) & table["date"].dt.year.between(first, last)]
    renewal = t["previous_resolution"].notna()
    t = t.assign(
        operation=t["operation"].astype(str),
        text=t["text"].astype(bool),
        share_previous=t["share_previous"].astype("float64").where(renewal),
    )
    pooled = pd.concat([t, t.assign(operation="all")], ignore_index=True)
    shares = pooled[list(MEDIANS.values())].astype("float64")
    medians = shares.groupby(pooled["operation"], sort=False).median()
    out = (
        pooled.groupby("operation", sort=False)
        .agg(mandates=("text", "size"), with_text=("text", "sum"))
        .join(medians.rename(columns={v: k for k, v in MEDIANS.items()}))
    )
    order = sorted(set(t["operation"])) + ["all"]
    out = out.loc[[o for o in order if o in out.index]].reset_index()
    for column in MEDIANS:
        out[column] = out[column].astype("Float64")
    return out.astype({"mandates": "int64", "with_text": "int64"})
