"""Coding whole corpora: same tables as one-by-one coding, from the cache or a worker pool,
and a cache entry that is not plain coded rows is ignored."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.coding import batch
from bluehelmet.coding.batch import code_folders, code_many, coder_fingerprint
from bluehelmet.coding.code import code_texts
from bluehelmet.documents.model import Resolution
from bluehelmet.paths import cache_dir
from tests.coding.build import make_resolution

TEXTS = [
    "1. Authorizes Member States to use all necessary means to restore peace;",
    "1. Decides to extend the mandate of the United Nations Peace-keeping Force in Cyprus "
    "for a further period ending on 15 June 1993;",
    "1. Demands that all parties take all necessary measures to ensure safety;",
]


def _resolutions(n: int) -> list[Resolution]:
    out = []
    for i in range(n):
        res = make_resolution(TEXTS[i % len(TEXTS)], number=100 + i)
        out.append(dataclasses.replace(res, sha256=f"{i:064x}", source=f"r{i}.txt"))
    return out


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_cached_and_fresh_tables_equal_one_by_one_coding() -> None:
    docs = _resolutions(6)
    expected = code_texts(docs)
    fresh = code_many(docs)
    cached = code_many(docs)
    for got in (fresh, cached):
        for table in ("resolution", "paragraphs", "evidence", "label_rows"):
            _same(getattr(got, table), getattr(expected, table))
    folder = cache_dir() / "coded" / coder_fingerprint()
    assert len(list(folder.glob("*.json"))) >= 6


def test_a_worker_pool_gives_the_same_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_POOL_MIN", 2)
    docs = _resolutions(5)
    pooled = code_many(docs, workers=2, cache=False)
    _same(pooled.label_rows, code_texts(docs).label_rows)
    assert pooled.resolution["resolution"].tolist() == [100, 101, 102, 103, 104]


def test_a_planted_cache_entry_is_ignored_and_rewritten() -> None:
    doc = _resolutions(1)[0]
    expected = code_texts([doc]).resolution
    folder = cache_dir() / "coded" / coder_fingerprint()
    path = folder / f"{batch._key(doc)}.json"
    folder.mkdir(parents=True, exist_ok=True)
    fake = [[{"resolution": 1, "evil": {"__reduce__": "os.system"}}], [], [], []]
    path.write_text(json.dumps(fake), encoding="utf-8")
    _same(code_many([doc]).resolution, expected)
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert rewritten[0][0]["resolution"] == 100


def test_code_folders_reads_and_codes_a_folder(tmp_path: Path) -> None:
    (tmp_path / "S_RES_678_1990_EN.txt").write_text(
        "RESOLUTION 678 (1990)\n\nThe Security Council,\n\n"
        "1. Authorizes Member States to use all necessary means;\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("not a resolution", encoding="utf-8")
    read, coded = code_folders(tmp_path)
    assert [r.number for r in read.resolutions] == [678]
    assert coded.resolution["force_addressees"].tolist() == ["member_states"]
    assert [name for name, _ in read.skipped] == ["notes.txt"]
