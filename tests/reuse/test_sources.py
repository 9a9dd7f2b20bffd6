"""Several folders read as one corpus, the default corpus, and what a run refuses."""

from __future__ import annotations

import json
import os
import shutil
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import bluehelmet as bh
from bluehelmet.cli import app
from bluehelmet.errors import UsageError
from bluehelmet.paths import document_corpus, shared_corpora
from bluehelmet.reuse.engine import find_reuse
from bluehelmet.reuse.inputs import read_paragraphs
from bluehelmet.reuse.stream import stream_reuse

BODY = (
    "Calls upon all parties to cooperate fully with the force and to respect its freedom "
    "of movement at all times"
)
HEAD = "RESOLUTION {} ({})\n\nThe Security Council,\n\n"


def _resolution(folder: Path, number: int, year: int, paragraphs: list[str]) -> None:
    numbered = "\n\n".join(f"{k}. {text}" for k, text in enumerate(paragraphs, start=1))
    (folder / f"S_RES_{number:04d}_{year}_EN.txt").write_text(HEAD.format(number, year) + numbered)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Folder A (resolutions 100 and 150) and folder B (resolution 200, repeating 100's 1)."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    _resolution(a, 100, 1950, [f"{BODY};", "Decides to remain seized of the matter."])
    _resolution(a, 150, 1955, ["Welcomes the elections held in the provinces last month."])
    _resolution(b, 200, 1960, ["Welcomes the report of the Secretary-General;", f"{BODY}."])
    return a, b


def _pairs(out: Path) -> list[list[str]]:
    return pd.read_csv(out / "pairs.csv")[["source_id", "target_id"]].values.tolist()


def _params(out: Path) -> dict[str, object]:
    params: dict[str, object] = json.loads((out / "params.json").read_text())
    return params


def test_folders_read_together_give_the_union_of_paragraphs(folders: tuple[Path, Path]) -> None:
    a, b = folders
    both, problems = read_paragraphs([a, b])
    apart = [read_paragraphs(folder)[0] for folder in folders]
    assert sorted(both["id"]) == sorted(pd.concat(apart)["id"])
    assert sorted(both["id"]) == ["100:1", "100:2", "150:1", "200:1", "200:2"]
    assert problems == []
    # a folder named twice is read once, not reported as duplicates of itself
    again, problems = read_paragraphs([a, b, a])
    assert sorted(again["id"]) == sorted(both["id"]) and problems == []


def test_a_pair_across_folders_is_found(folders: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = folders
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["reuse", str(a), str(b), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert _pairs(out) == [["100:1", "200:2"]]
    assert _params(out)["sources"] == [str(a), str(b)]
    assert _params(out)["paragraphs"] == 5
    # each folder alone has no pair
    for folder in folders:
        bh.run_reuse(folder, tmp_path / folder.name / "out")
        assert _pairs(tmp_path / folder.name / "out") == []


def test_the_api_takes_a_list_of_folders(folders: tuple[Path, Path], tmp_path: Path) -> None:
    files, problems = bh.run_reuse(list(folders), tmp_path / "out")
    assert tmp_path / "out" / "pairs.csv" in files and problems == []
    assert _pairs(tmp_path / "out") == [["100:1", "200:2"]]


def test_a_file_with_a_folder_is_refused(folders: tuple[Path, Path], tmp_path: Path) -> None:
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"doc": "A", "id": "1", "text": BODY}) + "\n")
    for args in ([source, folders[0]], [folders[0], source], [source, source.with_name("q.jsonl")]):
        if not args[-1].exists():
            shutil.copy(source, args[-1])
        out = tmp_path / "out"
        result = CliRunner().invoke(app, ["reuse", *map(str, args), "--out", str(out)])
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1 and "give one JSON Lines or Parquet" in result.stderr
        assert not out.exists()
    with pytest.raises(UsageError, match="is a file"):
        bh.run_reuse([folders[0], source], tmp_path / "api")


def test_stream_reads_several_folders_as_one_corpus(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = folders
    out = tmp_path / "out"
    args = ["reuse", "run", str(a), str(b), "--out", str(out), "--stream", "--batch-size", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert _pairs(out) == [["100:1", "200:2"]]
    assert _params(out)["sources"] == [str(a), str(b)]
    assert _params(out)["paragraphs"] == 5 and _params(out)["engine"] == "stream"


def test_stream_of_several_folders_gives_the_in_memory_pairs(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    paragraphs, _ = read_paragraphs(list(folders))
    memory = find_reuse(paragraphs, min_docs=2)
    streamed = stream_reuse(list(folders), tmp_path, batch_size=1, pair_boilerplate=True,
                            min_docs=2)  # fmt: skip
    assert streamed.problems == []
    keys = {"source_id": str, "target_id": str}
    for name in ("pairs", "boilerplate_pairs"):
        table = pd.read_csv(tmp_path / f"{name}.csv", dtype=keys, keep_default_na=False)
        expected = getattr(memory, name)
        pd.testing.assert_frame_equal(
            table,
            pd.read_csv(StringIO(expected.to_csv(index=False)), dtype=keys, keep_default_na=False),
        )
    assert memory.pairs[["source_id", "target_id"]].values.tolist() == [["100:1", "200:2"]]


def test_no_source_reads_the_configured_corpus(
    folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = folders
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(a))
    out = tmp_path / "one"
    result = CliRunner().invoke(app, ["reuse", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert _params(out)["sources"] == [str(a)] and _params(out)["paragraphs"] == 3
    monkeypatch.setenv("BLUEHELMET_CORPUS", os.pathsep.join([str(a), str(b)]))
    out = tmp_path / "both"
    result = CliRunner().invoke(app, ["reuse", "run", "--out", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert _params(out)["sources"] == [str(a), str(b)]
    assert _pairs(out) == [["100:1", "200:2"]]


def test_no_source_and_no_corpus_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLUEHELMET_CORPUS", str(tmp_path / "absent"))
    monkeypatch.setenv("BLUEHELMET_SHARED_DATA", str(tmp_path / "absent"))
    result = CliRunner().invoke(app, ["reuse", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: SOURCE: none given and no corpus found")


def test_reuse_help_still_lists_the_subcommands() -> None:
    result = CliRunner().invoke(app, ["reuse", "--help"])
    assert result.exit_code == 0
    assert "force-repetition" in result.output and "run" in result.output
    assert "--min-jaccard" not in result.output  # the group's help, not run's


@pytest.mark.shared
def test_the_default_corpus_is_every_shared_text(
    shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BLUEHELMET_CORPUS", raising=False)
    akn = shared_data / "unsc" / "akn_2000_2026"
    expected = [
        *shared_corpora(),
        akn / "presidential_statements",
        akn / "drafts_not_adopted",
    ]
    assert list(document_corpus()) == expected
    assert akn / "resolutions" in expected


@pytest.mark.shared
def test_shared_folders_together_give_every_document_kind(
    shared_data: Path, tmp_path: Path
) -> None:
    akn = shared_data / "unsc" / "akn_2000_2026"
    picks = {
        "resolutions": sorted((akn / "resolutions").rglob("*.xml"))[:2],
        "statements": sorted((akn / "presidential_statements").rglob("*.xml"))[:2],
        "drafts": sorted((akn / "drafts_not_adopted").rglob("*.xml"))[:1],
    }
    for name, files in picks.items():
        (tmp_path / name).mkdir()
        for file in files:
            shutil.copy(file, tmp_path / name / file.name)
    table, _ = read_paragraphs([tmp_path / name for name in picks])
    counts = table.groupby("kind")["doc"].nunique().to_dict()
    assert counts == {"resolution": 2, "presidential_statement": 2, "draft": 1}
