"""Reuse measures from verified pairs: shares and novelty, a yearly index, force genealogy.

Only *cross-document* reuse from *earlier* text *of the same kind* counts: a pair whose
source and target are in the same document is ignored, and so is one whose source is
dated after its target (pairs should never be so; undated paragraphs are trusted) and one
between documents of different kinds (a presidential statement echoing a resolution is not
the resolution reusing text; a paragraph table without ``kind`` is all "resolution"). Such
cross-kind pairs stay in the pairs table; :func:`kind_pairs` counts them.
A source is from the *same group* when both paragraphs have the same non-empty
group (operation); everything else, including an unknown group, is *other*.

Reused text is measured in characters: the union of the target spans
(``target_start``/``target_end``) of a paragraph's pairs; a pair without spans
covers its whole target. Characters covered by a same-group source count as
same-group reuse even when another group's source covers them too.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.options import check
from bluehelmet.reuse.families import check_columns, key_codes
from bluehelmet.reuse.schema import PAIR_COLUMNS, PARAGRAPH_COLUMNS

#: A force clause at least this similar (Jaccard) to its source is "copied", else "adapted".
COPIED = 0.9


def covered(spans: list[tuple[int, int]]) -> int:
    """Number of positions covered by the union of half-open ``(start, end)`` spans.

    >>> covered([(0, 10), (5, 15), (20, 25)])
    20
    """
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def _paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The paragraph table with string ``date``, ``group``, ``kind``, ``doc`` and ``id``; it
    needs ``text`` or, in a light table without texts, ``chars`` (each text's length)."""
    check_columns(paragraphs, ("doc", "id"), "paragraphs")
    if "text" not in paragraphs and "chars" not in paragraphs:
        raise DataFormatError("paragraphs: missing column text (or chars)")
    out = paragraphs.reset_index(drop=True).copy()
    for col in PARAGRAPH_COLUMNS[3:]:
        if col not in out:
            out[col] = ""
        out[col] = out[col].fillna("").astype(str)
    kind = out["kind"].fillna("").astype(str) if "kind" in out else pd.Series("", index=out.index)
    out["kind"] = kind.where(kind != "", "resolution")
    out["doc"] = out["doc"].astype(str)
    out["id"] = out["id"].astype(str)
    return out


def earlier_pairs(
    pairs: pd.DataFrame, paragraphs: pd.DataFrame, *, cross_kind: bool = False
) -> pd.DataFrame:
    """Pairs between known paragraphs of different documents, source not later than target,
    and (unless ``cross_kind``) of the same document kind.

    Adds the row positions (``source_row``, ``target_row``) in ``paragraphs``,
    ``source_kind``, ``target_kind`` and ``same_group`` (both in the same non-empty group).

    >>> paras = pd.DataFrame({"doc": ["A", "A", "B"], "id": ["1", "2", "1"],
    ...                       "text": ["x", "x", "x"], "group": ["G", "G", "G"]})
    >>> pairs = pd.DataFrame([["A", "1", "A", "2"], ["A", "1", "B", "1"]],
    ...                      columns=list(PAIR_COLUMNS[:4]))
    >>> earlier_pairs(pairs, paras)[["target_doc", "same_group"]].values.tolist()
    [['B', True]]
    """
    check_columns(pairs, PAIR_COLUMNS[:4], "pairs")
    paras = _paragraphs(paragraphs)
    out = pairs.reset_index(drop=True).copy()
    codes, src, tgt = key_codes(paras, out)
    last = np.zeros(int(codes.max()) + 1 if len(codes) else 0, dtype=np.int64)
    last[codes] = np.arange(len(codes))  # a repeated (doc, id): its last row
    out["source_row"] = np.where(src >= 0, last[src], -1)
    out["target_row"] = np.where(tgt >= 0, last[tgt], -1)
    out = out[(out["source_row"] >= 0) & (out["target_row"] >= 0)]
    s, t = out["source_row"].to_numpy(dtype=int), out["target_row"].to_numpy(dtype=int)
    docs, dates, groups, kinds = (paras[c].to_numpy() for c in ("doc", "date", "group", "kind"))
    keep = (docs[s] != docs[t]) & ~((dates[s] != "") & (dates[t] != "") & (dates[s] > dates[t]))
    if not cross_kind:
        keep &= kinds[s] == kinds[t]
    out = out[keep].reset_index(drop=True)
    s, t = out["source_row"].to_numpy(dtype=int), out["target_row"].to_numpy(dtype=int)
    out["source_kind"], out["target_kind"] = kinds[s], kinds[t]
    out["same_group"] = (groups[t] != "") & (groups[s] == groups[t])
    return out


def kind_pairs(pairs: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Pairs by ``source_kind`` and ``target_kind`` (earlier sources in other documents):
    ``pairs`` and ``counted`` (True when the measures count them: the same kind).

    >>> paras = pd.DataFrame({"doc": ["A", "B", "C"], "id": ["1", "1", "1"],
    ...     "text": ["x"] * 3, "kind": ["resolution", "resolution", "draft"]})
    >>> pairs = pd.DataFrame([["A", "1", "B", "1"], ["A", "1", "C", "1"]],
    ...                      columns=list(PAIR_COLUMNS[:4]))
    >>> kind_pairs(pairs, paras).values.tolist()
    [['resolution', 'draft', 1, False], ['resolution', 'resolution', 1, True]]
    """
    links = earlier_pairs(pairs, paragraphs, cross_kind=True)
    out = links.groupby(["source_kind", "target_kind"]).size().rename("pairs").reset_index()
    out["counted"] = out["source_kind"] == out["target_kind"]
    return out


def _spans(links: pd.DataFrame, length: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's target span, cut to its target's ``length``; a pair without one (no
    columns, or a missing value) covers its whole target."""
    if "target_start" not in links or "target_end" not in links:
        return np.zeros(len(links), dtype=np.int64), length
    start = pd.to_numeric(links["target_start"]).to_numpy(dtype=float, na_value=np.nan)
    end = pd.to_numeric(links["target_end"]).to_numpy(dtype=float, na_value=np.nan)
    whole = np.isnan(start) | np.isnan(end)
    start = np.clip(np.trunc(np.where(whole, 0, start)), 0, length).astype(np.int64)
    end = np.clip(np.trunc(np.where(whole, length, end)), 0, length).astype(np.int64)
    return start, end


def covered_by_row(row: np.ndarray, start: np.ndarray, end: np.ndarray, n: int) -> np.ndarray:
    """:func:`covered` of the spans of each row ``0..n-1`` (span ``k`` belongs to ``row[k]``;
    spans with ``start <= end``).

    >>> covered_by_row(np.array([1, 1, 1, 0]), np.array([0, 5, 20, 3]),
    ...     np.array([10, 15, 25, 4]), 3).tolist()
    [1, 20, 0]
    """
    order = np.lexsort((end, start, row))
    row, start, end = row[order], start[order], end[order]
    first = np.ones(len(row), dtype=bool)
    first[1:] = row[1:] != row[:-1]
    # the furthest end of the row's earlier spans (a row's offset keeps rows apart)
    width = int(end.max()) + 1 if len(end) else 1
    reach = np.maximum.accumulate(row * width + end) - row * width
    before = np.concatenate([[0], reach[:-1]])
    gain = np.where(first, end - start, np.maximum(0, end - np.maximum(start, before)))
    return np.bincount(row, weights=gain, minlength=n).astype(np.int64)


def paragraph_reuse(pairs: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The paragraph table with ``chars``, ``reused_same``, ``reused_other`` and ``reused_share``.

    ``chars`` is each text's length (a light table without ``text`` gives it as ``chars``).

    >>> paras = pd.DataFrame({"doc": ["A", "B"], "id": ["1", "1"],
    ...                       "text": ["abcd", "abcdefgh"], "group": ["G", "H"]})
    >>> pairs = pd.DataFrame([["A", "1", "B", "1", 0.5, 1.0, 0, 4, 0, 4]],
    ...                      columns=list(PAIR_COLUMNS))
    >>> paragraph_reuse(pairs, paras)["reused_share"].tolist()
    [0.0, 0.5]
    """
    out = _paragraphs(paragraphs)
    lengths = (out["chars"] if "text" not in out else out["text"].str.len()).to_numpy(dtype=int)
    links = earlier_pairs(pairs, out)
    target = links["target_row"].to_numpy(dtype=np.int64)
    start, end = _spans(links, lengths[target])
    same = links["same_group"].to_numpy(dtype=bool)
    n_same = covered_by_row(target[same], start[same], end[same], len(out))
    n_all = covered_by_row(target, start, end, len(out))
    out["chars"] = lengths
    out["reused_same"] = n_same
    out["reused_other"] = n_all - n_same
    with np.errstate(invalid="ignore", divide="ignore"):
        out["reused_share"] = np.where(lengths > 0, n_all / np.maximum(lengths, 1), 0.0)
    return out


RESOLUTION_COLUMNS = (
    "doc", "kind", "date", "group", "n_paragraphs", "chars", "reused_same", "reused_other",
    "share_same", "share_other", "reused_share", "novelty",
)  # fmt: skip


def resolution_reuse(pairs: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Per document: character shares reused from earlier text of the same/other groups.

    ``novelty`` is ``1 - reused_share``; documents keep the paragraph table's order.

    >>> paras = pd.DataFrame({"doc": ["A", "B", "B"], "id": ["1", "1", "2"],
    ...     "text": ["abcd", "abcd", "wxyz"], "group": ["G", "G", "G"]})
    >>> pairs = pd.DataFrame([["A", "1", "B", "1", 1.0, 1.0, 0, 4, 0, 4]],
    ...                      columns=list(PAIR_COLUMNS))
    >>> resolution_reuse(pairs, paras)[["doc", "share_same", "novelty"]].values.tolist()
    [['A', 0.0, 1.0], ['B', 0.5, 0.5]]
    """
    per = paragraph_reuse(pairs, paragraphs)
    grouped = per.groupby("doc", sort=False)
    out = grouped.agg(
        kind=("kind", "first"),
        date=("date", "first"),
        group=("group", "first"),
        n_paragraphs=("id", "size"),
        chars=("chars", "sum"),
        reused_same=("reused_same", "sum"),
        reused_other=("reused_other", "sum"),
    ).reset_index()
    return document_shares(out)


def document_shares(per: pd.DataFrame) -> pd.DataFrame:
    """:data:`RESOLUTION_COLUMNS` of per-document sums (``doc``, ``kind``, ``date``, ``group``,
    ``n_paragraphs``, ``chars``, ``reused_same``, ``reused_other``): the shares divided out.

    >>> per = pd.DataFrame({"doc": ["A"], "kind": ["resolution"], "date": [""], "group": [""],
    ...     "n_paragraphs": [2], "chars": [8], "reused_same": [2], "reused_other": [4]})
    >>> document_shares(per)[["share_same", "share_other", "novelty"]].values.tolist()
    [[0.25, 0.5, 0.25]]
    """
    out = per.copy()
    chars = out["chars"].to_numpy(dtype=float)
    safe = np.maximum(chars, 1.0)
    out["share_same"] = np.where(chars > 0, out["reused_same"] / safe, 0.0)
    out["share_other"] = np.where(chars > 0, out["reused_other"] / safe, 0.0)
    out["reused_share"] = out["share_same"] + out["share_other"]
    out["novelty"] = 1.0 - out["reused_share"]
    return out[list(RESOLUTION_COLUMNS)]


def exact_mean(values: pd.Series) -> float:
    """The mean of ``values``, summed exactly (:func:`math.fsum`) and so the same in any
    order: the Spark engine, which meets the values in no fixed order, gets the same float.

    >>> (0.1 + 0.2 + 0.3) / 3, (0.3 + 0.2 + 0.1) / 3, exact_mean(pd.Series([0.3, 0.1, 0.2]))
    (0.20000000000000004, 0.19999999999999998, 0.19999999999999998)
    """
    return math.fsum(values) / len(values)


def repetition_index(pairs: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Per year: the mean reused share of that year's paragraphs (undated ones left out;
    :func:`exact_mean`).

    >>> paras = pd.DataFrame({"doc": ["A", "B", "B"], "id": ["1", "1", "2"],
    ...     "text": ["abcd", "abcd", "wxyz"], "date": ["1999-05-01", "2000-01-01", "2000"]})
    >>> pairs = pd.DataFrame([["A", "1", "B", "1", 1.0, 1.0, 0, 4, 0, 4]],
    ...                      columns=list(PAIR_COLUMNS))
    >>> repetition_index(pairs, paras)[["year", "repetition_index"]].to_dict("list")
    {'year': [1999, 2000], 'repetition_index': [0.0, 0.5]}
    """
    per = paragraph_reuse(pairs, paragraphs)
    head = per["date"].str[:4]
    per = per.assign(year=pd.to_numeric(head.where(head.str.fullmatch(r"\d{4}")), errors="coerce"))
    per = per.dropna(subset=["year"])
    per["year"] = per["year"].astype(int)
    out = (
        per.groupby("year", sort=True)
        .agg(
            n_docs=("doc", "nunique"),
            n_paragraphs=("id", "size"),
            repetition_index=("reused_share", exact_mean),
        )
        .reset_index()
    )
    return out[["year", "n_docs", "n_paragraphs", "repetition_index"]]


GENEALOGY_COLUMNS = (
    "doc", "id", "date", "group", "source_doc", "source_id", "source_date", "source_group",
    "source_force", "jaccard", "containment", "relation",
)  # fmt: skip


def force_genealogy(
    pairs: pd.DataFrame, paragraphs: pd.DataFrame, *, copied: float = COPIED
) -> pd.DataFrame:
    """For each force paragraph: its best earlier source and whether it was copied or adapted.

    The best source has the highest Jaccard (then containment, then the earliest
    source). ``relation`` is "copied" (Jaccard >= ``copied``), "adapted" or "new"
    (no earlier source; the source columns are then empty). ``source_force`` says
    whether the source is itself a force paragraph. Needs a ``force`` column.

    >>> paras = pd.DataFrame({"doc": ["A", "B", "C"], "id": ["1", "1", "1"],
    ...     "text": ["x", "x", "x"], "force": [False, True, True]})
    >>> pairs = pd.DataFrame([["A", "1", "B", "1", 0.95, 1.0, 0, 1, 0, 1]],
    ...                      columns=list(PAIR_COLUMNS))
    >>> force_genealogy(pairs, paras)[["doc", "source_doc", "relation"]].values.tolist()
    [['B', 'A', 'copied'], ['C', '', 'new']]
    """
    paras = _paragraphs(paragraphs)
    if "force" not in paras:
        raise DataFormatError("paragraphs: missing column force")
    check_columns(pairs, ("jaccard",), "pairs")
    force = paras["force"].fillna(False).astype(bool).to_numpy()
    links = earlier_pairs(pairs, paras)
    links = links[force[links["target_row"].to_numpy(dtype=int)]]
    if "containment" not in links:
        links = links.assign(containment=np.nan)
    source_dates = paras["date"].to_numpy()[links["source_row"].to_numpy(dtype=int)]
    links = links.assign(
        _undated=source_dates == "", _date=source_dates, jaccard=links["jaccard"].astype(float)
    ).sort_values(
        ["target_row", "jaccard", "containment", "_undated", "_date", "source_row"],
        ascending=[True, False, False, True, True, True],
        kind="stable",
        na_position="last",
    )
    best = {int(r.target_row): r for r in links.drop_duplicates("target_row").itertuples()}
    rows = []
    for i in np.flatnonzero(force):
        p = paras.iloc[i]
        row: dict[str, Any] = dict(doc=p["doc"], id=p["id"], date=p["date"], group=p["group"])
        link = best.get(int(i))
        if link is None:
            row.update(
                source_doc="", source_id="", source_date="", source_group="",
                source_force=pd.NA, jaccard=np.nan, containment=np.nan, relation="new",
            )  # fmt: skip
        else:
            s = paras.iloc[int(link.source_row)]
            jaccard = float(link.jaccard)
            row.update(
                source_doc=s["doc"],
                source_id=s["id"],
                source_date=s["date"],
                source_group=s["group"],
                source_force=bool(force[int(link.source_row)]),
                jaccard=jaccard,
                containment=float(link.containment),
                relation="copied" if jaccard >= copied else "adapted",
            )
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(GENEALOGY_COLUMNS))
    out["source_force"] = out["source_force"].astype("boolean")
    return out


#: What a cell of :func:`group_matrix` counts.
MatrixCount = Literal["paragraphs", "pairs"]


def group_matrix(
    pairs: pd.DataFrame, paragraphs: pd.DataFrame, count: MatrixCount = "paragraphs"
) -> pd.DataFrame:
    """Source group (rows) x target group: how much later text reuses earlier language.

    ``count="paragraphs"``: a cell (S, T) counts the paragraphs of group T with at least one
    earlier source paragraph in group S; ``"pairs"`` counts the pairs themselves (a
    paragraph reused from three earlier resolutions counts three times). Only
    :func:`earlier_pairs` count; pairs with an empty group are left out. Square over the
    groups counted, sorted.

    >>> paras = pd.DataFrame({"doc": ["A", "B", "C"], "id": ["1", "1", "1"],
    ...     "text": ["x", "x", "x"], "group": ["G", "G", "H"]})
    >>> pairs = pd.DataFrame([["A", "1", "C", "1"], ["B", "1", "C", "1"]],
    ...                      columns=list(PAIR_COLUMNS[:4]))
    >>> [group_matrix(pairs, paras, c).values.tolist() for c in ("paragraphs", "pairs")]
    [[[0, 1], [0, 0]], [[0, 2], [0, 0]]]
    """
    check("count", count, MatrixCount)
    paras = _paragraphs(paragraphs)
    links = earlier_pairs(pairs, paras)
    groups = paras["group"].to_numpy()
    found = pd.DataFrame(
        {
            "source_group": groups[links["source_row"].to_numpy(dtype=int)],
            "target_group": groups[links["target_row"].to_numpy(dtype=int)],
            "row": links["target_row"].to_numpy(dtype=int),
        }
    )
    found = found[(found["source_group"] != "") & (found["target_group"] != "")]
    if count == "paragraphs":
        found = found.drop_duplicates()
    names = sorted(set(found["source_group"]) | set(found["target_group"]))
    counts = pd.crosstab(found["source_group"], found["target_group"])
    return counts.reindex(index=names, columns=names, fill_value=0).astype(int)


def best_sources(per: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """``per`` (a paragraph table) with each paragraph's most similar earlier source in another
    document: ``source_doc``, ``source_id``, ``source_jaccard`` (highest Jaccard, then the
    first paragraph; empty when nothing earlier is reused).

    >>> paras = pd.DataFrame({"doc": ["A", "B", "C"], "id": ["1", "1", "1"], "text": ["x"] * 3})
    >>> pairs = pd.DataFrame([["A", "1", "C", "1", 0.7], ["B", "1", "C", "1", 0.9]],
    ...                      columns=list(PAIR_COLUMNS[:5]))
    >>> best_sources(paras, pairs)[["source_doc", "source_jaccard"]].values.tolist()[2]
    ['B', 0.9]
    """
    links = earlier_pairs(pairs, per).sort_values(
        ["target_row", "jaccard", "source_row"], ascending=[True, False, True], kind="stable"
    )
    best = links.drop_duplicates("target_row").set_index("target_row")
    out = per.reset_index(drop=True).copy()
    rows = pd.Series(range(len(out)))
    out["source_doc"] = rows.map(best["source_doc"])
    out["source_id"] = rows.map(best["source_id"])
    out["source_jaccard"] = rows.map(best["jaccard"]).astype(float)
    return out
