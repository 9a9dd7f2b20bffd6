"""Are force mandates repeated at every renewal? Force clauses of successive mandates aligned.

Howard & Dayal (2018) claim that since 1999 the Security Council authorises
multidimensional operations under Chapter VII to use force and repeats that authorisation
in every renewal. :func:`force_repetition` lines up each operation's mandate resolutions
(the register's ``mandate_events``), takes the coder's force paragraphs of each one for
that operation, and aligns every force clause with the previous mandate's
(Smith-Waterman on tokens, :func:`~bluehelmet.reuse.align.align_tokens`).
:func:`force_repetition_summary` counts, per multidimensional operation 1999–2026, how many
Chapter VII force mandates repeat the previous clause near-verbatim.

There are no resolution texts for 1995–1999: a mandate without its text, or whose
previous mandate has none, is ``unknown``, never "no force clause".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from bluehelmet.coding.batch import code_folders, code_many
from bluehelmet.coding.code import CodedResolution
from bluehelmet.coding.operations import default_index
from bluehelmet.documents.model import Resolution
from bluehelmet.errors import DataFormatError
from bluehelmet.paths import default_corpus
from bluehelmet.register.query import mandate_events, operations
from bluehelmet.reuse.align import MATCH, align_tokens
from bluehelmet.reuse.tokens import token_spans

#: ``repeated`` from this share of a clause's tokens carried over (near-verbatim).
REPEAT_THRESHOLD = 0.8
#: Aligned spans below this score (five matching tokens in a row) are not carried over.
MIN_SCORE = 5 * MATCH
#: Who holds an operation's own force authorisation, by the operation's organisation.
UN_HOLDERS = frozenset({"un_operation"})
OTHER_HOLDERS = frozenset({"member_states", "regional_organisation"})
#: What :func:`force_repetition_summary` counts: mandates dated in these years.
SUMMARY_YEARS = (1999, 2026)
_NUMBER = re.compile(r"^\s*(?:\d+\s*\.|\([a-z0-9.]+\))\s*", re.IGNORECASE)
CHANGES = ("repeated", "changed", "dropped", "new", "none", "unknown")


class ForceParagraph(NamedTuple):
    """One paragraph the coder flags as authorising force."""

    label: str
    addressee: str
    text: str


class Similarity(NamedTuple):
    """How much of a clause is carried over from the previous one, with the longest span."""

    share: float
    evidence: str
    evidence_previous: str


def force_paragraphs(
    resolutions: Sequence[Resolution], coded: CodedResolution
) -> dict[int, list[ForceParagraph]]:
    """Force paragraphs of every resolution by number (resolutions without any: empty list).

    ``coded`` must be the coder's tables of ``resolutions`` (same order). Documents that are
    not resolutions are left out; the first document of a repeated number is kept.

    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Authorizes MINUSMA to use all necessary means;"
    >>> r = Resolution(9001, 2013, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> force_paragraphs([r], code_many([r], cache=False))[9001][0].addressee
    'un_operation'
    """
    p = coded.paragraphs
    labels, keys = p["label"].tolist(), p["paragraph"].fillna("").tolist()
    forces, addressees = p["force"].tolist(), p["addressee"].fillna("").tolist()
    found: dict[int, list[ForceParagraph]] = {}
    cursor = 0
    for res in resolutions:
        ops = res.operative()
        if [str(x) for x in labels[cursor : cursor + len(ops)]] != [o.label for o in ops]:
            raise DataFormatError(f"{res.symbol}: coded paragraphs do not match the text")
        rows = range(cursor, cursor + len(ops))
        cursor += len(ops)
        if res.kind != "resolution" or res.number is None or res.number in found:
            continue
        found[res.number] = [
            ForceParagraph(keys[i] or labels[i], addressees[i], op.text)
            for i, op in zip(rows, ops, strict=True)
            if forces[i]
        ]
    return found


@lru_cache(maxsize=2)
def corpus_coded(folders: tuple[Path, ...]) -> tuple[list[Resolution], CodedResolution]:
    """The resolutions in ``folders`` and the coder's tables of them, once per process.

    >>> import tempfile
    >>> corpus_coded((Path(tempfile.mkdtemp()),))[0]
    []
    """
    read, coded = code_folders(list(folders), progress=False)
    return list(read.resolutions), coded


@lru_cache(maxsize=2)
def _corpus_force_paragraphs(folders: tuple[Path, ...]) -> dict[int, list[ForceParagraph]]:
    """Force paragraphs of the corpus in ``folders``, read and coded once per process."""
    return force_paragraphs(*corpus_coded(folders)) if folders else {}


@lru_cache(maxsize=4096)
def clause_similarity(text: str, previous: str) -> Similarity:
    """Share of ``text``'s tokens matched inside spans aligned with ``previous``; longest span.

    Spans are found one after another: the best local alignment, then the best one
    among the tokens not yet aligned, until no span scores :data:`MIN_SCORE`; inside a span
    only the tokens matched in both count (a substituted word does not).

    >>> old = "Authorizes the Mission to use all necessary means to carry out its mandate"
    >>> clause_similarity(old, old).share
    1.0
    >>> s = clause_similarity("Authorizes the Mission to use all necessary means", old)
    >>> s.share, s.evidence
    (1.0, 'Authorizes the Mission to use all necessary means')
    """
    xs, ys = token_spans(text), token_spans(previous)
    x = [t for t, _, _ in xs]
    y = [t for t, _, _ in ys]
    covered, best = 0, (0, 0, 0, 0, 0)
    while True:
        score, i0, i1, j0, j1 = align_tokens(x, y)
        if score < MIN_SCORE:
            break
        blocks = SequenceMatcher(None, x[i0:i1], y[j0:j1], autojunk=False).get_matching_blocks()
        covered += sum(b.size for b in blocks)  # matched tokens: not the substituted ones
        if i1 - i0 > best[2] - best[1]:
            best = (score, i0, i1, j0, j1)
        x[i0:i1] = [f"\0x{i}" for i in range(i0, i1)]  # aligned once: never again
        y[j0:j1] = [f"\0y{j}" for j in range(j0, j1)]
    if not xs:
        return Similarity(0.0, "", "")
    _, i0, i1, j0, j1 = best
    evidence = text[xs[i0][1] : xs[i1 - 1][2]] if i1 > i0 else ""
    evidence_previous = previous[ys[j0][1] : ys[j1 - 1][2]] if j1 > j0 else ""
    return Similarity(round(covered / len(xs), 4), evidence, evidence_previous)


def mandate_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per operation × mandate resolution, in date order, with the previous mandate.

    Events without a resolution are left out; several events of one operation in one
    resolution make one row (``events`` joins them; ``chapter_vii`` and
    ``force_authorised`` are true when any of them is).

    >>> ev = pd.DataFrame({"operation": ["A", "A", "A"], "resolution": [5, 5, 9],
    ...     "date": pd.to_datetime(["2000-01-01"] * 2 + ["2001-01-01"]),
    ...     "event": ["establish", "authorise", "extend"], "chapter_vii": [True, True, False],
    ...     "force_authorised": [False, True, False], "force_addressee": [None] * 3})
    >>> mandate_rows(ev)[["resolution", "events", "previous_resolution"]].values.tolist()
    [[5, 'establish;authorise', <NA>], [9, 'extend', 5]]
    """
    ev = events.loc[events["resolution"].notna()].astype(
        {"resolution": "int64", "event": object, "force_addressee": object}
    )
    for column in ("chapter_vii", "force_authorised"):
        ev[column] = ev[column].astype("boolean").fillna(False).astype(bool)
    rows = (
        ev.groupby(["operation", "resolution"], sort=False)
        .agg(
            date=("date", "min"),
            events=("event", _joined),
            chapter_vii=("chapter_vii", "any"),
            force_authorised=("force_authorised", "any"),
            force_addressee=("force_addressee", _joined),
        )
        .reset_index()
        .sort_values(["operation", "date", "resolution"], kind="stable", ignore_index=True)
    )
    rows = rows.astype(
        {"resolution": "Int64", "chapter_vii": "boolean", "force_authorised": "boolean",
         "events": "string", "force_addressee": "string"}
    )  # fmt: skip
    rows["previous_resolution"] = rows.groupby("operation")["resolution"].shift().astype("Int64")
    return rows


def _joined(values: pd.Series) -> object:
    """Distinct ";"-separated items of ``values`` in order ("establish;extend"), NA when none."""
    items = dict.fromkeys(i for v in values if isinstance(v, str) for i in v.split(";") if i)
    return ";".join(items) if items else pd.NA


def _holders(operation: str, orgs: dict[str, str]) -> frozenset[str]:
    """Addressees of an operation's own force authorisation (UN unless the register says not)."""
    return UN_HOLDERS if orgs.get(operation, "UN") == "UN" else OTHER_HOLDERS


def _operation_clause(
    operation: str,
    paragraphs: list[ForceParagraph],
    holders: frozenset[str],
    others: set[str],
    number: int,
) -> list[ForceParagraph]:
    """The force paragraphs of ``operation``: its holders' paragraphs, and where the resolution
    concerns ``others`` with the same holders, those naming ``operation`` or none of them."""
    mine = [p for p in paragraphs if p.addressee in holders]
    if not others:
        return mine
    index = default_index()
    kept = []
    for p in mine:
        named = {m.acronym for m in index.mentions(p.text, number)}
        if operation in named or not named & others:
            kept.append(p)
    return kept


def force_repetition(
    operation: str | None = None,
    corpus: Sequence[Resolution] | None = None,
    events: pd.DataFrame | None = None,
    coded: CodedResolution | None = None,
) -> pd.DataFrame:
    """Each mandate's force clause for its operation, aligned with the previous mandate's.

    One row per operation × mandate resolution of ``mandate_events`` (optionally of one
    ``operation``), in date order per operation. Columns: ``operation``, ``resolution``,
    ``date``, ``events``, ``chapter_vii``, ``force_authorised``, ``force_addressee`` (the
    register's), ``previous_resolution`` (NA for the first), ``text``/``previous_text``
    (the text is in the corpus), ``force_paragraphs``/``previous_force_paragraphs`` (labels,
    "12;26"), ``force_similarity`` (0–1: share of the clause's tokens inside spans aligned
    with the previous clause; NA unless both have a clause), ``repeated`` (similarity >=
    :data:`REPEAT_THRESHOLD`), ``change`` (repeated, changed, dropped, new, none, or
    unknown when either text is missing), ``evidence``/``evidence_previous`` (the longest
    carried-over span in each clause), ``clause`` (the clause's text,
    :func:`clause_text`; "" when none, NA without a text).

    Which force paragraphs are the operation's: the coder's force paragraphs whose
    addressee holds the operation's own authorisation: ``un_operation`` for UN operations
    (so "Authorizes French forces ... in support of MINUSMA" is not MINUSMA's clause), and
    ``member_states`` or ``regional_organisation`` for the others. A resolution that
    concerns several operations with the same holder (MONUC and MONUSCO in 1925) gives each
    the paragraphs that name it or name none of them.

    ``corpus`` defaults to the shared texts (:func:`bluehelmet.paths.default_corpus`, read and
    coded once per process); ``coded`` is the coder's tables of ``corpus`` when the caller
    has them (else it is coded here); ``events`` defaults to the register's
    ``mandate_events``.

    >>> t = force_repetition("UNMISS")
    >>> t.change.isin(CHANGES).all() and t.resolution.is_unique
    True
    """
    if events is None:
        events = mandate_events(operation)
    elif operation is not None:
        events = events[events["operation"] == operation]
    if corpus is None:
        found = _corpus_force_paragraphs(tuple(default_corpus()))
    else:
        found = force_paragraphs(corpus, code_many(corpus) if coded is None else coded)
    rows = mandate_rows(events)
    ops = operations()
    orgs = dict(zip(ops["acronym"], ops["org"], strict=True))
    holders = {op: _holders(op, orgs) for op in rows["operation"].unique()}
    by_resolution = rows.groupby("resolution")["operation"].agg(list).to_dict()
    clauses: list[list[ForceParagraph] | None] = []
    for op, number in zip(rows["operation"], rows["resolution"], strict=True):
        paragraphs = found.get(int(number))
        if paragraphs is None:
            clauses.append(None)
            continue
        others = {o for o in by_resolution[number] if o != op and holders[o] == holders[op]}
        clauses.append(_operation_clause(op, paragraphs, holders[op], others, int(number)))
    return _compare(rows, clauses)


def _compare(rows: pd.DataFrame, clauses: list[list[ForceParagraph] | None]) -> pd.DataFrame:
    """Add the text, clause, similarity, change and evidence columns to ``rows``."""
    first = rows["previous_resolution"].isna().tolist()
    previous: list[list[ForceParagraph] | None] = [
        [] if is_first else clauses[i - 1] for i, is_first in enumerate(first)
    ]
    out = rows.copy()
    out["text"] = [c is not None for c in clauses]
    out["previous_text"] = pd.array(
        [pd.NA if f else p is not None for f, p in zip(first, previous, strict=True)],
        dtype="boolean",
    )
    out["force_paragraphs"] = [_labels(c) for c in clauses]
    out["clause"] = pd.array(
        [pd.NA if c is None else clause_text(x.text for x in c) for c in clauses], dtype="string"
    )
    out["previous_force_paragraphs"] = [
        pd.NA if f else _labels(p) for f, p in zip(first, previous, strict=True)
    ]
    similar = [
        clause_similarity(clause_text(x.text for x in c), clause_text(x.text for x in p))
        if c and p
        else None
        for c, p in zip(clauses, previous, strict=True)
    ]
    out["force_similarity"] = pd.array([s.share if s else pd.NA for s in similar], dtype="Float64")
    out["repeated"] = (out["force_similarity"] >= REPEAT_THRESHOLD).astype("boolean")
    out["change"] = [
        _change(c, p, s) for c, p, s in zip(clauses, previous, out["repeated"], strict=True)
    ]
    out["evidence"] = pd.array([s.evidence if s else pd.NA for s in similar], dtype="string")
    out["evidence_previous"] = pd.array(
        [s.evidence_previous if s else pd.NA for s in similar], dtype="string"
    )
    for column in ("force_paragraphs", "previous_force_paragraphs", "change"):
        out[column] = out[column].astype("string")
    return out


def _labels(paragraphs: list[ForceParagraph] | None) -> object:
    """ "12;26", "" when no force paragraph, NA when there is no text."""
    return pd.NA if paragraphs is None else ";".join(p.label for p in paragraphs)


def clause_text(texts: Iterable[str]) -> str:
    """A clause from its paragraphs' texts: without their numbers ("12. ", "(a) "), one a line.

    >>> clause_text(["12. Authorizes MINUSMA to use all necessary means;", "(a) To protect"])
    'Authorizes MINUSMA to use all necessary means;\\nTo protect'
    """
    return "\n".join(_NUMBER.sub("", text, count=1) for text in texts)


def _change(
    clause: list[ForceParagraph] | None, previous: list[ForceParagraph] | None, repeated: object
) -> str:
    if clause is None or previous is None:
        return "unknown"
    if clause and previous:
        return "repeated" if repeated is not pd.NA and bool(repeated) else "changed"
    if previous:
        return "dropped"
    return "new" if clause else "none"


def force_repetition_summary(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per multidimensional operation, mandates 1999–2026 and how many repeat their force clause.

    Columns: ``mandates`` (mandate resolutions dated in :data:`SUMMARY_YEARS`),
    ``with_text``, ``chapter_vii`` (of those with text, the register says the resolution
    acts under Chapter VII; such a mandate need not state a force authorisation, as UNMIL's
    and MINUSTAH's do not), ``chvii_force`` (of those with text, the register says Chapter
    VII and a force authorisation of the operation itself, see :func:`force_repetition`),
    ``without_clause`` (of those, the coder finds no force paragraph for the operation),
    ``with_previous`` (a force clause here and in the previous mandate's text),
    ``repeated`` (of those, near-verbatim), ``share_repeated`` (repeated / with_previous).
    The last row, ``operation == "total"``, sums the others.

    ``table`` defaults to :func:`force_repetition` over the register and the shared texts.

    >>> s = force_repetition_summary()
    >>> bool(s.iloc[-1]["operation"] == "total")
    True
    """
    if table is None:
        table = force_repetition()
    ops = operations()
    orgs = dict(zip(ops["acronym"], ops["org"], strict=True))
    multi = set(ops.loc[ops["type"] == "multidimensional", "acronym"])
    first, last = SUMMARY_YEARS
    t = table[table["operation"].isin(multi) & table["date"].dt.year.between(first, last)]
    addressees = t["force_addressee"].fillna("").str.split(";")
    own = pd.Series(
        [
            bool(set(a) & _holders(op, orgs))
            for op, a in zip(t["operation"], addressees, strict=True)
        ],
        index=t.index,
    )
    force = t["text"] & t["chapter_vii"].fillna(False) & t["force_authorised"].fillna(False) & own
    compared = force & t["force_similarity"].notna()
    counts = pd.DataFrame(
        {
            "operation": t["operation"],
            "mandates": 1,
            "with_text": t["text"].astype(int),
            "chapter_vii": (t["text"] & t["chapter_vii"].fillna(False)).astype(int),
            "chvii_force": force.astype(int),
            "without_clause": (force & (t["force_paragraphs"].fillna("") == "")).astype(int),
            "with_previous": compared.astype(int),
            "repeated": (compared & t["repeated"].fillna(False)).astype(int),
        }
    )
    summary = counts.groupby("operation", sort=True).sum().reset_index()
    total = summary.drop(columns="operation").sum().to_frame().T.assign(operation="total")
    summary = pd.concat([summary, total[summary.columns]], ignore_index=True)
    share = summary["repeated"] / summary["with_previous"].where(summary["with_previous"] > 0)
    summary["share_repeated"] = share.round(3).astype("Float64")
    return summary
