"""Which years have texts, and the yearly reuse measures that say so.

The Council's texts have a hole: no resolution (or statement) texts for 1995-1999. A year of
a document kind without any text is a *gap* (for resolutions: a year in which resolutions
were adopted, per the register's index, but none has a text). Gap years appear as rows with
NA measures, never as zeros, and novelty of a year whose previous ``lookback`` years hold a
gap is flagged (``past_complete`` False): it was measured against an incomplete past.

Confidence intervals come from a seeded bootstrap over the year's documents. Where the
share of adopted resolutions with a text (``coverage``) is known, the interval's half-widths
are scaled by the finite-population factor ``sqrt(1 - coverage)``: a year whose texts are
all there is described exactly, and the interval only says what missing texts may hide.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bluehelmet.reuse.boilerplate import UNDATED, years
from bluehelmet.reuse.measures import paragraph_reuse, resolution_reuse

#: Years before a year whose texts novelty is measured against (for ``past_complete``).
LOOKBACK = 5
#: Bootstrap resamples for the confidence intervals.
N_BOOT = 1000

YEARLY_COLUMNS = (
    "year", "kind", "n_docs", "n_docs_adopted", "coverage", "gap", "past_years_missing",
    "past_complete", "repetition_index", "ci_low", "ci_high", "novelty_median",
    "novelty_q25", "novelty_q75",
)  # fmt: skip


def adopted_per_year() -> pd.DataFrame:
    """Resolutions adopted per year (``year``, ``n_docs_adopted``), from the register's index.

    >>> int(adopted_per_year().set_index("year").loc[1999, "n_docs_adopted"])
    65
    """
    from bluehelmet.register.query import resolutions

    index = resolutions()
    counts = index.dropna(subset=["year"]).groupby("year").size()
    return counts.rename("n_docs_adopted").rename_axis("year").reset_index().astype(int)


def coverage(paragraphs: pd.DataFrame, adopted: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per year and document kind: ``n_docs`` with text, ``n_docs_adopted`` (resolutions,
    from ``adopted``: ``year``, ``n_docs_adopted``), ``coverage`` (their share with text) and
    ``gap`` (no text in a year the corpus spans; for resolutions, adopted ones but no text).

    Each kind has a row for every year from its first text (for resolutions with ``adopted``:
    or the first year with adopted ones, if earlier) to the corpus's last year.

    >>> paras = pd.DataFrame({"doc": ["A", "B", "C"], "date": ["1990", "1993-02-01", "1993"]})
    >>> adopted = pd.DataFrame({"year": [1990, 1991, 1992, 1993], "n_docs_adopted": [2] * 4})
    >>> coverage(paras, adopted)[["year", "n_docs", "coverage", "gap"]].values.tolist()
    [[1990, 1, 0.5, False], [1991, 0, 0.0, True], [1992, 0, 0.0, True], [1993, 2, 1.0, False]]
    """
    docs = _documents(paragraphs)
    dated = docs[docs["year"] != UNDATED]
    if dated.empty:
        return pd.DataFrame(columns=list(YEARLY_COLUMNS[:6]))
    last = int(dated["year"].max())
    rows = []
    for kind, part in dated.groupby("kind", sort=True):
        counts = part.groupby("year")["doc"].nunique()
        first = int(part["year"].min())
        if kind == "resolution" and adopted is not None:
            some = adopted.loc[adopted["n_docs_adopted"] > 0, "year"]
            first = min(first, int(some.min())) if len(some) else first
        for year in range(first, last + 1):
            rows.append((year, kind, int(counts.get(year, 0))))
    out = pd.DataFrame(rows, columns=["year", "kind", "n_docs"])
    n_adopted = pd.Series(pd.NA, index=out.index, dtype="Int64")
    if adopted is not None:
        per_year = adopted.set_index("year")["n_docs_adopted"]
        found = out["year"].map(per_year).astype("Int64")
        n_adopted = found.where(out["kind"] == "resolution", pd.NA)
    out["n_docs_adopted"] = n_adopted
    share = out["n_docs"] / n_adopted.astype("Float64")
    out["coverage"] = share.where(n_adopted > 0, pd.NA).clip(upper=1.0)
    out["gap"] = (out["n_docs"] == 0) & n_adopted.fillna(1).gt(0).astype(bool)
    return out


def yearly(
    pairs: pd.DataFrame, paragraphs: pd.DataFrame, adopted: pd.DataFrame | None = None, *,
    lookback: int = LOOKBACK, seed: int = 1, n_boot: int = N_BOOT,
) -> pd.DataFrame:  # fmt: skip
    """:func:`coverage` with the year's measures per document kind (same-kind pairs only):
    ``repetition_index`` (mean reused share of the year's paragraphs) with a bootstrap
    interval over documents (``ci_low``, ``ci_high``; ``seed``, ``n_boot`` resamples;
    narrowed by ``sqrt(1 - coverage)`` where coverage is known), novelty of the year's
    documents (``novelty_median``, ``novelty_q25``, ``novelty_q75``), ``past_years_missing``
    (gap years among the ``lookback`` years before, from the corpus's first year) and
    ``past_complete``. Years without documents have NA measures.

    >>> paras = pd.DataFrame({"doc": ["A", "B"], "id": ["1", "1"], "text": ["abcd", "abcd"],
    ...     "date": ["1990", "1993"]})
    >>> pairs = pd.DataFrame([["A", "1", "B", "1", 1.0, 1.0, 0, 4, 0, 4]], columns=[
    ...     "source_doc", "source_id", "target_doc", "target_id", "jaccard", "containment",
    ...     "source_start", "source_end", "target_start", "target_end"])
    >>> t = yearly(pairs, paras)
    >>> t[["year", "gap", "past_complete", "repetition_index"]].values.tolist()[2:]
    [[1992, True, False, nan], [1993, False, False, 1.0]]
    """
    out = coverage(paragraphs, adopted)
    if out.empty:
        return pd.DataFrame(columns=list(YEARLY_COLUMNS))
    per = paragraph_reuse(pairs, paragraphs)
    per["year"] = years(per["date"].tolist())
    sums = per.groupby("doc", sort=False).agg(share=("reused_share", "sum"), n=("id", "size"))
    docs = resolution_reuse(pairs, paragraphs).set_index("doc")
    docs = docs.join(sums).assign(year=years(docs["date"].tolist()))
    rng = np.random.default_rng(seed)
    measures = []
    for row in out.itertuples(index=False):
        part = docs[(docs["year"] == row.year) & (docs["kind"] == row.kind)]
        measures.append(_measures(part, row.coverage, rng, n_boot))
    out = pd.concat([out, pd.DataFrame(measures, index=out.index)], axis=1)
    first = int(out["year"].min())
    missing = []
    for row in out.itertuples(index=False):
        has = set(out.loc[(out["kind"] == row.kind) & (out["n_docs"] > 0), "year"])
        before = range(max(first, row.year - lookback), row.year)
        missing.append(sum(year not in has for year in before))
    out["past_years_missing"] = missing
    out["past_complete"] = out["past_years_missing"] == 0
    return out[list(YEARLY_COLUMNS)]


def _measures(part: pd.DataFrame, cover: object, rng: np.random.Generator,
              n_boot: int) -> dict[str, float]:  # fmt: skip
    """Repetition index with its interval and novelty quartiles of one year's documents."""
    if part.empty:
        keys = ("repetition_index", "ci_low", "ci_high", "novelty_median", "novelty_q25",
                "novelty_q75")  # fmt: skip
        return dict.fromkeys(keys, np.nan)
    share, n = part["share"].to_numpy(dtype=float), part["n"].to_numpy(dtype=float)
    index = share.sum() / n.sum()
    draw = rng.integers(0, len(part), size=(n_boot, len(part)))
    boot = share[draw].sum(axis=1) / n[draw].sum(axis=1)
    low, high = np.quantile(boot, [0.025, 0.975])
    scale = 1.0 if pd.isna(cover) else float(np.sqrt(max(0.0, 1.0 - float(cover))))  # type: ignore[arg-type]
    novelty = part["novelty"].to_numpy(dtype=float)
    return {
        "repetition_index": index,
        "ci_low": index - (index - low) * scale,
        "ci_high": index + (high - index) * scale,
        "novelty_median": float(np.median(novelty)),
        "novelty_q25": float(np.quantile(novelty, 0.25)),
        "novelty_q75": float(np.quantile(novelty, 0.75)),
    }


def _documents(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per document: ``doc``, ``kind`` (missing: "resolution") and ``year``."""
    docs = paragraphs.drop_duplicates("doc")
    kind = (
        docs["kind"].fillna("").astype(str) if "kind" in docs else pd.Series("", index=docs.index)
    )
    return pd.DataFrame(
        {
            "doc": docs["doc"].astype(str).to_numpy(),
            "kind": kind.where(kind != "", "resolution").to_numpy(),
            "year": years(docs["date"].fillna("").astype(str).tolist())
            if "date" in docs
            else np.full(len(docs), UNDATED),
        }
    )
