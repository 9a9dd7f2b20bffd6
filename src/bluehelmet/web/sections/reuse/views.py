"""What the reuse explorer's pages and API show, cut from :func:`.data.reuse_data`
(presentation only: the families, pairs and shares are the reuse engine's)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.web.coded import corpus_state
from bluehelmet.web.sections import PanelContent
from bluehelmet.web.sections.reuse.charts import family_years_chart, share_bar
from bluehelmet.web.sections.reuse.data import KINDS, FamilySet, reuse_data
from bluehelmet.web.sections.reuse.diff import word_diff
from bluehelmet.web.tables import records

SUMMARY_COLUMNS = [
    "family", "size", "n_docs", "origin_doc", "origin_id", "origin_number", "origin_date",
    "origin_group", "first_year", "last_year", "n_groups", "groups", "years", "origin_text",
]  # fmt: skip
MEMBER_COLUMNS = [
    "doc", "id", "number", "paragraph", "date", "group", "origin", "source_id", "jaccard",
    "containment", "text",
]  # fmt: skip
PARAGRAPH_COLUMNS = ["doc", "id", "number", "paragraph", "date", "group", "text"]
SHARE_COLUMNS = [
    "paragraph", "id", "chars", "reused_same", "reused_other", "reused_share", "family",
    "source_id", "source_jaccard",
]  # fmt: skip
#: Pairs listed on a family page (all of them are in its pairs CSV).
MAX_PAIRS_SHOWN = 200
NAMES = {"families": "clause family", "boilerplate": "boilerplate formula"}
SOURCE = (
    "Source: the bluehelmet reuse engine (word 5-grams, MinHash LSH, exact Jaccard ≥ 0.6 or "
    "containment ≥ 0.8, Smith–Waterman alignment) on the operative paragraphs of the corpus "
    "in BLUEHELMET_CORPUS; dates, operations and force flags from the mandate coder."
)


def family_set(kind: str) -> FamilySet:
    """The clause families or the boilerplate formulas of the configured corpus.

    >>> family_set("nope")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no family kind 'nope'; use families, boilerplate
    """
    if kind not in KINDS:
        raise NotFoundError(f"no family kind {kind!r}; use {', '.join(KINDS)}")
    return reuse_data().sets[kind]


def _contains(joined: pd.Series, value: str) -> pd.Series:
    return joined.fillna("").str.lower().str.split(";").map(lambda items: value.lower() in items)


def family_list(kind: str, operation: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Families of at least two paragraphs, largest first; those that reached ``operation``
    (an acronym) or were used in ``year`` when given.

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     list(family_list("families", year=1999).columns[:3])
    ['family', 'size', 'n_docs']
    """
    summary = family_set(kind).summary
    keep = pd.Series(True, index=summary.index)
    if operation is not None:
        keep &= _contains(summary["groups"], operation)
    if year is not None:
        keep &= _contains(summary["years"], str(year))
    return summary.loc[keep, SUMMARY_COLUMNS].reset_index(drop=True)


def family_number(kind: str, raw: str | int) -> int:
    """The family number in a URL segment, or NotFoundError when it names no family of two or
    more paragraphs.

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     family_number("families", "7")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no clause family '7'; the list is at /reuse
    """
    raw = str(raw)
    summary = family_set(kind).summary
    if raw.isascii() and raw.isdigit() and len(raw) <= 9 and int(raw) in set(summary["family"]):
        return int(raw)
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    raise NotFoundError(f"no {NAMES[kind]} {shown!r}; the list is at /reuse")


def pair_url(source_id: str, target_id: str) -> str:
    """The side-by-side page of one pair.

    >>> pair_url("247:3", "254:2")
    '/reuse/pair?source=247%3A3&target=254%3A2'
    """
    return "/reuse/pair?" + urlencode({"source": source_id, "target": target_id})


def family_members(kind: str, family: str | int) -> pd.DataFrame:
    """A family's paragraphs in time order, each with its most similar earlier member
    (``source_id``, ``jaccard``, ``containment``; empty for the origin); NotFoundError for an
    unknown family.

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     family_members("boilerplate", 0)
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no boilerplate formula '0'; the list is at /reuse
    """
    number = family_number(kind, family)
    chosen = family_set(kind)
    members = chosen.members[chosen.members["family"] == number]
    pairs = chosen.pairs[chosen.pairs["family"] == number].sort_values(
        ["jaccard", "containment"], ascending=False, kind="stable"
    )
    best = pairs.drop_duplicates(["target_doc", "target_id"]).set_index(["target_doc", "target_id"])
    keys = pd.MultiIndex.from_frame(members[["doc", "id"]])
    found = best.reindex(keys)
    out = members.assign(
        source_id=found["source_id"].to_numpy(),
        jaccard=found["jaccard"].to_numpy(dtype=float),
        containment=found["containment"].to_numpy(dtype=float),
    )
    out = out.assign(_undated=out["date"] == "").sort_values(
        ["_undated", "date", "doc", "id"], kind="stable"
    )
    return out[MEMBER_COLUMNS].reset_index(drop=True)


def family_pairs(kind: str, family: str | int) -> pd.DataFrame:
    """The verified pairs that joined a family (source earlier than target); NotFoundError for
    an unknown family.

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     family_pairs("families", "x")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no clause family 'x'; the list is at /reuse
    """
    number = family_number(kind, family)
    chosen = family_set(kind)
    return chosen.pairs[chosen.pairs["family"] == number].reset_index(drop=True)


def _symbol(row: pd.Series) -> str:
    return f"S/RES/{row['number']}" if pd.notna(row["number"]) else str(row["doc"])


def _years(members: pd.DataFrame) -> pd.DataFrame:
    """Distinct resolutions using the family per year, with their symbols."""
    dated = members.assign(year=pd.to_numeric(members["date"].str[:4], errors="coerce"))
    dated = dated.dropna(subset=["year"]).drop_duplicates("doc")
    dated = dated.assign(year=dated["year"].astype(int), symbol=dated.apply(_symbol, axis=1))
    grouped = dated.groupby("year")
    return pd.DataFrame(
        {
            "resolutions": grouped.size(),
            "symbols": grouped["symbol"].agg(", ".join),
        }
    ).reset_index()


def family_view(kind: str, family: str | int) -> dict[str, Any]:
    """Everything a family page shows: summary, origin, members over time, pairs, chart.

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     family_view("families", "816")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no clause family '816'; the list is at /reuse
    """
    number = family_number(kind, family)
    summary = family_set(kind).summary
    row = records(summary[summary["family"] == number][SUMMARY_COLUMNS])[0]
    members = family_members(kind, number)
    origin = records(members.head(1))[0]
    years = _years(members)
    name = f"{NAMES[kind]} {number}"
    chart = None
    if not years.empty:
        origin_year = int(origin["date"][:4]) if origin["date"][:4].isdigit() else None
        chart = family_years_chart(years, origin_year, name, reuse_data().uncovered)
    first_of_year = members.assign(year=members["date"].str[:4]).drop_duplicates("year")
    rows = records(members)
    for r in rows:
        r["pair_url"] = pair_url(r["source_id"], r["id"]) if r["source_id"] else None
    all_pairs = family_pairs(kind, number)
    pairs = records(all_pairs.head(MAX_PAIRS_SHOWN))
    for p in pairs:
        p["pair_url"] = pair_url(p["source_id"], p["target_id"])
    return {
        "kind": kind,
        "name": name,
        "family": row,
        "origin": origin,
        "members": rows,
        "pairs": pairs,
        "n_pairs": len(all_pairs),
        "chart": chart,
        "row_ids": {int(i): f"y{y}" for i, y in first_of_year["year"].items() if y.isdigit()},
    }


def find_pair(source_id: str, target_id: str) -> tuple[str, pd.Series]:
    """The kind and the row of the verified pair from paragraph ``source_id`` to ``target_id``,
    or NotFoundError.

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     find_pair("247:3", "254:3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no verified pair from '247:3' to '254:3'; pairs are ...
    """
    for kind in KINDS:
        pairs = family_set(kind).pairs
        hit = pairs[(pairs["source_id"] == source_id) & (pairs["target_id"] == target_id)]
        if not hit.empty:
            return kind, hit.iloc[0]
    raise NotFoundError(
        f"no verified pair from {source_id[:40]!r} to {target_id[:40]!r}; "
        "pairs are listed on the family pages under /reuse"
    )


def _paragraph(doc: str, id_: str) -> dict[str, Any]:
    paras = reuse_data().paragraphs
    found = paras[(paras["doc"] == doc) & (paras["id"] == id_)]
    return records(found[PARAGRAPH_COLUMNS])[0]


def _span(start: Any, end: Any, length: int) -> tuple[int, int]:
    if pd.isna(start) or pd.isna(end):
        return 0, length
    return int(start), int(end)


def pair_view(source_id: str, target_id: str) -> dict[str, Any]:
    """The two paragraphs of a pair side by side, with their word-level differences
    (:func:`~bluehelmet.web.sections.reuse.diff.word_diff`); NotFoundError for an unknown pair.

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     pair_view("1:1", "2:1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no verified pair from '1:1' to '2:1'; ...
    """
    kind, pair = find_pair(source_id, target_id)
    source = _paragraph(pair["source_doc"], source_id)
    target = _paragraph(pair["target_doc"], target_id)
    diff = word_diff(
        source["text"],
        target["text"],
        _span(pair["source_start"], pair["source_end"], len(source["text"])),
        _span(pair["target_start"], pair["target_end"], len(target["text"])),
    )
    return {
        "kind": kind,
        "name": NAMES[kind],
        "pair": records(pair.to_frame().T.infer_objects())[0],
        "source": source,
        "target": target,
        "diff": diff,
    }


def pair_table(source_id: str, target_id: str) -> pd.DataFrame:
    """One pair as a table row: the engine's columns, the family and both texts.

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     pair_table("1:1", "2:1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: no verified pair from '1:1' to '2:1'; ...
    """
    view = pair_view(source_id, target_id)
    row = dict(view["pair"], kind=view["kind"])
    row.update(source_text=view["source"]["text"], target_text=view["target"]["text"])
    return pd.DataFrame([row])


def resolution_shares() -> pd.DataFrame:
    """Per resolution of the corpus: operative characters reused from earlier resolutions of
    the same operation, of others, and the novelty (boilerplate left out).

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     list(resolution_shares().columns[:3])
    ['number', 'doc', 'kind']
    """
    return reuse_data().shares


def resolution_paragraphs(number: int) -> pd.DataFrame:
    """One resolution's operative paragraphs with their reused characters, clause family and
    most similar earlier source (empty for a resolution not in the corpus).

    >>> import tempfile
    >>> from unittest import mock
    >>> empty = {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}
    >>> with mock.patch.dict("os.environ", empty):
    ...     len(resolution_paragraphs(1270))
    0
    """
    per = reuse_data().paragraph_shares
    return per.loc[per["number"] == number, SHARE_COLUMNS].reset_index(drop=True)


def reuse_panel(number: int) -> PanelContent | None:
    """The resolution page's block: how much of its operative text repeats earlier ones
    (None without a corpus or when the corpus has no operative paragraphs of it).

    >>> reuse_panel(-1) is None
    True
    """
    if corpus_state() is None:
        return None
    shares = resolution_shares()
    found = shares[shares["number"] == number]
    if found.empty:
        return None
    row = found.iloc[0]
    chars = int(row["chars"])
    reused = int(row["reused_same"] + row["reused_other"])
    table = resolution_paragraphs(number)
    in_family = int(table["family"].notna().sum())
    note = (
        f"{row['reused_share']:.1%} of the operative text ({reused:,} of {chars:,} characters) "
        f"repeats earlier resolutions: {row['share_same']:.1%} from resolutions of the same "
        f"operation, {row['share_other']:.1%} from others. {in_family} of its {len(table)} "
        "operative paragraphs belong to a clause family; see the reuse explorer (/reuse)."
    )
    source = (
        SOURCE + " Reused = characters inside the aligned spans of verified pairs with earlier "
        "resolutions; boilerplate formulas are left out."
    )
    chart = share_bar(float(row["share_same"]), float(row["share_other"]), number)
    return PanelContent(chart, table, source, note)
