"""Is the force mandate repeated, and from where? The reuse explorer's force-clause pages.

Each operation's mandate resolutions with their force clause aligned with the previous
mandate's (:func:`bluehelmet.reuse.repetition.force_repetition`, computed once per corpus
state), the 1999–2026 summary for multidimensional operations
(:func:`~bluehelmet.reuse.repetition.force_repetition_summary`), and for one clause its
paragraphs side by side with the previous mandate's and each paragraph's best earlier source
anywhere in the corpus (:func:`bluehelmet.reuse.measures.force_genealogy`, on the explorer's
verified pairs); and each mandate's whole operative text carried over
(:func:`bluehelmet.reuse.carryover.mandate_carryover`, on the same pairs).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from bluehelmet.coding.batch import code_folders
from bluehelmet.errors import NotFoundError
from bluehelmet.reuse.carryover import SHARES as CARRIED
from bluehelmet.reuse.carryover import mandate_carryover
from bluehelmet.reuse.measures import force_genealogy
from bluehelmet.reuse.repetition import clause_text, force_repetition, force_repetition_summary
from bluehelmet.reuse.templates import force_sources, force_templates, template_cells
from bluehelmet.web.cache import locked_cache
from bluehelmet.web.coded import CorpusState, corpus_state
from bluehelmet.web.data import canonical_acronym
from bluehelmet.web.sections.reuse.data import NO_CORPUS, excerpt, reuse_data
from bluehelmet.web.sections.reuse.diff import Diff, word_diff
from bluehelmet.web.sections.reuse.views import pair_url
from bluehelmet.web.tables import records

ROW_COLUMNS = [
    "operation", "resolution", "date", "events", "chapter_vii", "force_authorised",
    "force_addressee", "previous_resolution", "text", "previous_text", "force_paragraphs",
    "previous_force_paragraphs", "force_similarity", "repeated", "change", "evidence",
    "evidence_previous",
]  # fmt: skip
#: What each ``change`` means, shown beside its label.
CHANGE_NOTES = {
    "repeated": "near-verbatim repeat of the previous force clause",
    "changed": "a force clause here and before, reworded",
    "dropped": "the previous mandate had a force clause, this one has none",
    "new": "a force clause where the previous mandate had none (or the first mandate)",
    "none": "no force clause here nor before",
    "unknown": "no text of this resolution or of the previous one (1995–1999 has none)",
}
SOURCE = (
    "Source: the register's mandate events (which resolutions are an operation's mandates, "
    "Chapter VII, force authorised); force paragraphs from the mandate coder on the texts in "
    "BLUEHELMET_CORPUS; similarity = share of the clause's words inside spans aligned with the "
    "previous clause (Smith–Waterman), repeated from 0.8; earlier sources from the reuse "
    "engine's verified pairs."
)


#: The carry-over shares each mandate row of an operation's page gets.
SHARES = (*CARRIED, "share_new")


@locked_cache()
def _table(state: CorpusState) -> pd.DataFrame:
    # the texts read and coded here, per state: a new text (a newer folder) is seen
    read, coded = code_folders([folder for folder, _ in state], progress=False)
    return force_repetition(corpus=read.resolutions, coded=coded)


def force_table() -> pd.DataFrame:
    """Every operation's mandate resolutions with their force clause compared with the
    previous one (the configured corpus; NotFoundError without one).

    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": ""}):
    ...     force_table()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the reuse explorer needs a corpus of resolution texts: ...
    """
    state = corpus_state()
    if state is None:
        raise NotFoundError(NO_CORPUS)
    return _table(state)


@locked_cache()
def _sources_table(state: CorpusState) -> pd.DataFrame:
    return force_sources(force_table())


def template_rows(top: int = 10) -> list[dict[str, Any]]:
    """The ``top`` largest cells of the operations × operations template matrix (how many of
    the target's force clauses have their best other-operation source in the source's).

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     template_rows()
    []
    """
    state = corpus_state()
    if state is None:
        raise NotFoundError(NO_CORPUS)
    return records(template_cells(force_templates(_sources_table(state)), top))


def template_source(operation: str, resolution: int) -> dict[str, Any] | None:
    """The best earlier force clause of another operation for one clause (``force_sources``),
    with its clause page, its paragraph labels and the word differences of the two clauses;
    None when the clause has none (or no text).

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     template_source("MINUSMA", 2100) is None
    True
    """
    state = corpus_state()
    if state is None:
        raise NotFoundError(NO_CORPUS)
    sources = _sources_table(state)
    found = sources[(sources["operation"] == operation) & (sources["resolution"] == resolution)]
    if found.empty or pd.isna(found["source_operation"].iloc[0]):
        return None
    row = records(found.head(1))[0]
    row["url"] = clause_url(row["source_operation"], row["source_resolution"])
    table = force_table().set_index(["operation", "resolution"])
    here = table.loc[(operation, resolution)]
    there = table.loc[(row["source_operation"], row["source_resolution"])]
    row["labels"] = [{"paragraph": p} for p in str(there["force_paragraphs"]).split(";")]
    row["diff"] = word_diff(
        str(there["clause"]),
        str(here["clause"]),
        _span(str(there["clause"]), row["evidence_source"]),
        _span(str(here["clause"]), row["evidence"]),
    )
    return row


def force_summary() -> pd.DataFrame:
    """Per multidimensional operation, mandates 1999–2026 that authorise force under Chapter
    VII and how many repeat the previous clause, and a ``total`` row.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     summary = force_summary()
    >>> summary["operation"].iloc[-1], int(summary["with_text"].iloc[-1])
    ('total', 0)
    """
    return force_repetition_summary(force_table())


def operation_name(raw: str) -> str:
    """The register's acronym for ``raw``, or NotFoundError (with suggestions) for an unknown
    operation or one without mandate resolutions.

    >>> operation_name("UNAMSI")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: unknown operation 'UNAMSI'; did you mean UNAMSIL, ...?
    """
    name = canonical_acronym(raw)
    if not (force_table()["operation"] == name).any():
        raise NotFoundError(f"{name} has no mandate resolutions in the register; see /reuse/force")
    return name


def operation_rows(name: str) -> pd.DataFrame:
    """One operation's mandate resolutions in date order (NotFoundError for an unknown one).

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     set(operation_rows("MINUSMA")["change"])
    {'unknown'}
    """
    table = force_table()
    found = table[table["operation"] == operation_name(name)]
    return found[ROW_COLUMNS].reset_index(drop=True)


@locked_cache()
def _carryover(state: CorpusState) -> pd.DataFrame:
    data = reuse_data()
    return mandate_carryover(data.tables.pairs, data.paragraphs)


def carryover_table(operation: str | None = None) -> pd.DataFrame:
    """Each operation's (or one ``operation``'s) mandate resolutions with the shares of their
    operative text carried over (:func:`~bluehelmet.reuse.carryover.mandate_carryover` on the
    explorer's verified pairs); NotFoundError for an unknown operation.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     t = carryover_table("MINUSMA")
    >>> set(t["operation"]), bool(t["text"].any()), bool(t["share_new"].isna().all())
    ({'MINUSMA'}, False, True)
    """
    state = corpus_state()
    if state is None:
        raise NotFoundError(NO_CORPUS)
    table = _carryover(state)
    if operation is not None:
        table = table[table["operation"] == operation_name(operation)]
    return table.reset_index(drop=True)


def clause_url(operation: str, resolution: int) -> str:
    """The page of one mandate's force clause.

    >>> clause_url("MINUSMA", 2531)
    '/reuse/force/MINUSMA/2531'
    """
    return f"/reuse/force/{operation}/{resolution}"


def chain_rows(name: str) -> list[dict[str, Any]]:
    """The operation's mandates for its page: each row with its clause page, a short
    evidence excerpt and the shares of its operative text carried over.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     chain_rows("MINUSMA")[0]["clause_url"]
    '/reuse/force/MINUSMA/2100'
    """
    shares = carryover_table(name).set_index("resolution")[list(SHARES)]
    rows = records(operation_rows(name).join(shares, on="resolution"))
    for row in rows:
        row["clause_url"] = clause_url(row["operation"], row["resolution"])
        row["excerpt"] = excerpt(row["evidence"]) if row["evidence"] else ""
    return rows


def _resolution(raw: str, rows: pd.DataFrame, name: str) -> pd.Series:
    """The row of resolution ``raw`` in the operation's chain, or NotFoundError."""
    numbers = rows["resolution"].astype(int)
    if raw.isascii() and raw.isdigit() and len(raw) <= 6 and (numbers == int(raw)).any():
        return rows[numbers == int(raw)].iloc[0]
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    raise NotFoundError(
        f"{shown!r} is not a mandate resolution of {name}; its mandates are at /reuse/force/{name}"
    )


def _paragraphs(number: int, labels: object) -> pd.DataFrame:
    """The explorer's paragraphs of resolution ``number`` labelled ``labels`` ("12;26")."""
    wanted = [label for label in str(labels).split(";") if label] if pd.notna(labels) else []
    paras = reuse_data().paragraphs
    found = paras[(paras["number"] == number) & paras["paragraph"].isin(wanted)]
    order = {label: i for i, label in enumerate(wanted)}
    return found.sort_values("paragraph", key=lambda s: s.map(order), kind="stable")


@locked_cache()
def _genealogy(state: CorpusState) -> pd.DataFrame:
    data = reuse_data()
    numbers = data.paragraphs.drop_duplicates("doc").set_index("doc")["number"]
    found = force_genealogy(data.sets["families"].pairs, data.paragraphs)
    return found.assign(source_number=found["source_doc"].map(numbers).astype("Int64"))


def _sources(paragraphs: pd.DataFrame, name: str, chain: set[int]) -> list[dict[str, Any]]:
    """Each clause paragraph's best earlier source, marked when another operation's."""
    state = corpus_state()
    if state is None or paragraphs.empty:
        return []
    genealogy = _genealogy(state)
    found = genealogy[genealogy["id"].isin(paragraphs["id"])]
    rows = records(found)
    for row in rows:
        number = row["source_number"]
        row["elsewhere"] = bool(row["source_id"]) and (
            row["source_group"] != name and number not in chain
        )
        row["pair_url"] = pair_url(row["source_id"], row["id"]) if row["source_id"] else None
    return rows


def _span(text: str, evidence: object) -> tuple[int, int]:
    """Where ``evidence`` sits in ``text`` (empty span when absent)."""
    start = text.find(str(evidence)) if isinstance(evidence, str) and evidence else -1
    return (start, start + len(str(evidence))) if start >= 0 else (0, 0)


def clause_view(operation: str, resolution: str) -> dict[str, Any]:
    """One mandate's force clause beside the previous mandate's, their word differences and
    the clause paragraphs' best earlier sources; NotFoundError for a resolution not in the
    operation's chain.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     clause_view("MINUSMA", "1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: '1' is not a mandate resolution of MINUSMA; ...
    """
    name = operation_name(operation)
    rows = operation_rows(name)
    row = _resolution(resolution, rows, name)
    number = int(row["resolution"])
    previous = row["previous_resolution"]
    here = _paragraphs(number, row["force_paragraphs"])
    before = (
        _paragraphs(int(previous), row["previous_force_paragraphs"])
        if pd.notna(previous)
        else here.iloc[0:0]
    )
    text, previous_text = clause_text(here["text"]), clause_text(before["text"])
    diff: Diff | None = None
    if text and previous_text:
        diff = word_diff(
            previous_text,
            text,
            _span(previous_text, row["evidence_previous"]),
            _span(text, row["evidence"]),
        )
    chain = set(rows["resolution"].astype(int))
    return {
        "operation": name,
        "row": records(row.to_frame().T.infer_objects())[0],
        "previous_url": clause_url(name, int(previous)) if pd.notna(previous) else None,
        "paragraphs": records(here[["id", "paragraph", "text"]]),
        "previous_paragraphs": records(before[["id", "paragraph", "text"]]),
        "diff": diff,
        "sources": _sources(here, name, chain),
        "other_source": template_source(name, number),
        "change_note": CHANGE_NOTES[str(row["change"])],
    }
