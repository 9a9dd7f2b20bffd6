"""load_corpus: file-name styles, per-file errors, summary, cache."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from bluehelmet.documents import corpus as corpus_module
from bluehelmet.documents import load_corpus
from bluehelmet.errors import DataFormatError
from tests.documents.pdfs import RESOLUTION_PAGES, write_pdf

DATA = Path(__file__).parents[1] / "data" / "documents"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "texts"
    root.mkdir()
    copies = {
        "two_sections.txt": ["S_RES_9003_1993_EN_GOLD.txt", "S_RES_9003_1993_EN_copy.txt"],
        "preamble_clause.txt": ["S-RES-9005(1991).txt"],
        "resolution.html": ["S_RES_9006_1999_EN.html"],
        "empty.txt": ["empty.txt"],
        "binary.txt": ["binary.txt"],
        "french.txt": ["french.txt"],
        "not_resolution.txt": ["notes.txt"],
    }
    for source, names in copies.items():
        for name in names:
            shutil.copy(DATA / source, root / name)
    write_pdf(root / "N9412345.pdf", RESOLUTION_PAGES)
    (root / "README.md").write_text("# texts\n", encoding="utf-8")
    (root / "anonymous.txt").write_text("The Security Council,\n\n1. Decides.", encoding="utf-8")
    return root


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("BLUEHELMET_CACHE", str(path))
    return path / "documents"


def test_reads_every_style_and_skips_bad_files_with_reasons(folder: Path, cache_root: Path) -> None:
    result = load_corpus(folder, progress=False)
    assert [r.number for r in result.resolutions] == [9002, 9003, 9005, 9006, None]
    assert Path(result.resolutions[0].source).name == "N9412345.pdf"
    assert dict(result.skipped) == {
        "README.md": "unsupported file type .md",
        "S_RES_9003_1993_EN_copy.txt": "duplicate of S_RES_9003_1993_EN_GOLD.txt",
        "binary.txt": "binary file (NUL bytes), not text",
        "empty.txt": "empty file",
        "french.txt": "not English (looks French)",
        "notes.txt": "not a resolution (no mention of the Security Council)",
    }
    assert result.summary() == (
        "5 resolutions read, 6 files skipped (binary file (NUL bytes), not text: 1, "
        "duplicate: 1, empty file: 1, "
        "not English (looks French): 1, "
        "not a resolution (no mention of the Security Council): 1, "
        "unsupported file type .md: 1)"
    )


def test_an_unexpected_error_in_one_file_does_not_stop_the_run(
    folder: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = corpus_module.parse_resolution

    def flaky(raw: str, **kwargs: object) -> object:
        if "9005" in raw:
            raise RuntimeError("boom")
        return real(raw, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_module, "parse_resolution", flaky)
    result = load_corpus(folder, cache=False, progress=False)
    assert ("S-RES-9005(1991).txt", "unexpected error: RuntimeError") in result.skipped
    assert [r.number for r in result.resolutions] == [9002, 9003, 9006, None]


def test_cache_is_used_and_a_corrupt_entry_is_rewritten(
    folder: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_corpus(folder, progress=False)
    entries = sorted(cache_root.glob("*.json"))
    assert len(entries) == 5  # one per distinct parsed content
    assert all(f"-v{corpus_module.PARSER_VERSION}." in e.name for e in entries)

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again instead of using the cache")

    monkeypatch.setattr(corpus_module, "parse_resolution", fail)
    second = load_corpus(folder, progress=False)
    assert [r.paragraphs for r in second.resolutions] == [r.paragraphs for r in first.resolutions]
    assert [r.source for r in second.resolutions] == [r.source for r in first.resolutions]

    monkeypatch.undo()
    monkeypatch.setenv("BLUEHELMET_CACHE", str(cache_root.parent))
    entries[0].write_bytes(b"not a pickle")
    third = load_corpus(folder, progress=False)
    assert len(third.resolutions) == 5
    assert entries[0].read_bytes() != b"not a pickle"


def test_without_cache_nothing_is_written(folder: Path, cache_root: Path) -> None:
    load_corpus(folder, cache=False, progress=False)
    assert not list(cache_root.glob("*.json"))


def test_progress_bar_runs(folder: Path, cache_root: Path) -> None:
    assert len(load_corpus(folder, cache=False, progress=True).resolutions) == 5


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match="not a folder"):
        load_corpus(tmp_path / "missing")


def test_a_planted_entry_that_is_not_exactly_a_resolution_is_parsed_again(
    folder: Path, cache_root: Path
) -> None:
    first = load_corpus(folder, progress=False)
    entry = sorted(cache_root.glob("*.json"))[0]
    data = json.loads(entry.read_text(encoding="utf-8"))
    end = data["paragraphs"][0][3]
    data["paragraphs"][0][3] = len(data["text"]) + 5  # a span beyond the text
    entry.write_text(json.dumps(data), encoding="utf-8")
    again = load_corpus(folder, progress=False)
    assert [r.paragraphs for r in again.resolutions] == [r.paragraphs for r in first.resolutions]
    assert json.loads(entry.read_text(encoding="utf-8"))["paragraphs"][0][3] == end


def test_no_pickle_is_ever_loaded(folder: Path, cache_root: Path) -> None:
    load_corpus(folder, progress=False)
    entry = sorted(cache_root.glob("*.json"))[0]
    entry.write_bytes(pickle.dumps(["planted"]))
    result = load_corpus(folder, progress=False)
    assert len(result.resolutions) == 5
    assert entry.read_bytes().startswith(b"{")
