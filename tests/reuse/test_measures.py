"""Reuse measures computed by hand on small paragraph and pair tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.reuse.measures import (
    covered,
    force_genealogy,
    group_matrix,
    paragraph_reuse,
    repetition_index,
    resolution_reuse,
)
from bluehelmet.reuse.schema import PAIR_COLUMNS

# doc, id, text length, date, group, force
PARAS = [
    ("R0", "0:1", 10, "1999-03-01", "H", True),
    ("R1", "1:1", 10, "2000-01-01", "G", False),
    ("R1", "1:2", 10, "2000-01-01", "G", True),
    ("R2", "2:1", 10, "2001-02-01", "G", False),
    ("R2", "2:2", 20, "2001-02-01", "G", True),
    ("R3", "3:1", 40, "2001-09-01", "H", True),
]


def _paragraphs() -> pd.DataFrame:
    rows = [(d, i, "x" * n, date, g, f) for d, i, n, date, g, f in PARAS]
    return pd.DataFrame(rows, columns=["doc", "id", "text", "date", "group", "force"])


def _pairs(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS))


PAIRS = _pairs(
    [
        # source, target, jaccard, containment, source span, target span
        ("R1", "1:1", "R2", "2:1", 1.0, 1.0, 0, 10, 0, 10),  # R2 2:1 all same-group
        ("R1", "1:2", "R2", "2:2", 0.5, 0.6, 0, 5, 0, 5),  # same group, [0, 5)
        ("R0", "0:1", "R2", "2:2", 0.7, 0.8, 0, 9, 3, 12),  # other group, [3, 12)
        ("R1", "1:1", "R1", "1:2", 1.0, 1.0, 0, 10, 0, 10),  # same document: ignored
        ("R3", "3:1", "R1", "1:1", 1.0, 1.0, 0, 10, 0, 10),  # source later: ignored
        ("R2", "2:2", "R3", "3:1", 0.4, 0.5, 0, 10, 0, 10),  # other group [0, 10)
        ("R0", "0:1", "R3", "3:1", 0.95, 0.9, np.nan, np.nan, np.nan, np.nan),  # same, all
    ]
)


def test_covered_merges_overlapping_and_touching_spans() -> None:
    assert covered([]) == 0
    assert covered([(3, 12), (0, 5)]) == 12
    assert covered([(0, 5), (5, 8), (10, 11)]) == 9


def test_paragraph_reuse_splits_same_and_other_group() -> None:
    out = paragraph_reuse(PAIRS, _paragraphs()).set_index("id")
    assert out.loc["2:1", ["reused_same", "reused_other"]].tolist() == [10, 0]
    # same [0,5) = 5; all = [0,12) = 12; other-only = 7
    assert out.loc["2:2", ["reused_same", "reused_other"]].tolist() == [5, 7]
    assert out.loc["2:2", "reused_share"] == pytest.approx(12 / 20)
    # R0 (group H) -> R3 (group H) has no spans: it covers the whole paragraph.
    assert out.loc["3:1", ["reused_same", "reused_other"]].tolist() == [40, 0]
    assert out.loc["1:1", "reused_share"] == 0.0  # later source ignored
    assert out.loc["1:2", "reused_share"] == 0.0  # same-document pair ignored


def test_resolution_reuse_shares_and_novelty() -> None:
    out = resolution_reuse(PAIRS, _paragraphs()).set_index("doc")
    assert out.index.tolist() == ["R0", "R1", "R2", "R3"]
    r2 = out.loc["R2"]
    assert (r2["n_paragraphs"], r2["chars"]) == (2, 30)
    assert (r2["reused_same"], r2["reused_other"]) == (15, 7)
    assert r2["share_same"] == pytest.approx(15 / 30)
    assert r2["share_other"] == pytest.approx(7 / 30)
    assert r2["novelty"] == pytest.approx(8 / 30)
    assert out.loc["R1", "novelty"] == 1.0
    assert out.loc["R3", "reused_share"] == pytest.approx(1.0)
    assert out.loc["R3", "group"] == "H"


def test_unknown_group_counts_as_other() -> None:
    paras = _paragraphs().assign(group=["", "", "", "", "", ""])
    out = resolution_reuse(PAIRS, paras).set_index("doc")
    assert out.loc["R2", "reused_same"] == 0
    assert out.loc["R2", "reused_other"] == 22


def test_repetition_index_is_the_mean_paragraph_share_per_year() -> None:
    paras = pd.concat(
        [_paragraphs(), pd.DataFrame([dict(doc="R9", id="9:1", text="y", date="", group="")])]
    )
    out = repetition_index(PAIRS, paras)
    assert out["year"].tolist() == [1999, 2000, 2001]  # undated R9 left out
    assert out["n_paragraphs"].tolist() == [1, 2, 3]
    assert out["n_docs"].tolist() == [1, 1, 2]
    # 2001: shares 1.0 (2:1), 0.6 (2:2), 1.0 (3:1)
    assert out["repetition_index"].tolist() == pytest.approx([0.0, 0.0, (1.0 + 0.6 + 1.0) / 3])


def test_force_genealogy_picks_the_best_earlier_source() -> None:
    out = force_genealogy(PAIRS, _paragraphs()).set_index("id")
    assert out.index.tolist() == ["0:1", "1:2", "2:2", "3:1"]
    assert out.loc["0:1", "relation"] == "new"
    assert out.loc["0:1", "source_doc"] == ""
    assert out.loc["0:1", "source_force"] is pd.NA
    assert out.loc["1:2", "relation"] == "new"  # only a same-document pair
    # 2:2 has sources 1:2 (0.5) and 0:1 (0.7): the best is 0:1, adapted.
    best = out.loc["2:2"]
    assert (best["source_doc"], best["source_id"], best["relation"]) == ("R0", "0:1", "adapted")
    assert (best["jaccard"], best["source_group"], bool(best["source_force"])) == (0.7, "H", True)
    # 3:1 has sources 2:2 (0.4) and 0:1 (0.95): copied from 0:1.
    assert out.loc["3:1", ["source_id", "relation"]].tolist() == ["0:1", "copied"]
    assert math.isnan(out.loc["0:1", "jaccard"])


def test_force_genealogy_ties_go_to_containment_then_the_earliest_source() -> None:
    pairs = _pairs(
        [
            ("R1", "1:1", "R3", "3:1", 0.6, 0.7, 0, 1, 0, 1),
            ("R2", "2:1", "R3", "3:1", 0.6, 0.7, 0, 1, 0, 1),
            ("R0", "0:1", "R3", "3:1", 0.6, 0.5, 0, 1, 0, 1),
        ]
    )
    out = force_genealogy(pairs, _paragraphs()).set_index("id")
    assert out.loc["3:1", ["source_id", "relation"]].tolist() == ["1:1", "adapted"]
    assert not out.loc["3:1", "source_force"]


def test_force_genealogy_needs_a_force_column() -> None:
    with pytest.raises(DataFormatError, match="force"):
        force_genealogy(PAIRS, _paragraphs().drop(columns="force"))


def test_group_matrix_counts_cross_document_earlier_pairs() -> None:
    out = group_matrix(PAIRS, _paragraphs())
    # Kept: G->G, G->G, H->G, G->H, H->H (same-document and later-source pairs dropped).
    assert out.index.tolist() == ["G", "H"]
    assert out.columns.tolist() == ["G", "H"]
    assert out.values.tolist() == [[2, 1], [1, 1]]
    assert int(out.values.sum()) == 5


def test_empty_pairs_give_zero_reuse() -> None:
    empty = pd.DataFrame(columns=list(PAIR_COLUMNS))
    assert resolution_reuse(empty, _paragraphs())["novelty"].tolist() == [1.0] * 4
    assert group_matrix(empty, _paragraphs()).shape == (0, 0)
    assert set(force_genealogy(empty, _paragraphs())["relation"]) == {"new"}


def test_group_matrix_says_what_it_counts() -> None:
    paras = pd.DataFrame(
        {"doc": ["A", "B", "C"], "id": ["1", "1", "1"], "text": ["x"] * 3, "group": ["G", "G", "H"]}
    )
    into_c = pd.DataFrame(
        [["A", "1", "C", "1"], ["B", "1", "C", "1"]], columns=list(PAIR_COLUMNS[:4])
    )
    assert group_matrix(into_c, paras).loc["G", "H"] == 1  # one paragraph of H reuses G
    assert group_matrix(into_c, paras, count="pairs").loc["G", "H"] == 2
    with pytest.raises(UsageError, match="count"):
        group_matrix(into_c, paras, count="resolutions")  # type: ignore[arg-type]
