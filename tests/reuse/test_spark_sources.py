"""How the Spark engine tells its input: by the files of a local folder, by a URI's suffix,
or as told; these checks need neither PySpark nor Java."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.reuse.spark.sources import input_format, spark_input, stamp
from tests.carryover_corpus import write_two_mandates


def _folder(root: Path, *names: str) -> Path:
    root.mkdir()
    for name in names:
        (root / name).write_text("")
    return root


def test_folders_are_told_by_their_files(tmp_path: Path) -> None:
    parquet = _folder(tmp_path / "p", "part-00000-a.snappy.parquet", "_SUCCESS", ".x.crc")
    jsonl = _folder(tmp_path / "j", "part-00000-a.json.gz", "part-00001-a.json")
    docs = write_two_mandates(tmp_path / "docs")
    assert input_format(str(parquet)) == "parquet"
    assert input_format(jsonl.as_uri()) == "jsonl"
    assert input_format(str(docs)) == "documents"
    assert input_format(str(parquet), "jsonl") == "jsonl"  # as told


def test_a_folder_of_two_formats_is_refused(tmp_path: Path) -> None:
    mixed = _folder(tmp_path / "m", "part-0.parquet", "part-1.jsonl")
    with pytest.raises(DataFormatError, match=r"only JSON Lines or only Parquet"):
        input_format(str(mixed))


def test_a_uri_needs_a_suffix_or_a_format() -> None:
    assert input_format("hdfs://nn/corpora/un.parquet/") == "parquet"
    with pytest.raises(UsageError, match=r"--input-format jsonl\|parquet"):
        input_format("s3a://bucket/corpus")
    with pytest.raises(UsageError, match=r"unknown input_format 'csv'"):
        input_format("s3a://bucket/corpus", "csv")


def test_several_sources_must_be_council_folders(tmp_path: Path) -> None:
    a = write_two_mandates(tmp_path / "a")
    b = write_two_mandates(tmp_path / "b")
    read = spark_input([a, b.as_uri()])
    assert (read.fmt, read.folders) == ("documents", (a, b))
    (tmp_path / "p.jsonl").write_text("")
    with pytest.raises(UsageError, match=r"only as folders of Council documents"):
        spark_input([a, tmp_path / "p.jsonl"])


def test_a_changed_folder_has_a_new_stamp(tmp_path: Path) -> None:
    folder = write_two_mandates(tmp_path / "docs")
    before = stamp(str(folder))
    (folder / "S_RES_2100_2013_EN.txt").write_text("changed")
    assert len(before) == 2 and stamp(str(folder)) != before
