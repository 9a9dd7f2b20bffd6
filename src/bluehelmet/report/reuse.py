"""The tables behind the report's reuse section: force repetition, novelty and repetition
per year, force formulas and templates, clause families, shared language and boilerplate.

Everything here is selected from :func:`~bluehelmet.reuse.explore.explore`'s tables
(boilerplate pairs left out, boilerplate formulas shown apart) and from
:func:`~bluehelmet.reuse.repetition.force_repetition_summary` and
:mod:`~bluehelmet.reuse.templates`, never re-counted, and every
table has a fixed row order so the report stays byte-for-byte reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bluehelmet.documents.coverage import ranges_text
from bluehelmet.reuse.align import MATCH
from bluehelmet.reuse.carryover import carryover_summary, mandate_carryover
from bluehelmet.reuse.explore import explore
from bluehelmet.reuse.families import family_summary
from bluehelmet.reuse.repetition import MIN_SCORE, REPEAT_THRESHOLD, SUMMARY_YEARS, clause_text

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


#: Boilerplate formulas shown per era, and characters of their example text.
FORMULAS_PER_ERA = 5
FORMULA_EXCERPT = 90
#: The yearly columns the report shows (resolutions only).
YEAR_COLUMNS = [
    "year", "n_docs", "n_docs_adopted", "coverage", "gap", "past_complete",
    "repetition_index", "ci_low", "ci_high", "novelty_median", "novelty_q25", "novelty_q75",
]  # fmt: skip
#: The force repetition summary's columns as the report names them.
REPETITION_COLUMNS = {
    "operation": "operation",
    "mandates": f"mandates {SUMMARY_YEARS[0]}–{SUMMARY_YEARS[1]}",
    "with_text": "with text",
    "chapter_vii": "Chapter VII",
    "chvii_force": "Chapter VII force",
    "with_previous": "comparable",
    "repeated": "repeated near-verbatim",
    "share_repeated": "share",
}


def resolution_years(yearly: pd.DataFrame) -> pd.DataFrame:
    """The resolution rows of :func:`~bluehelmet.reuse.coverage.yearly`, by year, with the
    columns the report shows; gap years keep their NA measures.

    >>> y = pd.DataFrame({c: [0, 0] for c in YEAR_COLUMNS} | {"year": [1991, 1990],
    ...                   "kind": ["resolution", "draft"]})
    >>> resolution_years(y)["year"].tolist()
    [1991]
    """
    rows = yearly[yearly["kind"] == "resolution"].sort_values("year", kind="stable")
    return rows[YEAR_COLUMNS].reset_index(drop=True)


def boilerplate_by_era(formulas: pd.DataFrame, top: int = FORMULAS_PER_ERA) -> pd.DataFrame:
    """The ``top`` boilerplate formulas of each era found in the most documents: ``era``,
    ``documents``, ``example`` (without its paragraph number, cut at
    :data:`FORMULA_EXCERPT` characters). ``formulas`` is
    :func:`~bluehelmet.reuse.boilerplate.formula_families` output (biggest first per era).

    >>> f = pd.DataFrame({"era": ["1946-1994"] * 2, "documents": [71, 69],
    ...     "example": ["6. Decides to remain\\nseized of the matter.", "Decides:"]})
    >>> boilerplate_by_era(f, top=1).values.tolist()
    [['1946-1994', 71, 'Decides to remain seized of the matter.']]
    """
    kept = formulas.groupby("era", sort=True, group_keys=False).head(top)
    kept = kept.sort_values(["era", "documents"], ascending=[True, False], kind="stable")
    return pd.DataFrame(
        {
            "era": kept["era"].astype(str).to_numpy(),
            "documents": kept["documents"].astype(int).to_numpy(),
            "example": [_excerpt(clause_text([str(t)]), FORMULA_EXCERPT) for t in kept["example"]],
        }
    )


def kind_pairs_line(kinds: pd.DataFrame) -> str:
    """Pairs by source and target kind in one line, saying which the measures leave out.

    ``kinds`` is :func:`~bluehelmet.reuse.measures.kind_pairs` output.

    >>> k = pd.DataFrame({"source_kind": ["resolution", "resolution"], "target_kind":
    ...     ["draft", "resolution"], "pairs": [3, 1200], "counted": [False, True]})
    >>> kind_pairs_line(k)
    'resolution → draft: 3 (left out of the measures); resolution → resolution: 1,200'
    """
    if kinds.empty:
        return "no pairs between documents"
    return "; ".join(
        f"{s} → {t}: {n:,}" + ("" if counted else " (left out of the measures)")
        for s, t, n, counted in zip(
            kinds["source_kind"],
            kinds["target_kind"],
            kinds["pairs"],
            kinds["counted"],
            strict=True,
        )
    )


def thresholds_line(eras: list[dict[str, object]]) -> str:
    """The boilerplate threshold of each era (the engine's ``params["boilerplate_eras"]``).

    >>> thresholds_line([{"era": "1946-1994", "documents": 897, "min_docs": 45}])
    '1946-1994: 45 of 897 resolutions'
    """
    return "; ".join(f"{e['era']}: {e['min_docs']} of {e['documents']:,} resolutions" for e in eras)


def repetition_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`~bluehelmet.reuse.repetition.force_repetition_summary` as the report shows it:
    its counts as integers, the share repeated rounded to two decimals (NA when nothing is
    comparable), columns named as in :data:`REPETITION_COLUMNS`.

    >>> s = pd.DataFrame({"operation": ["UNX", "total"], "mandates": [3, 3],
    ...     "with_text": [3, 3], "chapter_vii": [3, 3], "chvii_force": [3, 3],
    ...     "without_clause": [0, 0],
    ...     "with_previous": [2, 2], "repeated": [1, 1], "share_repeated": [0.5, 0.5]})
    >>> t = repetition_table(s)
    >>> t.columns[1], t["with text"].dtype.name, t["share"].tolist()
    ('mandates 1999–2026', 'int64', [0.5, 0.5])
    """
    out = summary[list(REPETITION_COLUMNS)].copy()
    counts = [c for c in REPETITION_COLUMNS if c not in ("operation", "share_repeated")]
    out[counts] = out[counts].astype(int)
    out["share_repeated"] = out["share_repeated"].astype("Float64").round(2)
    return out.rename(columns=REPETITION_COLUMNS)


def untexted_years(table: pd.DataFrame, summary: pd.DataFrame) -> list[int]:
    """Years of the mandates ``summary`` counts that have no text (``table`` is the
    :func:`~bluehelmet.reuse.repetition.force_repetition` it was made from).

    >>> t = pd.DataFrame({"operation": ["A", "A", "B"], "text": [False, True, False],
    ...     "date": pd.to_datetime(["1999-10-01", "2000-01-01", "1999-01-01"])})
    >>> untexted_years(t, pd.DataFrame({"operation": ["A", "total"]}))
    [1999]
    """
    first, last = SUMMARY_YEARS
    counted = table["operation"].isin(set(summary["operation"]) - {"total"})
    year = table["date"].dt.year
    missing = counted & year.between(first, last) & ~table["text"].astype(bool)
    return sorted(int(y) for y in year[missing].unique())


def repetition_sentence(summary: pd.DataFrame, untexted: list[int], gap: str) -> str:
    """The answer in words, every number read from ``summary``'s total row: mandates, those
    with text (the others, adopted in the ``untexted`` years, are unknown), Chapter VII force
    authorisations, comparable clauses and how many are repeated; the rule; ``gap``: the
    years without texts ("1995–1999").

    >>> s = pd.DataFrame({"operation": ["total"], "mandates": [10], "with_text": [9],
    ...     "chapter_vii": [8], "chvii_force": [6], "without_clause": [1], "with_previous": [4],
    ...     "repeated": [3],
    ...     "share_repeated": [0.75]})
    >>> repetition_sentence(s, [1999], "1995–1999")[:70]
    'Of the 10 mandate resolutions of multidimensional operations 1999–2026'
    """
    total = summary.set_index("operation").loc["total"]
    n = {k: int(total[k]) for k in REPETITION_COLUMNS if k not in ("operation", "share_repeated")}
    n["without_clause"] = int(total["without_clause"])
    share = total["share_repeated"]
    missing = n["mandates"] - n["with_text"]
    first, last = SUMMARY_YEARS
    unknown = (
        f" (the {missing:,} without, adopted in {ranges_text(untexted)}, are unknown: the corpus"
        f" has no resolution texts for {gap or 'those years'}, and they are never counted as"
        " mandates without a force clause)"
        if missing
        else ""
    )
    repeated = (
        f"{n['repeated']:,} of these ({float(share):.0%}) repeat it near-verbatim"
        if n["with_previous"]
        else "none can be compared"
    )
    words = int(MIN_SCORE // MATCH)
    return (
        f"Of the {n['mandates']:,} mandate resolutions of multidimensional operations"
        f" {first}–{last}, {n['with_text']:,} have a text{unknown}. {n['chapter_vii']:,} of"
        " those act under Chapter VII; in"
        f" {n['chvii_force']:,} the register records a Chapter VII authorisation for the"
        f" operation itself to use force (in {n['without_clause']:,} of them the coder finds"
        " no force paragraph"
        f" for the operation); {n['with_previous']:,} have a force clause in both this and the"
        f" previous mandate's text, and {repeated}: at least {REPEAT_THRESHOLD:.0%} of the"
        " clause's words lie in spans aligned with the previous clause (Smith–Waterman"
        f" local alignment on words, spans of at least {words} matching words)."
    )


#: :func:`~bluehelmet.reuse.templates.force_formulas`'s columns as the report names them.
FIRST_COLUMNS = {
    "formula": "formula",
    "first_resolution": "first resolution",
    "first_date": "date",
    "first_operations": "operation",
    "note": "note",
    "resolutions": "resolutions",
    "operations": "operations",
}
#: :func:`~bluehelmet.reuse.templates.template_cells`'s columns as the report names them.
TEMPLATE_COLUMNS = {
    "source_operation": "source operation",
    "operation": "target operation",
    "clauses": "clauses",
}


def first_appearances(formulas: pd.DataFrame) -> pd.DataFrame:
    """:func:`~bluehelmet.reuse.templates.force_formulas` as the report shows it: first
    resolution, its date and operations, the note, resolutions and operations using the
    formula (all years); columns named as in :data:`FIRST_COLUMNS`.

    >>> f = pd.DataFrame({"formula": ["F"], "pattern": ["f"], "first_resolution": [1289],
    ...     "first_date": ["2000-02-07"], "first_operations": ["UNAMSIL"], "resolutions": [3],
    ...     "operations": [2], "note": ["first in the texts available"]})
    >>> first_appearances(f).columns.tolist()[:4]
    ['formula', 'first resolution', 'date', 'operation']
    """
    return formulas[list(FIRST_COLUMNS)].rename(columns=FIRST_COLUMNS)


def template_table(cells: pd.DataFrame) -> pd.DataFrame:
    """:func:`~bluehelmet.reuse.templates.template_cells` with the columns named as in
    :data:`TEMPLATE_COLUMNS`.

    >>> c = pd.DataFrame({"source_operation": ["ONUB"], "operation": ["UNMISS"], "clauses": [8]})
    >>> template_table(c).values.tolist(), template_table(c).columns[1]
    ([['ONUB', 'UNMISS', 8]], 'target operation')
    """
    return cells[list(TEMPLATE_COLUMNS)].rename(columns=TEMPLATE_COLUMNS)


#: :func:`~bluehelmet.reuse.carryover.carryover_summary`'s columns as the report names them.
CARRYOVER_COLUMNS = {
    "operation": "operation",
    "mandates": f"mandates {SUMMARY_YEARS[0]}–{SUMMARY_YEARS[1]}",
    "with_text": "with text",
    "median_previous": "from the previous mandate",
    "median_other_mandates": "from other operations' mandates",
    "median_new": "new",
}


def carryover_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`~bluehelmet.reuse.carryover.carryover_summary` as the report shows it: medians
    rounded to two decimals (NA stays NA), columns named as in :data:`CARRYOVER_COLUMNS`.

    >>> s = pd.DataFrame({"operation": ["UNX"], "mandates": [3], "with_text": [2],
    ...     "median_previous": [0.456], "median_other_mandates": [0.0], "median_new": [0.5]})
    >>> t = carryover_table(s)
    >>> t.columns[3], float(t.iloc[0, 3])
    ('from the previous mandate', 0.46)
    """
    out = summary[list(CARRYOVER_COLUMNS)].copy()
    medians = ["median_previous", "median_other_mandates", "median_new"]
    out[medians] = out[medians].astype("Float64").round(2)
    return out.rename(columns=CARRYOVER_COLUMNS)


def carryover_sentence(summary: pd.DataFrame, gap: str) -> str:
    """The carry-over table in words, every number read from ``summary``'s ``all`` row;
    ``gap``: the years without texts ("1995–1999").

    >>> s = pd.DataFrame({"operation": ["all"], "mandates": [10], "with_text": [8],
    ...     "median_previous": [0.25], "median_other_mandates": [0.0], "median_new": [0.6]})
    >>> carryover_sentence(s, "1995–1999")[:68]
    'Of the 10 mandate resolutions of multidimensional operations 1999–20'
    """
    pooled = summary.set_index("operation").loc["all"]
    first, last = SUMMARY_YEARS
    missing = int(pooled["mandates"]) - int(pooled["with_text"])
    unknown = f" (the {missing:,} without, from {gap or 'years without texts'}, are unknown)"

    def share(column: str) -> str:
        value = pooled[column]
        return "unknown" if pd.isna(value) else f"{float(value):.2f}"

    return (
        f"Of the {int(pooled['mandates']):,} mandate resolutions of multidimensional operations"
        f" {first}–{last}, {int(pooled['with_text']):,} have a text{unknown if missing else ''};"
        f" the median one carries {share('median_previous')} of its operative characters over"
        f" from the operation's previous mandate and {share('median_other_mandates')} from other"
        f" operations' mandates, and {share('median_new')} of it is new (boilerplate left out)."
    )


@dataclass(frozen=True)
class ReuseTables:
    """What the report's reuse section shows, and the counts quoted beside it."""

    largest: pd.DataFrame
    diffusion: pd.DataFrame
    years: pd.DataFrame
    shared: pd.DataFrame
    boilerplate: pd.DataFrame
    kind_pairs: str
    thresholds: str
    n_paragraphs: int
    n_documents: int
    n_pairs: int
    n_boilerplate_pairs: int
    n_families: int
    carryover: pd.DataFrame | None = None


def reuse_tables(
    paragraphs: pd.DataFrame,
    adopted: pd.DataFrame | None = None,
    top_families: int = 8,
    top_groups: int = 15,
) -> ReuseTables:
    """Explore reuse in ``paragraphs`` once and select the report section's tables
    (``adopted``: resolutions adopted per year, for the yearly coverage and gaps).
    ``carryover`` (:func:`~bluehelmet.reuse.carryover.carryover_summary` on the engine's
    pairs) needs resolution numbers: None when ``paragraphs`` has no ``number`` column.

    >>> text = "the council decides to extend the mandate of the force for six months"
    >>> paras = pd.DataFrame({"doc": ["A", "B"], "id": ["1:1", "2:1"], "text": [text, text],
    ...     "date": ["1990-01-01", "1991-01-01"], "group": ["UNX", "UNY"]})
    >>> t = reuse_tables(paras)
    >>> t.n_pairs, t.diffusion["resolutions"].tolist(), t.shared.values.tolist()
    (1, [1, 2], [[0, 1], [0, 0]])
    """
    found = explore(paragraphs, adopted)
    members = found.members
    largest = largest_families(members, top_families)
    carryover = (
        carryover_summary(mandate_carryover(found.pairs, paragraphs))
        if "number" in paragraphs.columns
        else None
    )
    return ReuseTables(
        largest=largest,
        diffusion=family_diffusion(members, largest),
        years=resolution_years(found.yearly),
        shared=shared_language(found.matrix, paragraphs, top_groups),
        boilerplate=boilerplate_by_era(found.boilerplate_families),
        kind_pairs=kind_pairs_line(found.kind_pairs),
        thresholds=thresholds_line(found.params.get("boilerplate_eras", [])),
        n_paragraphs=len(paragraphs),
        n_documents=int(paragraphs["doc"].nunique()),
        n_pairs=len(found.pairs),
        n_boilerplate_pairs=len(found.boilerplate_pairs),
        n_families=int((members.groupby("family").size() >= 2).sum()),
        carryover=carryover,
    )
