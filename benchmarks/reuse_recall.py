"""Benchmark: reuse pairs of the whole corpus 1946–2026, time, recall and precision.

Run: .venv/bin/python benchmarks/reuse_recall.py   (needs ../shared/data; prints numbers only)
Target (issue): the whole corpus's pairs in under 10 s on 2 cores; recall >= 0.98 against
brute force at Jaccard >= 0.6 and precision 1.0 after verification, on modern paragraphs.

Paragraphs: every operative paragraph and subparagraph of both shared folders (1946–1994
texts, 2000–2026 XML), as ``bluehelmet reuse`` cuts them. Brute force
(:func:`bluehelmet.reuse.exact.exact_pairs`: word tuples, one sparse product; shares only
the tokeniser with the engine) runs on the 2000–2026 paragraphs and on all of them. Recall:
share of the pairs at Jaccard >= 0.6 that the engine reports (``pairs`` or
``boilerplate_pairs``); precision: share of reported pairs at Jaccard >= 0.6 or
containment >= 0.8 (the engine's rule), both exact.
"""

from __future__ import annotations

import os
import time
import warnings

import pandas as pd

from bluehelmet.documents import load_corpus
from bluehelmet.paths import shared_corpora
from bluehelmet.reuse.engine import ReuseResult, find_reuse
from bluehelmet.reuse.exact import exact_pairs
from bluehelmet.reuse.inputs import paragraphs_from_resolutions
from bluehelmet.reuse.verify import MIN_CONTAINMENT, MIN_JACCARD
from reuse import CPU, stages, timed


def quality(paragraphs: pd.DataFrame, result: ReuseResult) -> tuple[int, float, float, float]:
    """True pairs at Jaccard >= 0.6, recall, precision and the brute force's wall time."""
    where = {key: i for i, key in enumerate(zip(paragraphs["doc"], paragraphs["id"], strict=True))}
    reported = pd.concat([result.pairs, result.boilerplate_pairs])
    ends = reported[["source_doc", "source_id", "target_doc", "target_id"]]
    found = {frozenset((where[(a, b)], where[(c, d)])) for a, b, c, d in ends.to_numpy()}
    start = time.perf_counter()
    exact = exact_pairs(paragraphs["text"], min_containment=MIN_CONTAINMENT)
    took = time.perf_counter() - start
    kept = {frozenset(p) for p in zip(exact["a"], exact["b"], strict=True)}
    high = exact["jaccard"] >= MIN_JACCARD
    truth = {frozenset(p) for p in zip(exact["a"][high], exact["b"][high], strict=True)}
    return len(truth), len(truth & found) / len(truth), len(found & kept) / len(found), took


def report(name: str, paragraphs: pd.DataFrame, result: ReuseResult) -> None:
    """Print the counts, recall and precision of one run."""
    n_true, recall, precision, took = quality(paragraphs, result)
    print(
        f"{name}: {len(paragraphs)} paragraphs in {paragraphs['doc'].nunique()} resolutions; "
        f"{len(result.pairs)} reuse + {len(result.boilerplate_pairs)} boilerplate pairs "
        f"({result.params['boilerplate_paragraphs']} boilerplate paragraphs, "
        f"{result.params['candidates']} candidates, {result.params['capped_buckets']} capped "
        f"buckets)"
    )
    print(
        f"  brute force ({took:.1f} s): {n_true} pairs at Jaccard >= 0.6; recall {recall:.4f} "
        f"(target >= 0.98), precision {precision:.4f} (target 1.0)"
    )


def main() -> None:
    warnings.simplefilter("ignore")
    folders = shared_corpora()
    (corpus, load) = timed(lambda: load_corpus(list(folders), progress=False), label="load")
    paragraphs, code = timed(lambda: paragraphs_from_resolutions(corpus.resolutions), label="code")
    print(
        f"corpus: {', '.join(f.name for f in folders)}; {corpus.summary()}; {os.cpu_count()} CPUs"
    )
    print(f"load average: {os.getloadavg()[0]:.1f}; wall s (CPU s, all threads)")
    print(f"read folders:                    {load:6.2f} s ({CPU['load']:.2f})")
    print(f"cut + code paragraphs:           {code:6.2f} s ({CPU['code']:.2f})")
    result, engine = timed(lambda: find_reuse(paragraphs), repeat=3, label="engine")
    print(f"engine, whole corpus, best of 3: {engine:6.2f} s ({CPU['engine']:.2f}) (target < 10 s)")
    for name, took in stages(paragraphs).items():
        print(f"  stage {name:18s} {took:6.3f} s")
    modern = paragraphs[paragraphs["date"].str[:4] >= "2000"].reset_index(drop=True)
    report("2000–2026", modern, find_reuse(modern))
    report("1946–2026", paragraphs, result)


if __name__ == "__main__":
    main()
