"""Clause families: connected components of the graph of verified reuse pairs.

A paragraph is identified by ``(doc, id)``. Two paragraphs joined by a pair are in
the same family, and families merge transitively (union-find). Every paragraph gets
a family - an unmatched one is a family of one. The *origin* of a family is its
earliest member: smallest ``date`` (ISO strings sort in time; undated members come
last), ties broken by the order of the paragraph table. Families are numbered
0, 1, ... in the order of their origins, so the numbering is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from bluehelmet.errors import DataFormatError
from bluehelmet.reuse.schema import PAIR_COLUMNS, PARAGRAPH_COLUMNS


def check_columns(table: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise :class:`DataFormatError` when ``table`` lacks any of ``columns``.

    >>> check_columns(pd.DataFrame(columns=["doc"]), ["doc", "id"], "paragraphs")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: paragraphs: missing column(s) id
    """
    absent = [c for c in columns if c not in table.columns]
    if absent:
        raise DataFormatError(f"{name}: missing column(s) {', '.join(absent)}")


def key_codes(
    table: pd.DataFrame, pairs: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A number for each distinct ``(doc, id)`` of ``table`` (in order of first appearance)
    at every row, and the numbers of each pair's source and target (-1: not in ``table``).

    >>> table = pd.DataFrame({"doc": ["A", "B", "A"], "id": ["1", "1", "1"]})
    >>> pairs = pd.DataFrame({"source_doc": ["A"], "source_id": ["1"], "target_doc": ["C"],
    ...     "target_id": ["1"]})
    >>> [x.tolist() for x in key_codes(table, pairs)]
    [[0, 1, 0], [0], [-1]]
    """
    keys = pd.MultiIndex.from_arrays([table["doc"].astype(str), table["id"].astype(str)])
    codes, uniques = keys.factorize()

    def find(doc: str, id_: str) -> np.ndarray:
        named = pd.MultiIndex.from_arrays([pairs[doc].astype(str), pairs[id_].astype(str)])
        return np.asarray(uniques.get_indexer(named), dtype=np.int64)

    return codes.astype(np.int64), find("source_doc", "source_id"), find("target_doc", "target_id")


def families(pairs: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The paragraph table with ``family`` (int) and ``origin`` (bool, the family's first).

    Pairs naming a paragraph not in ``paragraphs`` are ignored. The result keeps the
    paragraph order; ``date`` and ``group`` default to "" when absent.

    >>> paras = pd.DataFrame({"doc": ["B", "A", "C"], "id": ["1", "1", "1"],
    ...                       "text": ["x", "x", "y"], "date": ["2001", "2000", "1999"]})
    >>> pairs = pd.DataFrame([["A", "1", "B", "1", 1.0, 1.0, 0, 1, 0, 1]],
    ...                      columns=list(PAIR_COLUMNS))
    >>> families(pairs, paras)[["doc", "family", "origin"]].values.tolist()
    [['B', 1, False], ['A', 1, True], ['C', 0, True]]
    """
    check_columns(paragraphs, ("doc", "id"), "paragraphs")
    check_columns(pairs, PAIR_COLUMNS[:4], "pairs")
    out = paragraphs.reset_index(drop=True).copy()
    for col in PARAGRAPH_COLUMNS[3:]:
        if col not in out:
            out[col] = ""
        out[col] = out[col].fillna("").astype(str)
    codes, src, tgt = key_codes(out, pairs)
    known = (src >= 0) & (tgt >= 0)
    n_keys = int(codes.max()) + 1 if len(codes) else 0
    graph = sparse.coo_matrix(
        (np.ones(int(known.sum()), dtype=np.int8), (src[known], tgt[known])), (n_keys, n_keys)
    )
    roots = connected_components(graph, directed=False)[1][codes]
    # Members in time order as the engine ranks sources: dated before undated, date, doc, id.
    timed = pd.DataFrame(
        {"undated": out["date"] == "", "date": out["date"], "doc": out["doc"], "id": out["id"]}
    )
    order = timed.sort_values(["undated", "date", "doc", "id"], kind="stable").index.to_numpy()
    # a family's number: the rank of its first member in time order, who is its origin
    labels, first = np.unique(roots[order], return_index=True)
    number = np.empty(len(labels), dtype=np.int64)
    number[np.argsort(first, kind="stable")] = np.arange(len(labels))
    origin = np.zeros(len(out), dtype=bool)
    origin[order[first]] = True
    out["family"] = number[np.searchsorted(labels, roots)]
    out["origin"] = origin
    return out


def _year(date: str) -> int | None:
    head = date[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


SUMMARY_COLUMNS = (
    "family", "size", "origin_doc", "origin_id", "origin_date", "origin_group",
    "first_year", "last_year", "n_docs", "n_groups", "groups", "years",
)  # fmt: skip


def family_summary(members: pd.DataFrame, *, min_size: int = 2) -> pd.DataFrame:
    """One row per family of at least ``min_size`` paragraphs, from :func:`families`' output.

    ``groups`` lists the groups (operations) the family reached, in order of first
    appearance (the origin's first; "" groups are left out); ``years`` lists its
    distinct years in order; ``n_docs`` counts documents.

    >>> m = pd.DataFrame({"doc": ["A", "B", "C"], "id": ["1", "1", "1"],
    ...     "date": ["2000-01-05", "2003-02-01", "2001"], "group": ["X", "Y", "X"],
    ...     "family": [0, 0, 0], "origin": [True, False, False]})
    >>> row = family_summary(m).iloc[0]
    >>> row.origin_doc, int(row.first_year), int(row.last_year), row.groups, row.years
    ('A', 2000, 2003, 'X;Y', '2000;2001;2003')
    """
    check_columns(members, ("doc", "id", "date", "group", "family", "origin"), "members")
    size = members.groupby("family", sort=True)["doc"].transform("size")
    part = members[size.to_numpy() >= min_size]
    if part.empty:
        return _typed(pd.DataFrame([], columns=list(SUMMARY_COLUMNS)))
    dates = part["date"].fillna("").astype(str)
    # each family's members in time order (dated first, date, doc, id; then table order)
    timed = part.assign(_undated=dates == "", _date=dates).sort_values(
        ["family", "_undated", "_date", "doc", "id"], kind="stable"
    )
    # the origin: the first member flagged so, else the first in time order
    origin = pd.concat([part[part["origin"]], timed]).drop_duplicates("family")
    origin = origin.set_index("family").sort_index()
    fams = origin.index
    named = timed.assign(_group=timed["group"].fillna("").astype(str))
    named = named[named["_group"] != ""].drop_duplicates(["family", "_group"])
    by_group = named.groupby("family", sort=True)["_group"]
    year = pd.DataFrame({"family": part["family"], "year": [_year(d) for d in dates]})
    year = year.dropna().drop_duplicates().sort_values(["family", "year"], kind="stable")
    year = year.assign(year=year["year"].astype(int))
    by_year = year.groupby("family", sort=True)["year"]
    frame = pd.DataFrame(
        {
            "family": fams,
            "size": part.groupby("family", sort=True).size().reindex(fams).to_numpy(),
            "origin_doc": origin["doc"].to_numpy(),
            "origin_id": origin["id"].to_numpy(),
            "origin_date": origin["date"].to_numpy(),
            "origin_group": origin["group"].to_numpy(),
            "first_year": by_year.min().reindex(fams).to_numpy(),
            "last_year": by_year.max().reindex(fams).to_numpy(),
            "n_docs": part.groupby("family", sort=True)["doc"].nunique().reindex(fams).to_numpy(),
            "n_groups": by_group.size().reindex(fams, fill_value=0).to_numpy(),
            "groups": _joined(named["family"], named["_group"], fams),
            "years": _joined(year["family"], year["year"].astype(str), fams),
        }
    )
    return _typed(frame)


def _joined(family: pd.Series, text: pd.Series, index: pd.Index) -> np.ndarray:
    """Each family's strings joined by ";" (in order; rows grouped by family), for every key
    of ``index`` ("": none)."""
    keys = family.to_numpy()
    out = np.full(len(index), "", dtype=object)
    if len(keys):
        starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        parts = np.add.reduceat((text.astype(str) + ";").to_numpy(dtype=object), starts)
        out[index.get_indexer(keys[starts])] = [part[:-1] for part in parts]
    return out


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for col in ("first_year", "last_year"):
        frame[col] = frame[col].astype("Int64")
    return frame
