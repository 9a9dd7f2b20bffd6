"""The tables behind the report's reuse section: diffusion, novelty by year, shared language.

Everything here is selected from :func:`~bluehelmet.reuse.explore.explore`'s tables
(boilerplate pairs left out), never re-counted, and every table has a fixed row order so
the report stays byte-for-byte reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bluehelmet.reuse.explore import explore
from bluehelmet.reuse.families import family_summary

#: Characters of a family's origin text shown in the table.
EXCERPT = 140


def _years(dates: pd.Series) -> pd.Series:
    """The year of ISO date strings as Int64 (<NA> when the date has no year)."""
    head = dates.fillna("").astype(str).str[:4]
    return pd.to_numeric(head.where(head.str.fullmatch(r"\d{4}")), errors="coerce").astype("Int64")


def _strings(table: pd.DataFrame, column: str) -> pd.Series:
    """``table[column]`` as strings, "" for missing values or a missing column."""
    if column not in table:
        return pd.Series("", index=table.index)
    return table[column].fillna("").astype(str)


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def largest_families(members: pd.DataFrame, top: int = 8) -> pd.DataFrame:
    """The ``top`` families reaching the most resolutions (then most paragraphs, then oldest).

    ``members`` is :func:`~bluehelmet.reuse.families.families` output. Columns: family,
    label (for a legend), origin (symbol), paragraph, date, operation, paragraphs,
    resolutions, operations (those reached, in order of first use), text (the origin's).

    >>> m = pd.DataFrame({"doc": ["A", "B", "C", "D"], "id": ["1:1", "2:4", "3:1", "4:1"],
    ...     "text": ["x", "x", "y", "y"], "date": ["1990", "1991", "1992", "1993"],
    ...     "group": ["G", "H", "", ""], "family": [0, 0, 1, 1],
    ...     "origin": [True, False, True, False]})
    >>> largest_families(m)[["label", "resolutions", "operations"]].values.tolist()
    [['1:1 · G', 2, 'G;H'], ['3:1 · no operation', 2, '']]
    """
    counts = members.groupby("family").agg(n_docs=("doc", "nunique"), size=("doc", "size"))
    counts = counts[counts["size"] >= 2].reset_index()
    chosen = counts.sort_values(
        ["n_docs", "size", "family"], ascending=[False, False, True], kind="stable"
    )["family"].head(top)
    # family_summary loops over families: give it only the chosen ones
    summary = family_summary(members[members["family"].isin(chosen)]).set_index("family")
    ranked = summary.loc[chosen.to_numpy()].reset_index()
    origins = members[members["origin"]].set_index("family")["text"]
    return pd.DataFrame(
        {
            "family": ranked["family"].to_numpy(),
            "label": [
                f"{i} · {g or 'no operation'}"
                for i, g in zip(ranked["origin_id"], ranked["origin_group"], strict=True)
            ],
            "origin": ranked["origin_doc"].to_numpy(),
            "paragraph": [str(i).split(":", 1)[-1] for i in ranked["origin_id"]],
            "date": ranked["origin_date"].to_numpy(),
            "operation": ranked["origin_group"].to_numpy(),
            "paragraphs": ranked["size"].to_numpy(),
            "resolutions": ranked["n_docs"].to_numpy(),
            "operations": ranked["groups"].to_numpy(),
            "text": [_excerpt(str(origins[f])) for f in ranked["family"]],
        }
    )


def family_diffusion(members: pd.DataFrame, largest: pd.DataFrame) -> pd.DataFrame:
    """Per family of ``largest`` and year of use: resolutions using it so far (cumulative).

    Families keep ``largest``'s order; undated members are left out. Columns: family,
    label, year, new (resolutions first using it that year), resolutions (cumulative).

    >>> m = pd.DataFrame({"doc": ["A", "B", "C"], "family": [0, 0, 0],
    ...     "date": ["1990-01-01", "1990-05-01", "1993-02-01"]})
    >>> d = family_diffusion(m, pd.DataFrame({"family": [0], "label": ["F"]}))
    >>> d[["year", "new", "resolutions"]].values.tolist()
    [[1990, 2, 2], [1993, 1, 3]]
    """
    used = members.assign(year=_years(members["date"])).dropna(subset=["year"])
    used = used[used["family"].isin(largest["family"])]
    firsts = used.groupby(["family", "doc"])["year"].min().reset_index()
    counts = firsts.groupby(["family", "year"]).size().rename("new").reset_index()
    order = {f: i for i, f in enumerate(largest["family"])}
    counts = counts.assign(_rank=counts["family"].map(order)).sort_values(["_rank", "year"])
    counts["resolutions"] = counts.groupby("family")["new"].cumsum()
    labels = largest.set_index("family")["label"]
    counts["label"] = counts["family"].map(labels)
    counts["year"] = counts["year"].astype(int)
    columns = ["family", "label", "year", "new", "resolutions"]
    return counts[columns].reset_index(drop=True)


def novelty_by_year(resolutions: pd.DataFrame, repetition: pd.DataFrame) -> pd.DataFrame:
    """Per year: how many resolutions, the quartiles of their novelty and the repetition index.

    ``resolutions`` is :func:`~bluehelmet.reuse.measures.resolution_reuse` output (novelty
    = share of a resolution's operative characters not reused from earlier resolutions);
    ``repetition`` is :func:`~bluehelmet.reuse.measures.repetition_index` output.

    >>> r = pd.DataFrame({"date": ["1990-01-01", "1990-02-01", "1990-03-01", "1991"],
    ...                   "novelty": [0.0, 0.5, 1.0, 0.2]})
    >>> rep = pd.DataFrame({"year": [1990, 1991], "repetition_index": [0.4, 0.8]})
    >>> novelty_by_year(r, rep).values.tolist()
    [[1990.0, 3.0, 0.25, 0.5, 0.75, 0.4], [1991.0, 1.0, 0.2, 0.2, 0.2, 0.8]]
    """
    dated = resolutions.assign(year=_years(resolutions["date"])).dropna(subset=["year"])
    novelty = dated.groupby("year")["novelty"]
    out = pd.DataFrame(
        {
            "resolutions": novelty.size(),
            "q25": novelty.quantile(0.25),
            "median": novelty.median(),
            "q75": novelty.quantile(0.75),
        }
    )
    out.index = out.index.astype(int)
    rep = repetition.set_index("year")["repetition_index"]
    out["repetition_index"] = rep.reindex(out.index)
    return out.rename_axis("year").reset_index()


def shared_language(matrix: pd.DataFrame, paragraphs: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The ``top`` operations of a :func:`~bluehelmet.reuse.measures.group_matrix` (counting
    paragraphs) with the most reuse (as source plus as target), in order of their first
    paragraph; the rest of the table is left out, not re-counted.

    >>> m = pd.DataFrame([[0, 2, 0], [0, 0, 1], [0, 0, 0]], index=list("GHK"), columns=list("GHK"))
    >>> paras = pd.DataFrame({"group": list("GHK"), "date": ["1992", "1990", "1991"]})
    >>> shared_language(m, paras, top=2).values.tolist()
    [[0, 0], [2, 0]]
    """
    total = matrix.sum(axis=0) + matrix.sum(axis=1)
    keep = sorted(matrix.index, key=lambda g: (-int(total[g]), g))[:top]
    dated = pd.DataFrame(
        {"group": _strings(paragraphs, "group"), "date": _strings(paragraphs, "date")}
    )
    first = dated[dated["date"] != ""].groupby("group")["date"].min()
    keep.sort(key=lambda g: (first.get(g, "\uffff"), g))
    out = matrix.loc[keep, keep].astype(int)
    out.index.name, out.columns.name = "source", "target"
    return out


@dataclass(frozen=True)
class ReuseTables:
    """What the report's reuse section shows, and the counts quoted beside it."""

    largest: pd.DataFrame
    diffusion: pd.DataFrame
    novelty: pd.DataFrame
    shared: pd.DataFrame
    n_paragraphs: int
    n_documents: int
    n_pairs: int
    n_boilerplate_pairs: int
    n_families: int


def reuse_tables(
    paragraphs: pd.DataFrame, top_families: int = 8, top_groups: int = 15
) -> ReuseTables:
    """Explore reuse in ``paragraphs`` once and select the report section's tables.

    >>> text = "the council decides to extend the mandate of the force for six months"
    >>> paras = pd.DataFrame({"doc": ["A", "B"], "id": ["1:1", "2:1"], "text": [text, text],
    ...     "date": ["1990-01-01", "1991-01-01"], "group": ["UNX", "UNY"]})
    >>> t = reuse_tables(paras)
    >>> t.n_pairs, t.diffusion["resolutions"].tolist(), t.shared.values.tolist()
    (1, [1, 2], [[0, 1], [0, 0]])
    """
    found = explore(paragraphs)
    members = found.members
    largest = largest_families(members, top_families)
    return ReuseTables(
        largest=largest,
        diffusion=family_diffusion(members, largest),
        novelty=novelty_by_year(found.resolution_shares, found.repetition),
        shared=shared_language(found.matrix, paragraphs, top_groups),
        n_paragraphs=len(paragraphs),
        n_documents=int(paragraphs["doc"].nunique()),
        n_pairs=len(found.pairs),
        n_boilerplate_pairs=len(found.boilerplate_pairs),
        n_families=int((members.groupby("family").size() >= 2).sum()),
    )
