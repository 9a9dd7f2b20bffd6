"""LSH band keys (Arrow) and the candidate self-join in numpy and in DuckDB."""

from __future__ import annotations

import warnings
from collections import defaultdict
from itertools import combinations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.reuse.engine import find_reuse
from bluehelmet.reuse.lsh import band_keys, candidates, join_duckdb, join_numpy
from bluehelmet.reuse.minhash import EMPTY, signatures
from bluehelmet.reuse.shingles import shingle_texts
from tests.reuse.test_engine import _corpus


@pytest.fixture(scope="module")
def planted() -> pd.DataFrame:
    return _corpus(seed=7)[0]


@pytest.fixture(scope="module")
def sig(planted: pd.DataFrame) -> np.ndarray:
    return signatures(shingle_texts(planted["text"]))


def _python_candidates(sig: np.ndarray, bands: int, max_bucket: int) -> set[tuple[int, int]]:
    """Candidates with plain dicts: bucket by the tuple of a band's values (independent)."""
    rows = sig.shape[1] // bands
    found: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for i, row in enumerate(sig.tolist()):
            if all(v == int(EMPTY) for v in row):
                continue
            buckets[tuple(row[band * rows : (band + 1) * rows])].append(i)
        for members in buckets.values():
            found.update(combinations(sorted(members)[:max_bucket], 2))
    return found


def _pairs(frame: pd.DataFrame) -> set[tuple[int, int]]:
    return set(zip(frame["a"].tolist(), frame["b"].tolist(), strict=True))


def test_numpy_and_duckdb_give_identical_candidates(sig: np.ndarray) -> None:
    numpy_pairs = candidates(sig, bands=32)
    duckdb_pairs = candidates(sig, bands=32, backend="duckdb")
    assert len(numpy_pairs) > 40  # the planted pairs at least
    pd.testing.assert_frame_equal(numpy_pairs, duckdb_pairs)
    assert _pairs(numpy_pairs) == _python_candidates(sig, 32, 2000)


def test_capped_buckets_agree(sig: np.ndarray) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        numpy_pairs = candidates(sig, bands=32, max_bucket=5)
        duckdb_pairs = candidates(sig, bands=32, max_bucket=5, backend="duckdb")
    # the boilerplate sentence stands alone in 60 documents: one bucket per band
    assert numpy_pairs.attrs["capped_buckets"] == duckdb_pairs.attrs["capped_buckets"] >= 32
    assert len(caught) == 2
    pd.testing.assert_frame_equal(numpy_pairs, duckdb_pairs)
    assert _pairs(numpy_pairs) == _python_candidates(sig, 32, 5)


def test_band_keys_table() -> None:
    sig = np.array(
        [[1, 2, 3, 4], [1, 2, 5, 6], [EMPTY] * 4, [9, 9, 3, 4]], dtype=np.uint32
    )  # fmt: skip
    keys = band_keys(sig, bands=2)
    assert keys.schema.names == ["paragraph", "band", "key"]
    assert keys.schema.field("key").type == pa.uint64()
    frame = keys.to_pandas()
    assert frame["paragraph"].tolist() == [0, 1, 3, 0, 1, 3]  # the empty row has no keys
    assert frame["band"].tolist() == [0, 0, 0, 1, 1, 1]
    key = dict(zip(zip(frame["paragraph"], frame["band"], strict=True), frame["key"], strict=True))
    assert key[(0, 0)] == key[(1, 0)] and key[(0, 1)] == key[(3, 1)]
    assert len({key[(0, 0)], key[(3, 0)], key[(1, 1)], key[(0, 1)]}) == 4
    assert key[(0, 0)] != key[(3, 1)]


def test_same_rows_in_different_bands_are_different_buckets() -> None:
    sig = np.array([[1, 2, 7, 7], [7, 7, 1, 2]], dtype=np.uint32)
    keys = band_keys(sig, bands=2)
    for join in (join_numpy, join_duckdb):
        pairs, capped = join(keys)
        assert pairs.shape == (0, 2) and capped == 0


def test_joins_on_an_empty_table() -> None:
    keys = band_keys(np.full((3, 4), EMPTY, dtype=np.uint32), bands=2)
    assert keys.num_rows == 0
    for join in (join_numpy, join_duckdb):
        pairs, capped = join(keys)
        assert pairs.shape == (0, 2) and capped == 0


def test_find_reuse_same_result_with_duckdb(planted: pd.DataFrame) -> None:
    numpy_result = find_reuse(planted)
    duckdb_result = find_reuse(planted, candidates="duckdb")
    pd.testing.assert_frame_equal(numpy_result.pairs, duckdb_result.pairs)
    pd.testing.assert_frame_equal(numpy_result.boilerplate_pairs, duckdb_result.boilerplate_pairs)
    assert duckdb_result.params["candidate_join"] == "duckdb"
    assert numpy_result.params["candidates"] == duckdb_result.params["candidates"]


def test_unknown_backend_is_refused(sig: np.ndarray, planted: pd.DataFrame) -> None:
    with pytest.raises(UsageError, match="unknown backend 'spark'; use numpy, duckdb"):
        candidates(sig, backend="spark")
    with pytest.raises(UsageError, match="^unknown candidates 'spark'; use numpy, duckdb$"):
        find_reuse(planted, candidates="spark")
