"""The engine against brute force on a seeded sample of the 2000–2026 resolutions.

Truth is computed by :func:`bluehelmet.reuse.exact.exact_pairs` (word tuples, one sparse
product), which shares only the tokeniser with the engine. Recall is measured on the pairs
at Jaccard >= 0.6; precision on every pair the engine reports, boilerplate pairs included
(``find_reuse`` pairs boilerplate paragraphs too, in ``boilerplate_pairs``), against the
engine's own rule: Jaccard >= 0.6 or containment >= 0.8.
"""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.reuse.engine import find_reuse
from bluehelmet.reuse.exact import exact_pairs
from bluehelmet.reuse.verify import MIN_CONTAINMENT, MIN_JACCARD

SAMPLE = 400  # resolutions of 2000–2026
SEED = 2026


@pytest.fixture(scope="module")
def modern_sample(shared_data: Path) -> pd.DataFrame:
    """Operative paragraphs and subparagraphs of a seeded sample of modern resolutions."""
    from bluehelmet.documents import load_corpus
    from bluehelmet.reuse.inputs import paragraphs_from_resolutions

    folder = shared_data / "unsc" / "akn_2000_2026" / "resolutions"
    if not folder.is_dir():
        pytest.skip(f"modern resolution texts not found at {folder}")
    resolutions = load_corpus(folder, progress=False).resolutions
    picked = random.Random(SEED).sample(resolutions, SAMPLE)
    return paragraphs_from_resolutions(picked).reset_index(drop=True)


@pytest.mark.shared
def test_engine_finds_the_brute_force_pairs_of_modern_paragraphs(
    modern_sample: pd.DataFrame,
) -> None:
    paragraphs = modern_sample
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = find_reuse(paragraphs)
    assert result.problems == [] and result.params["capped_buckets"] == 0
    where = {key: i for i, key in enumerate(zip(paragraphs["doc"], paragraphs["id"], strict=True))}
    reported = pd.concat([result.pairs, result.boilerplate_pairs])
    ends = reported[["source_doc", "source_id", "target_doc", "target_id"]].to_numpy()
    reported_pairs = [frozenset((where[(sd, si)], where[(td, ti)])) for sd, si, td, ti in ends]
    found = set(reported_pairs)
    assert len(found) == len(reported)  # each pair once, in one table only
    exact = exact_pairs(paragraphs["text"], min_containment=MIN_CONTAINMENT)
    kept = {frozenset(p) for p in zip(exact["a"], exact["b"], strict=True)}
    high = exact["jaccard"] >= MIN_JACCARD
    truth = {frozenset(p) for p in zip(exact["a"][high], exact["b"][high], strict=True)}
    # large enough to matter: thousands of paragraphs, both kinds of pairs
    assert len(paragraphs) >= 4000 and len(truth) >= 1000
    assert len(result.pairs) >= 500 and len(result.boilerplate_pairs) >= 500
    recall = len(truth & found) / len(truth)
    print(f"{len(paragraphs)} paragraphs, {len(truth)} true pairs, recall {recall:.4f}")
    assert recall >= 0.98
    assert found <= kept  # precision 1.0
    ends_exact = zip(exact["a"], exact["b"], exact["jaccard"], strict=True)
    jaccard = {frozenset((a, b)): j for a, b, j in ends_exact}
    expected = [jaccard[pair] for pair in reported_pairs]
    assert reported["jaccard"].tolist() == pytest.approx(expected, abs=1e-12)
