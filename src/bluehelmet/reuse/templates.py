"""Force clauses taken from other operations: sources, templates between operations, formulas.

Howard & Dayal (2018) read MONUC's first force clause (1291 (2000)) as the Sierra Leone
template (UNAMSIL, 1289 (2000)). :func:`force_sources` finds, for every force clause of
:func:`~bluehelmet.reuse.repetition.force_repetition`, its best earlier clause from another
operation and its best earlier clause overall, measured as
:func:`~bluehelmet.reuse.repetition.clause_similarity` measures a renewal (share of the
clause's tokens carried over); :func:`force_templates` counts them per pair of operations;
:func:`force_formulas` follows named formulas through every operative paragraph.

There are no texts for 1995–1999: a "first" clause or formula is the first in the texts
available, and one first seen in 2000–2004 may well be older.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import pandas as pd

from bluehelmet.coding.code import CodedResolution
from bluehelmet.documents.model import Resolution
from bluehelmet.errors import UsageError
from bluehelmet.paths import default_corpus
from bluehelmet.reuse.inputs import paragraphs_from_resolutions
from bluehelmet.reuse.repetition import (
    REPEAT_THRESHOLD,
    clause_similarity,
    corpus_coded,
    force_repetition,
)
from bluehelmet.reuse.tokens import tokens

#: ``adapted`` from this share of a clause's tokens carried over (``copied`` from
#: :data:`~bluehelmet.reuse.repetition.REPEAT_THRESHOLD`): a chosen bound, not a gap in the
#: data. MONUC 1291 (2000) carries 0.34 of UNAMSIL 1289 (2000), a visible adaptation.
ADAPT_THRESHOLD = 0.3
#: A source in another operation also needs this many carried tokens (:func:`source_relation`):
#: a short clause passes the share on one bare formula alone ("authorizes UNMISS to use all
#: necessary means to perform the following", 9 words, 0.39 of ONUB 1545). Three times the
#: five-token minimum span; over the 164 clauses of the shared texts, those at a share of
#: 0.3 or more carry 7–13 tokens (29: an "authorizes X to use all necessary means / take all
#: necessary measures to ..." formula, with a name or a few words more) or 15 and more, none 14.
MIN_CARRIED_WORDS = 15
#: Prefilter: word n-grams of this size, ...
GRAM = 3
#: ... a candidate source shares at least this share of the clause's n-grams, ...
MIN_CONTAINMENT = 0.05
#: ... and only the best this many per clause (other operations, and overall) are aligned.
TOP = 32
#: No resolution texts for these years.
GAP_YEARS = (1995, 1999)
#: First appearances in these years get :data:`GAP_NOTE`.
NOTE_YEARS = (2000, 2004)
GAP_NOTE = "first in the texts available (1995–1999 unread)"
#: Named formulas and their regular expressions (case-insensitive, any white space).
FORMULAS: dict[str, str] = {
    "imminent threat of physical violence": r"imminent\s+threats?\s+of\s+physical\s+violence",
    "all necessary means": r"all\s+(?:the\s+)?necessary\s+means",
    "necessary action": r"necessary\s+actions?\b",
    "within its capabilities and areas of deployment": (
        r"within\s+(?:its|their)\s+capabilities\s+and\s+(?:in\s+)?(?:its\s+|their\s+)?"
        r"areas?\s+of\s+deployment"
    ),
    "Intervention Brigade": r"intervention\s+brigade",
}
SOURCE_COLUMNS = [
    "operation", "resolution", "date", "force_paragraphs", "source_operation",
    "source_resolution", "source_date", "carried", "carried_words", "evidence",
    "evidence_source", "relation", "overall_operation", "overall_resolution", "overall_date",
    "overall_carried", "overall_relation",
]  # fmt: skip


class _Clause(NamedTuple):
    operation: str
    resolution: int
    date: pd.Timestamp
    text: str
    grams: frozenset[tuple[str, ...]]


class _Match(NamedTuple):
    clause: _Clause
    carried: float
    evidence: str
    evidence_source: str


def relation(carried: float) -> str:
    """``copied`` (>= 0.8), ``adapted`` (>= :data:`ADAPT_THRESHOLD`) or ``none``.

    >>> relation(0.85), relation(0.4), relation(0.1)
    ('copied', 'adapted', 'none')
    """
    if carried >= REPEAT_THRESHOLD:
        return "copied"
    return "adapted" if carried >= ADAPT_THRESHOLD else "none"


def source_relation(carried: float, words: int) -> str:
    """:func:`relation` of a source in another operation: ``none`` as well when fewer than
    :data:`MIN_CARRIED_WORDS` tokens are carried (a bare formula names no source).

    >>> source_relation(0.39, 9), source_relation(0.34, 23)
    ('none', 'adapted')
    """
    return relation(carried) if words >= MIN_CARRIED_WORDS else "none"


def _grams(text: str) -> frozenset[tuple[str, ...]]:
    words = tokens(text)
    return frozenset(tuple(words[i : i + GRAM]) for i in range(len(words) - GRAM + 1))


def _clauses(table: pd.DataFrame) -> list[_Clause]:
    """The rows with a force clause, in date order (then resolution, operation)."""
    missing = {"operation", "resolution", "date", "clause"} - set(table.columns)
    if missing:
        raise UsageError(f"force table: missing column(s) {', '.join(sorted(missing))}")
    rows = table[table["clause"].fillna("").str.strip() != ""]
    rows = rows.sort_values(["date", "resolution", "operation"], kind="stable")
    return [
        _Clause(str(op), int(number), pd.Timestamp(date), str(text), _grams(str(text)))
        for op, number, date, text in zip(
            rows["operation"], rows["resolution"], rows["date"], rows["clause"], strict=True
        )
    ]


def _best(clause: _Clause, earlier: list[_Clause]) -> _Match | None:
    """The best of ``earlier`` by carried share (ties: earliest, then lowest resolution),
    aligning only the :data:`TOP` that share the most n-grams (at least
    :data:`MIN_CONTAINMENT` of the clause's)."""
    size = max(len(clause.grams), 1)
    shared = [(len(clause.grams & e.grams) / size, e) for e in earlier]
    ranked = sorted(
        (s for s in shared if s[0] >= MIN_CONTAINMENT and s[0] > 0),
        key=lambda s: (-s[0], s[1].date, s[1].resolution, s[1].operation),
    )[:TOP]
    matches = []
    for _, e in ranked:
        similar = clause_similarity(clause.text, e.text)
        matches.append(_Match(e, similar.share, similar.evidence, similar.evidence_previous))
    if not matches:
        return None
    return min(matches, key=lambda m: (-m.carried, m.clause.date, m.clause.resolution))


def force_sources(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every force clause's best earlier clause from another operation, and overall.

    One row per row of ``table`` (default :func:`force_repetition` over the register and
    the shared texts) with a force clause (its ``clause`` column not empty), in date order.
    Earlier means an earlier ``date`` (so not the same resolution). ``source_*`` is the
    best clause of another operation, ``overall_*`` the best of any operation (the same
    one included); ``carried`` is the share of the clause's tokens inside spans aligned
    with the source (:func:`clause_similarity`, as ``force_similarity``), ``carried_words``
    how many tokens that is, ``evidence`` /
    ``evidence_source`` the longest carried span on each side, ``relation`` ``copied`` /
    ``adapted`` / ``none`` (:func:`source_relation`: the share, and at least
    :data:`MIN_CARRIED_WORDS` tokens carried; ``overall_relation`` by the share alone, as a
    renewal is). A clause no candidate shares a word
    :data:`GRAM`-gram with has no source: NA, carried 0, ``none``. Ties go to the earliest
    source, then the lowest resolution number. Candidates are prefiltered: the :data:`TOP`
    earlier clauses sharing the most word 3-grams (at least :data:`MIN_CONTAINMENT` of the
    clause's) are aligned, per kind (other operations, overall).

    >>> base = ("may take the necessary action to ensure the freedom of movement of its "
    ...         "personnel and protect civilians under imminent threat")
    >>> t = pd.DataFrame({"operation": ["A", "B"], "resolution": [1, 2],
    ...     "date": pd.to_datetime(["2000-01-01", "2000-02-01"]),
    ...     "clause": [f"A {base}", f"Decides that B {base} of physical violence in the camps "
    ...                "and along the roads of the eastern provinces"]})
    >>> force_sources(t)[["operation", "source_operation", "relation"]].values.tolist()
    [['A', <NA>, 'none'], ['B', 'A', 'adapted']]
    """
    if table is None:
        table = force_repetition()
    clauses = _clauses(table)
    labels = (
        table.set_index(["operation", "resolution"])["force_paragraphs"].to_dict()
        if "force_paragraphs" in table.columns
        else {}
    )
    rows = []
    for i, clause in enumerate(clauses):
        earlier = [e for e in clauses[:i] if e.date < clause.date]
        other = _best(clause, [e for e in earlier if e.operation != clause.operation])
        overall = _best(clause, earlier)
        carried = other.carried if other else 0.0
        words = round(carried * len(tokens(clause.text)))
        overall_kind = relation(overall.carried if overall else 0.0)
        rows.append(
            {
                "operation": clause.operation,
                "resolution": clause.resolution,
                "date": clause.date,
                "force_paragraphs": labels.get((clause.operation, clause.resolution), pd.NA),
                **_source_columns(other, "source_", source_relation(carried, words)),
                "carried_words": words,
                **_source_columns(overall, "overall_", overall_kind),
            }
        )
    out = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    types = {"resolution": "Int64", "source_resolution": "Int64", "overall_resolution": "Int64"}
    types |= {"carried_words": "int64"}
    types |= {c: "Float64" for c in ("carried", "overall_carried")}
    types |= {c: "string" for c in SOURCE_COLUMNS if c.endswith(("operation", "relation"))}
    types |= {"force_paragraphs": "string", "evidence": "string", "evidence_source": "string"}
    out = out.astype(types)
    for column in ("date", "source_date", "overall_date"):
        out[column] = pd.to_datetime(out[column])
    return out


def _source_columns(match: _Match | None, prefix: str, kind: str) -> dict[str, object]:
    """The columns of ``match`` under ``prefix`` (``source_``: with the evidence), ``kind``
    its relation."""
    other = prefix == "source_"
    columns: dict[str, object] = {
        f"{prefix}operation": match.clause.operation if match else pd.NA,
        f"{prefix}resolution": match.clause.resolution if match else pd.NA,
        f"{prefix}date": match.clause.date if match else pd.NaT,
        "carried" if other else f"{prefix}carried": match.carried if match else 0.0,
        "relation" if other else f"{prefix}relation": kind,
    }
    if other:
        columns["evidence"] = match.evidence if match else pd.NA
        columns["evidence_source"] = match.evidence_source if match else pd.NA
    return columns


def force_templates(sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Source operations (rows) × target operations (columns): how many of the target's force
    clauses have their best other-operation source (copied or adapted) in the source's.

    ``sources`` defaults to :func:`force_sources`. Each clause counts once, for its single
    best source; clauses whose best source is ``none`` are not counted. Operations with no
    count in either role are left out.

    >>> s = pd.DataFrame({"operation": ["B", "B", "C"], "source_operation": ["A", "A", "A"],
    ...     "relation": ["adapted", "copied", "none"]})
    >>> force_templates(s).loc["A", "B"]
    np.int64(2)
    """
    if sources is None:
        sources = force_sources()
    kept = sources[sources["relation"].isin(["copied", "adapted"])]
    matrix = pd.crosstab(kept["source_operation"], kept["operation"])
    matrix.index.name, matrix.columns.name = "source_operation", "operation"
    return matrix


def template_cells(matrix: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The ``top`` largest cells of :func:`force_templates` as rows: source_operation,
    operation, clauses (most first; ties by source, then target).

    >>> m = pd.DataFrame({"B": [2, 0], "C": [1, 3]}, index=pd.Index(["A", "B"]))
    >>> template_cells(m, 2)["clauses"].tolist()
    [3, 2]
    """
    cells = matrix.rename_axis(index="source_operation", columns="operation").stack()
    cells = cells[cells > 0].rename("clauses").reset_index()
    cells = cells.sort_values(
        ["clauses", "source_operation", "operation"], ascending=[False, True, True]
    )
    return cells.head(top).reset_index(drop=True)


def corpus_paragraphs() -> pd.DataFrame:
    """Every operative paragraph of the shared texts (as :func:`force_repetition` reads them),
    as :func:`formula_paragraphs` gives them.

    >>> bool(corpus_paragraphs()["year"].between(1946, 2026).all())
    True
    """
    return formula_paragraphs(*corpus_coded(tuple(default_corpus())))


def formula_paragraphs(
    resolutions: Sequence[Resolution],
    coded: CodedResolution,
    paragraphs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The operative paragraphs of numbered ``resolutions`` (``coded``: the coder's tables
    of them): ``resolution``, ``date`` (ISO, or the year), ``year``, ``text`` and
    ``operations`` (the operations the coder links to the resolution, ";"-separated).
    ``paragraphs`` is :func:`~bluehelmet.reuse.inputs.paragraphs_from_resolutions` of the
    same resolutions when already made (made here otherwise).

    >>> import datetime
    >>> from bluehelmet.coding.batch import code_many
    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Decides that UNAMSIL shall take the necessary action;"
    >>> p = (Paragraph(0, "operative", t, 0, len(t), "1"),)
    >>> r = [Resolution(1289, 2000, datetime.date(2000, 2, 7), t, p)]
    >>> formula_paragraphs(r, code_many(r))[["resolution", "year", "date"]].values.tolist()
    [[1289, 2000, '2000-02-07']]
    """
    if paragraphs is None:
        paragraphs = paragraphs_from_resolutions(list(resolutions), coded)
    linked = {
        res.number: ";".join(dict.fromkeys(_operations(events)))
        for res, events in zip(resolutions, coded.resolution["events"], strict=True)
    }
    out = paragraphs.loc[paragraphs["number"].notna(), ["number", "date", "text"]]
    out = out.rename(columns={"number": "resolution"}).astype({"resolution": "int64"})
    out["year"] = out["date"].str[:4].astype("int64")
    out["operations"] = out["resolution"].map(linked).fillna("")
    return out.reset_index(drop=True)


def _operations(events: object) -> list[str]:
    """Acronyms of "ACRONYM:event;..." items."""
    if not isinstance(events, str):
        return []
    return [item.split(":")[0].strip() for item in events.split(";") if item.strip()]


def force_formulas(
    patterns: Mapping[str, str] | None = None,
    paragraphs: pd.DataFrame | None = None,
    *,
    per_year: bool = False,
) -> pd.DataFrame:
    """Named formulas in every operative paragraph: first appearance and use per year.

    ``patterns`` maps a name to a regular expression (default :data:`FORMULAS`; matched
    case-insensitively); ``paragraphs`` defaults to :func:`corpus_paragraphs` (as
    :func:`formula_paragraphs` makes them: columns ``resolution``, ``date``, ``year``,
    ``text``, ``operations``). One row per formula:
    ``first_resolution``, ``first_date``, ``first_operations`` (the first paragraph's, by
    date then resolution), ``resolutions`` and ``operations`` (distinct, all years) and
    ``note`` (:data:`GAP_NOTE` when first seen in :data:`NOTE_YEARS`). With ``per_year``:
    one row per formula × year from the first year of ``paragraphs`` to the last (and
    always 1995–1999): ``resolutions``, ``operations`` and ``gap`` (no text that year:
    the counts are NA, never 0).

    >>> p = pd.DataFrame({"resolution": [1, 3], "date": ["1994", "2000-02-07"],
    ...     "year": [1994, 2000], "text": ["x", "protect all necessary means"],
    ...     "operations": ["", "UNAMSIL"]})
    >>> found = force_formulas({"means": "necessary means"}, p)
    >>> int(found.loc[0, "first_resolution"]), found.loc[0, "note"]
    (3, 'first in the texts available (1995–1999 unread)')
    """
    patterns = FORMULAS if patterns is None else patterns
    if paragraphs is None:
        paragraphs = corpus_paragraphs()
    used = _matches(patterns, paragraphs)
    if per_year:
        return _per_year(used, list(patterns), paragraphs["year"])
    return _first_appearances(used, patterns)


def formula_tables(
    paragraphs: pd.DataFrame, patterns: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`force_formulas` and ``force_formulas(per_year=True)`` of ``paragraphs`` from
    one search of the patterns (default :data:`FORMULAS`).

    >>> p = pd.DataFrame({"resolution": [3], "date": ["2000-02-07"], "year": [2000],
    ...     "text": ["all necessary means"], "operations": ["UNAMSIL"]})
    >>> first, yearly = formula_tables(p, {"means": "necessary means"})
    >>> int(first.loc[0, "resolutions"]), yearly.loc[yearly["year"] == 2000, "resolutions"].tolist()
    (1, [1])
    """
    patterns = FORMULAS if patterns is None else patterns
    used = _matches(patterns, paragraphs)
    return _first_appearances(used, patterns), _per_year(used, list(patterns), paragraphs["year"])


def _matches(patterns: Mapping[str, str], paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The paragraphs using each formula (a ``formula`` column), by date then resolution."""
    paragraphs = paragraphs.sort_values(["date", "resolution"], kind="stable")
    hits = []
    for name, pattern in patterns.items():
        try:
            found = paragraphs["text"].str.contains(re.compile(pattern, re.IGNORECASE))
        except re.error as err:
            raise UsageError(f"formula {name!r}: invalid regular expression ({err})") from err
        hits.append(paragraphs[found].assign(formula=name))
    return pd.concat(hits, ignore_index=True) if hits else paragraphs.assign(formula="")


def _first_appearances(used: pd.DataFrame, patterns: Mapping[str, str]) -> pd.DataFrame:
    """Per formula: its first paragraph, resolutions and operations using it, the note."""
    rows = []
    for name in patterns:
        mine = used[used["formula"] == name]
        first = mine.iloc[0] if len(mine) else None
        year = int(first["year"]) if first is not None else None
        rows.append(
            {
                "formula": name,
                "pattern": patterns[name],
                "first_resolution": first["resolution"] if first is not None else pd.NA,
                "first_date": first["date"] if first is not None else pd.NA,
                "first_operations": first["operations"] if first is not None else pd.NA,
                "resolutions": mine["resolution"].nunique(),
                "operations": len(_distinct(mine["operations"])),
                "note": GAP_NOTE
                if year is not None and NOTE_YEARS[0] <= year <= NOTE_YEARS[1]
                else "",
            }
        )
    return pd.DataFrame(rows).astype({"first_resolution": "Int64"})


def _distinct(operations: pd.Series) -> set[str]:
    return {op for ops in operations for op in str(ops).split(";") if op}


def _per_year(used: pd.DataFrame, names: list[str], years: pd.Series) -> pd.DataFrame:
    """Per formula × year: resolutions and operations using it; NA with ``gap`` without texts."""
    with_text = set(years)
    first = min([*with_text, GAP_YEARS[0]])
    last = max([*with_text, GAP_YEARS[1]])
    rows = []
    for name in names:
        mine = used[used["formula"] == name]
        for year in range(first, last + 1):
            gap = year not in with_text
            that = mine[mine["year"] == year]
            rows.append(
                {
                    "formula": name,
                    "year": year,
                    "resolutions": pd.NA if gap else that["resolution"].nunique(),
                    "operations": pd.NA if gap else len(_distinct(that["operations"])),
                    "gap": gap,
                }
            )
    return pd.DataFrame(
        rows, columns=["formula", "year", "resolutions", "operations", "gap"]
    ).astype({"resolutions": "Int64", "operations": "Int64"})
